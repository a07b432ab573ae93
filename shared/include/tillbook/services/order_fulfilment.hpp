#pragma once
// Pick, pack and ship in the back office: an online order moves picking -> packed -> dispatched
// (the reserved goods leave) -> delivered, one ledger event per move. A till sale was handed over
// at the counter and makes none of these moves. The ledger's rules check each move again.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/orders/order.hpp"
#include "tillbook/services/ledger_session.hpp"

namespace tillbook::services {

// The statuses staff may move an order to by hand (the API's "to"), in the order they come.
inline constexpr orders::OrderStatus kFulfilmentSteps[] = {
    orders::OrderStatus::kPicking, orders::OrderStatus::kPacked, orders::OrderStatus::kDispatched,
    orders::OrderStatus::kDelivered};

// One of kFulfilmentSteps by its name ("packed"); nullopt for any other word.
[[nodiscard]] std::optional<orders::OrderStatus> ParseFulfilmentStep(std::string_view text);

// The steps an order of `channel` in `status` can take now, in kFulfilmentSteps' order: none for
// a till sale (channel "store:..."), none once it is delivered or cancelled.
[[nodiscard]] std::vector<orders::OrderStatus> FulfilmentMoves(std::string_view channel,
                                                               orders::OrderStatus status);

struct FulfilmentMove {
    std::string order_id;
    orders::OrderStatus to = orders::OrderStatus::kPicking;  // one of kFulfilmentSteps
    std::string tracking;                                    // dispatched only; may be empty
};

struct MoveOutcome {
    std::string number;  // the order's; "" when there is no such order
    Status done;
};

// Moves one order in one transaction. Refused (`done` holds why): kNotFound when there is no such
// order, kInvariantViolated in words ("order #5001 is placed and cannot be packed") when the move
// is not one FulfilmentMoves offers, and the ledger's own refusal otherwise.
[[nodiscard]] MoveOutcome MoveOrder(EventSink& sink, const ledger::Actor& actor,
                                    const FulfilmentMove& move);

}  // namespace tillbook::services
