// The back office's read models of returns, on a real SQLite file filled through the ledger.
#include <doctest/doctest.h>

#include "ledger_fixture.hpp"
#include "tillbook/queries/return_detail.hpp"

using namespace tillbook;
using testing::Gbp;
using testing::LedgerFixture;

namespace {

orders::Order SellAtTill(LedgerFixture& f, std::vector<orders::OrderLine> lines) {
    orders::Order order = f.NewOrder(std::move(lines));
    const auto total = orders::ComputeTotals(order)->total;
    REQUIRE(f.Append(ledger::OrderPlaced{
        order, true, {orders::Payment{orders::Tender::kCard, total, total, "auth-1", ""}}}));
    return order;
}

orders::Return ReturnOf(LedgerFixture& f, const orders::Order& order, int line_no, std::string sku,
                        std::int64_t quantity, std::string location) {
    return orders::Return{
        f.ids.NextString(),
        order.id,
        std::move(location),
        false,
        "GBP",
        {orders::ReturnLine{line_no, std::move(sku), quantity, Gbp(0),
                            orders::ReturnReason::kFaulty, orders::ItemCondition::kDamaged}}};
}

}  // namespace

TEST_CASE(
    "a return's detail has where and by whom it was received, its lines and values, and its "
    "refunds in order") {
    LedgerFixture f("return-detail");
    orders::Order weighed = f.NewOrder({LedgerFixture::Line(1, "CHEESE", 0, 2400)});
    weighed.lines[0].quantity = 250;
    const auto total = orders::ComputeTotals(weighed)->total;
    REQUIRE(f.Append(ledger::OrderPlaced{
        weighed, true, {orders::Payment{orders::Tender::kCard, total, total, "", ""}}}));
    const auto ret = ReturnOf(f, weighed, 1, "CHEESE", 100, "loc-s02");
    const auto received = f.Append(ledger::ReturnReceived{ret});
    REQUIRE(received);
    REQUIRE(f.Append(
        ledger::RefundIssued{weighed.id, ret.id, {orders::Tender::kCard, Gbp(200), "R-1", ""}}));
    REQUIRE(f.Append(ledger::RefundIssued{
        weighed.id, ret.id, {orders::Tender::kStoreCredit, Gbp(40), "1234567812345670", ""}}));

    auto found = queries::FindReturnDetail(f.db, ret.id);
    REQUIRE(found);
    REQUIRE(found->has_value());
    const queries::ReturnDetail& detail = **found;
    CHECK(detail.order_id == weighed.id);
    CHECK(detail.order_number == weighed.number);
    CHECK(detail.location_id == "loc-s02");
    CHECK(detail.location_code == "S02");
    CHECK_FALSE(detail.no_receipt);
    CHECK(detail.value_minor == 240);  // 100 g of 250 g at 6.00
    CHECK(detail.refunded_minor == 240);
    CHECK(detail.received_seq == received->seq);
    CHECK(detail.received_by == "staff-1");
    CHECK_FALSE(detail.exchange_order.has_value());
    REQUIRE(detail.lines.size() == 1);
    CHECK(detail.lines[0].line_no == 1);
    CHECK(detail.lines[0].quantity == 100);
    CHECK(detail.lines[0].value_minor == 240);
    CHECK(detail.lines[0].reason == orders::ReturnReason::kFaulty);
    CHECK(detail.lines[0].condition == orders::ItemCondition::kDamaged);
    REQUIRE(detail.refunds.size() == 2);
    CHECK(detail.refunds[0].tender == orders::Tender::kCard);
    CHECK(detail.refunds[0].amount_minor == 200);
    CHECK(detail.refunds[0].reference == "R-1");
    CHECK(detail.refunds[1].tender == orders::Tender::kStoreCredit);
    CHECK(detail.refunds[0].seq < detail.refunds[1].seq);

    auto none = queries::FindReturnDetail(f.db, "no-such-return");
    REQUIRE(none);
    CHECK_FALSE(none->has_value());
}

TEST_CASE("an exchange's return names the new order, and an order's returns come oldest first") {
    LedgerFixture f("return-exchange");
    const auto order = SellAtTill(f, {LedgerFixture::Line(1, "TEA", 3, 650)});
    const auto first = ReturnOf(f, order, 1, "TEA", 1000, "loc-s01");
    REQUIRE(f.Append(ledger::ReturnReceived{first}));
    const auto second = ReturnOf(f, order, 1, "TEA", 1000, "loc-s01");
    orders::Order new_order = f.NewOrder({LedgerFixture::Line(1, "MUG", 1, 650)});
    REQUIRE(f.Append(ledger::ExchangeCompleted{second, new_order, {}, {}}));  // even

    auto returns = queries::ReturnsOfOrder(f.db, order.id);
    REQUIRE(returns);
    REQUIRE(returns->size() == 2);
    CHECK((*returns)[0].id == first.id);
    CHECK_FALSE((*returns)[0].exchange_order.has_value());
    CHECK((*returns)[1].id == second.id);
    REQUIRE((*returns)[1].exchange_order.has_value());
    CHECK((*returns)[1].exchange_order->id == new_order.id);
    CHECK((*returns)[1].exchange_order->number == new_order.number);
    REQUIRE((*returns)[1].refunds.size() == 1);  // the credit carried to the new order
    CHECK((*returns)[1].refunds[0].tender == orders::Tender::kExchangeCredit);
    CHECK((*returns)[1].refunds[0].amount_minor == 650);
    auto of_new = queries::ReturnsOfOrder(f.db, new_order.id);
    REQUIRE(of_new);
    CHECK(of_new->empty());
}
