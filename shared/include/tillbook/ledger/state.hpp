#pragma once
// What validation may read of the current state: the port between the shop's rules and storage.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/orders/order.hpp"

namespace tillbook::ledger {

struct OrderLineState {
    int line_no = 0;
    orders::LineKind kind = orders::LineKind::kGoods;
    std::string sku;
    std::int64_t quantity = 0;
    std::int64_t total_minor = 0;
    std::int64_t returned_quantity = 0;
};

struct OrderState {
    std::string id;
    std::string channel;      // "store:S01", "shopify", ...
    std::string external_id;  // the channel's id; empty for till sales
    std::string currency;
    std::string location_id;
    orders::OrderStatus status = orders::OrderStatus::kPlaced;
    std::int64_t total_minor = 0;
    std::int64_t paid_minor = 0;
    std::int64_t refunded_minor = 0;
    std::vector<OrderLineState> lines;
};

struct StockState {
    std::int64_t on_hand = 0;
    std::int64_t reserved = 0;
    [[nodiscard]] std::int64_t Available() const { return on_hand - reserved; }
};

struct ReservationState {
    std::string location_id;
    std::string sku;
    std::int64_t quantity = 0;
};

struct ShiftState {
    std::string id;
    std::string currency;
    std::string terminal;
    bool closed = false;
    std::int64_t expected_cash_minor = 0;
};

struct ReturnState {
    std::string id;
    std::string order_id;
    std::int64_t value_minor = 0;
    std::int64_t refunded_minor = 0;
    std::string location_id;  // where it was received
};

// A store-credit or gift card's balance (credit_cards).
struct CreditCardState {
    std::string card_number;
    std::string currency;
    std::int64_t balance_minor = 0;
    std::int64_t issued_minor = 0;
};

// A redemption made at the back office (credit_redemptions), and what became of it.
struct RedemptionState {
    std::string id;
    std::string card_number;
    std::string currency;
    std::int64_t amount_minor = 0;
    bool cancelled = false;
    bool paid_with = false;  // a kStoreCredit payment names it as its reference
};

class LedgerState {
  public:
    virtual ~LedgerState() = default;
    // False in a till's journal, which holds the till's own orders only: a refund of an order
    // made elsewhere (an online order returned at the till) is the back office's to check, and the
    // till checks only its own part of it (its drawer). True in the book of record.
    [[nodiscard]] virtual bool HoldsEveryOrder() const { return true; }
    [[nodiscard]] virtual Result<std::optional<OrderState>> FindOrder(std::string_view id) = 0;
    [[nodiscard]] virtual Result<StockState> Stock(std::string_view location_id,
                                                   std::string_view sku) = 0;
    [[nodiscard]] virtual Result<std::vector<ReservationState>> Reservations(
        std::string_view order_id) = 0;
    [[nodiscard]] virtual Result<std::optional<ShiftState>> FindShift(std::string_view id) = 0;
    [[nodiscard]] virtual Result<std::optional<ShiftState>> OpenShiftOf(
        std::string_view terminal) = 0;
    [[nodiscard]] virtual Result<std::optional<ReturnState>> FindReturn(std::string_view id) = 0;
    [[nodiscard]] virtual Result<bool> LocationExists(std::string_view id) = 0;
    [[nodiscard]] virtual Result<std::optional<CreditCardState>> FindCreditCard(
        std::string_view card_number) = 0;
    [[nodiscard]] virtual Result<std::optional<RedemptionState>> FindRedemption(
        std::string_view id) = 0;
};

}  // namespace tillbook::ledger
