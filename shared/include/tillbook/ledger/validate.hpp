#pragma once
// The one place where an event is checked against the shop's rules before it is accepted:
// no over-return, no over-refund, reserved never negative or above what is available, payments
// never above the order total, cash never paid out of an empty or closed drawer.
#include "tillbook/core/error.hpp"
#include "tillbook/ledger/event.hpp"
#include "tillbook/ledger/state.hpp"

namespace tillbook::ledger {

// kInvalidInput for malformed events, kInvariantViolated for a broken rule, kNotFound for a
// missing order/shift/location, kConflict for an id used before. The message says why in words.
[[nodiscard]] Status Validate(const Event& event, LedgerState& state);
// The payload's rules alone: for a use case that checks one part of what it is about to append
// (the goods back of an exchange) before it prices the rest.
[[nodiscard]] Status ValidatePayload(const EventPayload& payload, LedgerState& state);

// The rules about an order's state, public for callers that decide what to append (the channel
// importer flags an order instead of amending it when CanAmend fails): Validate applies the same.
[[nodiscard]] Status CanCancel(const OrderState& order);
// `amount_minor` more refunded never takes the order's refunds above what was paid.
[[nodiscard]] Status CanRefund(const OrderState& order, std::int64_t amount_minor);
// An online order, still placed or allocated, with nothing returned.
[[nodiscard]] Status CanAmend(const OrderState& order);
// What was paid less what was refunded fits in the new total.
[[nodiscard]] Status CanAmendTo(const OrderState& order, std::int64_t new_total_minor);

// The value of each returned line, in the return's order: for receipted lines the pro-rata share
// of the line total (orders::ReturnValue), for no-receipt lines unit_value x quantity.
[[nodiscard]] Result<std::vector<money::Money>> ValuesOfReturnLines(const orders::Return& ret,
                                                                    LedgerState& state);
// Their sum.
[[nodiscard]] Result<money::Money> ValueOfReturn(const orders::Return& ret, LedgerState& state);

}  // namespace tillbook::ledger
