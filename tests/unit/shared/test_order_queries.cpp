// The back office's read models of orders, on a real SQLite file filled through the ledger.
#include <doctest/doctest.h>

#include <map>

#include "ledger_fixture.hpp"
#include "tillbook/queries/order_list.hpp"

using namespace tillbook;
using testing::LedgerFixture;

namespace {

constexpr ids::UtcMillis kHour = 3'600'000;

// An online order of one TEA from the warehouse, due for despatch at `despatch_by`, taken through
// the ledger to `status` by the events that lead there.
orders::Order OnlineOrder(LedgerFixture& f, orders::OrderStatus status,
                          ids::UtcMillis despatch_by) {
    using S = orders::OrderStatus;
    orders::Order order = f.NewOrder({LedgerFixture::Line(1, "TEA", 1, 650)}, "shopify", "");
    order.external_id = "shopify-" + order.id;
    order.despatch_by = despatch_by;
    REQUIRE(f.Append(ledger::OrderPlaced{order}));
    if (status == S::kPlaced) return order;
    if (status == S::kCancelled) {
        REQUIRE(f.Append(ledger::OrderCancelled{order.id, "changed their mind"}));
        return order;
    }
    REQUIRE(f.Append(ledger::StockAdjusted{"loc-w01", "TEA", 1000,
                                           ledger::AdjustmentReason::kGoodsReceived, ""}));
    REQUIRE(f.Append(ledger::StockReserved{order.id, "loc-w01", {{"TEA", 1000}}}));
    const auto move = [&](S to) { REQUIRE(f.Append(ledger::OrderStatusChanged{order.id, to})); };
    if (status == S::kPicking || status == S::kPacked) move(S::kPicking);
    if (status == S::kPacked) move(S::kPacked);
    if (status == S::kDispatched || status == S::kDelivered || status == S::kLost)
        REQUIRE(f.Append(ledger::OrderDispatched{order.id, "TRACK-1"}));
    if (status == S::kDelivered || status == S::kLost) move(status);
    return order;
}

std::vector<queries::OrderListEntry> List(LedgerFixture& f,
                                          const queries::OrderListFilter& filter) {
    auto list = queries::ListOrders(f.db, filter);
    REQUIRE(list);
    return *list;
}

}  // namespace

TEST_CASE(
    "the order list's due and overdue filters and its overdue flag take exactly the statuses that "
    "are still open for despatch") {
    LedgerFixture f("order-list-statuses");
    const ids::UtcMillis now = f.clock.Now() + 1000 * kHour;
    std::map<std::string, orders::OrderStatus> status_of;
    std::map<std::string, bool> late;
    for (const orders::OrderStatus status : orders::kOrderStatuses) {
        for (const bool past : {true, false}) {
            const auto order = OnlineOrder(f, status, past ? now - kHour : now + kHour);
            status_of[order.id] = status;
            late[order.id] = past;
        }
    }
    const auto due = List(f, {.deadline = queries::DeadlineFilter::kDue, .now = now});
    const auto overdue = List(f, {.deadline = queries::DeadlineFilter::kOverdue, .now = now});
    const auto all = List(f, {.now = now});
    REQUIRE(all.size() == status_of.size());
    std::size_t open = 0;
    for (const queries::OrderListEntry& entry : all) {
        INFO(orders::ToString(entry.status));
        CHECK(entry.status == status_of[entry.id]);
        CHECK(entry.overdue == (orders::IsOpenForDespatch(entry.status) && late[entry.id]));
        if (orders::IsOpenForDespatch(entry.status)) ++open;
    }
    CHECK(open == 8);  // placed, allocated, picking, packed; each late and not
    CHECK(due.size() == open);
    for (const queries::OrderListEntry& entry : due)
        CHECK(orders::IsOpenForDespatch(entry.status));
    CHECK(overdue.size() == open / 2);
    for (const queries::OrderListEntry& entry : overdue)
        CHECK((orders::IsOpenForDespatch(entry.status) && late[entry.id] && entry.overdue));
    for (const orders::OrderStatus status : orders::kOrderStatuses) {
        const auto only = List(f, {.status = status, .now = now});
        CHECK(only.size() == 2);
        for (const queries::OrderListEntry& entry : only)
            CHECK(entry.status == status);
    }
}

TEST_CASE(
    "listing orders at ever new times and with other filter values leaves no more statements in "
    "the connection's cache than there are filter shapes") {
    LedgerFixture f("order-list-statements");
    const ids::UtcMillis start = f.clock.Now();
    const auto first = OnlineOrder(f, orders::OrderStatus::kPlaced, start + kHour);
    (void)OnlineOrder(f, orders::OrderStatus::kAllocated, start + 2 * kHour);
    const std::size_t before = f.db.CachedStatementCount();
    // channel given or not, text or not, any/due/overdue, status or not.
    constexpr std::size_t kShapes = 2 * 2 * 3 * 2;
    const queries::DeadlineFilter deadlines[] = {queries::DeadlineFilter::kAny,
                                                 queries::DeadlineFilter::kDue,
                                                 queries::DeadlineFilter::kOverdue};
    for (int round = 0; round < 50; ++round) {
        for (std::size_t shape = 0; shape < kShapes; ++shape) {
            queries::OrderListFilter filter;
            if (shape & 1) filter.channel = round % 2 == 0 ? "shopify" : "ebay";
            if (shape & 2)
                filter.text = first.number.substr(0, static_cast<std::size_t>(round % 5));
            filter.deadline = deadlines[(shape >> 2) % 3];
            if (shape >= 12) filter.status = orders::kOrderStatuses[round % 8];
            filter.now = start + round * kHour / 10;
            REQUIRE(queries::ListOrders(f.db, filter));
        }
    }
    CHECK(f.db.CachedStatementCount() - before <= kShapes);
    // And the answers are still the right ones.
    CHECK(List(f, {.deadline = queries::DeadlineFilter::kOverdue, .now = start}).empty());
    CHECK(
        List(f, {.deadline = queries::DeadlineFilter::kOverdue, .now = start + 3 * kHour}).size() ==
        2);
    const auto found = List(f, {.text = first.number, .now = start});
    REQUIRE(found.size() == 1);
    CHECK(found[0].id == first.id);
}
