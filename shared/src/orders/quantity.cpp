#include "tillbook/orders/quantity.hpp"

#include <fmt/format.h>

#include "tillbook/orders/order.hpp"

namespace tillbook::orders {

std::string FormatQuantity(std::int64_t milli) {
    // In unsigned arithmetic, so that the most negative quantity has a magnitude too.
    const auto magnitude =
        milli < 0 ? 0 - static_cast<std::uint64_t>(milli) : static_cast<std::uint64_t>(milli);
    constexpr auto kScale = static_cast<std::uint64_t>(kMilliPerUnit);
    std::string text = fmt::format("{}{}", milli < 0 ? "-" : "", magnitude / kScale);
    if (const std::uint64_t fraction = magnitude % kScale; fraction != 0) {
        std::string digits = fmt::format("{:03}", fraction);
        while (digits.back() == '0')
            digits.pop_back();
        text += "." + digits;
    }
    return text;
}

std::optional<std::int64_t> ExactUnits(std::int64_t milli) {
    if (milli % kMilliPerUnit != 0) return std::nullopt;
    return milli / kMilliPerUnit;
}

}  // namespace tillbook::orders
