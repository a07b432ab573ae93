// Selling a gift card at the till (issue 14, point 4): the sale screen's form, the cart's line,
// the tender's refusal of store credit, the credit note printed and the card credited in the
// journal when the sale completes, and a parked sale with a gift card coming back as it was.
#include <doctest/doctest.h>

#include "app_till.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/ledger/verify.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::AppTill;

namespace {

constexpr const char* kCard = "1234567812345670";
constexpr const char* kEarlGrey125 = "5060123450019";  // £6.50

void VerifyJournal(AppTill& till) {
    auto report = ledger::VerifyDatabase(till.till.db, till.till.dir.File("scratch.db"));
    REQUIRE(report);
    for (const auto& problem : report->problems)
        MESSAGE(problem);
    CHECK(report->Ok());
}

std::int64_t Balance(AppTill& till, const std::string& card) {
    return till.Count(
        "SELECT coalesce((SELECT balance_minor FROM credit_cards WHERE card_number = '" + card +
        "'), -1)");
}

}  // namespace

TEST_CASE("a gift card typed at the sale screen is a line of one at its amount, never discounted") {
    AppTill till("app-gift-card-line");
    till.SignInAndOpenShift();
    till.Do(ScanCode{kEarlGrey125});
    till.Do(OpenGiftCard{});
    const SaleView& sale = till.View().sale;
    REQUIRE(sale.gift_card_open);
    CHECK(sale.message ==
          "Scan or type a pre-printed card, or leave the number empty for a new card");

    // Mistakes are said in words, and the form stays open.
    till.Do(AddGiftCard{"1234 5678 1234 5671", "20.00"});
    CHECK(sale.message == "Gift card: card number 1234567812345671 is mistyped: check it");
    till.Do(AddGiftCard{"1234 5678", "20.00"});
    CHECK(sale.message == "Gift card: a card number has 16 digits, not 8");
    till.Do(AddGiftCard{"1234 5678 1234 5670", ""});
    CHECK(sale.message == "Type the amount to load on the gift card, like 20.00");
    till.Do(AddGiftCard{"1234 5678 1234 5670", "-5"});
    CHECK(sale.message == "Type the amount to load on the gift card, like 20.00");
    till.Do(AddGiftCard{"1234 5678 1234 5670", "5000.00"});
    CHECK(sale.message == "A gift card is loaded with at most £1000.00 at the till");
    REQUIRE(sale.gift_card_open);
    REQUIRE(sale.lines.size() == 1);

    till.Do(AddGiftCard{"1234 5678 1234 5670", "20.00"});
    CHECK_FALSE(sale.gift_card_open);
    REQUIRE(sale.lines.size() == 2);
    CHECK(sale.lines[1].description == "Gift card …5670");
    CHECK(sale.lines[1].quantity_text == "1");
    CHECK(sale.lines[1].unit_price_text == "£20.00");
    CHECK(sale.lines[1].total_text == "£20.00");
    CHECK(sale.total_text == "£26.50");
    CHECK(sale.vat_text ==
          "VAT £0.00");  // tea is zero-rated, and a gift card is not taxed when sold
    CHECK(sale.message == "Card …5670 added: its note prints with the sale");

    // The same card twice in one sale is refused.
    till.Do(OpenGiftCard{});
    till.Do(AddGiftCard{kCard, "5.00"});
    CHECK(sale.message == "Card …5670 is in this sale already");
    till.Do(CancelGiftCard{});
    CHECK_FALSE(sale.gift_card_open);

    // One card at its amount: no quantity, no discount of its own, no share of the sale's.
    const int gift = sale.lines[1].line_no;
    till.Do(ChangeQuantity{gift, +1});
    CHECK(sale.message == "A gift card is one card: remove it and add it again to change it");
    till.Do(SetQuantity{gift, "3"});
    CHECK(sale.lines[1].quantity_text == "1");
    till.Do(DiscountLine{gift, "10%"});
    CHECK(sale.message == "A gift card is not discounted: remove it and add it again to change it");
    till.Do(DiscountOrder{"10%"});
    CHECK(sale.order_discount_text == "-£0.65");  // a tenth of the tea, none of the card
    CHECK(sale.lines[1].total_text == "£20.00");
    CHECK(sale.total_text == "£25.85");
}

TEST_CASE(
    "a scanned pre-printed card goes into the open form, and a sale of gift cards is refused "
    "store credit") {
    AppTill till("app-gift-card-scan");
    till.SignInAndOpenShift();
    till.Do(OpenGiftCard{});
    const auto generation = till.View().sale.gift_card_generation;
    till.Do(ScanCode{kCard});
    const SaleView& sale = till.View().sale;
    CHECK(sale.gift_card_open);
    CHECK(sale.gift_card_prefill == kCard);
    CHECK(sale.gift_card_generation > generation);
    CHECK(sale.lines.empty());  // not looked up as a product
    CHECK(sale.message == "Type the amount to load on the card");
    till.Do(AddGiftCard{kCard, "15.00"});
    REQUIRE(sale.lines.size() == 1);

    till.sync.office_link = true;
    till.Do(StartTender{});
    REQUIRE(till.View().screen == Screen::kTender);
    till.Do(ChooseTender{TenderKind::kStoreCredit});
    CHECK_FALSE(till.View().tender.entering.has_value());
    CHECK(till.View().tender.message ==
          "Store credit cannot pay for a gift card: credit is not bought with credit. Take cash or "
          "card");
    CHECK(till.sync.credit_checks.empty());
}

TEST_CASE("issue 14: a gift card sold for cash is credited in the journal and its note prints") {
    AppTill till("app-gift-card-sold");
    till.SignInAndOpenShift();
    till.Do(OpenGiftCard{});
    till.Do(AddGiftCard{"", "20.00"});  // a new card: its number made here
    REQUIRE(till.View().sale.lines.size() == 1);
    till.PayCash("20.00");
    REQUIRE(till.View().tender.completed);

    REQUIRE(till.devices.credit_notes.size() == 1);
    const CreditNoteRequest& note = till.devices.credit_notes[0];
    CHECK(credit::IsCardNumber(note.card_number));
    CHECK(note.gift_card_sold);
    CHECK(note.amount.Minor() == 2000);
    CHECK(note.order_number == "S01-T1-000001");
    CHECK(till.View().tender.message == "Gift card " + credit::CardNumberTail(note.card_number) +
                                            " loaded: hand over the card with its note");
    CHECK(till.View().sale.lines.empty() == false);  // until "New sale"

    // The journal's sale carries the card; its projection credits it, moving no stock.
    CHECK(Balance(till, note.card_number) == 2000);
    CHECK(till.Count("SELECT count(*) FROM order_lines WHERE kind = 3 AND sku = '" +
                     note.card_number + "' AND tax_minor = 0 AND total_minor = 2000") == 1);
    CHECK(till.Count("SELECT count(*) FROM stock_movements WHERE sku = '" + note.card_number +
                     "'") == 0);
    CHECK(till.devices.receipts.size() == 1);
    VerifyJournal(till);
}

TEST_CASE("a parked sale with a gift card comes back with its card and amount") {
    AppTill till("app-gift-card-park");
    till.SignInAndOpenShift();
    till.Do(ScanCode{kEarlGrey125});
    till.Do(OpenGiftCard{});
    till.Do(AddGiftCard{kCard, "25.00"});
    REQUIRE(till.View().sale.lines.size() == 2);
    const std::string total = till.View().sale.total_text;
    till.Do(ParkSale{});
    REQUIRE(till.View().sale.lines.empty());
    REQUIRE(till.View().sale.parked.size() == 1);
    till.Do(RecallSale{till.View().sale.parked[0].id});
    const SaleView& sale = till.View().sale;
    REQUIRE(sale.lines.size() == 2);
    CHECK(sale.lines[1].description == "Gift card …5670");
    CHECK(sale.lines[1].total_text == "£25.00");
    CHECK(sale.total_text == total);
    CHECK(sale.message == "Sale recalled");
    till.PayCash("50.00");
    REQUIRE(till.View().tender.completed);
    CHECK(Balance(till, kCard) == 2500);
    REQUIRE(till.devices.credit_notes.size() == 1);
    CHECK(till.devices.credit_notes[0].card_number == kCard);
    VerifyJournal(till);
}
