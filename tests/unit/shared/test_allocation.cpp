#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "tillbook/money/allocation.hpp"
#include "tillbook/money/currency.hpp"
#include "tillbook/money/money.hpp"

namespace {

using tillbook::ErrorCode;
using tillbook::Result;
using tillbook::money::Currency;
using tillbook::money::FindCurrency;
using tillbook::money::FormatMoney;
using tillbook::money::Int128;
using tillbook::money::Money;
using tillbook::money::SplitProportionally;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

Currency Gbp() {
    return FindCurrency("GBP").value();
}

std::vector<Money> Pounds(std::initializer_list<std::int64_t> pence) {
    std::vector<Money> out;
    for (const std::int64_t p : pence)
        out.emplace_back(p, Gbp());
    return out;
}

// "3.34 3.33 3.33", or "error: <message>", so that failures print readably.
std::string Show(const Result<std::vector<Money>>& result) {
    if (!result) return "error: " + result.error().message;
    std::string out;
    for (const Money& part : *result) {
        if (!out.empty()) out += ' ';
        out += FormatMoney(part);
    }
    return out;
}

}  // namespace

TEST_CASE("10.00 split over 3 equal lines is 3.34, 3.33 and 3.33") {
    const auto parts = SplitProportionally(Money(1000, Gbp()), Pounds({500, 500, 500}));
    CHECK(Show(parts) == "3.34 3.33 3.33");
    REQUIRE(parts.has_value());
    for (const Money& part : *parts)
        CHECK(part.GetCurrency() == Gbp());
}

TEST_CASE("0.01 split over 3 lines goes to the first line") {
    CHECK(Show(SplitProportionally(Money(1, Gbp()), Pounds({1, 1, 1}))) == "0.01 0.00 0.00");
}

TEST_CASE("10.00 split over weights 1, 2 and 3 is 1.67, 3.33 and 5.00") {
    // Exact shares 1.666.., 3.333.., 5.00: floors 1.66, 3.33, 5.00 leave 0.01 for the first line.
    CHECK(Show(SplitProportionally(Money(1000, Gbp()), Pounds({1, 2, 3}))) == "1.67 3.33 5.00");
}

TEST_CASE("a negative total splits its magnitude and negates the parts") {
    CHECK(Show(SplitProportionally(Money(-1000, Gbp()), Pounds({500, 500, 500}))) ==
          "-3.34 -3.33 -3.33");
    CHECK(Show(SplitProportionally(Money(-1000, Gbp()), Pounds({1, 2, 3}))) == "-1.67 -3.33 -5.00");
    CHECK(Show(SplitProportionally(Money(-1, Gbp()), Pounds({1, 1}))) == "-0.01 0.00");
}

TEST_CASE("leftover units go to the largest remainders and ties go to the earlier line") {
    // Shares 0.005, 0.005, 0.01, 0.01 of 0.03: floors 0, 0, 1, 1; remainders tie on lines 0 and 1.
    CHECK(Show(SplitProportionally(Money(3, Gbp()), Pounds({1, 1, 2, 2}))) ==
          "0.01 0.00 0.01 0.01");
    // Shares 0.25, 0.25, 0.50 of 0.01: the largest remainder is the last line's.
    CHECK(Show(SplitProportionally(Money(1, Gbp()), Pounds({1, 1, 2}))) == "0.00 0.00 0.01");
    CHECK(Show(SplitProportionally(Money(2, Gbp()), Pounds({1, 1, 1}))) == "0.01 0.01 0.00");
}

TEST_CASE("lines with zero weight receive nothing") {
    CHECK(Show(SplitProportionally(Money(100, Gbp()), Pounds({0, 1, 0, 2}))) ==
          "0.00 0.33 0.00 0.67");
    CHECK(Show(SplitProportionally(Money(1, Gbp()), Pounds({0, 0, 5}))) == "0.00 0.00 0.01");
}

TEST_CASE("a zero total splits into zero parts") {
    CHECK(Show(SplitProportionally(Money(0, Gbp()), Pounds({3, 4}))) == "0.00 0.00");
}

TEST_CASE("a single line takes the whole total") {
    CHECK(Show(SplitProportionally(Money(1999, Gbp()), Pounds({7}))) == "19.99");
}

TEST_CASE("splitting over no weights is invalid input") {
    const auto parts = SplitProportionally(Money(100, Gbp()), {});
    REQUIRE_FALSE(parts.has_value());
    CHECK(parts.error().code == ErrorCode::kInvalidInput);
}

TEST_CASE("splitting over weights that are all zero is invalid input") {
    const auto parts = SplitProportionally(Money(100, Gbp()), Pounds({0, 0, 0}));
    REQUIRE_FALSE(parts.has_value());
    CHECK(parts.error().code == ErrorCode::kInvalidInput);
}

TEST_CASE("a negative weight is invalid input naming the line") {
    const auto parts = SplitProportionally(Money(100, Gbp()), Pounds({100, -50, 100}));
    REQUIRE_FALSE(parts.has_value());
    CHECK(parts.error().code == ErrorCode::kInvalidInput);
    CHECK(parts.error().field == "weights[1]");
    CHECK(parts.error().message.find("-0.50") != std::string::npos);
}

TEST_CASE("a weight in another currency is a currency mismatch") {
    std::vector<Money> weights = Pounds({100, 100});
    weights.emplace_back(100, FindCurrency("EUR").value());
    const auto parts = SplitProportionally(Money(100, Gbp()), weights);
    REQUIRE_FALSE(parts.has_value());
    CHECK(parts.error().code == ErrorCode::kCurrencyMismatch);
    CHECK(parts.error().field == "weights[2]");
    CHECK(parts.error().message.find("EUR") != std::string::npos);
    CHECK(parts.error().message.find("GBP") != std::string::npos);
}

TEST_CASE("totals and weights at the int64 limits split without overflow") {
    const auto top = SplitProportionally(Money(kMax, Gbp()), Pounds({kMax, kMax, 1}));
    REQUIRE(top.has_value());
    Int128 sum = 0;
    for (const Money& part : *top)
        sum += part.Minor();
    CHECK((sum == kMax));

    const auto bottom = SplitProportionally(Money(kMin, Gbp()), Pounds({1, 1}));
    REQUIRE(bottom.has_value());
    CHECK((*bottom)[0].Minor() == kMin / 2);
    CHECK((*bottom)[1].Minor() == kMin / 2);

    const auto all = SplitProportionally(Money(kMin, Gbp()), Pounds({kMax}));
    REQUIRE(all.has_value());
    CHECK((*all)[0].Minor() == kMin);
}

TEST_CASE("parts always sum to the total and stay within one minor unit of the exact share") {
    std::mt19937 random(4217);  // fixed seed: the same cases on every run
    std::uniform_int_distribution<int> line_count(1, 9);
    std::uniform_int_distribution<int> scale(0, 3);
    std::uniform_int_distribution<std::int64_t> small(0, 20);
    std::uniform_int_distribution<std::int64_t> medium(0, 100000);
    std::uniform_int_distribution<std::int64_t> huge(0, kMax);
    std::uniform_int_distribution<std::int64_t> total_small(-1000, 1000);
    std::uniform_int_distribution<std::int64_t> total_medium(-10000000, 10000000);
    std::uniform_int_distribution<std::int64_t> total_any(kMin, kMax);

    for (int round = 0; round < 5000; ++round) {
        const int kind = scale(random);
        std::vector<Money> weights;
        const int lines = line_count(random);
        for (int i = 0; i < lines; ++i) {
            const std::int64_t weight =
                kind == 0 ? small(random) : (kind == 3 ? huge(random) : medium(random));
            weights.emplace_back(weight, Gbp());
        }
        if (std::all_of(weights.begin(), weights.end(),
                        [](const Money& w) { return w.IsZero(); })) {
            weights.back() = Money(1, Gbp());
        }
        const std::int64_t total_minor =
            kind == 0 ? total_small(random)
                      : (kind == 1 ? total_medium(random) : total_any(random));
        CAPTURE(round);
        CAPTURE(total_minor);

        const auto parts = SplitProportionally(Money(total_minor, Gbp()), weights);
        REQUIRE(parts.has_value());
        REQUIRE(parts->size() == weights.size());

        Int128 weight_sum = 0;
        for (const Money& w : weights)
            weight_sum += w.Minor();
        Int128 part_sum = 0;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            const Money& part = (*parts)[i];
            CHECK(part.GetCurrency() == Gbp());
            part_sum += part.Minor();
            // |part - total x w / W| < 1  <=>  |part x W - total x w| < W
            const Int128 error =
                Int128{part.Minor()} * weight_sum - Int128{total_minor} * weights[i].Minor();
            CHECK(((error < 0 ? -error : error) < weight_sum));
            // A part never has the opposite sign of the total.
            CHECK((Int128{part.Minor()} * total_minor >= 0));
            if (weights[i].IsZero()) CHECK(part.IsZero());
        }
        CHECK((part_sum == total_minor));
    }
}
