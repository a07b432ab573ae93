#include "tillbook/services/order_fulfilment.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tillbook::services {

namespace {

using orders::OrderStatus;

bool IsTillSale(std::string_view channel) {
    return channel.starts_with("store:");
}

// "cannot be packed": the move in the words of the refusal.
std::string_view Verb(OrderStatus to) {
    switch (to) {
        case OrderStatus::kPicking:
            return "be picked";
        case OrderStatus::kPacked:
            return "be packed";
        case OrderStatus::kDispatched:
            return "be dispatched";
        case OrderStatus::kDelivered:
            return "be marked delivered";
        default:
            return "move there";
    }
}

// The order's number, for the words; our id when it has none.
Result<std::string> NumberOf(store::Database& db, const std::string& order_id) {
    auto q = db.Prepare("SELECT number FROM orders WHERE id = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, order_id);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row || q->Text(0).empty()) return order_id;
    return q->Text(0);
}

}  // namespace

std::optional<OrderStatus> ParseFulfilmentStep(std::string_view text) {
    for (const OrderStatus step : kFulfilmentSteps) {
        if (orders::ToString(step) == text) return step;
    }
    return std::nullopt;
}

std::vector<OrderStatus> FulfilmentMoves(std::string_view channel, OrderStatus status) {
    std::vector<OrderStatus> moves;
    if (IsTillSale(channel)) return moves;
    for (const OrderStatus step : kFulfilmentSteps) {
        if (orders::CanMove(status, step)) moves.push_back(step);
    }
    return moves;
}

MoveOutcome MoveOrder(EventSink& sink, const ledger::Actor& actor, const FulfilmentMove& move) {
    MoveOutcome outcome;
    if (!ParseFulfilmentStep(orders::ToString(move.to))) {
        outcome.done = std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("to: {} is not a step of fulfilment", orders::ToString(move.to)), "to"));
        return outcome;
    }
    std::string& number = outcome.number;
    outcome.done = sink.Run(actor, [&](LedgerSession& session) -> Status {
        auto order = session.State().FindOrder(move.order_id);
        if (!order) return std::unexpected(order.error());
        if (!*order)
            return std::unexpected(
                MakeError(ErrorCode::kNotFound, fmt::format("no order {}", move.order_id)));
        auto named = NumberOf(session.Db(), move.order_id);
        if (!named) return std::unexpected(named.error());
        number = *named;
        if (IsTillSale((*order)->channel)) {
            return std::unexpected(MakeError(
                ErrorCode::kInvariantViolated,
                fmt::format(
                    "order {} is a till sale, handed over at the counter: it is not picked, "
                    "packed or dispatched",
                    number)));
        }
        const auto moves = FulfilmentMoves((*order)->channel, (*order)->status);
        if (std::find(moves.begin(), moves.end(), move.to) == moves.end()) {
            return std::unexpected(
                MakeError(ErrorCode::kInvariantViolated,
                          fmt::format("order {} is {} and cannot {}", number,
                                      orders::ToString((*order)->status), Verb(move.to))));
        }
        Result<ledger::Appended> appended =
            move.to == OrderStatus::kDispatched
                ? session.Append(ledger::OrderDispatched{move.order_id, move.tracking})
                : session.Append(ledger::OrderStatusChanged{move.order_id, move.to});
        if (!appended) return std::unexpected(appended.error());
        return {};
    });
    return outcome;
}

}  // namespace tillbook::services
