#pragma once
// Discounts as a cashier types them: "1.50" is an amount off, "10%" a percentage of what it is
// taken off. Plain values and exact integer arithmetic; no floating point, no I/O.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/money/money.hpp"

namespace tillbook::orders {

enum class DiscountKind : int {
    kAmount = 1,
    kPercent = 2,
};

struct Discount {
    DiscountKind kind = DiscountKind::kAmount;
    money::Money amount;            // kAmount: the amount off (>= 0)
    std::int64_t basis_points = 0;  // kPercent: hundredths of a percent, 0..10000 ("12.5%" = 1250)
    friend bool operator==(const Discount&, const Discount&) = default;
};

// "1.50" (money::ParseMoney in `currency`), "10%", "12.5%", "0%". Rejected with kInvalidInput:
// empty, negative, spaces, more than two decimals of a percent, above 100%.
[[nodiscard]] Result<Discount> ParseDiscount(std::string_view text,
                                             const money::Currency& currency);

// What `discount` takes off `base` (>= 0): a percentage rounded half away from zero; an amount as
// it is. kInvalidInput when the result is more than `base`.
[[nodiscard]] Result<money::Money> DiscountOff(const Discount& discount, const money::Money& base);

// An order discount spread over lines in proportion to their amounts (largest remainder: the
// parts add up to `total` exactly, and no part exceeds its line). Errors: `total` above the sum
// of the lines, no lines, mixed currencies.
[[nodiscard]] Result<std::vector<money::Money>> SpreadDiscount(const money::Money& total,
                                                               std::span<const money::Money> lines);

// The percentage `part` is of `whole`, in basis points rounded up (so a limit check never lets
// 20.001% pass as 20%); 0 when `whole` is zero.
[[nodiscard]] std::int64_t PercentOf(const money::Money& part, const money::Money& whole);

// "10%", "12.5%", "0.25%".
[[nodiscard]] std::string FormatPercent(std::int64_t basis_points);

}  // namespace tillbook::orders
