#pragma once
// Money: int64 minor units with a currency. No floating point, ever.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "tillbook/core/error.hpp"
#include "tillbook/money/currency.hpp"

namespace tillbook::money {

// Named rounding modes; rounding happens only where one is named.
enum class Rounding : int {
    kHalfAwayFromZero = 1,  // 0.5 -> 1, -0.5 -> -1 (HMRC-style "round half up" on amounts)
    kHalfEven = 2,          // banker's rounding
    kTowardZero = 3,        // truncate
};

// A GCC/Clang 128-bit integer for exact intermediates; __extension__ keeps -Wpedantic quiet.
__extension__ typedef __int128 Int128;

// Divides numerator by denominator (> 0) and rounds with the given mode. Exact integer arithmetic.
[[nodiscard]] Int128 RoundedDivide(Int128 numerator, Int128 denominator, Rounding mode);

class Money {
  public:
    Money() = default;  // zero GBP; prefer Money(minor, currency)
    Money(std::int64_t minor, Currency currency)
        : m_minor(minor), m_currency(std::move(currency)) {}

    [[nodiscard]] std::int64_t Minor() const { return m_minor; }
    [[nodiscard]] const Currency& GetCurrency() const { return m_currency; }
    [[nodiscard]] bool IsZero() const { return m_minor == 0; }
    [[nodiscard]] bool IsNegative() const { return m_minor < 0; }

    // Checked arithmetic: overflow -> kOverflow; different currencies -> kCurrencyMismatch.
    [[nodiscard]] Result<Money> Plus(const Money& other) const;
    [[nodiscard]] Result<Money> Minus(const Money& other) const;
    [[nodiscard]] Result<Money> Times(std::int64_t factor) const;
    [[nodiscard]] Result<Money> Negated() const;
    // Price per unit times a quantity in thousandths (weighed goods: price per kg x grams),
    // rounded with the named mode.
    [[nodiscard]] Result<Money> TimesMilli(std::int64_t milli_quantity, Rounding mode) const;

    friend bool operator==(const Money&, const Money&) = default;

  private:
    std::int64_t m_minor = 0;
    Currency m_currency{"GBP", 2};
};

// Parses a decimal string ("19.99", "-5", "0.5", "35.0") into minor units with string arithmetic.
// Accepted: optional leading '-', digits, optional '.' followed by at most `exponent` digits
// (further digits are accepted only when they are all zero: "35.6300" for GBP). "-0.00" is zero.
// Rejected with kInvalidInput: empty, '+', spaces, exponents ("1e3"), hex ("0x10"), "1.", ".5",
// thousands separators, "19.999" for GBP, any fraction for JPY ("25.99"); kOverflow beyond int64.
[[nodiscard]] Result<Money> ParseMoney(std::string_view text, const Currency& currency);

// Formats with exactly `exponent` decimals and a '.' separator: "19.99", "-0.05", "1200" (JPY),
// "1.234" (BHD). Zero is never "-0.00". No currency symbol.
[[nodiscard]] std::string FormatMoney(const Money& amount);

}  // namespace tillbook::money
