#include <doctest/doctest.h>

#include <limits>

#include "tillbook/orders/quantity.hpp"

using namespace tillbook;

TEST_CASE("whole units are written plainly and a fraction drops its trailing zeros") {
    CHECK(orders::FormatQuantity(0) == "0");
    CHECK(orders::FormatQuantity(2000) == "2");
    CHECK(orders::FormatQuantity(250) == "0.25");  // 250 g of a SKU priced per kg
    CHECK(orders::FormatQuantity(350) == "0.35");  // as the receipts print it
    CHECK(orders::FormatQuantity(1500) == "1.5");
    CHECK(orders::FormatQuantity(1) == "0.001");
    CHECK(orders::FormatQuantity(12345) == "12.345");
    CHECK(orders::FormatQuantity(1'000'000'000) == "1000000");
}

TEST_CASE("a negative quantity keeps its sign, down to the most negative one") {
    CHECK(orders::FormatQuantity(-3000) == "-3");
    CHECK(orders::FormatQuantity(-125) == "-0.125");
    CHECK(orders::FormatQuantity(-1) == "-0.001");
    CHECK(orders::FormatQuantity(std::numeric_limits<std::int64_t>::min()) ==
          "-9223372036854775.808");
    CHECK(orders::FormatQuantity(std::numeric_limits<std::int64_t>::max()) ==
          "9223372036854775.807");
}

TEST_CASE("exact units are given only for a whole number of units") {
    CHECK(orders::ExactUnits(2000) == 2);
    CHECK(orders::ExactUnits(0) == 0);
    CHECK(orders::ExactUnits(-3000) == -3);
    CHECK_FALSE(orders::ExactUnits(250).has_value());
    CHECK_FALSE(orders::ExactUnits(1001).has_value());
    CHECK_FALSE(orders::ExactUnits(-1).has_value());
}
