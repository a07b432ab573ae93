#pragma once
// Pounds sterling for tests: the demo shop's currency, amounts in pence.
#include <cstdint>

#include "tillbook/money/money.hpp"

namespace tillbook::testing {

inline money::Currency Gbp() {
    return money::Currency{"GBP", 2};
}
inline money::Money Gbp(std::int64_t minor) {
    return money::Money(minor, Gbp());
}

}  // namespace tillbook::testing
