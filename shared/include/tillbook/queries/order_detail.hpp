#pragma once
// One order as the back office shows it: its totals, lines, reserved stock, needs-attention
// reasons and its audit trail (every ledger event about it). A read model over the ledger's
// projections; plain values, no JSON.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/ledger/event.hpp"
#include "tillbook/ledger/state.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::queries {

struct OrderDetailLine {
    int line_no = 0;
    orders::LineKind kind = orders::LineKind::kGoods;
    std::string sku;
    std::string description;
    std::int64_t quantity = 0;  // milli-units
    std::int64_t unit_price_minor = 0;
    std::int64_t discount_minor = 0;
    std::int64_t total_minor = 0;
    std::int64_t tax_minor = 0;
    std::int64_t returned_quantity = 0;  // milli-units
};

// One event of an order's audit trail.
struct OrderHistoryEntry {
    std::int64_t seq = 0;  // the ledger's
    ledger::EventKind event = ledger::EventKind::kOrderPlaced;
    std::string actor;
    std::string origin;
    ids::UtcMillis occurred_at = 0;
    std::string approver;  // the manager who approved it, when it needed an approval
    // What the event did, where the kind alone does not say: a status change's new status, and a
    // dispatch's tracking number ("" when it had none).
    std::optional<orders::OrderStatus> to = std::nullopt;
    std::string tracking = {};
    // Where the goods were, for events that move them at a place: the location code a return
    // was received at, or stock was reserved at ("" for other events).
    std::string location = {};
    // The till at whose word the back office recorded it ("terminal:S01-T1"; Event::via), else "".
    std::string via = {};
};

// Money taken for the order, one payment of a PaymentTaken (or a sale's) event.
struct OrderPayment {
    std::int64_t seq = 0;  // the ledger's
    orders::Tender tender = orders::Tender::kCash;
    std::int64_t amount_minor = 0;    // what the shop keeps
    std::int64_t tendered_minor = 0;  // cash handed over; equals the amount otherwise
    std::string reference;
    ids::UtcMillis occurred_at = 0;
};

// Money given back on the order, with or without goods.
struct OrderRefund {
    std::int64_t seq = 0;   // the ledger's
    std::string return_id;  // "" for a refund without goods
    orders::Tender tender = orders::Tender::kCash;
    std::int64_t amount_minor = 0;
    std::string reference;
    ids::UtcMillis occurred_at = 0;
};

struct OrderDetail {
    std::string id;
    std::string channel;
    std::string external_id;
    std::string number;
    std::string currency;
    std::int64_t total_minor = 0;
    std::int64_t tax_minor = 0;
    std::int64_t paid_minor = 0;
    std::int64_t refunded_minor = 0;
    orders::OrderStatus status = orders::OrderStatus::kPlaced;
    ids::UtcMillis placed_at = 0;
    std::optional<ids::UtcMillis> despatch_by;
    std::optional<ids::UtcMillis> deliver_by;
    std::vector<std::string> attention;  // needs-attention reasons
    std::string location_id;
    std::vector<OrderDetailLine> lines;                  // by line number
    std::vector<ledger::ReservationState> reservations;  // by location, then SKU
    std::vector<OrderPayment> payments;                  // oldest first
    std::vector<OrderRefund> refunds;                    // oldest first
    std::vector<OrderHistoryEntry> history;              // oldest first
};

// The order with our id `id`; nullopt when there is none, an error when it cannot be read.
[[nodiscard]] Result<std::optional<OrderDetail>> FindOrderDetail(store::Database& db,
                                                                 std::string_view id);

}  // namespace tillbook::queries
