// Store credit and gift cards (issue 14, point 4): card numbers, the ledger's rules on credit put
// on and taken off a card, the projections and their replay, and the back office's use cases.
#include <doctest/doctest.h>

#include <set>

#include "credit_testing.hpp"
#include "ledger_fixture.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/ledger/verify.hpp"
#include "tillbook/queries/credit_card.hpp"
#include "tillbook/services/credit_cards.hpp"
#include "tillbook/services/returns_desk.hpp"

using namespace tillbook;
using testing::Balance;
using testing::CheckVerifies;
using testing::ErrorOf;
using testing::Gbp;
using testing::LedgerFixture;

namespace {

constexpr const char* kCard = "1234567812345670";
constexpr const char* kOtherCard = "4000000000000002";

// A till sale of one line, paid by card, returned in full; answers the return.
orders::Return SoldAndReturned(LedgerFixture& f, std::int64_t price_minor) {
    orders::Order order = f.NewOrder({LedgerFixture::Line(1, "TEA", 1, price_minor)});
    REQUIRE(f.Append(ledger::OrderPlaced{
        order,
        true,
        {orders::Payment{orders::Tender::kCard, Gbp(price_minor), Gbp(price_minor), "A-1", ""}}}));
    orders::Return ret{
        f.ids.NextString(),
        order.id,
        "loc-s01",
        false,
        "GBP",
        {orders::ReturnLine{1, "TEA", 1000, Gbp(0), orders::ReturnReason::kChangedMind,
                            orders::ItemCondition::kDamaged}}};
    REQUIRE(f.Append(ledger::ReturnReceived{ret}));
    return ret;
}

// `amount_minor` refunded to store credit on `card` for a sale returned.
void RefundToCard(LedgerFixture& f, const std::string& card, std::int64_t amount_minor) {
    const orders::Return ret = SoldAndReturned(f, amount_minor);
    REQUIRE(f.Append(ledger::RefundIssued{
        ret.order_id, ret.id,
        orders::Refund{orders::Tender::kStoreCredit, Gbp(amount_minor), card, ""}}));
}

}  // namespace

// ---- Card numbers ----

TEST_CASE("a new card number is 16 random digits whose Luhn check holds, never twice the same") {
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        const std::string number = credit::NewCardNumber();
        REQUIRE(number.size() == 16);
        CHECK(number.front() != '0');
        CHECK(credit::IsCardNumber(number));
        CHECK(credit::ValidCardNumber(number).value_or("") == number);
        seen.insert(number);
    }
    CHECK(seen.size() == 2000);
}

TEST_CASE("a card number may be typed in groups of four and is kept without the spaces") {
    CHECK(credit::ValidCardNumber("1234 5678 1234 5670").value_or("") == kCard);
    CHECK(credit::ValidCardNumber(" 1234567812345670 ").value_or("") == kCard);
    CHECK_FALSE(credit::IsCardNumber("1234 5678 1234 5670"));
    CHECK(credit::CardNumberTail(kCard) == "…5670");
}

TEST_CASE("every single mistyped digit and every swap of two neighbours is caught") {
    const std::string good = kCard;
    for (std::size_t at = 0; at < good.size(); ++at) {
        for (char digit = '0'; digit <= '9'; ++digit) {
            if (digit == good[at]) continue;
            std::string typo = good;
            typo[at] = digit;
            INFO(typo);
            CHECK_FALSE(credit::ValidCardNumber(typo));
        }
        if (at + 1 < good.size() && good[at] != good[at + 1] &&
            !((good[at] == '0' && good[at + 1] == '9') ||
              (good[at] == '9' && good[at + 1] == '0'))) {
            std::string swapped = good;
            std::swap(swapped[at], swapped[at + 1]);
            INFO(swapped);
            CHECK_FALSE(credit::ValidCardNumber(swapped));
        }
    }
}

TEST_CASE(
    "a card number with letters, too few or too many digits, or nothing is refused in words") {
    auto letters = credit::ValidCardNumber("1234-5678-1234-5670");
    REQUIRE_FALSE(letters);
    CHECK(letters.error().message == "a card number has digits only");
    CHECK(letters.error().field == "card_number");
    auto short_one = credit::ValidCardNumber("123456781234567");
    REQUIRE_FALSE(short_one);
    CHECK(short_one.error().message == "a card number has 16 digits, not 15");
    CHECK_FALSE(credit::ValidCardNumber("12345678123456700"));
    auto empty = credit::ValidCardNumber("   ");
    REQUIRE_FALSE(empty);
    CHECK(empty.error().message == "a card number is needed");
    CHECK_FALSE(credit::ValidCardNumber("１２３４５６７８１２３４５６７０"));  // full-width digits
}

// ---- The ledger's rules ----

TEST_CASE("a refund to store credit puts it on the card its reference names") {
    LedgerFixture f;
    RefundToCard(f, kCard, 1500);
    CHECK(Balance(f, kCard) == 1500);
    RefundToCard(f, kCard, 250);
    CHECK(Balance(f, kCard) == 1750);
    CHECK(f.Scalar("SELECT issued_minor FROM credit_cards") == 1750);
    CHECK(f.Scalar("SELECT count(*) FROM credit_movements WHERE kind = 1") == 2);
    CheckVerifies(f);
}

TEST_CASE("a refund to store credit without a valid card number is refused and writes nothing") {
    LedgerFixture f;
    const orders::Return ret = SoldAndReturned(f, 500);
    for (const std::string reference : {"", "1234567812345671", "12345678", "gift"}) {
        INFO(reference);
        const Error error = ErrorOf(f.Append(ledger::RefundIssued{
            ret.order_id, ret.id,
            orders::Refund{orders::Tender::kStoreCredit, Gbp(500), reference, ""}}));
        CHECK(error.code == ErrorCode::kInvalidInput);
        CHECK(error.field == "reference");
    }
    CHECK(f.Scalar("SELECT count(*) FROM credit_cards") == 0);
    CHECK(f.Scalar("SELECT count(*) FROM refunds") == 0);
}

TEST_CASE("a redemption never takes a card below zero and says what it holds") {
    LedgerFixture f;
    RefundToCard(f, kCard, 500);
    const Error error =
        ErrorOf(f.Append(ledger::CreditRedeemed{f.ids.NextString(), kCard, Gbp(750), "sale"}));
    CHECK(error.code == ErrorCode::kInvariantViolated);
    CHECK(error.message == "CreditRedeemed: card …5670 holds 5.00 GBP; 7.50 GBP cannot be taken");
    CHECK(Balance(f, kCard) == 500);

    REQUIRE(f.Append(ledger::CreditRedeemed{f.ids.NextString(), kCard, Gbp(300), "sale 1"}));
    REQUIRE(f.Append(ledger::CreditRedeemed{f.ids.NextString(), kCard, Gbp(200), "sale 2"}));
    CHECK(Balance(f, kCard) == 0);
    CHECK(ErrorOf(f.Append(ledger::CreditRedeemed{f.ids.NextString(), kCard, Gbp(1), "sale 3"}))
              .code == ErrorCode::kInvariantViolated);
    CHECK(f.Scalar("SELECT redeemed_minor FROM credit_cards") == 500);
    CHECK(f.Scalar("SELECT count(*) FROM credit_redemptions") == 2);
    CheckVerifies(f);
}

TEST_CASE("a redemption of an unknown card, another currency, nothing or an id used is refused") {
    LedgerFixture f;
    RefundToCard(f, kCard, 500);
    CHECK(ErrorOf(f.Append(ledger::CreditRedeemed{f.ids.NextString(), kOtherCard, Gbp(100), ""}))
              .code == ErrorCode::kNotFound);
    CHECK(ErrorOf(f.Append(
                      ledger::CreditRedeemed{f.ids.NextString(), "1234567812345671", Gbp(100), ""}))
              .code == ErrorCode::kInvalidInput);
    CHECK(ErrorOf(f.Append(ledger::CreditRedeemed{f.ids.NextString(), kCard,
                                                  money::Money(100, {"EUR", 2}), ""}))
              .code == ErrorCode::kCurrencyMismatch);
    CHECK(ErrorOf(f.Append(ledger::CreditRedeemed{f.ids.NextString(), kCard, Gbp(0), ""})).code ==
          ErrorCode::kInvalidInput);
    const std::string id = f.ids.NextString();
    REQUIRE(f.Append(ledger::CreditRedeemed{id, kCard, Gbp(100), ""}));
    CHECK(ErrorOf(f.Append(ledger::CreditRedeemed{id, kCard, Gbp(100), ""})).code ==
          ErrorCode::kConflict);
    CHECK(Balance(f, kCard) == 400);
}

TEST_CASE("a redemption given back goes onto its card once, and never once a sale paid with it") {
    LedgerFixture f;
    RefundToCard(f, kCard, 1000);
    const std::string abandoned = f.ids.NextString();
    REQUIRE(f.Append(ledger::CreditRedeemed{abandoned, kCard, Gbp(600), ""}));
    CHECK(Balance(f, kCard) == 400);
    // Not some other amount, nor onto another card.
    CHECK_FALSE(f.Append(ledger::CreditIssued{kCard, Gbp(700), "", abandoned, ""}));
    CHECK_FALSE(f.Append(ledger::CreditIssued{kOtherCard, Gbp(600), "", abandoned, ""}));
    REQUIRE(f.Append(ledger::CreditIssued{kCard, Gbp(600), "", abandoned, "cancelled"}));
    CHECK(Balance(f, kCard) == 1000);
    CHECK(ErrorOf(f.Append(ledger::CreditIssued{kCard, Gbp(600), "", abandoned, ""})).code ==
          ErrorCode::kConflict);
    CHECK(Balance(f, kCard) == 1000);

    const std::string spent = f.ids.NextString();
    REQUIRE(f.Append(ledger::CreditRedeemed{spent, kCard, Gbp(250), ""}));
    orders::Order sale = f.NewOrder({LedgerFixture::Line(1, "TEA", 1, 250)});
    REQUIRE(f.Append(ledger::OrderPlaced{
        sale,
        true,
        {orders::Payment{orders::Tender::kStoreCredit, Gbp(250), Gbp(250), spent, ""}}}));
    CHECK(Balance(f, kCard) == 750);  // the payment moves no balance: the redemption did
    CHECK(ErrorOf(f.Append(ledger::CreditIssued{kCard, Gbp(250), "", spent, ""})).code ==
          ErrorCode::kInvariantViolated);
    CHECK(Balance(f, kCard) == 750);
    CheckVerifies(f);
}

TEST_CASE("a payment by store credit names an unspent redemption of exactly its amount") {
    LedgerFixture f;
    RefundToCard(f, kCard, 1000);
    const std::string redemption = f.ids.NextString();
    REQUIRE(f.Append(ledger::CreditRedeemed{redemption, kCard, Gbp(300), ""}));
    auto pay = [&](std::int64_t minor, const std::string& reference) {
        orders::Order sale = f.NewOrder({LedgerFixture::Line(1, "TEA", 1, minor)});
        return f.Append(
            ledger::OrderPlaced{sale,
                                true,
                                {orders::Payment{orders::Tender::kStoreCredit, Gbp(minor),
                                                 Gbp(minor), reference, ""}}});
    };
    CHECK(ErrorOf(pay(300, "")).field == "reference");
    CHECK(ErrorOf(pay(400, redemption)).code == ErrorCode::kInvariantViolated);
    {
        orders::Order sale = f.NewOrder({LedgerFixture::Line(1, "TEA", 2, 300)});
        const orders::Payment half{orders::Tender::kStoreCredit, Gbp(300), Gbp(300), redemption,
                                   ""};
        CHECK(ErrorOf(f.Append(ledger::OrderPlaced{sale, true, {half, half}})).message ==
              "OrderPlaced: redemption " + redemption + " pays twice");
    }
    REQUIRE(pay(300, redemption));
    CHECK(ErrorOf(pay(300, redemption)).code == ErrorCode::kInvariantViolated);
    // A redemption the ledger does not hold (a till's journal: the office made it) is the office's
    // push policy's to check.
    CHECK(pay(200, "made-at-the-office"));
    CHECK(Balance(f, kCard) == 700);
}

TEST_CASE("a gift card sold with an order is credited and appears in the order's audit trail") {
    LedgerFixture f;
    orders::Order sale = f.NewOrder({LedgerFixture::Line(1, "GIFT", 1, 2500)});
    REQUIRE(f.Append(ledger::OrderPlaced{
        sale, true, {orders::Payment{orders::Tender::kCard, Gbp(2500), Gbp(2500), "A-9", ""}}}));
    auto issued = f.Append(ledger::CreditIssued{kOtherCard, Gbp(2500), sale.id, "", "gift card"});
    REQUIRE(issued);
    CHECK(Balance(f, kOtherCard) == 2500);
    CHECK(f.Scalar("SELECT count(*) FROM order_events WHERE order_id = '" + sale.id +
                   "' AND seq = " + std::to_string(issued->seq)) == 1);
    CHECK(ErrorOf(f.Append(ledger::CreditIssued{kOtherCard, Gbp(100), "no-such-order", "", ""}))
              .code == ErrorCode::kNotFound);
    CHECK(ErrorOf(
              f.Append(ledger::CreditIssued{kOtherCard, money::Money(100, {"EUR", 2}), "", "", ""}))
              .code == ErrorCode::kCurrencyMismatch);
}

TEST_CASE("a card's balance cannot overflow") {
    LedgerFixture f;
    REQUIRE(f.Append(ledger::CreditIssued{kCard, Gbp(INT64_MAX - 10), "", "", ""}));
    CHECK(ErrorOf(f.Append(ledger::CreditIssued{kCard, Gbp(11), "", "", ""})).code ==
          ErrorCode::kOverflow);
    CHECK(Balance(f, kCard) == INT64_MAX - 10);
}

// ---- Replay and verify ----

TEST_CASE("replay rebuilds the credit tables, and verify names a tampered balance") {
    LedgerFixture f;
    RefundToCard(f, kCard, 900);
    const std::string redemption = f.ids.NextString();
    REQUIRE(f.Append(ledger::CreditRedeemed{redemption, kCard, Gbp(400), ""}));
    REQUIRE(f.Append(ledger::CreditIssued{kCard, Gbp(400), "", redemption, ""}));
    REQUIRE(f.Append(ledger::CreditRedeemed{f.ids.NextString(), kCard, Gbp(900), ""}));
    REQUIRE(f.Append(ledger::CreditIssued{kOtherCard, Gbp(2000), "", "", "gift card"}));
    const auto before_cards = ledger::DumpTable(f.db, "credit_cards");
    const auto before_moves = ledger::DumpTable(f.db, "credit_movements");
    const auto before_redemptions = ledger::DumpTable(f.db, "credit_redemptions");
    REQUIRE(before_moves);
    CHECK(before_moves->size() == 5);
    REQUIRE(before_cards);
    REQUIRE(before_redemptions);
    REQUIRE(f.ledger.RebuildProjections());
    CHECK(ledger::DumpTable(f.db, "credit_cards").value() == *before_cards);
    CHECK(ledger::DumpTable(f.db, "credit_movements").value() == *before_moves);
    CHECK(ledger::DumpTable(f.db, "credit_redemptions").value() == *before_redemptions);
    CheckVerifies(f);

    REQUIRE(f.db.Exec("UPDATE credit_cards SET balance_minor = balance_minor + 100"));
    auto report = ledger::VerifyDatabase(f.db, f.path.string() + ".scratch");
    REQUIRE(report);
    REQUIRE_FALSE(report->Ok());
    bool balance_named = false, replay_named = false;
    for (const auto& problem : report->problems) {
        balance_named = balance_named || problem.starts_with("card balance is not the sum");
        replay_named = replay_named || problem.starts_with("credit_cards: replay differs");
    }
    CHECK(balance_named);
    CHECK(replay_named);
}

// ---- The back office's use cases ----

TEST_CASE("credit is redeemed, given back once and issued on a new card through a sink") {
    LedgerFixture f;
    services::DatabaseSink sink(f.db, "office", f.clock, f.ids);
    auto gift = services::IssueCredit(sink, "staff-1", Gbp(2000), "", "gift card");
    REQUIRE(gift);
    CHECK(credit::IsCardNumber(gift->card_number));
    CHECK(gift->balance == Gbp(2000));

    auto redeemed = services::RedeemCredit(sink, "staff-1", gift->card_number, Gbp(1250), "sale");
    REQUIRE(redeemed);
    CHECK_FALSE(redeemed->redemption_id.empty());
    CHECK(redeemed->balance == Gbp(750));
    auto too_much = services::RedeemCredit(sink, "staff-1", gift->card_number, Gbp(751), "sale");
    REQUIRE_FALSE(too_much);
    CHECK(too_much.error().code == ErrorCode::kInvariantViolated);

    auto back = services::CancelRedemption(sink, "staff-1", redeemed->redemption_id);
    REQUIRE(back);
    CHECK(back->amount == Gbp(1250));
    CHECK(back->balance == Gbp(2000));
    auto twice = services::CancelRedemption(sink, "staff-1", redeemed->redemption_id);
    REQUIRE_FALSE(twice);
    CHECK(twice.error().code == ErrorCode::kConflict);
    auto unknown = services::CancelRedemption(sink, "staff-1", "no-such-redemption");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::kNotFound);

    auto card = queries::FindCreditCardDetail(f.db, gift->card_number);
    REQUIRE(card);
    REQUIRE(card->has_value());
    CHECK((*card)->balance_minor == 2000);
    CHECK((*card)->issued_minor == 3250);
    CHECK((*card)->redeemed_minor == 1250);
    REQUIRE((*card)->history.size() == 3);
    CHECK((*card)->history[0].kind == credit::MovementKind::kIssued);
    CHECK((*card)->history[1].kind == credit::MovementKind::kRedeemed);
    CHECK((*card)->history[1].amount_minor == -1250);
    CHECK((*card)->history[2].kind == credit::MovementKind::kRedemptionGivenBack);
    CHECK((*card)->history[2].redemption_id == redeemed->redemption_id);
    CHECK((*card)->history[0].actor == "staff-1");
    auto none = queries::FindCreditCardDetail(f.db, kCard);
    REQUIRE(none);
    CHECK_FALSE(none->has_value());
    CheckVerifies(f);
}

TEST_CASE("the returns desk refunds to store credit onto a new card, or onto the customer's own") {
    LedgerFixture f;
    services::DatabaseSink sink(f.db, "terminal:S01-T1", f.clock, f.ids);
    auto returned = [&](std::int64_t price_minor, const std::string& card) {
        orders::Order order = f.NewOrder({LedgerFixture::Line(1, "TEA", 1, price_minor)});
        REQUIRE(
            f.Append(ledger::OrderPlaced{order,
                                         true,
                                         {orders::Payment{orders::Tender::kCard, Gbp(price_minor),
                                                          Gbp(price_minor), "A-1", ""}}}));
        const orders::Return ret{
            f.ids.NextString(),
            order.id,
            "loc-s01",
            false,
            "GBP",
            {orders::ReturnLine{1, "TEA", 1000, Gbp(0), orders::ReturnReason::kChangedMind,
                                orders::ItemCondition::kRestock}}};
        return services::ReceiveReturn(
            sink, "staff-1", ret, services::DeskTender{orders::Tender::kStoreCredit, "", card});
    };
    auto first = returned(800, "");
    REQUIRE(first);
    CHECK(credit::IsCardNumber(first->credit_card));
    CHECK(Balance(f, first->credit_card) == 800);

    const std::string typed = first->credit_card.substr(0, 8) + " " + first->credit_card.substr(8);
    auto second = returned(300, typed);
    REQUIRE(second);
    CHECK(second->credit_card == first->credit_card);
    CHECK(Balance(f, first->credit_card) == 1100);

    auto mistyped = returned(300, "1234567812345671");
    REQUIRE_FALSE(mistyped);
    CHECK(mistyped.error().field == "reference");
    CHECK(f.Scalar("SELECT count(*) FROM credit_cards") == 1);

    auto by_card = services::ReceiveReturn(
        sink, "staff-1",
        orders::Return{
            f.ids.NextString(),
            "",
            "loc-s01",
            true,
            "GBP",
            {orders::ReturnLine{0, "TEA", 1000, Gbp(200), orders::ReturnReason::kChangedMind,
                                orders::ItemCondition::kRestock}}},
        services::DeskTender{orders::Tender::kCard, "", ""});
    REQUIRE(by_card);
    CHECK(by_card->credit_card.empty());
    CheckVerifies(f);
}
