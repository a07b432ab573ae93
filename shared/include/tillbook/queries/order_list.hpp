#pragma once
// The order list the back office works from: orders of every channel by despatch deadline, with
// filters. A read model over the ledger's projections; plain values, no JSON.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::queries {

enum class DeadlineFilter : int {
    kAny = 0,
    kDue = 1,      // has a despatch deadline and is still open for despatch
    kOverdue = 2,  // the same, and the deadline has passed
};

struct OrderListFilter {
    std::optional<std::string> channel = std::nullopt;  // "shopify", "store:S01", ...
    std::optional<orders::OrderStatus> status = std::nullopt;
    DeadlineFilter deadline = DeadlineFilter::kAny;
    std::optional<std::string> text =
        std::nullopt;              // found in the number, the channel's id or the e-mail
    ids::UtcMillis now = 0;        // what deadlines have passed by
    bool needs_attention = false;  // only orders with a reason for attention
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
};

inline constexpr std::int64_t kOrderListLimit = 500;

// The orders that pass every filter given, by despatch deadline (or, without one, the time they
// were placed), then the order they entered the ledger; at most kOrderListLimit.
[[nodiscard]] Result<std::vector<OrderListEntry>> ListOrders(store::Database& db,
                                                             const OrderListFilter& filter);

}  // namespace tillbook::queries
