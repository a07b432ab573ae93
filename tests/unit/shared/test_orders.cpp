#include <doctest/doctest.h>

#include "tillbook/orders/order.hpp"
#include "tillbook/orders/till_sale.hpp"
#include "tillbook/stock/availability.hpp"

using namespace tillbook;

namespace {
const money::Currency kGbp{"GBP", 2};
money::Money Gbp(std::int64_t minor) {
    return money::Money(minor, kGbp);
}

orders::OrderLine Line(std::int64_t quantity, std::int64_t unit_price, std::int64_t discount = 0,
                       money::TaxRateBasisPoints rate = 2000,
                       money::TaxMode mode = money::TaxMode::kInclusive) {
    return orders::OrderLine{1,
                             orders::LineKind::kGoods,
                             "SKU",
                             "item",
                             quantity,
                             Gbp(unit_price),
                             Gbp(discount),
                             rate,
                             mode,
                             std::nullopt};
}

catalogue::Sku Sku(std::string code, std::int64_t price, std::string tax_class = "standard") {
    catalogue::Sku sku;
    sku.code = std::move(code);
    sku.product_name = "Thing";
    sku.price = Gbp(price);
    sku.cost_price = Gbp(price / 2);
    sku.tax_class = std::move(tax_class);
    return sku;
}
}  // namespace

TEST_CASE("a VAT-inclusive line keeps its shelf price and carries the VAT inside it") {
    auto amounts = orders::ComputeLineAmounts(Line(3000, 999, 0));
    REQUIRE(amounts);
    CHECK(amounts->total.Minor() == 2997);
    CHECK(amounts->tax.Minor() == 500);  // 2997 / 6 = 499.5, rounded half away from zero
}

TEST_CASE("a tax-exclusive line adds the tax on top") {
    auto amounts =
        orders::ComputeLineAmounts(Line(2000, 1000, 0, 2000, money::TaxMode::kExclusive));
    REQUIRE(amounts);
    CHECK(amounts->total.Minor() == 2400);
    CHECK(amounts->tax.Minor() == 400);
}

TEST_CASE("a weighed line is priced per kilo and rounded half away from zero") {
    // 333 g at 24.00/kg = 7.992 -> 7.99; 313 g = 7.512 -> 7.51
    CHECK(orders::ComputeLineAmounts(Line(333, 2400, 0, 0))->total.Minor() == 799);
    CHECK(orders::ComputeLineAmounts(Line(313, 2400, 0, 0))->total.Minor() == 751);
    // 62 g at 2.00/kg = 0.124 -> 0.12; 63 g = 0.126 -> 0.13
    CHECK(orders::ComputeLineAmounts(Line(62, 200, 0, 0))->total.Minor() == 12);
    CHECK(orders::ComputeLineAmounts(Line(63, 200, 0, 0))->total.Minor() == 13);
}

TEST_CASE(
    "lines with a quantity of zero or less, a negative discount, or a discount above the amount "
    "are rejected") {
    CHECK(orders::ComputeLineAmounts(Line(0, 100)).error().field == "quantity");
    CHECK(orders::ComputeLineAmounts(Line(-1000, 100)).error().field == "quantity");
    CHECK(orders::ComputeLineAmounts(Line(1000, 100, -1)).error().field == "discount");
    auto too_much = orders::ComputeLineAmounts(Line(1000, 100, 101));
    REQUIRE_FALSE(too_much);
    CHECK(too_much.error().message.find("larger than the line amount") != std::string::npos);
    CHECK(orders::ComputeLineAmounts(Line(1000, 100, 100))->total.Minor() == 0);
}

TEST_CASE("an order total that would overflow int64 is an error, not a wrapped number") {
    orders::Order order;
    order.id = "o";
    order.number = "n";
    order.channel = "store:S01";
    order.currency = "GBP";
    order.lines = {Line(1000, INT64_MAX / 2), Line(1000, INT64_MAX / 2), Line(1000, INT64_MAX / 2)};
    for (int i = 0; i < 3; ++i)
        order.lines[static_cast<std::size_t>(i)].line_no = i + 1;
    auto totals = orders::ComputeTotals(order);
    REQUIRE_FALSE(totals);
    CHECK(totals.error().code == ErrorCode::kOverflow);
}

TEST_CASE(
    "an order with duplicate line numbers, no lines or a foreign-currency line is not well "
    "formed") {
    orders::Order order;
    order.id = "o";
    order.number = "n";
    order.channel = "shopify";
    order.currency = "GBP";
    CHECK_FALSE(orders::CheckWellFormed(order));
    order.lines = {Line(1000, 100), Line(1000, 100)};
    CHECK_FALSE(orders::CheckWellFormed(order));
    order.lines[1].line_no = 2;
    CHECK(orders::CheckWellFormed(order));
    order.lines[1].unit_price = money::Money(100, money::Currency{"EUR", 2});
    CHECK(orders::CheckWellFormed(order).error().code == ErrorCode::kCurrencyMismatch);
    order.currency = "XXX1";
    CHECK_FALSE(orders::CheckWellFormed(order));
}

TEST_CASE(
    "an order's shop-currency totals are well formed only in one currency other than the "
    "order's and not negative") {
    const money::Currency eur{"EUR", 2};
    orders::Order order;
    order.id = "o";
    order.number = "#2217";
    order.channel = "shopify";
    order.currency = "EUR";
    order.lines = {Line(1000, 100)};
    order.lines[0].unit_price = money::Money(5085, eur);
    order.lines[0].discount = money::Money(0, eur);
    order.shop_currency = orders::ShopCurrencyTotals{Gbp(4290), Gbp(715)};
    CHECK(orders::CheckWellFormed(order));

    order.shop_currency->tax = money::Money(715, eur);
    auto mixed = orders::CheckWellFormed(order);
    REQUIRE_FALSE(mixed);
    CHECK(mixed.error().code == ErrorCode::kCurrencyMismatch);
    CHECK(mixed.error().field == "shop_currency");

    order.shop_currency = orders::ShopCurrencyTotals{money::Money(5085, eur), money::Money(0, eur)};
    CHECK(orders::CheckWellFormed(order).error().code == ErrorCode::kCurrencyMismatch);

    order.shop_currency = orders::ShopCurrencyTotals{Gbp(4290), Gbp(-1)};
    auto negative = orders::CheckWellFormed(order);
    REQUIRE_FALSE(negative);
    CHECK(negative.error().code == ErrorCode::kInvalidInput);
    CHECK(negative.error().field == "shop_currency");
}

TEST_CASE("the order lifecycle allows only its documented moves") {
    using S = orders::OrderStatus;
    CHECK(orders::CanMove(S::kPlaced, S::kAllocated));
    CHECK(orders::CanMove(S::kAllocated, S::kPicking));
    CHECK(orders::CanMove(S::kPicking, S::kPacked));
    CHECK(orders::CanMove(S::kPacked, S::kDispatched));
    CHECK(orders::CanMove(S::kDispatched, S::kDelivered));
    CHECK(orders::CanMove(S::kDispatched, S::kLost));
    CHECK(orders::CanMove(S::kPlaced, S::kCancelled));
    CHECK_FALSE(orders::CanMove(S::kPlaced, S::kPacked));
    CHECK_FALSE(orders::CanMove(S::kDispatched, S::kCancelled));
    CHECK_FALSE(orders::CanMove(S::kDelivered, S::kPlaced));
    CHECK_FALSE(orders::CanMove(S::kCancelled, S::kAllocated));
}

TEST_CASE("returns in any number of steps refund exactly the line total") {
    const money::Money total = Gbp(1000);
    for (std::int64_t step : {1000, 2000, 3000}) {
        std::int64_t returned = 0;
        std::int64_t refunded = 0;
        while (returned < 7000) {
            const std::int64_t q = std::min(step, 7000 - returned);
            refunded += orders::ReturnValue(total, 7000, returned, q)->Minor();
            returned += q;
        }
        CHECK(refunded == 1000);
    }
    CHECK(orders::ReturnValue(total, 7000, 6000, 2000).error().code ==
          ErrorCode::kInvariantViolated);
    CHECK_FALSE(orders::ReturnValue(total, 7000, 0, 0));
}

TEST_CASE("a till sale is numbered by store, terminal and sequence and taxed by tax class") {
    const std::vector<catalogue::TaxClass> tax{{"standard", 2000, money::TaxMode::kInclusive},
                                               {"zero", 0, money::TaxMode::kInclusive}};
    const std::vector<orders::SaleItem> items{{Sku("MUG", 899), 2000, std::nullopt},
                                              {Sku("TEA", 650, "zero"), 1000, std::nullopt}};
    auto order = orders::BuildTillSale({"id-1", "loc-s01", "S01", "T2", 4217, 0}, items, tax);
    REQUIRE(order);
    CHECK(order->number == "S01-T2-004217");
    CHECK(order->channel == "store:S01");
    CHECK(order->lines[0].tax_rate == 2000);
    CHECK(order->lines[1].tax_rate == 0);
    auto totals = orders::ComputeTotals(*order);
    REQUIRE(totals);
    CHECK(totals->total.Minor() == 2 * 899 + 650);
    CHECK(totals->tax.Minor() == 300);  // 1798 / 6 = 299.67 -> 300
}

TEST_CASE("a till sale refuses an inactive SKU, an unknown tax class and an empty basket") {
    const std::vector<catalogue::TaxClass> tax{{"standard", 2000, money::TaxMode::kInclusive}};
    auto inactive = Sku("OLD", 100);
    inactive.active = false;
    const std::vector<orders::SaleItem> old_items{{inactive, 1000, std::nullopt}};
    CHECK(orders::BuildTillSale({"id", "loc", "S01", "T1", 1, 0}, old_items, tax)
              .error()
              .message.find("inactive") != std::string::npos);
    const std::vector<orders::SaleItem> odd{{Sku("X", 100, "luxury"), 1000, std::nullopt}};
    CHECK(orders::BuildTillSale({"id", "loc", "S01", "T1", 1, 0}, odd, tax).error().code ==
          ErrorCode::kNotFound);
    CHECK_FALSE(orders::BuildTillSale({"id", "loc", "S01", "T1", 1, 0}, {}, tax));
}

TEST_CASE(
    "a channel may sell what its locations hold less reservations and its buffer, never below "
    "zero") {
    const std::vector<stock::StockLevel> levels{
        {"s01", 5000, 1000}, {"w01", 10000, 2000}, {"s02", -3000, 0}};
    CHECK(stock::AvailableToChannel(levels, {}) ==
          12000);  // an oversold store takes nothing from the others
    CHECK(stock::AvailableToChannel(levels, {2000, std::nullopt}) == 10000);
    CHECK(stock::AvailableToChannel(levels, {50000, std::nullopt}) == 0);
    CHECK(stock::AvailableToChannel(levels, {2000, 3000}) == 3000);  // a fixed quantity overrides
    CHECK(stock::AvailableToChannel({}, {}) == 0);
    CHECK(stock::WholeUnits(2999) == 2);
    CHECK(stock::WholeUnits(-1000) == 0);
}

TEST_CASE("a channel line keeps the tax the channel computed instead of recomputing it") {
    auto line = Line(3000, 1000, 100, 2000);
    line.tax_given_minor = 483;  // the channel rounded per unit; 2900 / 6 would be 483.33
    auto amounts = orders::ComputeLineAmounts(line);
    REQUIRE(amounts);
    CHECK(amounts->total.Minor() == 2900);
    CHECK(amounts->tax.Minor() == 483);
    line.tax_given_minor = 2901;
    CHECK(orders::ComputeLineAmounts(line).error().field == "tax_given_minor");
    line.tax_given_minor = -1;
    CHECK_FALSE(orders::ComputeLineAmounts(line));
}
