#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/money/currency.hpp"
#include "tillbook/money/money.hpp"

namespace {

using tillbook::ErrorCode;
using tillbook::Result;
using tillbook::money::Currency;
using tillbook::money::FindCurrency;
using tillbook::money::FormatMoney;
using tillbook::money::Int128;
using tillbook::money::MinorPerMajor;
using tillbook::money::Money;
using tillbook::money::ParseMoney;
using tillbook::money::RoundedDivide;
using tillbook::money::Rounding;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

Currency Find(std::string_view code) {
    return FindCurrency(code).value();
}

// "19.99 GBP", or "error: <message>", so that failures print readably.
std::string Show(const Result<Money>& result) {
    if (!result) return "error: " + result.error().message;
    return FormatMoney(*result) + " " + result->GetCurrency().code;
}

std::int64_t Divide(std::int64_t numerator, std::int64_t denominator, Rounding mode) {
    return static_cast<std::int64_t>(RoundedDivide(numerator, denominator, mode));
}

}  // namespace

// ---- Currencies -------------------------------------------------------------------------------

TEST_CASE("GBP, EUR, USD and other everyday currencies have two decimal places") {
    for (const char* code :
         {"GBP", "EUR", "USD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "AUD", "CAD",
          "NZD", "INR", "CNY", "HKD", "SGD", "ZAR", "MXN", "BRL", "AED", "SAR", "TRY"}) {
        CAPTURE(code);
        const auto currency = FindCurrency(code);
        REQUIRE(currency.has_value());
        CHECK(currency->code == code);
        CHECK(currency->exponent == 2);
    }
}

TEST_CASE("JPY, KRW, CLP, ISK and VND have no decimal places") {
    for (const char* code : {"JPY", "KRW", "CLP", "ISK", "VND"}) {
        CAPTURE(code);
        const auto currency = FindCurrency(code);
        REQUIRE(currency.has_value());
        CHECK(currency->exponent == 0);
    }
}

TEST_CASE("BHD, KWD, OMR, JOD and TND have three decimal places") {
    for (const char* code : {"BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD"}) {
        CAPTURE(code);
        const auto currency = FindCurrency(code);
        REQUIRE(currency.has_value());
        CHECK(currency->exponent == 3);
    }
}

TEST_CASE("an unknown currency code is unsupported and named in the message") {
    for (const char* code : {"XYZ", "ABC", "HRK", "XAU"}) {
        CAPTURE(code);
        const auto currency = FindCurrency(code);
        REQUIRE_FALSE(currency.has_value());
        CHECK(currency.error().code == ErrorCode::kUnsupported);
        CHECK(currency.error().message.find(std::string("\"") + code + "\"") != std::string::npos);
    }
}

TEST_CASE("a currency code that is not three upper-case letters is invalid input") {
    for (std::string_view code : {"gbp", "Gbp", "GB", "GBPX", "", "G1P", " GBP", "GBP ", "G-P"}) {
        CAPTURE(code);
        const auto currency = FindCurrency(code);
        REQUIRE_FALSE(currency.has_value());
        CHECK(currency.error().code == ErrorCode::kInvalidInput);
        CHECK(currency.error().message.find("\"" + std::string(code) + "\"") != std::string::npos);
    }
    const auto with_nul = FindCurrency(std::string_view("GB\0", 3));
    REQUIRE_FALSE(with_nul.has_value());
    CHECK(with_nul.error().code == ErrorCode::kInvalidInput);
    CHECK(with_nul.error().message.find("\"GB\\x00\"") != std::string::npos);
}

TEST_CASE("minor units per major unit is ten to the exponent") {
    CHECK(MinorPerMajor(Find("GBP")) == 100);
    CHECK(MinorPerMajor(Find("JPY")) == 1);
    CHECK(MinorPerMajor(Find("BHD")) == 1000);
    CHECK(MinorPerMajor(Find("CLF")) == 10000);
}

// ---- Rounded division -------------------------------------------------------------------------

TEST_CASE("exact halves round by the named mode for both signs") {
    struct Case {
        std::int64_t numerator;
        std::int64_t denominator;
        std::int64_t away;
        std::int64_t even;
        std::int64_t toward_zero;
    };
    const Case cases[] = {
        {1, 2, 1, 0, 0},       {-1, 2, -1, 0, 0},         {5, 2, 3, 2, 2},
        {-5, 2, -3, -2, -2},   {7, 2, 4, 4, 3},           {-7, 2, -4, -4, -3},
        {15, 10, 2, 2, 1},     {-15, 10, -2, -2, -1},     {25, 10, 3, 2, 2},
        {-25, 10, -3, -2, -2}, {500, 1000, 1, 0, 0},      {-1500, 1000, -2, -2, -1},
        {2500, 1000, 3, 2, 2}, {-2500, 1000, -3, -2, -2},
    };
    for (const Case& c : cases) {
        CAPTURE(c.numerator);
        CAPTURE(c.denominator);
        CHECK(Divide(c.numerator, c.denominator, Rounding::kHalfAwayFromZero) == c.away);
        CHECK(Divide(c.numerator, c.denominator, Rounding::kHalfEven) == c.even);
        CHECK(Divide(c.numerator, c.denominator, Rounding::kTowardZero) == c.toward_zero);
    }
}

TEST_CASE("values that are not halves round to the nearest, or toward zero when truncating") {
    struct Case {
        std::int64_t numerator;
        std::int64_t denominator;
        std::int64_t nearest;
        std::int64_t toward_zero;
    };
    const Case cases[] = {
        {7, 3, 2, 2},        {-7, 3, -2, -2},       {8, 3, 3, 2}, {-8, 3, -3, -2},
        {6, 3, 2, 2},        {-6, 3, -2, -2},       {0, 7, 0, 0}, {1, 1000, 0, 0},
        {-999, 1000, -1, 0}, {70645, 1000, 71, 70},
    };
    for (const Case& c : cases) {
        CAPTURE(c.numerator);
        CAPTURE(c.denominator);
        CHECK(Divide(c.numerator, c.denominator, Rounding::kHalfAwayFromZero) == c.nearest);
        CHECK(Divide(c.numerator, c.denominator, Rounding::kHalfEven) == c.nearest);
        CHECK(Divide(c.numerator, c.denominator, Rounding::kTowardZero) == c.toward_zero);
    }
}

TEST_CASE("rounded division is exact at the 128-bit extremes") {
    const Int128 max = (Int128{1} << 126) - 1 + (Int128{1} << 126);
    const Int128 min = -max - 1;
    for (const Rounding mode :
         {Rounding::kHalfAwayFromZero, Rounding::kHalfEven, Rounding::kTowardZero}) {
        CHECK((RoundedDivide(max, 1, mode) == max));
        CHECK((RoundedDivide(min, 1, mode) == min));
        CHECK((RoundedDivide(max, max, mode) == 1));
        CHECK((RoundedDivide(min, max, mode) == -1));
    }
    // Just under and just over a half of a denominator near the top of the range.
    CHECK((RoundedDivide(max / 2, max, Rounding::kHalfAwayFromZero) == 0));
    CHECK((RoundedDivide(max / 2 + 1, max, Rounding::kHalfAwayFromZero) == 1));
    CHECK((RoundedDivide(-(max / 2 + 1), max, Rounding::kHalfEven) == -1));
    // An exact half with a huge even denominator.
    const Int128 even = Int128{1} << 120;
    CHECK((RoundedDivide(even / 2, even, Rounding::kHalfAwayFromZero) == 1));
    CHECK((RoundedDivide(even / 2, even, Rounding::kHalfEven) == 0));
    CHECK((RoundedDivide(-even / 2, even, Rounding::kHalfAwayFromZero) == -1));
    CHECK((RoundedDivide(3 * (even / 2), even, Rounding::kHalfEven) == 2));
}

// ---- Arithmetic -------------------------------------------------------------------------------

TEST_CASE("a default amount is zero pounds") {
    const Money zero;
    CHECK(zero.IsZero());
    CHECK_FALSE(zero.IsNegative());
    CHECK(zero == Money(0, Find("GBP")));
}

TEST_CASE("amounts add, subtract, multiply and negate in minor units") {
    const Currency gbp = Find("GBP");
    CHECK(Show(Money(1999, gbp).Plus(Money(1, gbp))) == "20.00 GBP");
    CHECK(Show(Money(500, gbp).Minus(Money(750, gbp))) == "-2.50 GBP");
    CHECK(Show(Money(1999, gbp).Times(3)) == "59.97 GBP");
    CHECK(Show(Money(1999, gbp).Times(-2)) == "-39.98 GBP");
    CHECK(Show(Money(1999, gbp).Times(0)) == "0.00 GBP");
    CHECK(Show(Money(1999, gbp).Negated()) == "-19.99 GBP");
    CHECK(Show(Money(-5, gbp).Negated()) == "0.05 GBP");
    CHECK(Money(1999, gbp).Plus(Money(1, gbp)).value() == Money(2000, gbp));
}

TEST_CASE("adding past the int64 range is an overflow, not a wrap") {
    const Currency gbp = Find("GBP");
    CHECK(Money(kMax - 1, gbp).Plus(Money(1, gbp)).value() == Money(kMax, gbp));
    CHECK(Money(kMax, gbp).Plus(Money(1, gbp)).error().code == ErrorCode::kOverflow);
    CHECK(Money(kMin, gbp).Plus(Money(-1, gbp)).error().code == ErrorCode::kOverflow);
    CHECK(Money(kMax, gbp).Plus(Money(kMax, gbp)).error().code == ErrorCode::kOverflow);
    CHECK(Money(kMax, gbp).Plus(Money(kMin, gbp)).value() == Money(-1, gbp));
}

TEST_CASE("subtracting past the int64 range is an overflow, not a wrap") {
    const Currency gbp = Find("GBP");
    CHECK(Money(kMin, gbp).Minus(Money(1, gbp)).error().code == ErrorCode::kOverflow);
    CHECK(Money(kMax, gbp).Minus(Money(-1, gbp)).error().code == ErrorCode::kOverflow);
    CHECK(Money(0, gbp).Minus(Money(kMin, gbp)).error().code == ErrorCode::kOverflow);
    CHECK(Money(-1, gbp).Minus(Money(kMax, gbp)).value() == Money(kMin, gbp));
}

TEST_CASE("multiplying past the int64 range is an overflow, not a wrap") {
    const Currency gbp = Find("GBP");
    CHECK(Money(kMax, gbp).Times(2).error().code == ErrorCode::kOverflow);
    CHECK(Money(kMin, gbp).Times(-1).error().code == ErrorCode::kOverflow);
    CHECK(Money(-1, gbp).Times(kMin).error().code == ErrorCode::kOverflow);
    CHECK(Money(4294967296, gbp).Times(4294967296).error().code == ErrorCode::kOverflow);
    CHECK(Money(kMax, gbp).Times(-1).value() == Money(-kMax, gbp));
    CHECK(Money(1, gbp).Times(kMin).value() == Money(kMin, gbp));
    const auto error = Money(kMax, gbp).Times(2).error();
    CHECK(error.message.find("92233720368547758.07 GBP") != std::string::npos);
}

TEST_CASE("negating the most negative amount is an overflow") {
    const Currency gbp = Find("GBP");
    CHECK(Money(kMin, gbp).Negated().error().code == ErrorCode::kOverflow);
    CHECK(Money(kMin + 1, gbp).Negated().value() == Money(kMax, gbp));
    CHECK(Money(0, gbp).Negated().value() == Money(0, gbp));
}

TEST_CASE("mixing currencies is a currency mismatch naming both codes") {
    const Money pounds(100, Find("GBP"));
    const Money euros(100, Find("EUR"));
    for (const auto& result : {pounds.Plus(euros), pounds.Minus(euros), euros.Plus(pounds)}) {
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().code == ErrorCode::kCurrencyMismatch);
        CHECK(result.error().message.find("GBP") != std::string::npos);
        CHECK(result.error().message.find("EUR") != std::string::npos);
    }
    CHECK_FALSE(pounds == euros);
}

TEST_CASE("a price per kilogram times grams rounds by the named mode") {
    const Currency gbp = Find("GBP");
    const Money per_kg(199, gbp);  // 1.99/kg x 355 g = 0.70645
    CHECK(Show(per_kg.TimesMilli(355, Rounding::kHalfAwayFromZero)) == "0.71 GBP");
    CHECK(Show(per_kg.TimesMilli(355, Rounding::kHalfEven)) == "0.71 GBP");
    CHECK(Show(per_kg.TimesMilli(355, Rounding::kTowardZero)) == "0.70 GBP");
    CHECK(Show(per_kg.TimesMilli(1000, Rounding::kTowardZero)) == "1.99 GBP");
    CHECK(Show(per_kg.TimesMilli(0, Rounding::kHalfAwayFromZero)) == "0.00 GBP");
    CHECK(Show(per_kg.TimesMilli(-355, Rounding::kHalfAwayFromZero)) == "-0.71 GBP");
}

TEST_CASE("half a minor unit from a weighed price rounds by the named mode for both signs") {
    const Currency gbp = Find("GBP");
    // 0.03 x 0.5 = 0.015; 0.05 x 0.5 = 0.025.
    CHECK(Money(3, gbp).TimesMilli(500, Rounding::kHalfAwayFromZero)->Minor() == 2);
    CHECK(Money(3, gbp).TimesMilli(500, Rounding::kHalfEven)->Minor() == 2);
    CHECK(Money(3, gbp).TimesMilli(500, Rounding::kTowardZero)->Minor() == 1);
    CHECK(Money(5, gbp).TimesMilli(500, Rounding::kHalfAwayFromZero)->Minor() == 3);
    CHECK(Money(5, gbp).TimesMilli(500, Rounding::kHalfEven)->Minor() == 2);
    CHECK(Money(5, gbp).TimesMilli(500, Rounding::kTowardZero)->Minor() == 2);
    CHECK(Money(-5, gbp).TimesMilli(500, Rounding::kHalfAwayFromZero)->Minor() == -3);
    CHECK(Money(-5, gbp).TimesMilli(500, Rounding::kHalfEven)->Minor() == -2);
    CHECK(Money(-5, gbp).TimesMilli(500, Rounding::kTowardZero)->Minor() == -2);
    CHECK(Money(5, gbp).TimesMilli(-500, Rounding::kHalfAwayFromZero)->Minor() == -3);
    CHECK(Money(-3, gbp).TimesMilli(500, Rounding::kHalfEven)->Minor() == -2);
}

TEST_CASE("a weighed price past the int64 range is an overflow") {
    const Currency gbp = Find("GBP");
    CHECK(Money(kMax, gbp).TimesMilli(1000, Rounding::kTowardZero).value() == Money(kMax, gbp));
    CHECK(Money(kMin, gbp).TimesMilli(1000, Rounding::kTowardZero).value() == Money(kMin, gbp));
    CHECK(Money(kMax, gbp).TimesMilli(1001, Rounding::kTowardZero).error().code ==
          ErrorCode::kOverflow);
    CHECK(Money(kMax, gbp).TimesMilli(2000, Rounding::kHalfEven).error().code ==
          ErrorCode::kOverflow);
    CHECK(Money(kMin, gbp).TimesMilli(-1000, Rounding::kHalfAwayFromZero).error().code ==
          ErrorCode::kOverflow);
    CHECK(Money(kMin, gbp).TimesMilli(kMin, Rounding::kHalfAwayFromZero).error().code ==
          ErrorCode::kOverflow);
    // Large products whose rounded result still fits.
    CHECK(Money(kMax, gbp).TimesMilli(999, Rounding::kTowardZero).has_value());
    CHECK(Money(kMin, gbp).TimesMilli(500, Rounding::kTowardZero)->Minor() == kMin / 2);
}

// ---- Parsing ----------------------------------------------------------------------------------

TEST_CASE("19.99 parses to 1999 pence") {
    const auto parsed = ParseMoney("19.99", Find("GBP"));
    REQUIRE(parsed.has_value());
    CHECK(parsed->Minor() == 1999);
    CHECK(parsed->GetCurrency() == Find("GBP"));
}

TEST_CASE("whole numbers, short fractions and trailing zeros parse for GBP") {
    const Currency gbp = Find("GBP");
    struct Case {
        std::string_view text;
        std::int64_t minor;
    };
    const Case cases[] = {
        {"0", 0},
        {"5", 500},
        {"-5", -500},
        {"0.5", 50},
        {"35.0", 3500},
        {"35.6300", 3563},
        {"0.01", 1},
        {"-0.05", -5},
        {"007.50", 750},
        {"-007.50", -750},
        {"1.00000000000000000000000000", 100},
        {"100", 10000},
        {"0.10", 10},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const auto parsed = ParseMoney(c.text, gbp);
        REQUIRE(parsed.has_value());
        CHECK(parsed->Minor() == c.minor);
    }
}

TEST_CASE("-0.00 parses to zero") {
    for (std::string_view text : {"-0.00", "-0", "-0.0", "-000.000"}) {
        CAPTURE(text);
        const auto parsed = ParseMoney(text, Find("GBP"));
        REQUIRE(parsed.has_value());
        CHECK(parsed->Minor() == 0);
        CHECK_FALSE(parsed->IsNegative());
        CHECK(FormatMoney(*parsed) == "0.00");
    }
}

TEST_CASE("19.999 is rejected for GBP") {
    const auto parsed = ParseMoney("19.999", Find("GBP"));
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == ErrorCode::kInvalidInput);
    CHECK(parsed.error().message == "\"19.999\": more than 2 decimal places for GBP");
    CHECK(ParseMoney("19.9901", Find("GBP")).error().code == ErrorCode::kInvalidInput);
    CHECK(ParseMoney("0.001", Find("GBP")).error().code == ErrorCode::kInvalidInput);
}

TEST_CASE("malformed amounts are rejected with the input quoted and the reason given") {
    const Currency gbp = Find("GBP");
    struct Case {
        std::string_view text;
        std::string_view message;
    };
    const Case cases[] = {
        {"", "\"\": empty amount"},
        {"-", "\"-\": no digits"},
        {"1.", "\"1.\": no digits after '.'"},
        {".5", "\".5\": no digits before '.'"},
        {"-.5", "\"-.5\": no digits before '.'"},
        {"1.2.3", "\"1.2.3\": more than one '.'"},
        {"1..2", "\"1..2\": more than one '.'"},
        {"1e3", "\"1e3\": unexpected 'e' (only digits, a leading '-' and one '.' are allowed)"},
        {"0x10", "\"0x10\": unexpected 'x' (only digits, a leading '-' and one '.' are allowed)"},
        {"+5", "\"+5\": unexpected '+' (only digits, a leading '-' and one '.' are allowed)"},
        {" 5", "\" 5\": unexpected a space (only digits, a leading '-' and one '.' are allowed)"},
        {"5 ", "\"5 \": unexpected a space (only digits, a leading '-' and one '.' are allowed)"},
        {"1,000", "\"1,000\": unexpected ',' (only digits, a leading '-' and one '.' are allowed)"},
        {"--1", "\"--1\": unexpected '-' (only digits, a leading '-' and one '.' are allowed)"},
        {"1-", "\"1-\": unexpected '-' (only digits, a leading '-' and one '.' are allowed)"},
        {"\t5",
         "\"\\x095\": unexpected byte 0x09 (only digits, a leading '-' and one '.' are allowed)"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const auto parsed = ParseMoney(c.text, gbp);
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().code == ErrorCode::kInvalidInput);
        CHECK(parsed.error().message == c.message);
    }
}

TEST_CASE("other lookalike numbers are rejected as invalid input") {
    const Currency gbp = Find("GBP");
    for (std::string_view text : {"1E3",  "1e-3", "0X10", "0b1", "inf", "nan",     "NaN",   "-inf",
                                  "five", "5p",   "£5",   "€5",  "$5",  "5.00GBP", "1_000", "1'000",
                                  "5\n",  "\n",   "1.5.", "- 5", "0,5", "1 000",   "٣",     "５"}) {
        CAPTURE(text);
        const auto parsed = ParseMoney(text, gbp);
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().code == ErrorCode::kInvalidInput);
    }
    const auto with_nul = ParseMoney(std::string_view("5\0", 2), gbp);
    REQUIRE_FALSE(with_nul.has_value());
    CHECK(with_nul.error().code == ErrorCode::kInvalidInput);
}

TEST_CASE("25.99 is rejected for JPY") {
    const auto parsed = ParseMoney("25.99", Find("JPY"));
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == ErrorCode::kInvalidInput);
    CHECK(parsed.error().message == "\"25.99\": JPY has no decimal places");
    CHECK(ParseMoney("25.5", Find("JPY")).error().code == ErrorCode::kInvalidInput);
    CHECK(ParseMoney("25.", Find("JPY")).error().code == ErrorCode::kInvalidInput);
}

TEST_CASE("25.00 and 25 are accepted for JPY") {
    const Currency jpy = Find("JPY");
    CHECK(ParseMoney("25.00", jpy).value() == Money(25, jpy));
    CHECK(ParseMoney("25", jpy).value() == Money(25, jpy));
    CHECK(ParseMoney("-1200", jpy).value() == Money(-1200, jpy));
}

TEST_CASE("1.234 parses to 1234 fils for BHD") {
    const Currency bhd = Find("BHD");
    CHECK(ParseMoney("1.234", bhd).value() == Money(1234, bhd));
    CHECK(ParseMoney("1.2", bhd).value() == Money(1200, bhd));
    CHECK(ParseMoney("1.2340", bhd).value() == Money(1234, bhd));
    CHECK(ParseMoney("-0.001", bhd).value() == Money(-1, bhd));
    const auto too_fine = ParseMoney("1.2345", bhd);
    REQUIRE_FALSE(too_fine.has_value());
    CHECK(too_fine.error().message == "\"1.2345\": more than 3 decimal places for BHD");
}

TEST_CASE("amounts beyond int64 minor units overflow") {
    const Currency gbp = Find("GBP");
    const Currency jpy = Find("JPY");
    struct Case {
        std::string_view text;
        const Currency* currency;
    };
    const Case overflowing[] = {
        {"92233720368547758.08", &gbp},
        {"-92233720368547758.09", &gbp},
        {"92233720368547759", &gbp},
        {"1000000000000000000000000000000000000000", &gbp},
        {"-1000000000000000000000000000000000000000", &gbp},
        {"9223372036854775808", &jpy},
        {"-9223372036854775809", &jpy},
        {"99999999999999999999", &jpy},
    };
    for (const Case& c : overflowing) {
        CAPTURE(c.text);
        const auto parsed = ParseMoney(c.text, *c.currency);
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().code == ErrorCode::kOverflow);
        CHECK(parsed.error().message.starts_with("\"" + std::string(c.text) + "\""));
    }
    CHECK(ParseMoney("92233720368547758.08", gbp).error().message ==
          "\"92233720368547758.08\": out of range for GBP (beyond 64-bit minor units)");
}

TEST_CASE("the int64 limits themselves parse exactly") {
    const Currency gbp = Find("GBP");
    const Currency jpy = Find("JPY");
    CHECK(ParseMoney("92233720368547758.07", gbp).value() == Money(kMax, gbp));
    CHECK(ParseMoney("-92233720368547758.08", gbp).value() == Money(kMin, gbp));
    CHECK(ParseMoney("-92233720368547758.0800", gbp).value() == Money(kMin, gbp));
    CHECK(ParseMoney("9223372036854775807", jpy).value() == Money(kMax, jpy));
    CHECK(ParseMoney("-9223372036854775808", jpy).value() == Money(kMin, jpy));
    CHECK(ParseMoney("0000000000000000000000000000000000000001.00", gbp).value() ==
          Money(100, gbp));
}

TEST_CASE("a very long input is quoted only in part in the message") {
    const std::string long_text(1000, '7');
    const auto parsed = ParseMoney(long_text + "x", Find("GBP"));
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().message.size() < 200);
    CHECK(parsed.error().message.find("...") != std::string::npos);
}

// ---- Formatting -------------------------------------------------------------------------------

TEST_CASE("amounts are formatted with exactly the currency's decimal places") {
    const Currency gbp = Find("GBP");
    const Currency jpy = Find("JPY");
    const Currency bhd = Find("BHD");
    CHECK(FormatMoney(Money(1999, gbp)) == "19.99");
    CHECK(FormatMoney(Money(-5, gbp)) == "-0.05");
    CHECK(FormatMoney(Money(5, gbp)) == "0.05");
    CHECK(FormatMoney(Money(50, gbp)) == "0.50");
    CHECK(FormatMoney(Money(100, gbp)) == "1.00");
    CHECK(FormatMoney(Money(-123456, gbp)) == "-1234.56");
    CHECK(FormatMoney(Money(1200, jpy)) == "1200");
    CHECK(FormatMoney(Money(-7, jpy)) == "-7");
    CHECK(FormatMoney(Money(0, jpy)) == "0");
    CHECK(FormatMoney(Money(1234, bhd)) == "1.234");
    CHECK(FormatMoney(Money(1, bhd)) == "0.001");
    CHECK(FormatMoney(Money(-1000, bhd)) == "-1.000");
    CHECK(FormatMoney(Money(1, Find("CLF"))) == "0.0001");
}

TEST_CASE("the int64 limits are formatted without overflow") {
    CHECK(FormatMoney(Money(kMax, Find("GBP"))) == "92233720368547758.07");
    CHECK(FormatMoney(Money(kMin, Find("GBP"))) == "-92233720368547758.08");
    CHECK(FormatMoney(Money(kMin, Find("JPY"))) == "-9223372036854775808");
    CHECK(FormatMoney(Money(kMin, Find("BHD"))) == "-9223372036854775.808");
}

TEST_CASE("zero is never formatted as -0.00") {
    const Currency gbp = Find("GBP");
    CHECK(FormatMoney(Money(0, gbp)) == "0.00");
    CHECK(FormatMoney(Money(0, gbp).Negated().value()) == "0.00");
    CHECK(FormatMoney(Money(5, gbp).Minus(Money(5, gbp)).value()) == "0.00");
    CHECK(FormatMoney(Money(0, gbp).Times(-1).value()) == "0.00");
}

TEST_CASE("parsing a formatted amount gives the same amount back") {
    std::vector<std::int64_t> values = {
        0,   1,    -1,    9,      -9,   10,   -10,      99,       -99,       100,      -100,
        101, -101, 12345, -12345, kMax, kMin, kMax - 1, kMin + 1, kMax / 10, kMin / 10};
    std::mt19937_64 random(20240601);
    std::uniform_int_distribution<std::int64_t> any(kMin, kMax);
    std::uniform_int_distribution<std::int64_t> small(-100000, 100000);
    for (int i = 0; i < 500; ++i) {
        values.push_back(any(random));
        values.push_back(small(random));
    }
    for (const char* code : {"GBP", "JPY", "BHD", "CLF", "EUR"}) {
        const Currency currency = Find(code);
        for (const std::int64_t minor : values) {
            CAPTURE(code);
            CAPTURE(minor);
            const Money amount(minor, currency);
            const auto parsed = ParseMoney(FormatMoney(amount), currency);
            REQUIRE(parsed.has_value());
            CHECK(*parsed == amount);
        }
    }
}
