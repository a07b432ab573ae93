#pragma once
// The order list the back office works from: orders of every channel, by despatch deadline or
// newest first, with filters, search and keyset paging. A read model over the ledger's
// projections; plain values, no JSON.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/queries/order_deadlines.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::queries {

enum class DeadlineFilter : int {
    kAny = 0,
    kDue = 1,      // has a despatch deadline and is still open for despatch
    kOverdue = 2,  // the same, and the deadline has passed
    kToday = 3,    // the same, not passed, and due by the end of today in the order's zone
};

enum class OrderSort : int {
    kDeadline = 0,  // coalesce(despatch_by, placed_at), then placed_seq, ascending
    kNewest = 1,    // placed_at, then placed_seq, descending
};

// Where a page ended: the sort key and placed_seq (unique per order) of its last order.
struct OrderListCursor {
    OrderSort sort = OrderSort::kDeadline;
    std::int64_t key = 0;
    std::int64_t seq = 0;
    bool operator==(const OrderListCursor&) const = default;
};

// The opaque text the API hands out ("d1764633599000.42"), and back. Errors: kInvalidInput
// (field "after") for text that is not one of ours.
[[nodiscard]] std::string FormatCursor(const OrderListCursor& cursor);
[[nodiscard]] Result<OrderListCursor> ParseCursor(std::string_view text);

inline constexpr std::int64_t kOrderListMaxLimit = 200;
inline constexpr std::int64_t kOrderListDefaultLimit = 100;

struct OrderListFilter {
    std::optional<std::string> channel = std::nullopt;  // "shopify", "store:S01", ...
    std::optional<orders::OrderStatus> status = std::nullopt;
    DeadlineFilter deadline = DeadlineFilter::kAny;
    // Found in: the number, the channel's id, the e-mail or the customer's name (anywhere in
    // them; ASCII letters in any case), or the SKU of any line (the whole SKU, as typed or in
    // capitals).
    std::optional<std::string> text = std::nullopt;
    ids::UtcMillis now = 0;        // what deadlines have passed by; "today" is its local day
    bool needs_attention = false;  // only orders with a reason for attention
    std::optional<ids::UtcMillis> placed_from = std::nullopt;  // inclusive
    std::optional<ids::UtcMillis> placed_to = std::nullopt;    // exclusive
    OrderSort sort = OrderSort::kDeadline;
    std::int64_t limit = kOrderListDefaultLimit;          // 1..kOrderListMaxLimit
    std::optional<OrderListCursor> after = std::nullopt;  // of the same sort
};

struct OrderListEntry {
    std::string id;
    std::string number;
    std::string channel;
    std::string external_id;
    orders::OrderStatus status = orders::OrderStatus::kPlaced;
    std::int64_t total_minor = 0;
    std::string currency;
    std::optional<ids::UtcMillis> despatch_by;
    bool overdue = false;  // its deadline has passed and it is still open for despatch
    bool needs_attention = false;
    std::string customer_name;
    std::string customer_email;
    ids::UtcMillis placed_at = 0;
    std::string location;  // the location's code; "" when none yet
    DeadlineLight deadline = DeadlineLight::kNone;
};

struct OrderListPage {
    std::vector<OrderListEntry> orders;
    std::optional<OrderListCursor> next;  // empty on the last page
};

// One page of the orders that pass every filter given, in the filter's sort, after its cursor.
// Errors: kInvalidInput for a limit out of range or a cursor of the other sort; storage errors.
[[nodiscard]] Result<OrderListPage> ListOrders(store::Database& db, const OrderListFilter& filter);

}  // namespace tillbook::queries
