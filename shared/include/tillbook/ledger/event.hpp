#pragma once
// The ledger's events: every change to money, stock or an order's state is one of these.
// Events are never edited or deleted; a correction is a new event.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tillbook/ids/clock.hpp"
#include "tillbook/money/money.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/orders/returns.hpp"

namespace tillbook::ledger {

// Stored and synced: explicit values, never reused.
enum class EventKind : int {
    kOrderPlaced = 1,
    kPaymentTaken = 2,
    kStockReserved = 3,
    kOrderStatusChanged = 4,
    kOrderDispatched = 5,
    kOrderCancelled = 6,
    kReturnReceived = 7,
    kRefundIssued = 8,
    kExchangeCompleted = 9,
    kStockAdjusted = 10,
    kStockTransferred = 11,
    kShiftOpened = 12,
    kCashMoved = 13,
    kShiftClosed = 14,
    kOrderFlagged = 15,
    kReferenceChanged = 16,
    kOrderAmended = 17,
    kCreditIssued = 18,
    kCreditRedeemed = 19,
    kDrawerOpened = 20,
};

struct SkuQuantity {
    std::string sku;
    std::int64_t quantity = 0;  // milli-units
    friend bool operator==(const SkuQuantity&, const SkuQuantity&) = default;
};

// An order enters the ledger. handed_over: a till sale; its goods leave the selling location now
// (on hand may go below zero: the goods have left the shop, and staff see the exception).
// payments: what was taken with the order (a till sale is placed and paid in one event); later
// payments are PaymentTaken.
struct OrderPlaced {
    orders::Order order;
    bool handed_over = false;
    std::vector<orders::Payment> payments = {};
    friend bool operator==(const OrderPlaced&, const OrderPlaced&) = default;
};

struct PaymentTaken {
    std::string order_id;
    orders::Payment payment;
    friend bool operator==(const PaymentTaken&, const PaymentTaken&) = default;
};

// Holds stock at one location for an online order; never more than is available there.
struct StockReserved {
    std::string order_id;
    std::string location_id;
    std::vector<SkuQuantity> lines;
    friend bool operator==(const StockReserved&, const StockReserved&) = default;
};

// picking, packed, delivered, lost: moves without stock or money effects.
struct OrderStatusChanged {
    std::string order_id;
    orders::OrderStatus to = orders::OrderStatus::kPicking;
    friend bool operator==(const OrderStatusChanged&, const OrderStatusChanged&) = default;
};

// The reserved goods leave: reserved and on hand both go down.
struct OrderDispatched {
    std::string order_id;
    std::string tracking;
    friend bool operator==(const OrderDispatched&, const OrderDispatched&) = default;
};

// Releases every reservation of the order. Money already taken is refunded by RefundIssued.
struct OrderCancelled {
    std::string order_id;
    std::string reason;
    friend bool operator==(const OrderCancelled&, const OrderCancelled&) = default;
};

struct ReturnReceived {
    orders::Return ret;
    friend bool operator==(const ReturnReceived&, const ReturnReceived&) = default;
};

struct RefundIssued {
    std::string order_id;   // empty for a no-receipt return
    std::string return_id;  // empty for a refund without goods (goodwill, price match)
    orders::Refund refund;
    friend bool operator==(const RefundIssued&, const RefundIssued&) = default;
};

// A return plus a new, linked order in one event; only the difference is settled: the customer
// pays it (payments) or the shop refunds it (refunds), to the minor unit.
struct ExchangeCompleted {
    orders::Return ret;
    orders::Order new_order;  // handed over at once
    std::vector<orders::Payment> payments;
    std::vector<orders::Refund> refunds;
    friend bool operator==(const ExchangeCompleted&, const ExchangeCompleted&) = default;
};

enum class AdjustmentReason : int {
    kOpeningStock = 1,
    kGoodsReceived = 2,
    kCountCorrection = 3,
    kDamaged = 4,
    kTheft = 5,
    kOther = 6,
};

struct StockAdjusted {
    std::string location_id;
    std::string sku;
    std::int64_t delta = 0;  // milli-units, either sign
    AdjustmentReason reason = AdjustmentReason::kOther;
    std::string note;
    friend bool operator==(const StockAdjusted&, const StockAdjusted&) = default;
};

struct StockTransferred {
    std::string from_location_id;
    std::string to_location_id;
    std::vector<SkuQuantity> lines;
    friend bool operator==(const StockTransferred&, const StockTransferred&) = default;
};

struct ShiftOpened {
    std::string shift_id;
    std::string location_id;
    std::string terminal;
    money::Money opening_float;
    friend bool operator==(const ShiftOpened&, const ShiftOpened&) = default;
};

enum class CashMovementKind : int {
    kPaidIn = 1,
    kPaidOut = 2,
};

struct CashMoved {
    std::string shift_id;
    CashMovementKind kind = CashMovementKind::kPaidIn;
    money::Money amount;  // > 0
    std::string reason;   // required: "window cleaner", "change from bank"
    friend bool operator==(const CashMoved&, const CashMoved&) = default;
};

// Counted cash at close; the expected amount and the variance follow from the ledger.
struct ShiftClosed {
    std::string shift_id;
    money::Money counted;
    friend bool operator==(const ShiftClosed&, const ShiftClosed&) = default;
};

// Adds needs-attention reasons to an order (a channel changed it after import, a line ran short).
struct OrderFlagged {
    std::string order_id;
    std::vector<std::string> reasons;
    friend bool operator==(const OrderFlagged&, const OrderFlagged&) = default;
};

// Reference data changed (a SKU's price, a member of staff, a terminal, a channel's settings): the
// audit record of who changed what and when. It has no projection: the reference tables are
// written in the same transaction, and replay leaves them alone.
struct ReferenceChanged {
    std::string entity;  // "sku", "staff", "terminal", "channel", "catalogue"
    std::string key;     // the SKU code, staff id, terminal id, channel code
    std::string change;  // "created", "updated", "deactivated", "revoked", "imported"
    std::string detail;  // what changed, in words; never a password, PIN or token
    friend bool operator==(const ReferenceChanged&, const ReferenceChanged&) = default;
};

// A channel changed an online order after import, before anything of it was picked: the order
// takes the new version's lines, totals, deadlines and customer e-mail (order.id names the order;
// its channel, external id and currency stay). Reservations above what the new lines want are
// released. Paid less refunded never exceeds the new total: a channel's refund is recorded first.
struct OrderAmended {
    orders::Order order;
    std::string reason;  // what changed, in words: "changed on shopify: line 1 2 -> 1, line 2 new"
    friend bool operator==(const OrderAmended&, const OrderAmended&) = default;
};

// Store credit or a gift card balance given other than by a refund (a RefundIssued to
// Tender::kStoreCredit credits the card its reference names): a gift card sold (order_id: the sale
// that paid for it), or a redemption given back because the sale that took it was abandoned
// (cancels_redemption_id: that redemption; once only, and never once a payment names it).
struct CreditIssued {
    std::string card_number;            // 16 digits, Luhn (credit::IsCardNumber)
    money::Money amount;                // > 0
    std::string order_id;               // the sale that paid for a gift card; may be empty
    std::string cancels_redemption_id;  // empty unless a redemption is given back
    std::string note;
    friend bool operator==(const CreditIssued&, const CreditIssued&) = default;
};

// Credit taken off a card, made only at the back office, online: never more than the balance.
// The sale it pays for names redemption_id as its kStoreCredit payment's reference; that payment
// does not move the balance again.
struct CreditRedeemed {
    std::string redemption_id;  // made by the back office
    std::string card_number;
    money::Money amount;  // > 0, at most the card's balance, in the card's currency
    std::string note;     // "sale at S01-T2"
    friend bool operator==(const CreditRedeemed&, const CreditRedeemed&) = default;
};

// A till's drawer opened with no money moving ("No sale": change given, a till roll put in). It
// moves nothing, but it is how cash goes missing, so it is recorded, counted per shift (the X and
// Z reports) and, for a cashier, approved by a manager (the event's approver). The shift is the
// open shift of `terminal`, whose drawer it is.
struct DrawerOpened {
    std::string shift_id;
    std::string terminal;  // the till's origin: "terminal:S01-T1"
    std::string reason;    // required: "No sale"
    std::string note;
    friend bool operator==(const DrawerOpened&, const DrawerOpened&) = default;
};

using EventPayload =
    std::variant<OrderPlaced, PaymentTaken, StockReserved, OrderStatusChanged, OrderDispatched,
                 OrderCancelled, ReturnReceived, RefundIssued, ExchangeCompleted, StockAdjusted,
                 StockTransferred, ShiftOpened, CashMoved, ShiftClosed, OrderFlagged,
                 ReferenceChanged, OrderAmended, CreditIssued, CreditRedeemed, DrawerOpened>;

struct Event {
    std::string id;               // UUIDv7 made where it happened
    std::string origin;           // "terminal:S01-T2", "channel:shopify", "office"
    std::int64_t origin_seq = 0;  // 1, 2, 3, ... per origin
    std::string actor;            // staff id, or "system"
    ids::UtcMillis occurred_at = 0;
    EventPayload payload;
    // The staff id of the manager who approved it where it needed an approval (a refund without a
    // receipt, a cash variance beyond the threshold, ...); empty when none was needed.
    std::string approver = {};
    // The till ("terminal:S01-T1") at whose word the back office recorded it, when the office
    // records what a till asked of an order the till did not make (a return of an online order);
    // empty for an event its origin made itself. Never sent in sync: a till cannot set it.
    std::string via = {};
    friend bool operator==(const Event&, const Event&) = default;
};

[[nodiscard]] EventKind KindOf(const EventPayload& payload);
[[nodiscard]] std::string_view ToString(EventKind kind);

}  // namespace tillbook::ledger
