// The tender screen's store credit (issue 14, point 4) with a recording SyncPort standing in for
// the office desk: the test plays the office's answers as the reports the desk would post.
#include <doctest/doctest.h>

#include "app_till.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/ledger/ledger.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::AppTill;

namespace {

constexpr const char* kNoOffice =
    "Store credit needs the back office, which cannot be reached: take another tender";

// On the tender screen for the demo pair (£11.45), store credit chosen.
void ChooseStoreCredit(AppTill& till) {
    till.sync.office_link = true;
    till.SignInAndOpenShift();
    till.Do(ScanCode{"5060123450019"});
    till.Do(ScanCode{"5060456110017"});
    till.Do(StartTender{});
    REQUIRE(till.View().screen == Screen::kTender);
    REQUIRE(till.View().tender.due_text == "£11.45");
    till.Do(ChooseTender{TenderKind::kStoreCredit});
    REQUIRE(till.View().tender.entering == TenderKind::kStoreCredit);
    CHECK_FALSE(till.View().tender.credit_card_known);
}

std::string Spaced(const std::string& card) {
    return card.substr(0, 4) + " " + card.substr(4, 4) + " " + card.substr(8, 4) + " " +
           card.substr(12);
}

CreditBalanceReport Balance(std::uint64_t request, const std::string& card, std::int64_t minor) {
    CreditBalanceReport report;
    report.request = request;
    report.reached = true;
    report.found = true;
    report.card_number = card;
    report.currency = "GBP";
    report.balance_minor = minor;
    return report;
}

// The office did not answer for a card (reached = false) or said no.
CreditBalanceReport NoBalance(std::uint64_t request, bool reached, const std::string& message) {
    CreditBalanceReport report;
    report.request = request;
    report.reached = reached;
    report.message = message;
    return report;
}

CreditRedemptionReport NotDone(std::uint64_t request, CreditAction action, bool reached,
                               const std::string& message) {
    CreditRedemptionReport report;
    report.request = request;
    report.action = action;
    report.reached = reached;
    report.message = message;
    return report;
}

CreditRedemptionReport Redeemed(std::uint64_t request, const std::string& card, std::int64_t amount,
                                std::int64_t balance, const std::string& id = "redemption-1") {
    CreditRedemptionReport report;
    report.request = request;
    report.action = CreditAction::kRedeem;
    report.reached = true;
    report.accepted = true;
    report.redemption_id = id;
    report.card_number = card;
    report.amount_minor = amount;
    report.balance_minor = balance;
    return report;
}

// Card checked (balance `minor`), then `amount` redeemed and answered: a payment on screen.
void PayWithCredit(AppTill& till, const std::string& card, std::int64_t minor,
                   const std::string& amount, std::int64_t amount_minor) {
    till.Do(CheckStoreCredit{card});
    till.Post(Balance(till.sync.requests, card, minor));
    till.Do(AddPayment{amount, ""});
    REQUIRE(till.sync.redemptions.size() == 1);
    till.Post(Redeemed(till.sync.requests, card, amount_minor, minor - amount_minor));
    REQUIRE(till.View().tender.payments.size() == 1);
}

std::vector<orders::Payment> JournalledPayments(store::Database& db) {
    std::vector<orders::Payment> payments;
    ledger::Ledger ledger(db);
    REQUIRE(ledger.ForEach([&](std::int64_t, const ledger::Event& event) -> Status {
        if (const auto* sale = std::get_if<ledger::OrderPlaced>(&event.payload))
            payments = sale->payments;
        return {};
    }));
    return payments;
}

}  // namespace

TEST_CASE(
    "issue 14: store credit checks the card's number, shows its balance by the last four digits, "
    "caps the amount, and takes the payment only once the office redeemed it") {
    AppTill till("credit-tender");
    ChooseStoreCredit(till);
    const TenderView& tender = till.View().tender;
    const std::string card = credit::NewCardNumber();
    const std::string tail = card.substr(12);

    // A number that is not one is refused here, before the office is asked.
    till.Do(CheckStoreCredit{"1234 5678"});
    CHECK(tender.message == "A card number has 16 digits, not 8");
    std::string mistyped = card;
    mistyped[15] = mistyped[15] == '9' ? '0' : static_cast<char>(mistyped[15] + 1);
    till.Do(CheckStoreCredit{mistyped});
    CHECK(tender.message == "Card number …" + mistyped.substr(12) + " is mistyped: check it");
    CHECK(till.sync.credit_checks.empty());

    // Typed in groups of four: the office is asked for the balance.
    till.Do(CheckStoreCredit{Spaced(card)});
    REQUIRE(till.sync.credit_checks == std::vector<std::string>{card});
    CHECK(tender.message == "Checking the card with the office…");
    CHECK(tender.credit_busy);
    CHECK_FALSE(tender.credit_card_known);
    const auto generation = tender.entry_generation;

    till.Post(Balance(till.sync.requests, card, 1250));
    CHECK_FALSE(tender.credit_busy);
    REQUIRE(tender.credit_card_known);
    CHECK(tender.credit_text == "Card …" + tail + " holds £12.50");
    CHECK(tender.credit_text.find(card.substr(0, 12)) == std::string::npos);
    CHECK(tender.entry_generation != generation);
    CHECK(tender.amount_prefill == "11.45");  // the lesser of £12.50 and the £11.45 due

    // Never more than the balance, nor than what is due.
    till.Do(AddPayment{"11.50", ""});
    CHECK(tender.message == "Store credit can be at most the £11.45 still due");
    till.Do(AddPayment{"13.00", ""});
    CHECK(tender.message == "Card …" + tail + " holds only £12.50");
    CHECK(till.sync.redemptions.empty());

    // £4.00 asked of the office: no payment until it answers, and the sale cannot complete.
    till.Do(AddPayment{"4.00", ""});
    REQUIRE(till.sync.redemptions.size() == 1);
    CHECK(till.sync.redemptions[0].card_number == card);
    CHECK(till.sync.redemptions[0].amount.Minor() == 400);
    CHECK(till.sync.redemptions[0].staff_id == "staff-zoe");
    CHECK(tender.payments.empty());
    CHECK(tender.message == "Checking the card with the office…");
    till.Do(CompleteSale{"", "", true});
    CHECK_FALSE(tender.completed);
    CHECK(tender.message == "Waiting for the office's answer about store credit");

    till.Post(Redeemed(till.sync.requests, card, 400, 850));
    REQUIRE(tender.payments.size() == 1);
    CHECK(tender.payments[0].tender_text == "Store credit …" + tail);
    CHECK(tender.payments[0].amount_text == "£4.00");
    CHECK(tender.remaining_text == "£7.45");
    CHECK(tender.message == "£4.00 taken off card …" + tail +
                                ", which now holds £8.50; £7.45 "
                                "still due");
    CHECK_FALSE(tender.entering);

    // The rest in cash: one OrderPlaced naming the redemption.
    till.Do(ChooseTender{TenderKind::kCash});
    till.Do(CompleteSale{"10.00", "", true});
    REQUIRE(tender.completed);
    CHECK(tender.change_text == "Change £2.55");
    const auto payments = JournalledPayments(till.till.db);
    REQUIRE(payments.size() == 2);
    CHECK(payments[0].tender == orders::Tender::kStoreCredit);
    CHECK(payments[0].amount.Minor() == 400);
    CHECK(payments[0].reference == "redemption-1");
    CHECK(payments[1].tender == orders::Tender::kCash);
    CHECK(payments[1].amount.Minor() == 745);
    // A completed sale keeps its redemption.
    till.Do(NewSale{});
    CHECK(till.sync.cancels.empty());
}

TEST_CASE("issue 14: a card holding less than is due prefills its balance, and pays it all") {
    AppTill till("credit-all");
    ChooseStoreCredit(till);
    const std::string card = credit::NewCardNumber();
    till.Do(CheckStoreCredit{card});
    till.Post(Balance(till.sync.requests, card, 500));
    CHECK(till.View().tender.amount_prefill == "5.00");

    // A sale paid entirely by store credit.
    AppTill whole("credit-whole");
    ChooseStoreCredit(whole);
    whole.Do(CheckStoreCredit{card});
    whole.Post(Balance(whole.sync.requests, card, 2000));
    whole.Do(CompleteSale{"11.45", "", true});  // asks the office first
    CHECK_FALSE(whole.View().tender.completed);
    whole.Post(Redeemed(whole.sync.requests, card, 1145, 855));
    CHECK(whole.View().tender.can_complete);
    whole.Do(CompleteSale{"", "", true});
    REQUIRE(whole.View().tender.completed);
    CHECK(whole.View().tender.change_text.empty());
    CHECK(whole.devices.calls == std::vector<std::string>{"print"});  // no cash: no drawer
    const auto payments = JournalledPayments(whole.till.db);
    REQUIRE(payments.size() == 1);
    CHECK(payments[0].tender == orders::Tender::kStoreCredit);
}

TEST_CASE("issue 14: the office's refusals are shown, and no payment is taken") {
    AppTill till("credit-refused");
    ChooseStoreCredit(till);
    const std::string card = credit::NewCardNumber();
    till.Do(CheckStoreCredit{card});
    till.Post(NoBalance(till.sync.requests, true, "no store credit on card …" + card.substr(12)));
    CHECK(till.View().tender.message ==
          "Store credit refused: no store credit on card …" + card.substr(12));
    CHECK_FALSE(till.View().tender.credit_card_known);

    // A card spent to nothing: the number is asked for again.
    till.Do(CheckStoreCredit{card});
    till.Post(Balance(till.sync.requests, card, 0));
    CHECK(till.View().tender.message ==
          "Card …" + card.substr(12) + " holds nothing: take another tender");
    CHECK_FALSE(till.View().tender.credit_card_known);

    till.Do(CheckStoreCredit{card});
    till.Post(Balance(till.sync.requests, card, 1000));
    till.Do(AddPayment{"10.00", ""});
    till.Post(NotDone(till.sync.requests, CreditAction::kRedeem, true,
                      "card …" + card.substr(12) + " holds 2.00 GBP"));
    CHECK(till.View().tender.payments.empty());
    CHECK(till.View().tender.message ==
          "Store credit refused: card …" + card.substr(12) + " holds 2.00 GBP");

    // An answer for a question no longer asked (another card chosen since) changes nothing.
    till.Do(CheckStoreCredit{card});
    const auto stale = till.sync.requests;
    till.Do(ChooseTender{TenderKind::kCash});
    till.Post(Balance(stale, card, 1000));
    CHECK_FALSE(till.View().tender.credit_card_known);
    CHECK(till.View().tender.entering == TenderKind::kCash);
}

TEST_CASE("issue 14: offline, store credit is refused plainly and no payment is taken") {
    AppTill till("credit-offline");
    ChooseStoreCredit(till);
    const std::string card = credit::NewCardNumber();
    // No office link at all: refused at once.
    till.sync.office_link = false;
    till.Do(CheckStoreCredit{card});
    CHECK(till.View().tender.message == kNoOffice);
    CHECK_FALSE(till.View().tender.credit_busy);

    // The desk could not reach the office, for the balance or for the redemption.
    till.sync.office_link = true;
    till.Do(CheckStoreCredit{card});
    till.Post(NoBalance(till.sync.requests, false, "The office cannot be reached (refused)"));
    CHECK(till.View().tender.message == kNoOffice);
    till.Do(CheckStoreCredit{card});
    till.Post(Balance(till.sync.requests, card, 1000));
    till.Do(AddPayment{"5.00", ""});
    till.Post(NotDone(till.sync.requests, CreditAction::kRedeem, false,
                      "The office cannot be reached (timed out)"));
    CHECK(till.View().tender.message == kNoOffice);
    CHECK(till.View().tender.payments.empty());
    CHECK(till.View().tender.remaining_text == "£11.45");
}

TEST_CASE("issue 14: removing a store-credit payment gives its redemption back, and says so") {
    AppTill till("credit-remove");
    ChooseStoreCredit(till);
    const std::string card = credit::NewCardNumber();
    const std::string tail = card.substr(12);
    PayWithCredit(till, card, 1250, "4.00", 400);

    till.Do(RemovePayment{0});
    REQUIRE(till.sync.cancels == std::vector<std::string>{"redemption-1"});
    // Until the office has given it back, the payment stays: it is money off the card.
    CHECK(till.View().tender.payments.size() == 1);
    CHECK(till.View().tender.message == "Giving £4.00 back to card …" + tail + "…");
    till.Do(RemovePayment{0});  // pressed again: asked once
    CHECK(till.sync.cancels.size() == 1);

    CreditRedemptionReport back = Redeemed(till.sync.requests, card, 400, 1250);
    back.action = CreditAction::kCancel;
    till.Post(back);
    CHECK(till.View().tender.payments.empty());
    CHECK(till.View().tender.message == "£4.00 given back to card …" + tail);
    CHECK(till.View().tender.remaining_text == "£11.45");

    // The office could not give it back: the payment stays, and the cashier is told.
    till.sync.redemptions.clear();
    till.Do(ChooseTender{TenderKind::kStoreCredit});
    PayWithCredit(till, card, 1250, "3.00", 300);
    till.Do(RemovePayment{0});
    till.Post(NotDone(till.sync.requests, CreditAction::kCancel, false,
                      "The office cannot be reached (refused)"));
    CHECK(till.View().tender.payments.size() == 1);
    CHECK(till.View().tender.message == "Store credit could not be given back to card …" + tail +
                                            " (The office cannot be reached (refused)): the "
                                            "payment stays");
}

TEST_CASE(
    "issue 14: store credit taken stays with the sale on the way back and is given back only when "
    "removed: a tender left while it was being redeemed gives it back as soon as it comes") {
    AppTill till("credit-abandoned");
    ChooseStoreCredit(till);
    const std::string card = credit::NewCardNumber();
    PayWithCredit(till, card, 1250, "4.00", 400);

    // Back to the sale: the payment stays (it is money), the sale cannot be cleared.
    till.Do(BackToSale{});
    REQUIRE(till.View().screen == Screen::kSale);
    CHECK(till.sync.cancels.empty());
    CHECK(till.View().sale.message == "£4.00 already paid: Pay to finish the sale");
    till.Do(ClearSale{});
    CHECK(till.View().sale.lines.size() == 2);
    till.Do(StartTender{});
    REQUIRE(till.View().tender.payments.size() == 1);
    CHECK(till.View().tender.payments[0].tender_text == "Store credit …" + card.substr(12));
    till.Do(RemovePayment{0});
    CreditRedemptionReport back = Redeemed(till.sync.requests, card, 400, 1250);
    back.action = CreditAction::kCancel;
    till.Post(back);
    CHECK(till.sync.cancels == std::vector<std::string>{"redemption-1"});
    CHECK(till.View().tender.payments.empty());

    // Left while the office was taking it: given back as soon as it answers.
    till.Do(ChooseTender{TenderKind::kStoreCredit});
    till.Do(CheckStoreCredit{card});
    till.Post(Balance(till.sync.requests, card, 1250));
    till.Do(AddPayment{"2.00", ""});
    const auto redeeming = till.sync.requests;
    till.Do(BackToSale{});
    REQUIRE(till.View().screen == Screen::kSale);
    till.Post(Redeemed(redeeming, card, 200, 1050, "redemption-2"));
    CHECK(till.sync.cancels == std::vector<std::string>{"redemption-1", "redemption-2"});
    back = Redeemed(till.sync.requests, card, 200, 1250, "redemption-2");
    back.action = CreditAction::kCancel;
    till.Post(back);
    CHECK(till.View().sale.message == "£2.00 given back to card …" + card.substr(12));

    // Parking from the tender screen is refused while a payment is taken (the cart stays).
    till.Do(StartTender{});
    till.Do(ChooseTender{TenderKind::kStoreCredit});
    till.Do(CheckStoreCredit{card});
    till.Post(Balance(till.sync.requests, card, 1250));
    till.Do(AddPayment{"1.00", ""});
    till.Post(Redeemed(till.sync.requests, card, 100, 1150, "redemption-3"));
    till.Do(ParkSale{});
    CHECK(till.View().screen == Screen::kTender);
    CHECK(till.View().tender.payments.size() == 1);
}

TEST_CASE("issue 14: a credit note scanned at the tender screen is checked with the office") {
    AppTill till("credit-scan");
    ChooseStoreCredit(till);
    const std::string card = credit::NewCardNumber();
    till.Post(Scanned{card, ScanSource::kScanner});
    CHECK(till.sync.credit_checks == std::vector<std::string>{card});
    CHECK(till.View().tender.message == "Checking the card with the office…");
    CHECK(till.View().sale.lines.size() == 2);  // not taken as a product on the sale
}
