#pragma once
// ISO 4217 currencies and their minor-unit exponents, from one table.
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"

namespace tillbook::money {

struct Currency {
    std::string code;  // "GBP"
    int exponent = 2;  // digits after the decimal point: JPY 0, GBP 2, BHD 3

    friend bool operator==(const Currency&, const Currency&) = default;
};

// Looks the code up in the ISO 4217 table; upper-case three letters only.
[[nodiscard]] Result<Currency> FindCurrency(std::string_view code);

// 10^exponent, e.g. 100 for GBP.
[[nodiscard]] long long MinorPerMajor(const Currency& currency);

}  // namespace tillbook::money
