#include "tillbook/ledger/event.hpp"

#include <variant>

namespace tillbook::ledger {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};

static_assert(std::variant_size_v<EventPayload> == 20,
              "a new payload needs a kind in KindOf, ToString and the JSON codec");

}  // namespace

EventKind KindOf(const EventPayload& payload) {
    return std::visit(Overloaded{
                          [](const OrderPlaced&) { return EventKind::kOrderPlaced; },
                          [](const PaymentTaken&) { return EventKind::kPaymentTaken; },
                          [](const StockReserved&) { return EventKind::kStockReserved; },
                          [](const OrderStatusChanged&) { return EventKind::kOrderStatusChanged; },
                          [](const OrderDispatched&) { return EventKind::kOrderDispatched; },
                          [](const OrderCancelled&) { return EventKind::kOrderCancelled; },
                          [](const ReturnReceived&) { return EventKind::kReturnReceived; },
                          [](const RefundIssued&) { return EventKind::kRefundIssued; },
                          [](const ExchangeCompleted&) { return EventKind::kExchangeCompleted; },
                          [](const StockAdjusted&) { return EventKind::kStockAdjusted; },
                          [](const StockTransferred&) { return EventKind::kStockTransferred; },
                          [](const ShiftOpened&) { return EventKind::kShiftOpened; },
                          [](const CashMoved&) { return EventKind::kCashMoved; },
                          [](const ShiftClosed&) { return EventKind::kShiftClosed; },
                          [](const OrderFlagged&) { return EventKind::kOrderFlagged; },
                          [](const ReferenceChanged&) { return EventKind::kReferenceChanged; },
                          [](const OrderAmended&) { return EventKind::kOrderAmended; },
                          [](const CreditIssued&) { return EventKind::kCreditIssued; },
                          [](const CreditRedeemed&) { return EventKind::kCreditRedeemed; },
                          [](const DrawerOpened&) { return EventKind::kDrawerOpened; },
                      },
                      payload);
}

std::string_view ToString(EventKind kind) {
    switch (kind) {
        case EventKind::kOrderPlaced:
            return "OrderPlaced";
        case EventKind::kPaymentTaken:
            return "PaymentTaken";
        case EventKind::kStockReserved:
            return "StockReserved";
        case EventKind::kOrderStatusChanged:
            return "OrderStatusChanged";
        case EventKind::kOrderDispatched:
            return "OrderDispatched";
        case EventKind::kOrderCancelled:
            return "OrderCancelled";
        case EventKind::kReturnReceived:
            return "ReturnReceived";
        case EventKind::kRefundIssued:
            return "RefundIssued";
        case EventKind::kExchangeCompleted:
            return "ExchangeCompleted";
        case EventKind::kStockAdjusted:
            return "StockAdjusted";
        case EventKind::kStockTransferred:
            return "StockTransferred";
        case EventKind::kShiftOpened:
            return "ShiftOpened";
        case EventKind::kCashMoved:
            return "CashMoved";
        case EventKind::kShiftClosed:
            return "ShiftClosed";
        case EventKind::kOrderFlagged:
            return "OrderFlagged";
        case EventKind::kReferenceChanged:
            return "ReferenceChanged";
        case EventKind::kOrderAmended:
            return "OrderAmended";
        case EventKind::kCreditIssued:
            return "CreditIssued";
        case EventKind::kCreditRedeemed:
            return "CreditRedeemed";
        case EventKind::kDrawerOpened:
            return "DrawerOpened";
    }
    return "Unknown";
}

}  // namespace tillbook::ledger
