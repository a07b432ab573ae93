#pragma once
// The rules of DrawerOpened (a "No sale"), kept apart from validate.cpp: the drawer is the open
// shift's of the till that names it. Validate() applies them.
#include "tillbook/core/error.hpp"
#include "tillbook/ledger/event.hpp"
#include "tillbook/ledger/state.hpp"

namespace tillbook::ledger {

// kInvalidInput without a shift, terminal or reason; kNotFound for an unknown shift;
// kInvariantViolated for a closed shift or another till's.
[[nodiscard]] Status ValidateDrawerOpened(const DrawerOpened& e, LedgerState& state);

}  // namespace tillbook::ledger
