// Gift cards sold at a till (issue 14, point 4): the gift-card line of a store's sale, the ledger's
// rules on it, the card credited when the sale is handed over, and replay.
#include <doctest/doctest.h>

#include "credit_testing.hpp"
#include "ledger_fixture.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/credit/movement.hpp"
#include "tillbook/ledger/verify.hpp"
#include "tillbook/orders/gift_card_line.hpp"

using namespace tillbook;
using testing::Balance;
using testing::CheckVerifies;
using testing::ErrorOf;
using testing::Gbp;
using testing::LedgerFixture;

namespace {

constexpr const char* kCard = "1234567812345670";
constexpr const char* kOtherCard = "4000000000000002";

orders::OrderLine GiftLine(int line_no, const std::string& card, std::int64_t amount_minor) {
    return orders::GiftCardLine(line_no, orders::GiftCardItem(card, Gbp(amount_minor)));
}

// A till sale of `lines`, handed over and paid by card in full.
Result<ledger::Appended> Sell(LedgerFixture& f, const orders::Order& order) {
    auto totals = orders::ComputeTotals(order);
    REQUIRE(totals);
    return f.Append(ledger::OrderPlaced{
        order,
        true,
        {orders::Payment{orders::Tender::kCard, totals->total, totals->total, "A-1", ""}}});
}

}  // namespace

TEST_CASE("a gift card's line names its card, one unit at the amount loaded, untaxed") {
    const orders::OrderLine line = GiftLine(3, kCard, 2000);
    CHECK(line.line_no == 3);
    CHECK(line.kind == orders::LineKind::kGiftCard);
    CHECK(line.sku == kCard);
    CHECK(line.description == "Gift card …5670");
    CHECK(line.quantity == 1000);
    CHECK(line.unit_price == Gbp(2000));
    CHECK(line.discount == Gbp(0));
    CHECK(line.tax_rate == 0);
    auto amounts = orders::ComputeLineAmounts(line);
    REQUIRE(amounts);
    CHECK(amounts->total == Gbp(2000));
    CHECK(amounts->tax == Gbp(0));

    // Priced among the goods like any item, with no tax class to find.
    catalogue::Sku tea;
    tea.code = "TEA";
    tea.product_name = "Tea";
    tea.price = Gbp(450);
    tea.tax_class = "standard";
    const std::vector<orders::SaleItem> items{orders::SaleItem{tea, 1000, std::nullopt},
                                              orders::GiftCardItem(kCard, Gbp(2000))};
    const std::vector<catalogue::TaxClass> tax{{"standard", 2000, money::TaxMode::kInclusive}};
    auto lines = orders::PriceSaleItems(items, tax);
    REQUIRE(lines);
    REQUIRE(lines->size() == 2);
    CHECK((*lines)[1].kind == orders::LineKind::kGiftCard);
    CHECK((*lines)[1].line_no == 2);
    CHECK((*lines)[1].sku == kCard);
    CHECK((*lines)[1].tax_rate == 0);
}

TEST_CASE("a gift card sold at a till goes onto its card when handed over and moves no stock") {
    LedgerFixture f;
    orders::Order sale =
        f.NewOrder({LedgerFixture::Line(1, "TEA", 2, 450), GiftLine(2, kCard, 2000)});
    auto placed = Sell(f, sale);
    REQUIRE(placed);
    CHECK(Balance(f, kCard) == 2000);
    CHECK(f.Scalar("SELECT kind FROM credit_movements WHERE card_number = '" + std::string(kCard) +
                   "' AND order_id = '" + sale.id + "' AND seq = " + std::to_string(placed->seq)) ==
          static_cast<std::int64_t>(credit::MovementKind::kSold));
    CHECK(credit::ToString(credit::MovementKind::kSold) == "sold");
    CHECK(f.OnHand("loc-s01", "TEA") == -2000);
    CHECK(f.Scalar("SELECT count(*) FROM stock_movements WHERE sku = '" + std::string(kCard) +
                   "'") == 0);
    CHECK(f.Scalar("SELECT total_minor FROM orders WHERE id = '" + sale.id + "'") == 2900);
    CHECK(f.Scalar("SELECT tax_minor FROM orders WHERE id = '" + sale.id + "'") == 150);

    // A second card, and more onto the first: the balances add up.
    REQUIRE(Sell(f, f.NewOrder({GiftLine(1, kCard, 500), GiftLine(2, kOtherCard, 1000)})));
    CHECK(Balance(f, kCard) == 2500);
    CHECK(Balance(f, kOtherCard) == 1000);
    CheckVerifies(f);
}

TEST_CASE(
    "a gift-card line with a bad number, a discount, not one unit, tax or nothing is refused") {
    LedgerFixture f;
    auto refused = [&](orders::OrderLine line) {
        return ErrorOf(Sell(f, f.NewOrder({std::move(line)})));
    };
    orders::OrderLine bad_number = GiftLine(1, kCard, 2000);
    bad_number.sku = "1234567812345671";
    CHECK(refused(bad_number).message ==
          "OrderPlaced: line 1 (a gift card): the line names the card it loads: its 16-digit "
          "number with a valid check digit");
    bad_number.sku = "GIFT-25";
    CHECK(refused(bad_number).field == "order.lines.sku");

    orders::OrderLine discounted = GiftLine(1, kCard, 2000);
    discounted.discount = Gbp(200);
    CHECK(refused(discounted).message ==
          "OrderPlaced: line 1 (a gift card): a gift card is not discounted");

    orders::OrderLine two = GiftLine(1, kCard, 2000);
    two.quantity = 2000;
    CHECK(refused(two).message ==
          "OrderPlaced: line 1 (a gift card): a gift card is sold one at a time");
    two.quantity = 500;
    CHECK(refused(two).field == "order.lines.quantity");

    orders::OrderLine taxed = GiftLine(1, kCard, 2000);
    taxed.tax_rate = 2000;
    CHECK(refused(taxed).field == "order.lines.tax_rate");

    orders::OrderLine nothing = GiftLine(1, kCard, 0);
    CHECK(refused(nothing).message ==
          "OrderPlaced: line 1 (a gift card): a gift card is loaded with more than nothing");

    CHECK(
        ErrorOf(Sell(f, f.NewOrder({GiftLine(1, kCard, 500), GiftLine(2, kCard, 500)}))).message ==
        "OrderPlaced: line 2: card …5670 is loaded twice in one sale");

    orders::Order not_handed_over = f.NewOrder({GiftLine(1, kCard, 500)});
    CHECK(ErrorOf(f.Append(ledger::OrderPlaced{not_handed_over, false, {}})).field ==
          "handed_over");
    CHECK(f.Scalar("SELECT count(*) FROM credit_cards") == 0);
    CHECK(f.Scalar("SELECT count(*) FROM orders") == 0);
}

TEST_CASE("a gift card of another currency is not loaded in pounds") {
    LedgerFixture f;
    REQUIRE(f.Append(ledger::CreditIssued{kCard, money::Money(1000, {"EUR", 2}), "", "", ""}));
    const Error error = ErrorOf(Sell(f, f.NewOrder({GiftLine(1, kCard, 2000)})));
    CHECK(error.code == ErrorCode::kCurrencyMismatch);
    CHECK(error.message == "OrderPlaced: line 1: card …5670 holds EUR, not GBP");
    CHECK(Balance(f, kCard) == 1000);
}

TEST_CASE("a gift card's line is never returned, nor loaded by an exchange") {
    LedgerFixture f;
    orders::Order sale =
        f.NewOrder({LedgerFixture::Line(1, "TEA", 1, 450), GiftLine(2, kCard, 2000)});
    REQUIRE(Sell(f, sale));
    auto ret = [&](int line_no, std::string sku) {
        return orders::Return{f.ids.NextString(),
                              sale.id,
                              "loc-s01",
                              false,
                              "GBP",
                              {orders::ReturnLine{line_no, std::move(sku), 1000, Gbp(0),
                                                  orders::ReturnReason::kChangedMind,
                                                  orders::ItemCondition::kDamaged}}};
    };
    const Error error = ErrorOf(f.Append(ledger::ReturnReceived{ret(2, kCard)}));
    CHECK(error.code == ErrorCode::kInvariantViolated);
    CHECK(error.message ==
          "ReturnReceived: line 2 is a gift card: it cannot be returned; its credit stays on the "
          "card");
    CHECK(ErrorOf(f.Append(ledger::ReturnReceived{ret(2, "")})).field == "ret.lines.order_line_no");

    // The tea comes back in exchange for goods and a gift card: refused, the card sells alone.
    orders::Order new_order =
        f.NewOrder({LedgerFixture::Line(1, "JAM", 1, 450), GiftLine(2, kOtherCard, 500)});
    const Error exchange = ErrorOf(f.Append(ledger::ExchangeCompleted{
        ret(1, "TEA"),
        new_order,
        {orders::Payment{orders::Tender::kCard, Gbp(500), Gbp(500), "A-2", ""}},
        {}}));
    CHECK(exchange.message ==
          "ExchangeCompleted: an exchange's new goods cannot load a gift card: sell it as a sale "
          "of its own");
    CHECK(Balance(f, kOtherCard) == -1);
    CHECK(Balance(f, kCard) == 2000);
}

TEST_CASE("a web shop's gift-card line loads none of our cards") {
    LedgerFixture f;
    orders::OrderLine theirs{
        1, orders::LineKind::kGiftCard, "GIFT-25",   "Gift card", 2000, Gbp(2500), Gbp(0),
        0, money::TaxMode::kInclusive,  std::nullopt};
    orders::Order order = f.NewOrder({theirs}, "shopify", "");
    order.external_id = "1042";
    REQUIRE(f.Append(ledger::OrderPlaced{order, false, {}}));
    CHECK(f.Scalar("SELECT count(*) FROM credit_cards") == 0);
}

TEST_CASE("replay rebuilds the cards of gift cards sold at tills, and verify passes") {
    LedgerFixture f;
    REQUIRE(Sell(f, f.NewOrder({LedgerFixture::Line(1, "TEA", 1, 450), GiftLine(2, kCard, 2000)})));
    REQUIRE(f.Append(ledger::CreditRedeemed{f.ids.NextString(), kCard, Gbp(1250), ""}));
    REQUIRE(Sell(f, f.NewOrder({GiftLine(1, kOtherCard, 3000)})));
    const auto cards = ledger::DumpTable(f.db, "credit_cards");
    const auto moves = ledger::DumpTable(f.db, "credit_movements");
    const auto stock = ledger::DumpTable(f.db, "stock_levels");
    REQUIRE(cards);
    REQUIRE(moves);
    REQUIRE(stock);
    CHECK(moves->size() == 3);
    REQUIRE(f.ledger.RebuildProjections());
    CHECK(ledger::DumpTable(f.db, "credit_cards").value() == *cards);
    CHECK(ledger::DumpTable(f.db, "credit_movements").value() == *moves);
    CHECK(ledger::DumpTable(f.db, "stock_levels").value() == *stock);
    CHECK(Balance(f, kCard) == 750);
    CHECK(Balance(f, kOtherCard) == 3000);
    CheckVerifies(f);

    REQUIRE(f.db.Exec("UPDATE credit_cards SET balance_minor = 2000 WHERE card_number = '" +
                      std::string(kCard) + "'"));
    auto report = ledger::VerifyDatabase(f.db, f.path.string() + ".scratch");
    REQUIRE(report);
    CHECK_FALSE(report->Ok());
}

TEST_CASE("store credit does not pay for a gift card: credit is not bought with credit") {
    LedgerFixture f;
    orders::Order sale =
        f.NewOrder({LedgerFixture::Line(1, "TEA", 1, 450), GiftLine(2, kCard, 2000)});
    const Error error = ErrorOf(f.Append(ledger::OrderPlaced{
        sale,
        true,
        {orders::Payment{orders::Tender::kCard, Gbp(2000), Gbp(2000), "A-1", ""},
         orders::Payment{orders::Tender::kStoreCredit, Gbp(450), Gbp(450), "redemption-1", ""}}}));
    CHECK(error.field == "payments.tender");
    CHECK(error.message.find("store credit cannot pay for a gift card") != std::string::npos);
    CHECK(Balance(f, kCard) == -1);
}
