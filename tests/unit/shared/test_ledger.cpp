#include <doctest/doctest.h>

#include "ledger_fixture.hpp"
#include "tillbook/ledger/origin.hpp"
#include "tillbook/ledger/verify.hpp"

using namespace tillbook;
using testing::Gbp;
using testing::LedgerFixture;

namespace {

std::string ErrorOf(const Result<ledger::Appended>& result) {
    REQUIRE_FALSE(result.has_value());
    return result.error().message;
}

// A till sale of `lines` at S01, paid in full by card; returns the order.
orders::Order SellAtTill(LedgerFixture& f, std::vector<orders::OrderLine> lines) {
    orders::Order order = f.NewOrder(std::move(lines));
    REQUIRE(f.Append(ledger::OrderPlaced{order, true}));
    const auto total = orders::ComputeTotals(order)->total;
    REQUIRE(f.Append(ledger::PaymentTaken{
        order.id, orders::Payment{orders::Tender::kCard, total, total, "auth-1", ""}}));
    return order;
}

void Stock(LedgerFixture& f, const std::string& location, const std::string& sku,
           std::int64_t units) {
    REQUIRE(f.Append(ledger::StockAdjusted{location, sku, units * 1000,
                                           ledger::AdjustmentReason::kGoodsReceived, ""}));
}

orders::Return ReturnOf(LedgerFixture& f, const orders::Order& order,
                        std::vector<orders::ReturnLine> lines, std::string location = "loc-s01") {
    return orders::Return{f.ids.NextString(), order.id, std::move(location), false, "GBP",
                          std::move(lines)};
}

orders::ReturnLine Back(int line_no, std::string sku, std::int64_t units,
                        orders::ItemCondition condition = orders::ItemCondition::kRestock) {
    return orders::ReturnLine{
        line_no,  std::move(sku), units * 1000, Gbp(0), orders::ReturnReason::kChangedMind,
        condition};
}

// The ledger's events as it reads them back, in order.
std::vector<ledger::Event> EveryEvent(LedgerFixture& f) {
    std::vector<ledger::Event> read;
    REQUIRE(f.ledger.ForEach([&](std::int64_t, const ledger::Event& event) -> Status {
        read.push_back(event);
        return {};
    }));
    return read;
}

// `event` appended is read back as it was; `other` (the same id, other content) is a conflict
// and changes nothing; `event` sent again is a duplicate.
void CheckKeptAndCompared(LedgerFixture& f, const ledger::Event& event,
                          const ledger::Event& other) {
    REQUIRE(f.ledger.Append(event));
    const std::vector<ledger::Event> read = EveryEvent(f);
    REQUIRE(read.size() == 1);
    CHECK(read[0] == event);
    auto clash = f.ledger.Append(other);
    REQUIRE_FALSE(clash);
    CHECK(clash.error().code == ErrorCode::kConflict);
    auto again = f.ledger.Append(event);
    REQUIRE(again);
    CHECK(again->duplicate);
    CHECK(EveryEvent(f) == read);
}

}  // namespace

TEST_CASE("a till sale takes its goods off the shelf and records the payment") {
    LedgerFixture f;
    Stock(f, "loc-s01", "TEA", 10);
    const auto order = SellAtTill(
        f, {LedgerFixture::Line(1, "TEA", 3, 650), LedgerFixture::Line(2, "MUG", 1, 899)});
    CHECK(f.OnHand("loc-s01", "TEA") == 7000);
    CHECK(f.OnHand("loc-s01", "MUG") == -1000);  // sold although the system showed none: accepted
    CHECK(f.Scalar("SELECT total_minor FROM orders WHERE id = '" + order.id + "'") ==
          3 * 650 + 899);
    CHECK(f.Scalar("SELECT paid_minor FROM orders WHERE id = '" + order.id + "'") == 3 * 650 + 899);
    CHECK(f.Scalar("SELECT status FROM orders WHERE id = '" + order.id + "'") ==
          static_cast<int>(orders::OrderStatus::kDelivered));
}

TEST_CASE("the same event applied twice has one effect") {
    LedgerFixture f;
    const auto event = f.Make(ledger::StockAdjusted{"loc-s01", "TEA", 5000,
                                                    ledger::AdjustmentReason::kGoodsReceived, ""});
    auto first = f.ledger.Append(event);
    auto second = f.ledger.Append(event);
    REQUIRE(first);
    REQUIRE(second);
    CHECK_FALSE(first->duplicate);
    CHECK(second->duplicate);
    CHECK(second->seq == first->seq);
    CHECK(f.OnHand("loc-s01", "TEA") == 5000);
    CHECK(f.Scalar("SELECT count(*) FROM ledger") == 1);
}

TEST_CASE("a different event reusing an origin sequence number is a conflict and changes nothing") {
    LedgerFixture f;
    auto first = f.Make(
        ledger::StockAdjusted{"loc-s01", "TEA", 5000, ledger::AdjustmentReason::kGoodsReceived, ""},
        "terminal:S01-T1");
    REQUIRE(f.ledger.Append(first));
    auto clash = first;
    clash.id = f.ids.NextString();
    auto result = f.ledger.Append(clash);
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::kConflict);
    CHECK(f.OnHand("loc-s01", "TEA") == 5000);
}

TEST_CASE("an event id seen before from another origin is a conflict") {
    LedgerFixture f;
    auto first = f.Make(ledger::StockAdjusted{"loc-s01", "TEA", 5000,
                                              ledger::AdjustmentReason::kGoodsReceived, ""});
    REQUIRE(f.ledger.Append(first));
    first.origin = "terminal:S01-T9";
    auto result = f.ledger.Append(first);
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::kConflict);
}

TEST_CASE("returning more than was sold is rejected with the reason") {
    LedgerFixture f;
    Stock(f, "loc-s01", "TEA", 10);
    const auto order = SellAtTill(f, {LedgerFixture::Line(1, "TEA", 2, 650)});
    REQUIRE(f.Append(ledger::ReturnReceived{ReturnOf(f, order, {Back(1, "TEA", 1)})}));
    const auto message =
        ErrorOf(f.Append(ledger::ReturnReceived{ReturnOf(f, order, {Back(1, "TEA", 2)})}));
    CHECK(message.find("already returned") != std::string::npos);
    CHECK(f.Scalar("SELECT returned_quantity FROM order_lines WHERE order_id = '" + order.id +
                   "'") == 1000);
    CHECK(f.OnHand("loc-s01", "TEA") == 9000);  // 10 - 2 sold + 1 restocked
}

TEST_CASE("two lines of one return that together exceed the sale are rejected") {
    LedgerFixture f;
    const auto order = SellAtTill(f, {LedgerFixture::Line(1, "TEA", 2, 650)});
    auto result = f.Append(
        ledger::ReturnReceived{ReturnOf(f, order, {Back(1, "TEA", 1), Back(1, "TEA", 2)})});
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::kInvariantViolated);
}

TEST_CASE("damaged and written-off returns do not go back on the shelf") {
    LedgerFixture f;
    Stock(f, "loc-s01", "TEA", 5);
    const auto order = SellAtTill(f, {LedgerFixture::Line(1, "TEA", 3, 650)});
    REQUIRE(f.Append(ledger::ReturnReceived{
        ReturnOf(f, order,
                 {Back(1, "TEA", 1, orders::ItemCondition::kDamaged),
                  Back(1, "TEA", 1, orders::ItemCondition::kWriteOff), Back(1, "TEA", 1)})}));
    CHECK(f.OnHand("loc-s01", "TEA") == 3000);
}

TEST_CASE("a return is received at any location, and online orders return at the till") {
    LedgerFixture f;
    Stock(f, "loc-w01", "TEA", 5);
    orders::Order web = f.NewOrder({LedgerFixture::Line(1, "TEA", 2, 650)}, "shopify", "");
    REQUIRE(f.Append(ledger::OrderPlaced{web, false}));
    REQUIRE(f.Append(ledger::StockReserved{web.id, "loc-w01", {{"TEA", 2000}}}));
    REQUIRE(f.Append(ledger::OrderDispatched{web.id, "TRACK1"}));
    REQUIRE(f.Append(ledger::ReturnReceived{ReturnOf(f, web, {Back(1, "TEA", 1)}, "loc-s02")}));
    CHECK(f.OnHand("loc-w01", "TEA") == 3000);
    CHECK(f.OnHand("loc-s02", "TEA") == 1000);
}

TEST_CASE("refunding more than was paid is rejected with the reason") {
    LedgerFixture f;
    const auto order = SellAtTill(f, {LedgerFixture::Line(1, "TEA", 1, 1000)});
    REQUIRE(f.Append(ledger::RefundIssued{
        order.id, "", orders::Refund{orders::Tender::kCard, Gbp(600), "", ""}}));
    const auto message = ErrorOf(f.Append(ledger::RefundIssued{
        order.id, "", orders::Refund{orders::Tender::kCard, Gbp(401), "", ""}}));
    CHECK(message.find("more than was paid") != std::string::npos);
    REQUIRE(f.Append(ledger::RefundIssued{
        order.id, "", orders::Refund{orders::Tender::kCard, Gbp(400), "", ""}}));
    CHECK(f.Scalar("SELECT refunded_minor FROM orders WHERE id = '" + order.id + "'") == 1000);
}

TEST_CASE("a refund against a return cannot exceed the value of the returned goods") {
    LedgerFixture f;
    const auto order = SellAtTill(f, {LedgerFixture::Line(1, "TEA", 3, 1000)});
    const auto ret = ReturnOf(f, order, {Back(1, "TEA", 1)});
    REQUIRE(f.Append(ledger::ReturnReceived{ret}));
    auto result = f.Append(ledger::RefundIssued{
        order.id, ret.id, orders::Refund{orders::Tender::kCard, Gbp(1001), "", ""}});
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::kInvariantViolated);
    CHECK(f.Append(ledger::RefundIssued{order.id, ret.id,
                                        orders::Refund{orders::Tender::kCard, Gbp(1000), "", ""}}));
}

TEST_CASE("returning a line in three steps refunds exactly its total") {
    LedgerFixture f;
    // 3 x 3.34 less 0.02 discount = 10.00, which three units do not divide evenly.
    const auto order = SellAtTill(f, {LedgerFixture::Line(1, "TEA", 3, 334, 2)});
    std::int64_t refunded = 0;
    for (int i = 0; i < 3; ++i) {
        const auto ret = ReturnOf(f, order, {Back(1, "TEA", 1)});
        REQUIRE(f.Append(ledger::ReturnReceived{ret}));
        const auto value = f.Scalar("SELECT value_minor FROM returns WHERE id = '" + ret.id + "'");
        REQUIRE(f.Append(ledger::RefundIssued{
            order.id, ret.id, orders::Refund{orders::Tender::kCard, Gbp(value), "", ""}}));
        refunded += value;
    }
    CHECK(refunded == 1000);
}

TEST_CASE("a payment above the order total is rejected") {
    LedgerFixture f;
    orders::Order order = f.NewOrder({LedgerFixture::Line(1, "TEA", 1, 500)});
    REQUIRE(f.Append(ledger::OrderPlaced{order, true}));
    auto result = f.Append(ledger::PaymentTaken{
        order.id, orders::Payment{orders::Tender::kCard, Gbp(501), Gbp(501), "", ""}});
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::kInvariantViolated);
}

TEST_CASE(
    "a reservation never takes more than is available and the order is flagged by the caller") {
    LedgerFixture f;
    Stock(f, "loc-w01", "TEA", 2);
    orders::Order a = f.NewOrder({LedgerFixture::Line(1, "TEA", 2, 650)}, "ebay", "");
    orders::Order b = f.NewOrder({LedgerFixture::Line(1, "TEA", 1, 650)}, "amazon", "");
    REQUIRE(f.Append(ledger::OrderPlaced{a, false}));
    REQUIRE(f.Append(ledger::OrderPlaced{b, false}));
    REQUIRE(f.Append(ledger::StockReserved{a.id, "loc-w01", {{"TEA", 2000}}}));
    auto result = f.Append(ledger::StockReserved{b.id, "loc-w01", {{"TEA", 1000}}});
    REQUIRE_FALSE(result);
    CHECK(result.error().message.find("0 available") != std::string::npos);
    CHECK(f.Reserved("loc-w01", "TEA") == 2000);
}

TEST_CASE("an order cannot reserve more than it ordered") {
    LedgerFixture f;
    Stock(f, "loc-w01", "TEA", 10);
    orders::Order a = f.NewOrder({LedgerFixture::Line(1, "TEA", 2, 650)}, "ebay", "");
    REQUIRE(f.Append(ledger::OrderPlaced{a, false}));
    CHECK_FALSE(f.Append(ledger::StockReserved{a.id, "loc-w01", {{"TEA", 3000}}}));
}

TEST_CASE("cancelling releases reservations and dispatch takes reserved goods off the shelf") {
    LedgerFixture f;
    Stock(f, "loc-w01", "TEA", 5);
    orders::Order a = f.NewOrder({LedgerFixture::Line(1, "TEA", 2, 650)}, "woocommerce", "");
    orders::Order b = f.NewOrder({LedgerFixture::Line(1, "TEA", 1, 650)}, "woocommerce", "");
    for (const auto& order : {a, b})
        REQUIRE(f.Append(ledger::OrderPlaced{order, false}));
    REQUIRE(f.Append(ledger::StockReserved{a.id, "loc-w01", {{"TEA", 2000}}}));
    REQUIRE(f.Append(ledger::StockReserved{b.id, "loc-w01", {{"TEA", 1000}}}));
    CHECK(f.Reserved("loc-w01", "TEA") == 3000);
    REQUIRE(f.Append(ledger::OrderCancelled{a.id, "customer asked"}));
    CHECK(f.Reserved("loc-w01", "TEA") == 1000);
    CHECK(f.OnHand("loc-w01", "TEA") == 5000);
    REQUIRE(f.Append(ledger::OrderDispatched{b.id, "TRACK"}));
    CHECK(f.Reserved("loc-w01", "TEA") == 0);
    CHECK(f.OnHand("loc-w01", "TEA") == 4000);
    CHECK_FALSE(f.Append(ledger::OrderCancelled{b.id, "too late"}));
}

TEST_CASE("an order with goods not reserved cannot be dispatched") {
    LedgerFixture f;
    orders::Order a = f.NewOrder({LedgerFixture::Line(1, "TEA", 2, 650)}, "shopify", "");
    REQUIRE(f.Append(ledger::OrderPlaced{a, false}));
    auto result = f.Append(ledger::OrderDispatched{a.id, ""});
    REQUIRE_FALSE(result);
    CHECK(result.error().message.find("cannot be dispatched") != std::string::npos);
}

TEST_CASE("the status lifecycle refuses skipped steps") {
    LedgerFixture f;
    Stock(f, "loc-w01", "TEA", 5);
    orders::Order a = f.NewOrder({LedgerFixture::Line(1, "TEA", 1, 650)}, "shopify", "");
    REQUIRE(f.Append(ledger::OrderPlaced{a, false}));
    CHECK_FALSE(f.Append(ledger::OrderStatusChanged{a.id, orders::OrderStatus::kPacked}));
    REQUIRE(f.Append(ledger::StockReserved{a.id, "loc-w01", {{"TEA", 1000}}}));
    REQUIRE(f.Append(ledger::OrderStatusChanged{a.id, orders::OrderStatus::kPicking}));
    REQUIRE(f.Append(ledger::OrderStatusChanged{a.id, orders::OrderStatus::kPacked}));
    REQUIRE(f.Append(ledger::OrderDispatched{a.id, "T"}));
    REQUIRE(f.Append(ledger::OrderStatusChanged{a.id, orders::OrderStatus::kLost}));
    CHECK(f.Scalar("SELECT status FROM orders WHERE id = '" + a.id + "'") ==
          static_cast<int>(orders::OrderStatus::kLost));
}

TEST_CASE("an exchange settles only the difference, in one event") {
    LedgerFixture f;
    Stock(f, "loc-s01", "MUG-RED", 5);
    Stock(f, "loc-s01", "MUG-BLUE", 5);
    const auto order = SellAtTill(f, {LedgerFixture::Line(1, "MUG-RED", 1, 899)});
    orders::Order replacement = f.NewOrder({LedgerFixture::Line(1, "MUG-BLUE", 1, 1099)});
    const auto ret = ReturnOf(f, order, {Back(1, "MUG-RED", 1)});

    SUBCASE("a wrong settlement is rejected and nothing is written") {
        const auto before = f.Scalar("SELECT count(*) FROM ledger");
        auto result = f.Append(ledger::ExchangeCompleted{
            ret,
            replacement,
            {orders::Payment{orders::Tender::kCard, Gbp(100), Gbp(100), "", ""}},
            {}});
        REQUIRE_FALSE(result);
        CHECK(result.error().message.find("does not settle") != std::string::npos);
        CHECK(f.Scalar("SELECT count(*) FROM ledger") == before);
        CHECK(f.OnHand("loc-s01", "MUG-BLUE") == 5000);
    }
    SUBCASE("the customer pays the 2.00 difference") {
        REQUIRE(f.Append(ledger::ExchangeCompleted{
            ret,
            replacement,
            {orders::Payment{orders::Tender::kCard, Gbp(200), Gbp(200), "", ""}},
            {}}));
        CHECK(f.OnHand("loc-s01", "MUG-RED") == 5000);
        CHECK(f.OnHand("loc-s01", "MUG-BLUE") == 4000);
        CHECK(f.Scalar("SELECT paid_minor FROM orders WHERE id = '" + replacement.id + "'") ==
              1099);
        CHECK(f.Scalar("SELECT refunded_minor FROM orders WHERE id = '" + order.id + "'") == 899);
        CHECK(f.Scalar("SELECT count(*) FROM orders WHERE exchange_of = '" + order.id + "'") == 1);
    }
    SUBCASE("the shop refunds the difference when the new goods are cheaper") {
        orders::Order cheaper = f.NewOrder({LedgerFixture::Line(1, "MUG-BLUE", 1, 499)});
        REQUIRE(f.Append(ledger::ExchangeCompleted{
            ret, cheaper, {}, {orders::Refund{orders::Tender::kCard, Gbp(400), "", ""}}}));
        CHECK(f.Scalar("SELECT refunded_minor FROM orders WHERE id = '" + order.id + "'") == 899);
        CHECK(f.Scalar("SELECT paid_minor FROM orders WHERE id = '" + cheaper.id + "'") == 499);
    }
}

TEST_CASE("a no-receipt return is marked as such and refunds at most its agreed value") {
    LedgerFixture f;
    orders::Return ret{
        f.ids.NextString(),
        "",
        "loc-s01",
        true,
        "GBP",
        {orders::ReturnLine{0, "TEA", 1000, Gbp(500), orders::ReturnReason::kChangedMind,
                            orders::ItemCondition::kRestock}}};
    REQUIRE(f.Append(ledger::ReturnReceived{ret}));
    CHECK(f.Scalar("SELECT no_receipt FROM returns WHERE id = '" + ret.id + "'") == 1);
    CHECK(f.OnHand("loc-s01", "TEA") == 1000);
    CHECK_FALSE(f.Append(ledger::RefundIssued{
        "", ret.id,
        orders::Refund{orders::Tender::kStoreCredit, Gbp(501), "1234567812345670", ""}}));
    CHECK(f.Append(ledger::RefundIssued{
        "", ret.id,
        orders::Refund{orders::Tender::kStoreCredit, Gbp(500), "1234567812345670", ""}}));
}

TEST_CASE("the drawer expects float plus cash sales plus paid in less paid out and cash refunds") {
    LedgerFixture f;
    const std::string shift = f.ids.NextString();
    const std::string till = "terminal:S01-T1";
    REQUIRE(f.Append(ledger::ShiftOpened{shift, "loc-s01", till, Gbp(10000)}, till));
    CHECK_FALSE(
        f.Append(ledger::ShiftOpened{f.ids.NextString(), "loc-s01", till, Gbp(10000)}, till));
    orders::Order order = f.NewOrder({LedgerFixture::Line(1, "TEA", 2, 650)});
    REQUIRE(f.Append(ledger::OrderPlaced{order, true}, till));
    REQUIRE(f.Append(
        ledger::PaymentTaken{
            order.id, orders::Payment{orders::Tender::kCash, Gbp(1300), Gbp(2000), "", shift}},
        till));
    REQUIRE(f.Append(
        ledger::CashMoved{shift, ledger::CashMovementKind::kPaidIn, Gbp(500), "change from bank"},
        till));
    REQUIRE(f.Append(ledger::CashMoved{shift, ledger::CashMovementKind::kPaidOut, Gbp(250), "milk"},
                     till));
    REQUIRE(
        f.Append(ledger::RefundIssued{order.id, "",
                                      orders::Refund{orders::Tender::kCash, Gbp(650), "", shift}},
                 till));
    CHECK(f.Scalar("SELECT expected_cash_minor FROM shifts WHERE id = '" + shift + "'") ==
          10000 + 1300 + 500 - 250 - 650);
    CHECK_FALSE(f.Append(ledger::CashMoved{shift, ledger::CashMovementKind::kPaidOut,
                                           Gbp(1'000'000), "more than the drawer"},
                         till));
    CHECK_FALSE(
        f.Append(ledger::CashMoved{shift, ledger::CashMovementKind::kPaidOut, Gbp(100), ""}, till));
    REQUIRE(f.Append(ledger::ShiftClosed{shift, Gbp(10850)}, till));
    CHECK(f.Scalar("SELECT counted_minor - expected_cash_minor FROM shifts WHERE id = '" + shift +
                   "'") == -50);
    CHECK_FALSE(f.Append(
        ledger::CashMoved{shift, ledger::CashMovementKind::kPaidIn, Gbp(100), "after close"},
        till));
}

TEST_CASE(
    "cash taken or refunded with no shift is refused by the ledger, wherever the event comes from, "
    "and changes nothing") {
    LedgerFixture f;
    orders::Order order = f.NewOrder({LedgerFixture::Line(1, "TEA", 1, 650)});
    const auto cash_sale = [&](const std::string& origin) {
        orders::Order sale = order;
        sale.id = f.ids.NextString();
        return f.Append(
            ledger::OrderPlaced{
                sale, true, {orders::Payment{orders::Tender::kCash, Gbp(650), Gbp(1000), "", ""}}},
            origin);
    };
    for (const std::string origin : {"terminal:S01-T1", "office"}) {
        CAPTURE(origin);
        auto refused = cash_sale(origin);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == ErrorCode::kInvariantViolated);
        CHECK(refused.error().field == "shift_id");
        CHECK(refused.error().message.find("open shift") != std::string::npos);
    }
    CHECK(f.Scalar("SELECT count(*) FROM orders") == 0);
    CHECK(f.Scalar("SELECT count(*) FROM ledger") == 0);

    // A card sale needs no drawer; its cash refund does.
    REQUIRE(f.Append(ledger::OrderPlaced{
        order, true, {orders::Payment{orders::Tender::kCard, Gbp(650), Gbp(650), "", ""}}}));
    auto refund = f.Append(ledger::RefundIssued{
        order.id, "", orders::Refund{orders::Tender::kCash, Gbp(650), "", ""}});
    REQUIRE_FALSE(refund);
    CHECK(refund.error().field == "shift_id");
    CHECK(f.Scalar("SELECT refunded_minor FROM orders WHERE id = '" + order.id + "'") == 0);
}

TEST_CASE("a batch keeps the good events when one is rejected") {
    LedgerFixture f;
    std::vector<ledger::Event> events{
        f.Make(ledger::StockAdjusted{"loc-s01", "TEA", 1000,
                                     ledger::AdjustmentReason::kGoodsReceived, ""}),
        f.Make(ledger::StockAdjusted{"nowhere", "TEA", 1000,
                                     ledger::AdjustmentReason::kGoodsReceived, ""}),
        f.Make(ledger::StockAdjusted{"loc-s01", "TEA", 2000,
                                     ledger::AdjustmentReason::kGoodsReceived, ""}),
    };
    auto results = f.ledger.AppendBatch(events);
    REQUIRE(results);
    CHECK((*results)[0].has_value());
    CHECK_FALSE((*results)[1].has_value());
    CHECK((*results)[1].error().code == ErrorCode::kNotFound);
    CHECK((*results)[2].has_value());
    CHECK(f.OnHand("loc-s01", "TEA") == 3000);
}

TEST_CASE("append-all keeps nothing when one event is rejected") {
    LedgerFixture f;
    orders::Order order = f.NewOrder({LedgerFixture::Line(1, "TEA", 1, 500)});
    std::vector<ledger::Event> events{
        f.Make(ledger::OrderPlaced{order, true}),
        f.Make(ledger::PaymentTaken{
            order.id, orders::Payment{orders::Tender::kCard, Gbp(9999), Gbp(9999), "", ""}}),
    };
    REQUIRE_FALSE(f.ledger.AppendAll(events));
    CHECK(f.Scalar("SELECT count(*) FROM ledger") == 0);
    CHECK(f.Scalar("SELECT count(*) FROM orders") == 0);
}

TEST_CASE("the ledger refuses to be edited or deleted") {
    LedgerFixture f;
    Stock(f, "loc-s01", "TEA", 1);
    CHECK_FALSE(f.db.Exec("UPDATE ledger SET actor = 'someone else'"));
    CHECK_FALSE(f.db.Exec("DELETE FROM ledger"));
    CHECK(f.Scalar("SELECT count(*) FROM ledger") == 1);
}

TEST_CASE("verify passes on an honest database and names a tampered projection") {
    LedgerFixture f;
    Stock(f, "loc-s01", "TEA", 10);
    SellAtTill(f, {LedgerFixture::Line(1, "TEA", 2, 650)});
    const std::string scratch = f.path.string() + ".scratch";
    auto report = ledger::VerifyDatabase(f.db, scratch);
    REQUIRE(report);
    for (const auto& problem : report->problems)
        MESSAGE(problem);
    CHECK(report->Ok());
    CHECK(report->events == 3);
    REQUIRE(f.db.Exec("UPDATE stock_levels SET on_hand = on_hand + 1000"));
    report = ledger::VerifyDatabase(f.db, scratch);
    REQUIRE(report);
    REQUIRE_FALSE(report->Ok());
    bool named = false;
    for (const auto& problem : report->problems)
        named = named || problem.find("stock_levels") != std::string::npos;
    CHECK(named);
}

TEST_CASE(
    "a till sale is placed and paid in one event, and paying more than its total is rejected") {
    LedgerFixture f;
    orders::Order order = f.NewOrder({LedgerFixture::Line(1, "TEA", 2, 650)});
    const orders::Payment card{orders::Tender::kCard, Gbp(1000), Gbp(1000), "", ""};
    const orders::Payment too_much{orders::Tender::kCard, Gbp(301), Gbp(301), "", ""};
    auto rejected = f.Append(ledger::OrderPlaced{order, true, {card, too_much}});
    REQUIRE_FALSE(rejected);
    CHECK(rejected.error().code == ErrorCode::kInvariantViolated);
    CHECK(f.Scalar("SELECT count(*) FROM orders") == 0);
    const orders::Payment rest{orders::Tender::kCard, Gbp(300), Gbp(300), "", ""};
    REQUIRE(f.Append(ledger::OrderPlaced{order, true, {card, rest}}));
    CHECK(f.Scalar("SELECT paid_minor FROM orders WHERE id = '" + order.id + "'") == 1300);
    CHECK(f.Scalar("SELECT count(*) FROM payments WHERE order_id = '" + order.id + "'") == 2);
}

// ---- OrderAmended: a channel changed an order after import ----

TEST_CASE("an amendment down replaces the lines and releases what is no longer wanted") {
    LedgerFixture f;
    Stock(f, "loc-w01", "TEA", 5);
    Stock(f, "loc-w01", "MUG", 5);
    orders::Order order =
        f.NewOrder({LedgerFixture::Line(1, "TEA", 2, 650), LedgerFixture::Line(2, "MUG", 1, 900)},
                   "shopify", "");
    REQUIRE(f.Append(ledger::OrderPlaced{order, false}));
    REQUIRE(f.Append(ledger::StockReserved{order.id, "loc-w01", {{"TEA", 2000}, {"MUG", 1000}}}));
    CHECK(f.Reserved("loc-w01", "TEA") == 2000);

    orders::Order amended = order;
    amended.lines = {LedgerFixture::Line(1, "TEA", 1, 650), LedgerFixture::Line(2, "JAM", 1, 300)};
    amended.customer_email = "new@example.com";
    REQUIRE(f.Append(ledger::OrderAmended{amended, "changed on shopify"}));
    CHECK(f.Reserved("loc-w01", "TEA") == 1000);
    CHECK(f.Reserved("loc-w01", "MUG") == 0);
    const std::string where = " WHERE order_id = '" + order.id + "'";
    CHECK(f.Scalar("SELECT count(*) FROM order_lines" + where) == 2);
    CHECK(f.Scalar("SELECT quantity FROM order_lines" + where + " AND line_no = 1") == 1000);
    CHECK(f.Scalar("SELECT count(*) FROM order_lines" + where + " AND sku = 'JAM'") == 1);
    CHECK(f.Scalar("SELECT count(*) FROM reservations" + where) == 1);
    CHECK(f.Scalar("SELECT total_minor FROM orders WHERE id = '" + order.id + "'") == 950);
    CHECK(f.Scalar("SELECT count(*) FROM orders WHERE customer_email = 'new@example.com'") == 1);
    CHECK(f.Scalar("SELECT status FROM orders WHERE id = '" + order.id + "'") == 2);
    // The released reservation is a movement, so the level is still the sum of its movements.
    CHECK(f.Scalar("SELECT sum(reserved_delta) FROM stock_movements WHERE sku = 'MUG'") == 0);
    CHECK(f.Scalar("SELECT count(*) FROM order_events WHERE order_id = '" + order.id + "'") == 3);

    auto report = ledger::VerifyDatabase(f.db, f.path.string() + ".scratch");
    REQUIRE(report);
    for (const auto& problem : report->problems)
        MESSAGE(problem);
    CHECK(report->Ok());
}

TEST_CASE("an amendment that leaves nothing reserved places the order again") {
    LedgerFixture f;
    Stock(f, "loc-w01", "TEA", 5);
    orders::Order order = f.NewOrder({LedgerFixture::Line(1, "TEA", 2, 650)}, "ebay", "");
    REQUIRE(f.Append(ledger::OrderPlaced{order, false}));
    REQUIRE(f.Append(ledger::StockReserved{order.id, "loc-w01", {{"TEA", 2000}}}));
    orders::Order amended = order;
    amended.lines = {LedgerFixture::Line(1, "MUG", 1, 900)};
    REQUIRE(f.Append(ledger::OrderAmended{amended, "changed on ebay"}));
    CHECK(f.Reserved("loc-w01", "TEA") == 0);
    CHECK(f.Scalar("SELECT status FROM orders WHERE id = '" + order.id + "'") == 1);
    CHECK(f.Scalar("SELECT count(*) FROM reservations") == 0);
}

TEST_CASE("an order that is dispatched, picking or a till sale cannot be amended") {
    LedgerFixture f;
    Stock(f, "loc-w01", "TEA", 5);
    orders::Order sent = f.NewOrder({LedgerFixture::Line(1, "TEA", 2, 650)}, "shopify", "");
    orders::Order picking = f.NewOrder({LedgerFixture::Line(1, "TEA", 1, 650)}, "shopify", "");
    for (const auto& order : {sent, picking}) {
        REQUIRE(f.Append(ledger::OrderPlaced{order, false}));
        REQUIRE(f.Append(
            ledger::StockReserved{order.id, "loc-w01", {{"TEA", order.lines[0].quantity}}}));
    }
    REQUIRE(f.Append(ledger::OrderDispatched{sent.id, "TRACK"}));
    REQUIRE(f.Append(ledger::OrderStatusChanged{picking.id, orders::OrderStatus::kPicking}));
    orders::Order smaller = sent;
    smaller.lines = {LedgerFixture::Line(1, "TEA", 1, 650)};
    auto refused = f.Append(ledger::OrderAmended{smaller, "changed on shopify"});
    CHECK(ErrorOf(refused).find("dispatched: too late to amend") != std::string::npos);
    CHECK(refused.error().code == ErrorCode::kInvariantViolated);
    CHECK(f.Scalar("SELECT quantity FROM order_lines WHERE order_id = '" + sent.id + "'") == 2000);
    smaller.id = picking.id;
    CHECK(ErrorOf(f.Append(ledger::OrderAmended{smaller, "x"})).find("picking") !=
          std::string::npos);
    CHECK(f.Reserved("loc-w01", "TEA") == 1000);

    orders::Order sale = SellAtTill(f, {LedgerFixture::Line(1, "TEA", 1, 650)});
    sale.lines = {LedgerFixture::Line(1, "TEA", 2, 650)};
    CHECK(ErrorOf(f.Append(ledger::OrderAmended{sale, "x"})).find("till sale") !=
          std::string::npos);
}

TEST_CASE("an amendment below what was paid needs the channel's refund recorded first") {
    LedgerFixture f;
    orders::Order order = f.NewOrder({LedgerFixture::Line(1, "TEA", 2, 650)}, "woocommerce", "");
    order.external_id = "WC-1";
    REQUIRE(f.Append(ledger::OrderPlaced{order, false}));
    REQUIRE(f.Append(ledger::PaymentTaken{
        order.id, orders::Payment{orders::Tender::kChannel, Gbp(1300), Gbp(1300), "WC-1", ""}}));
    orders::Order amended = order;
    amended.lines = {LedgerFixture::Line(1, "TEA", 1, 650)};
    auto refused = f.Append(ledger::OrderAmended{amended, "changed on woocommerce"});
    CHECK(ErrorOf(refused).find("record the refund first") != std::string::npos);
    CHECK(f.Scalar("SELECT total_minor FROM orders") == 1300);

    orders::Order other_order = amended;
    other_order.external_id = "WC-2";
    CHECK(ErrorOf(f.Append(ledger::OrderAmended{other_order, "x"})).find("WC-2") !=
          std::string::npos);
    orders::Order empty = amended;
    empty.lines.clear();
    CHECK(f.Append(ledger::OrderAmended{empty, "x"}).error().code == ErrorCode::kInvalidInput);

    REQUIRE(f.Append(ledger::RefundIssued{
        order.id, "", orders::Refund{orders::Tender::kChannel, Gbp(650), "refund 7", ""}}));
    REQUIRE(f.Append(ledger::OrderAmended{amended, "changed on woocommerce"}));
    CHECK(f.Scalar("SELECT total_minor FROM orders") == 650);
    CHECK(f.Scalar("SELECT paid_minor - refunded_minor FROM orders") == 650);
}

TEST_CASE("issue 14: an event keeps its approver, read back and compared with it") {
    LedgerFixture f;
    auto approved = f.Make(ledger::StockAdjusted{"loc-s01", "TEA", -1000,
                                                 ledger::AdjustmentReason::kDamaged, "dropped"});
    approved.actor = "staff-zoe";
    approved.approver = "staff-tom";
    auto other = approved;
    other.approver = "staff-aoife";
    CheckKeptAndCompared(f, approved, other);
    CHECK(f.Scalar("SELECT count(*) FROM ledger WHERE actor = 'staff-zoe' AND approver = "
                   "'staff-tom'") == 1);
}

TEST_CASE("issue 14: nobody approves their own event") {
    LedgerFixture f;
    auto own = f.Make(ledger::StockAdjusted{"loc-s01", "TEA", 1000,
                                            ledger::AdjustmentReason::kGoodsReceived, ""});
    own.actor = "staff-tom";
    own.approver = "staff-tom";
    const std::string error = ErrorOf(f.ledger.Append(own));
    CHECK(error.find("someone other than the actor") != std::string::npos);
    CHECK(f.Scalar("SELECT count(*) FROM ledger") == 0);
}

TEST_CASE(
    "an event the back office records at a till's word keeps the till, read back, compared "
    "and checked") {
    LedgerFixture f;
    auto for_till = f.Make(ledger::StockAdjusted{"loc-s01", "TEA", 1000,
                                                 ledger::AdjustmentReason::kGoodsReceived, ""});
    for_till.via = "terminal:S01-T1";
    auto other = for_till;
    other.via = "terminal:S01-T2";
    CheckKeptAndCompared(f, for_till, other);
    CHECK(f.Scalar("SELECT count(*) FROM ledger WHERE origin = 'office' AND via = "
                   "'terminal:S01-T1'") == 1);

    // Only the office records for a till, and only for a till.
    auto till_own = f.Make(
        ledger::StockAdjusted{"loc-s01", "TEA", 1000, ledger::AdjustmentReason::kGoodsReceived, ""},
        "terminal:S01-T2");
    till_own.via = "terminal:S01-T1";
    CHECK(
        ErrorOf(f.ledger.Append(till_own)).find("only the back office records at a till's word") !=
        std::string::npos);
    auto not_a_till = f.Make(ledger::StockAdjusted{"loc-s01", "TEA", 1000,
                                                   ledger::AdjustmentReason::kGoodsReceived, ""});
    not_a_till.via = "channel:shopify";
    CHECK(ErrorOf(f.ledger.Append(not_a_till)).find("via a terminal:") != std::string::npos);
    CHECK(f.Scalar("SELECT count(*) FROM ledger") == 1);
}

TEST_CASE("a till's origin is made and read in one place") {
    CHECK(ledger::TerminalOrigin("S01", "T2") == "terminal:S01-T2");
    CHECK(ledger::IsTerminalOrigin("terminal:S01-T2"));
    CHECK_FALSE(ledger::IsTerminalOrigin("office"));
    CHECK_FALSE(ledger::IsTerminalOrigin("channel:shopify"));
    CHECK_FALSE(ledger::IsTerminalOrigin("Terminal:S01-T2"));
    CHECK(ledger::TerminalOfOrigin("terminal:S01-T2") == "S01-T2");
    CHECK(ledger::TerminalOfOrigin("office") == "office");
    CHECK(ledger::ChannelOrigin("ebay") == "channel:ebay");
}
