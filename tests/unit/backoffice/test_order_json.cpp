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

TEST_CASE("an order's payments, refunds, fulfilment moves and what its status events did") {
    queries::OrderDetail order;
    order.id = "order-2";
    order.channel = "shopify";
    order.status = orders::OrderStatus::kAllocated;
    order.payments = {{3, orders::Tender::kChannel, 1300, 1300, "5001", 1'763'800'000'000}};
    order.refunds = {{9, "", orders::Tender::kCard, 200, "goodwill", 1'763'800'100'000},
                     {10, "return-1", orders::Tender::kChannel, 650, "", 1'763'800'200'000}};
    order.history = {{4, ledger::EventKind::kOrderStatusChanged, "staff-1", "office",
                      1'763'800'000'000, "", orders::OrderStatus::kPicking, ""},
                     {5, ledger::EventKind::kOrderDispatched, "staff-1", "office",
                      1'763'800'000'000, "", std::nullopt, "JD0001"}};
    json rendered = office::routes::OrderJson(order);
    REQUIRE(rendered["payments"].size() == 1);
    CHECK(rendered["payments"][0] == json{{"seq", 3},
                                          {"tender", "original"},
                                          {"amount_minor", 1300},
                                          {"tendered_minor", 1300},
                                          {"reference", "5001"},
                                          {"occurred_at", "2025-11-22T08:26:40.000Z"}});
    REQUIRE(rendered["refunds"].size() == 2);
    CHECK(rendered["refunds"][0]["return_id"].is_null());
    CHECK(rendered["refunds"][0]["tender"] == "card");
    CHECK(rendered["refunds"][0]["amount_minor"] == 200);
    CHECK(rendered["refunds"][1]["return_id"] == "return-1");
    CHECK(rendered["moves"] == json{"picking", "dispatched"});
    CHECK(rendered["history"][0]["to"] == "picking");
    CHECK_FALSE(rendered["history"][0].contains("tracking"));
    CHECK(rendered["history"][1]["tracking"] == "JD0001");
    CHECK_FALSE(rendered["history"][1].contains("to"));

    order.channel = "store:S01";
    order.status = orders::OrderStatus::kDelivered;
    CHECK(office::routes::OrderJson(order)["moves"].empty());
}
