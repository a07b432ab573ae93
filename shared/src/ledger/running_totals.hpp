#pragma once
// The running totals the projections keep (a drawer's expected cash, a stock level) are int64, and
// an event that would carry one past it is refused by the rules before anything is written: the
// database would otherwise fail the write half way (issue 11, finding 8).
#include <span>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/ledger/state.hpp"
#include "tillbook/money/money.hpp"
#include "tillbook/orders/order.hpp"

namespace tillbook::ledger {

// The cash payments of one event, added to their shifts' drawers, fit.
[[nodiscard]] Status CheckDrawersTake(std::span<const orders::Payment> payments,
                                      LedgerState& state);

// `amount` paid into the drawer of `shift_id` fits.
[[nodiscard]] Status CheckDrawerTakes(std::string_view shift_id, const money::Money& amount,
                                      LedgerState& state);

// The stock of `sku` at `location_id` moved by `delta` fits; `field` names the input at fault.
[[nodiscard]] Status CheckStockMoves(std::string_view location_id, std::string_view sku,
                                     std::int64_t delta, std::string_view field,
                                     LedgerState& state);

}  // namespace tillbook::ledger
