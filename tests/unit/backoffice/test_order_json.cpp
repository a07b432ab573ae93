// The API's rendering of the order and return read models.
#include <doctest/doctest.h>

#include "routes/order_json.hpp"

using namespace tillbook;
using nlohmann::json;

TEST_CASE(
    "an order's quantities are whole units as numbers and weighed fractions as the decimal the "
    "receipt prints, in its lines and its reservations") {
    queries::OrderDetail order;
    order.id = "order-1";
    order.status = orders::OrderStatus::kAllocated;
    order.despatch_by = 1'763'800'000'000;
    order.attention = {"no address"};
    order.lines = {{1, orders::LineKind::kGoods, "TEA", "Tea", 2000, 650, 0, 1300, 217, 1000},
                   {2, orders::LineKind::kGoods, "CHEESE", "Cheddar", 250, 2400, 0, 600, 0, 0}};
    order.reservations = {{"loc-w01", "CHEESE", 1500}, {"loc-w01", "TEA", 2000}};
    order.history = {
        {7, ledger::EventKind::kStockReserved, "system", "channel:shopify", 1'763'800'000'000, ""}};
    const json rendered = office::routes::OrderJson(order);
    CHECK(rendered["lines"][0]["quantity"] == 2);
    CHECK(rendered["lines"][0]["quantity_milli"] == 2000);
    CHECK(rendered["lines"][0]["returned_quantity_milli"] == 1000);
    CHECK(rendered["lines"][1]["quantity"] == "0.25");
    CHECK(rendered["lines"][1]["quantity_milli"] == 250);
    CHECK(rendered["reservations"][0]["quantity"] == "1.5");
    CHECK(rendered["reservations"][1]["quantity"] == 2);
    CHECK(rendered["status"] == "allocated");
    CHECK(rendered["despatch_by"] == "2025-11-22T08:26:40.000Z");
    CHECK(rendered["deliver_by"].is_null());
    CHECK(rendered["attention"] == json::array({"no address"}));
    CHECK(rendered["history"][0]["event"] == "StockReserved");
}
