#pragma once
// Applies an accepted event to the projection tables, inside the caller's transaction.
#include <cstdint>

#include "tillbook/core/error.hpp"
#include "tillbook/ledger/event.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::ledger {

[[nodiscard]] Status ApplyToProjections(store::Database& db, std::int64_t seq, const Event& event);

}  // namespace tillbook::ledger
