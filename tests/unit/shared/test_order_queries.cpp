// The back office's read models of orders, on a real SQLite file filled through the ledger.
#include <doctest/doctest.h>

#include <map>

#include "ledger_fixture.hpp"
#include "tillbook/queries/order_detail.hpp"
#include "tillbook/queries/order_list.hpp"
#include "tillbook/queries/order_lookup.hpp"

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
    REQUIRE(f.Receive("loc-w01", "TEA", 1000));
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
    return list->orders;
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
    // Plus the two reads of the locations' and channels' time zones.
    CHECK(f.db.CachedStatementCount() - before <= kShapes + 2);
    // And the answers are still the right ones.
    CHECK(List(f, {.deadline = queries::DeadlineFilter::kOverdue, .now = start}).empty());
    CHECK(
        List(f, {.deadline = queries::DeadlineFilter::kOverdue, .now = start + 3 * kHour}).size() ==
        2);
    const auto found = List(f, {.text = first.number, .now = start});
    REQUIRE(found.size() == 1);
    CHECK(found[0].id == first.id);
}

TEST_CASE(
    "an order's detail has its lines, its reserved stock, its needs-attention reasons and every "
    "ledger event about it in order") {
    LedgerFixture f("order-detail");
    REQUIRE(f.Receive("loc-w01", "CHEESE", 5000));
    orders::Order order = f.NewOrder(
        {LedgerFixture::Line(1, "TEA", 2, 650), LedgerFixture::Line(2, "CHEESE", 0, 2400)},
        "shopify", "");
    order.lines[1].quantity = 1500;  // weighed: 1.5 kg
    order.external_id = "9001";
    order.despatch_by = f.clock.Now() + kHour;
    order.attention = {"line 1: unknown SKU \"TEA\"", "no address"};
    REQUIRE(f.Append(ledger::OrderPlaced{order}));
    REQUIRE(f.Append(ledger::StockReserved{order.id, "loc-w01", {{"CHEESE", 1500}}}));
    REQUIRE(f.Append(ledger::OrderStatusChanged{order.id, orders::OrderStatus::kPicking}));
    // Another order's events are not in its history.
    (void)OnlineOrder(f, orders::OrderStatus::kPlaced, f.clock.Now());

    auto found = queries::FindOrderDetail(f.db, order.id);
    REQUIRE(found);
    REQUIRE(found->has_value());
    const queries::OrderDetail& detail = **found;
    CHECK(detail.number == order.number);
    CHECK(detail.channel == "shopify");
    CHECK(detail.external_id == "9001");
    CHECK(detail.currency == "GBP");
    CHECK(detail.status == orders::OrderStatus::kPicking);
    CHECK(detail.total_minor == 2 * 650 + 3600);
    CHECK(detail.paid_minor == 0);
    CHECK(detail.despatch_by == order.despatch_by);
    CHECK_FALSE(detail.deliver_by.has_value());
    CHECK(detail.attention == order.attention);
    CHECK(detail.location_id == "loc-w01");  // where its stock was reserved
    REQUIRE(detail.lines.size() == 2);
    CHECK(detail.lines[0].line_no == 1);
    CHECK(detail.lines[0].quantity == 2000);
    CHECK(detail.lines[1].sku == "CHEESE");
    CHECK(detail.lines[1].quantity == 1500);
    CHECK(detail.lines[1].total_minor == 3600);
    REQUIRE(detail.reservations.size() == 1);
    CHECK(detail.reservations[0].location_id == "loc-w01");
    CHECK(detail.reservations[0].quantity == 1500);
    REQUIRE(detail.history.size() == 3);
    CHECK(detail.history[0].event == ledger::EventKind::kOrderPlaced);
    CHECK(detail.history[1].event == ledger::EventKind::kStockReserved);
    CHECK(detail.history[2].event == ledger::EventKind::kOrderStatusChanged);
    CHECK(detail.history[0].seq < detail.history[1].seq);
    CHECK(detail.history[0].actor == "staff-1");
    CHECK(detail.history[0].origin == "office");

    auto none = queries::FindOrderDetail(f.db, "no-such-order");
    REQUIRE(none);
    CHECK_FALSE(none->has_value());
}

TEST_CASE("an order that cannot be read is an error, never an order that is not there") {
    LedgerFixture f("order-detail-storage");
    const auto order = OnlineOrder(f, orders::OrderStatus::kPlaced, f.clock.Now());
    REQUIRE(f.db.Exec("ALTER TABLE order_events RENAME TO order_events_gone"));
    auto found = queries::FindOrderDetail(f.db, order.id);
    REQUIRE_FALSE(found);
    CHECK(found.error().code == ErrorCode::kStorage);
}

TEST_CASE("an order is found by its number, its channel's id or our id, and a line by its number") {
    LedgerFixture f("order-lookup");
    const auto order = OnlineOrder(f, orders::OrderStatus::kPlaced, f.clock.Now());
    for (const std::string& code : {order.number, order.external_id, order.id}) {
        auto found = queries::FindOrderByCode(f.db, code);
        REQUIRE(found);
        REQUIRE(found->has_value());
        CHECK((*found)->id == order.id);
        CHECK((*found)->currency == "GBP");
    }
    auto none = queries::FindOrderByCode(f.db, "S01-T1-999999");
    REQUIRE(none);
    CHECK_FALSE(none->has_value());
    auto sku = queries::FindOrderLineSku(f.db, order.id, 1);
    REQUIRE(sku);
    CHECK(*sku == std::optional<std::string>("TEA"));
    auto no_line = queries::FindOrderLineSku(f.db, order.id, 2);
    REQUIRE(no_line);
    CHECK_FALSE(no_line->has_value());
}

TEST_CASE("the highest sequence of a series of order numbers ignores other series") {
    LedgerFixture f("order-sequence");
    for (const char* number : {"S01-BO000007", "S01-BO000012", "S02-BO000099", "S01-T1-000500"}) {
        orders::Order order = f.NewOrder({LedgerFixture::Line(1, "TEA", 1, 650)});
        order.number = number;
        REQUIRE(f.Append(ledger::OrderPlaced{order, true}));
    }
    CHECK(queries::HighestOrderSequence(f.db, "S01-BO") == 12);
    CHECK(queries::HighestOrderSequence(f.db, "S02-BO") == 99);
    CHECK(queries::HighestOrderSequence(f.db, "S03-BO") == 0);
}

TEST_CASE("an order list cursor reads back as written, and text not made by us is refused") {
    for (const queries::OrderListCursor cursor :
         {queries::OrderListCursor{queries::OrderSort::kDeadline, 1764633599000, 42},
          queries::OrderListCursor{queries::OrderSort::kNewest, -5, 0},
          queries::OrderListCursor{queries::OrderSort::kNewest, 0, 9223372036854775807}}) {
        auto read = queries::ParseCursor(queries::FormatCursor(cursor));
        REQUIRE(read);
        CHECK(*read == cursor);
    }
    for (const char* bad : {"", "d", "d1", "d1.", "x1.2", "d1.2.3", "d.2", "d1.-2", "d1.2 ",
                            "d99999999999999999999.1", "n1,2"}) {
        INFO(bad);
        auto read = queries::ParseCursor(bad);
        REQUIRE_FALSE(read);
        CHECK(read.error().field == "after");
    }
}

TEST_CASE("the end of the local day: the next midnight on the zone's clock, summer time or not") {
    const auto at = [](const char* iso) { return *ids::ParseIso8601(iso); };
    // Helsinki is two hours ahead in winter: 23:30 UTC is already the next day there.
    CHECK(queries::EndOfLocalDay("Europe/Helsinki", at("2026-12-06T21:59:00Z")) ==
          at("2026-12-06T22:00:00Z"));
    CHECK(queries::EndOfLocalDay("Europe/Helsinki", at("2026-12-06T23:30:00Z")) ==
          at("2026-12-07T22:00:00Z"));
    CHECK(queries::EndOfLocalDay("Europe/London", at("2026-12-31T23:30:00Z")) ==
          at("2027-01-01T00:00:00Z"));
    // London on summer time until 01:00 UTC on 25 October 2026: that day has 25 hours.
    CHECK(queries::EndOfLocalDay("Europe/London", at("2026-10-24T23:30:00Z")) ==
          at("2026-10-26T00:00:00Z"));
    CHECK(queries::EndOfLocalDay("Europe/London", at("2026-07-01T22:59:00Z")) ==
          at("2026-07-01T23:00:00Z"));
    CHECK_FALSE(queries::EndOfLocalDay("Mars/Olympus", at("2026-07-01T22:59:00Z")));
}
