#pragma once
// Splitting an amount across lines without losing a minor unit (largest remainder method).
#include <span>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/money/money.hpp"

namespace tillbook::money {

// Splits `total` in proportion to `weights` (e.g. line amounts). The parts sum to `total` exactly.
// Each part is first floored (toward zero for the magnitude), then the leftover minor units go one
// each to the parts with the largest remainders; ties go to the earlier index. Errors: empty or
// all-zero weights, negative weights, mixed currencies, overflow.
[[nodiscard]] Result<std::vector<Money>> SplitProportionally(const Money& total,
                                                             std::span<const Money> weights);

}  // namespace tillbook::money
