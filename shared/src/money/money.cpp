#include "tillbook/money/money.hpp"

#include <cassert>
#include <cstddef>
#include <limits>
#include <string>

#include "tillbook/core/text.hpp"

namespace tillbook::money {
namespace {

constexpr std::int64_t kMinMinor = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMaxMinor = std::numeric_limits<std::int64_t>::max();

std::string Quote(std::string_view text) {
    return text::QuoteForMessage(text, 48);
}

// Names one character of rejected input: 'e', a space, or byte 0x09.
std::string DescribeChar(char c) {
    if (c == ' ') return "a space";
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F) {
        constexpr std::string_view kHex = "0123456789ABCDEF";
        return std::string("byte 0x") + kHex[byte >> 4U] + kHex[byte & 0x0FU];
    }
    return std::string("'") + c + "'";
}

// "19.99 GBP", for messages.
std::string Describe(const Money& amount) {
    return FormatMoney(amount) + " " + amount.GetCurrency().code;
}

Error MismatchError(std::string_view verb, const Money& a, const Money& b) {
    return MakeError(ErrorCode::kCurrencyMismatch, std::string("cannot ") + std::string(verb) +
                                                       " amounts in " + a.GetCurrency().code +
                                                       " and " + b.GetCurrency().code);
}

Error OverflowError(std::string what) {
    return MakeError(ErrorCode::kOverflow, std::move(what) + " overflows 64-bit minor units");
}

std::uint64_t Magnitude(std::int64_t minor) {
    // Unsigned negation is defined for every value, INT64_MIN included.
    const auto bits = static_cast<std::uint64_t>(minor);
    return minor < 0 ? std::uint64_t{0} - bits : bits;
}

}  // namespace

Int128 RoundedDivide(Int128 numerator, Int128 denominator, Rounding mode) {
    assert(denominator > 0);
    const Int128 quotient = numerator / denominator;   // truncates toward zero
    const Int128 remainder = numerator % denominator;  // same sign as the numerator
    if (remainder == 0 || mode == Rounding::kTowardZero) return quotient;

    const Int128 away = numerator < 0 ? quotient - 1 : quotient + 1;
    const Int128 below = remainder < 0 ? -remainder : remainder;  // distance back to quotient
    const Int128 above = denominator - below;                     // distance on to `away`
    if (below > above) return away;
    if (below < above) return quotient;
    switch (mode) {  // exactly half way
        case Rounding::kHalfAwayFromZero:
            return away;
        case Rounding::kHalfEven:
            return quotient % 2 == 0 ? quotient : away;
        case Rounding::kTowardZero:
            return quotient;
    }
    assert(false && "unknown Rounding mode");
    return quotient;
}

Result<Money> Money::Plus(const Money& other) const {
    if (m_currency != other.m_currency) return std::unexpected(MismatchError("add", *this, other));
    std::int64_t sum = 0;
    if (__builtin_add_overflow(m_minor, other.m_minor, &sum)) {
        return std::unexpected(OverflowError(Describe(*this) + " plus " + Describe(other)));
    }
    return Money(sum, m_currency);
}

Result<Money> Money::Minus(const Money& other) const {
    if (m_currency != other.m_currency) {
        return std::unexpected(MismatchError("subtract", *this, other));
    }
    std::int64_t difference = 0;
    if (__builtin_sub_overflow(m_minor, other.m_minor, &difference)) {
        return std::unexpected(OverflowError(Describe(*this) + " minus " + Describe(other)));
    }
    return Money(difference, m_currency);
}

Result<Money> Money::Times(std::int64_t factor) const {
    std::int64_t product = 0;
    if (__builtin_mul_overflow(m_minor, factor, &product)) {
        return std::unexpected(OverflowError(Describe(*this) + " times " + std::to_string(factor)));
    }
    return Money(product, m_currency);
}

Result<Money> Money::Negated() const {
    if (m_minor == kMinMinor) {
        return std::unexpected(OverflowError("negating " + Describe(*this)));
    }
    return Money(-m_minor, m_currency);
}

Result<Money> Money::TimesMilli(std::int64_t milli_quantity, Rounding mode) const {
    // |minor x milli| <= 2^126: exact in 128 bits.
    const Int128 product = static_cast<Int128>(m_minor) * milli_quantity;
    const Int128 rounded = RoundedDivide(product, 1000, mode);
    if (rounded < kMinMinor || rounded > kMaxMinor) {
        return std::unexpected(
            OverflowError(Describe(*this) + " times " + std::to_string(milli_quantity) + "/1000"));
    }
    return Money(static_cast<std::int64_t>(rounded), m_currency);
}

Result<Money> ParseMoney(std::string_view text, const Currency& currency) {
    const auto reject = [&](ErrorCode code, const std::string& why) {
        return std::unexpected(MakeError(code, Quote(text) + ": " + why));
    };
    if (currency.exponent < 0) {
        return reject(ErrorCode::kInvalidInput,
                      "currency " + currency.code + " has a negative exponent");
    }
    if (text.empty()) return reject(ErrorCode::kInvalidInput, "empty amount");

    const bool negative = text.front() == '-';
    const std::string_view body = negative ? text.substr(1) : text;
    if (body.empty()) return reject(ErrorCode::kInvalidInput, "no digits");

    // Shape: digits, then optionally '.' and digits. Nothing else, anywhere.
    std::size_t dot = std::string_view::npos;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c >= '0' && c <= '9') continue;
        if (c == '.' && dot == std::string_view::npos) {
            dot = i;
            continue;
        }
        if (c == '.') return reject(ErrorCode::kInvalidInput, "more than one '.'");
        return reject(ErrorCode::kInvalidInput,
                      "unexpected " + DescribeChar(c) +
                          " (only digits, a leading '-' and one '.' are allowed)");
    }
    const std::string_view whole = body.substr(0, dot);
    const std::string_view fraction =
        dot == std::string_view::npos ? std::string_view{} : body.substr(dot + 1);
    if (dot != std::string_view::npos && whole.empty()) {
        return reject(ErrorCode::kInvalidInput, "no digits before '.'");
    }
    if (dot != std::string_view::npos && fraction.empty()) {
        return reject(ErrorCode::kInvalidInput, "no digits after '.'");
    }

    // Digits past the currency's exponent are allowed only when they are all zero.
    const auto exponent = static_cast<std::size_t>(currency.exponent);
    if (fraction.size() > exponent &&
        fraction.substr(exponent).find_first_not_of('0') != std::string_view::npos) {
        if (exponent == 0) {
            return reject(ErrorCode::kInvalidInput, currency.code + " has no decimal places");
        }
        return reject(ErrorCode::kInvalidInput, "more than " + std::to_string(exponent) +
                                                    " decimal places for " + currency.code);
    }

    // Minor units = the whole digits followed by exactly `exponent` fraction digits (zero-padded).
    // The magnitude is built unsigned so that -9223372036854775808 minor units still fits.
    const std::uint64_t limit =
        negative ? Magnitude(kMinMinor) : static_cast<std::uint64_t>(kMaxMinor);
    std::uint64_t magnitude = 0;
    bool overflow = false;
    const auto push_digit = [&](char c) {
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (magnitude > (limit - digit) / 10) {
            overflow = true;
            return;
        }
        magnitude = magnitude * 10 + digit;
    };
    for (const char c : whole) {
        push_digit(c);
        if (overflow) break;
    }
    for (std::size_t i = 0; i < exponent && !overflow; ++i) {
        push_digit(i < fraction.size() ? fraction[i] : '0');
    }
    if (overflow) {
        return reject(ErrorCode::kOverflow,
                      "out of range for " + currency.code + " (beyond 64-bit minor units)");
    }
    // Modular conversion (defined since C++20) maps 2^63 back to INT64_MIN.
    const auto minor =
        static_cast<std::int64_t>(negative ? std::uint64_t{0} - magnitude : magnitude);
    return Money(minor, currency);
}

std::string FormatMoney(const Money& amount) {
    assert(amount.GetCurrency().exponent >= 0);
    const auto exponent = static_cast<std::size_t>(amount.GetCurrency().exponent);
    std::uint64_t magnitude = Magnitude(amount.Minor());

    std::string reversed;  // least significant digit first
    do {
        reversed += static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    while (reversed.size() < exponent + 1)
        reversed += '0';

    std::string out;
    if (amount.Minor() < 0) out += '-';  // a non-zero magnitude, so never "-0.00"
    for (std::size_t i = reversed.size(); i-- > 0;) {
        out += reversed[i];
        if (i == exponent && exponent > 0) out += '.';
    }
    return out;
}

}  // namespace tillbook::money
