#pragma once
// Quantities as people read them. A quantity is kept in milli-units (order.hpp): 1000 to a unit,
// and for weighed goods 1000 g to the kilogram their price is per.
#include <cstdint>
#include <optional>
#include <string>

namespace tillbook::orders {

// The one way a quantity is written, on receipts, in messages, on the command lines and in the
// API: a whole number of units plainly ("2", "-3", "0"); otherwise the units with a decimal point
// and the fraction's trailing zeros dropped ("0.25" for 250 g, "1.5", "0.001", "-0.125"). Exact:
// never rounded.
[[nodiscard]] std::string FormatQuantity(std::int64_t milli);

// The whole units `milli` is, when it is a whole number of units (2000 -> 2); nullopt otherwise.
[[nodiscard]] std::optional<std::int64_t> ExactUnits(std::int64_t milli);

}  // namespace tillbook::orders
