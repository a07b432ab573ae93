#include "tillbook/orders/discount.hpp"

#include <fmt/format.h>

#include <string>

#include "tillbook/money/allocation.hpp"

namespace tillbook::orders {

namespace {

Error Bad(std::string message) {
    return MakeError(ErrorCode::kInvalidInput, std::move(message), "discount");
}

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

// "12.5" -> 1250 basis points: digits, then at most two decimals.
Result<std::int64_t> ParseBasisPoints(std::string_view text) {
    const auto dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
    if (whole.empty() || whole.size() > 3 || (dot != std::string_view::npos && fraction.empty()) ||
        fraction.size() > 2)
        return std::unexpected(Bad("a percentage is like 10% or 12.5%"));
    std::int64_t value = 0;
    for (const char c : whole) {
        if (!IsDigit(c)) return std::unexpected(Bad("a percentage is like 10% or 12.5%"));
        value = value * 10 + (c - '0');
    }
    std::int64_t hundredths = 0;
    for (std::size_t i = 0; i < 2; ++i) {
        const char c = i < fraction.size() ? fraction[i] : '0';
        if (!IsDigit(c)) return std::unexpected(Bad("a percentage is like 10% or 12.5%"));
        hundredths = hundredths * 10 + (c - '0');
    }
    const std::int64_t basis_points = value * 100 + hundredths;
    if (basis_points > 10000) return std::unexpected(Bad("a discount is at most 100%"));
    return basis_points;
}

}  // namespace

Result<Discount> ParseDiscount(std::string_view text, const money::Currency& currency) {
    if (text.empty()) return std::unexpected(Bad("type a discount like 1.50 or 10%"));
    if (text.back() == '%') {
        auto basis_points = ParseBasisPoints(text.substr(0, text.size() - 1));
        if (!basis_points) return std::unexpected(basis_points.error());
        return Discount{DiscountKind::kPercent, money::Money(0, currency), *basis_points};
    }
    auto amount = money::ParseMoney(text, currency);
    if (!amount) return std::unexpected(Bad("type a discount like 1.50 or 10%"));
    if (amount->IsNegative()) return std::unexpected(Bad("a discount cannot be negative"));
    return Discount{DiscountKind::kAmount, *amount, 0};
}

Result<money::Money> DiscountOff(const Discount& discount, const money::Money& base) {
    if (discount.kind == DiscountKind::kPercent) {
        const money::Int128 off =
            money::RoundedDivide(money::Int128{base.Minor()} * discount.basis_points, 10000,
                                 money::Rounding::kHalfAwayFromZero);
        return money::Money(static_cast<std::int64_t>(off), base.GetCurrency());
    }
    if (discount.amount.GetCurrency() != base.GetCurrency()) {
        return std::unexpected(MakeError(ErrorCode::kCurrencyMismatch,
                                         "the discount and the price are in different currencies",
                                         "discount"));
    }
    if (discount.amount.Minor() > base.Minor()) {
        return std::unexpected(
            Bad(fmt::format("a discount of {} is more than the {} it is off",
                            money::FormatMoney(discount.amount), money::FormatMoney(base))));
    }
    return discount.amount;
}

Result<std::vector<money::Money>> SpreadDiscount(const money::Money& total,
                                                 std::span<const money::Money> lines) {
    money::Int128 sum = 0;
    for (const money::Money& line : lines)
        sum += line.Minor();
    if (money::Int128{total.Minor()} > sum)
        return std::unexpected(Bad("the discount is more than the sale"));
    if (total.IsZero()) return std::vector<money::Money>(lines.size(), total);
    // Proportional parts of an amount no larger than the whole never exceed their line.
    return money::SplitProportionally(total, lines);
}

std::int64_t PercentOf(const money::Money& part, const money::Money& whole) {
    if (whole.Minor() <= 0) return 0;
    const money::Int128 scaled = money::Int128{part.Minor()} * 10000;
    const money::Int128 down = scaled / whole.Minor();
    return static_cast<std::int64_t>(scaled % whole.Minor() == 0 ? down : down + 1);
}

std::string FormatPercent(std::int64_t basis_points) {
    std::string text = std::to_string(basis_points / 100);
    const std::int64_t fraction = basis_points % 100;
    if (fraction != 0) {
        std::string digits = std::to_string(fraction + 100).substr(1);
        if (digits.back() == '0') digits.pop_back();
        text += "." + digits;
    }
    return text + "%";
}

}  // namespace tillbook::orders
