#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "tillbook/money/currency.hpp"
#include "tillbook/money/money.hpp"
#include "tillbook/money/tax.hpp"

namespace {

using tillbook::ErrorCode;
using tillbook::Result;
using tillbook::money::ComputeTax;
using tillbook::money::Currency;
using tillbook::money::FindCurrency;
using tillbook::money::FormatMoney;
using tillbook::money::Int128;
using tillbook::money::Money;
using tillbook::money::TaxAmounts;
using tillbook::money::TaxMode;
using tillbook::money::TaxRateBasisPoints;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

Money Pounds(std::int64_t pence) {
    return Money(pence, FindCurrency("GBP").value());
}

// "net 0.83 tax 0.17 gross 1.00", or "error: <message>", so that failures print readably.
std::string Show(const Result<TaxAmounts>& result) {
    if (!result) return "error: " + result.error().message;
    return "net " + FormatMoney(result->net) + " tax " + FormatMoney(result->tax) + " gross " +
           FormatMoney(result->gross);
}

}  // namespace

TEST_CASE("20% VAT included in 1.00 is 0.17, leaving 0.83 net") {
    const auto amounts = ComputeTax(Pounds(100), 2000, TaxMode::kInclusive);
    REQUIRE(amounts.has_value());
    CHECK(amounts->tax == Pounds(17));
    CHECK(amounts->net == Pounds(83));
    CHECK(amounts->gross == Pounds(100));
}

TEST_CASE("20% VAT included in 9.99 is 1.67 because a half penny rounds up") {
    // 9.99 x 2000 / 12000 = 1.665 exactly.
    CHECK(Show(ComputeTax(Pounds(999), 2000, TaxMode::kInclusive)) ==
          "net 8.32 tax 1.67 gross 9.99");
}

TEST_CASE("20% VAT included in everyday shelf prices") {
    CHECK(Show(ComputeTax(Pounds(120), 2000, TaxMode::kInclusive)) ==
          "net 1.00 tax 0.20 gross 1.20");
    CHECK(Show(ComputeTax(Pounds(1), 2000, TaxMode::kInclusive)) == "net 0.01 tax 0.00 gross 0.01");
    CHECK(Show(ComputeTax(Pounds(3), 2000, TaxMode::kInclusive)) ==
          "net 0.02 tax 0.01 gross 0.03");  // 0.005 exactly: half rounds away from zero
    CHECK(Show(ComputeTax(Pounds(1999), 2000, TaxMode::kInclusive)) ==
          "net 16.66 tax 3.33 gross 19.99");
}

TEST_CASE("20% VAT added to a net price") {
    CHECK(Show(ComputeTax(Pounds(1000), 2000, TaxMode::kExclusive)) ==
          "net 10.00 tax 2.00 gross 12.00");
    CHECK(Show(ComputeTax(Pounds(833), 2000, TaxMode::kExclusive)) ==
          "net 8.33 tax 1.67 gross 10.00");  // 1.666 rounds to 1.67
    CHECK(Show(ComputeTax(Pounds(2), 2000, TaxMode::kExclusive)) ==
          "net 0.02 tax 0.00 gross 0.02");  // 0.004 rounds down
}

TEST_CASE("5% VAT on fuel and children's car seats, included and added") {
    CHECK(Show(ComputeTax(Pounds(1050), 500, TaxMode::kInclusive)) ==
          "net 10.00 tax 0.50 gross 10.50");
    CHECK(Show(ComputeTax(Pounds(100), 500, TaxMode::kInclusive)) ==
          "net 0.95 tax 0.05 gross 1.00");  // 0.0476 rounds up
    CHECK(Show(ComputeTax(Pounds(10), 500, TaxMode::kExclusive)) ==
          "net 0.10 tax 0.01 gross 0.11");  // 0.005 exactly rounds away from zero
    CHECK(Show(ComputeTax(Pounds(30), 500, TaxMode::kExclusive)) ==
          "net 0.30 tax 0.02 gross 0.32");  // 0.015 exactly rounds away from zero
    CHECK(Show(ComputeTax(Pounds(29), 500, TaxMode::kExclusive)) ==
          "net 0.29 tax 0.01 gross 0.30");  // 0.0145 rounds down
}

TEST_CASE("zero-rated goods carry no tax") {
    for (const TaxMode mode : {TaxMode::kInclusive, TaxMode::kExclusive}) {
        for (const std::int64_t pence : {0LL, 1LL, 999LL, -999LL}) {
            const auto amounts = ComputeTax(Pounds(pence), 0, mode);
            REQUIRE(amounts.has_value());
            CHECK(amounts->tax.IsZero());
            CHECK(amounts->net == Pounds(pence));
            CHECK(amounts->gross == Pounds(pence));
        }
    }
}

TEST_CASE("a refund of 9.99 including 20% VAT refunds exactly the tax that was charged") {
    CHECK(Show(ComputeTax(Pounds(-999), 2000, TaxMode::kInclusive)) ==
          "net -8.32 tax -1.67 gross -9.99");
    CHECK(Show(ComputeTax(Pounds(-100), 2000, TaxMode::kInclusive)) ==
          "net -0.83 tax -0.17 gross -1.00");
    CHECK(Show(ComputeTax(Pounds(-10), 500, TaxMode::kExclusive)) ==
          "net -0.10 tax -0.01 gross -0.11");
}

TEST_CASE("a refund's tax mirrors the sale's tax for every amount and rate") {
    for (const TaxRateBasisPoints rate : {0, 500, 1750, 2000, 2500, 100000}) {
        for (const TaxMode mode : {TaxMode::kInclusive, TaxMode::kExclusive}) {
            for (std::int64_t pence = 0; pence <= 2000; ++pence) {
                const auto sale = ComputeTax(Pounds(pence), rate, mode);
                const auto refund = ComputeTax(Pounds(-pence), rate, mode);
                REQUIRE(sale.has_value());
                REQUIRE(refund.has_value());
                CHECK(refund->tax.Minor() == -sale->tax.Minor());
                CHECK(refund->net.Minor() == -sale->net.Minor());
            }
        }
    }
}

TEST_CASE("gross equals net plus tax and tax is the exact tax rounded to the nearest minor unit") {
    for (const TaxRateBasisPoints rate : {0, 1, 500, 1750, 2000, 9999, 100000}) {
        for (std::int64_t pence = -5000; pence <= 5000; pence += 7) {
            CAPTURE(rate);
            CAPTURE(pence);
            const auto inclusive = ComputeTax(Pounds(pence), rate, TaxMode::kInclusive);
            REQUIRE(inclusive.has_value());
            CHECK(inclusive->gross == Pounds(pence));
            CHECK(inclusive->net.Plus(inclusive->tax).value() == inclusive->gross);
            // |tax - gross x r / (10000 + r)| <= 1/2
            const Int128 inclusive_error =
                Int128{inclusive->tax.Minor()} * (10000 + rate) - Int128{pence} * rate;
            CHECK((2 * (inclusive_error < 0 ? -inclusive_error : inclusive_error) <= 10000 + rate));

            const auto exclusive = ComputeTax(Pounds(pence), rate, TaxMode::kExclusive);
            REQUIRE(exclusive.has_value());
            CHECK(exclusive->net == Pounds(pence));
            CHECK(exclusive->net.Plus(exclusive->tax).value() == exclusive->gross);
            const Int128 exclusive_error =
                Int128{exclusive->tax.Minor()} * 10000 - Int128{pence} * rate;
            CHECK((2 * (exclusive_error < 0 ? -exclusive_error : exclusive_error) <= 10000));
        }
    }
}

TEST_CASE("a tax rate outside 0 to 100000 basis points is invalid input") {
    for (const TaxRateBasisPoints rate :
         {-1, -2000, 100001, std::numeric_limits<int>::max(), std::numeric_limits<int>::min()}) {
        for (const TaxMode mode : {TaxMode::kInclusive, TaxMode::kExclusive}) {
            CAPTURE(rate);
            const auto amounts = ComputeTax(Pounds(100), rate, mode);
            REQUIRE_FALSE(amounts.has_value());
            CHECK(amounts.error().code == ErrorCode::kInvalidInput);
            CHECK(amounts.error().field == "rate");
            CHECK(amounts.error().message.find(std::to_string(rate)) != std::string::npos);
        }
    }
}

TEST_CASE("a tax rate of exactly 100000 basis points is accepted") {
    CHECK(Show(ComputeTax(Pounds(1100), 100000, TaxMode::kInclusive)) ==
          "net 1.00 tax 10.00 gross 11.00");
    CHECK(Show(ComputeTax(Pounds(100), 100000, TaxMode::kExclusive)) ==
          "net 1.00 tax 10.00 gross 11.00");
}

TEST_CASE("tax added to an amount near the int64 limit overflows") {
    const auto high = ComputeTax(Pounds(kMax), 2000, TaxMode::kExclusive);
    REQUIRE_FALSE(high.has_value());
    CHECK(high.error().code == ErrorCode::kOverflow);
    const auto low = ComputeTax(Pounds(kMin), 2000, TaxMode::kExclusive);
    REQUIRE_FALSE(low.has_value());
    CHECK(low.error().code == ErrorCode::kOverflow);
    // A large net whose tax alone would not fit in int64 at 1000%.
    CHECK(ComputeTax(Pounds(kMax / 5), 100000, TaxMode::kExclusive).error().code ==
          ErrorCode::kOverflow);
    // Zero-rated, the extremes still fit.
    CHECK(ComputeTax(Pounds(kMax), 0, TaxMode::kExclusive)->gross == Pounds(kMax));
    CHECK(ComputeTax(Pounds(kMin), 0, TaxMode::kExclusive)->gross == Pounds(kMin));
}

TEST_CASE("tax included in amounts at the int64 limits is computed without overflow") {
    for (const std::int64_t pence : {kMax, kMin, kMin + 1}) {
        for (const TaxRateBasisPoints rate : {1, 2000, 100000}) {
            CAPTURE(pence);
            CAPTURE(rate);
            const auto amounts = ComputeTax(Pounds(pence), rate, TaxMode::kInclusive);
            REQUIRE(amounts.has_value());
            CHECK(amounts->gross == Pounds(pence));
            CHECK(amounts->net.Plus(amounts->tax).value() == amounts->gross);
        }
    }
    // 2^63 - 1 = 9223372036854775807; x 2000 / 12000 = 1537228672809129301.1666...
    CHECK(ComputeTax(Pounds(kMax), 2000, TaxMode::kInclusive)->tax.Minor() == 1537228672809129301);
}

TEST_CASE("tax keeps the amount's currency and its minor unit") {
    const Currency jpy = FindCurrency("JPY").value();
    const auto yen = ComputeTax(Money(1000, jpy), 1000, TaxMode::kInclusive);  // 10%
    REQUIRE(yen.has_value());
    CHECK(yen->tax == Money(91, jpy));  // 90.9 rounds up
    CHECK(yen->net == Money(909, jpy));

    const Currency bhd = FindCurrency("BHD").value();
    const auto dinars = ComputeTax(Money(1000, bhd), 1000, TaxMode::kExclusive);  // 10%
    REQUIRE(dinars.has_value());
    CHECK(dinars->tax == Money(100, bhd));
    CHECK(dinars->gross == Money(1100, bhd));
}
