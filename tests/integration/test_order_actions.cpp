// Integration tests: pick, pack and ship from the back office (POST /api/v1/orders/status,
// docs/api.md) against the real server on loopback and its real SQLite file. Moves go picking ->
// packed -> dispatched, one ledger event each as the caller, and the dispatch takes the reserved
// goods off the shelf; a wrong move is refused in words and changes nothing; in a batch each order
// is answered on its own; a till sale is never moved; and the ledger replays to the same tables.
#include <doctest/doctest.h>

#include "channel_payloads.hpp"
#include "office_fixture.hpp"
#include "push_events.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::OfficeUnderTest;

namespace {

constexpr const char* kEarlGrey = "TEA-EARL-125G";

struct Level {
    std::int64_t on_hand = 0;
    std::int64_t reserved = 0;
};

// What GET /api/v1/stock says of `sku` at the location with code `location`.
Level StockAt(httplib::Client& client, const std::string& sku, const std::string& location) {
    const json stock = testing::GetOk(client, "/api/v1/stock?sku=" + sku);
    for (const json& level : stock["levels"]) {
        if (level["location"] == location)
            return {level["on_hand_milli"].get<std::int64_t>(),
                    level["reserved_milli"].get<std::int64_t>()};
    }
    FAIL("no level of ", sku, " at ", location);
    return {};
}

// A paid Shopify order #<number> of `quantity` Earl Grey, imported and reserved: our id.
std::string ImportShopify(OfficeUnderTest& office, const std::string& token, long number,
                          int quantity) {
    const json order =
        testing::ShopifyOrder(number, kEarlGrey, quantity, "6.50", "0.00",
                              std::to_string(quantity * 13 / 2) + (quantity % 2 ? ".50" : ".00"));
    auto res = office.Client(token)->Post("/api/v1/channels/shopify/orders", order.dump(),
                                          "application/json");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 201);
    return testing::Body(res)["id"].get<std::string>();
}

// POST /api/v1/orders/status, answered 200: the results.
json Move(httplib::Client& client, const json& body) {
    auto res = client.Post("/api/v1/orders/status", body.dump(), "application/json");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    const json results = testing::Body(res)["results"];
    REQUIRE(results.is_array());
    return results;
}

json Order(httplib::Client& client, const std::string& id) {
    return testing::GetOk(client, "/api/v1/orders/" + id);
}

}  // namespace

TEST_CASE(
    "an order is picked, packed and dispatched: one event each by the caller, and the "
    "dispatch takes the reserved goods off the shelf") {
    OfficeUnderTest office("order-actions-sequence");
    const std::string manager = office.Manager();
    const std::string id = ImportShopify(office, manager, 6001, 2);
    const std::string kwame = office.Login("kwame", "demo-fulfilment-password");
    auto client = office.Client(kwame);

    json order = Order(*client, id);
    CHECK(order["status"] == "allocated");
    CHECK(order["moves"] == json{"picking", "dispatched"});
    REQUIRE(order["reservations"].size() == 1);
    const std::string where = order["reservations"][0]["location"];
    CHECK(!where.empty());
    CHECK(order["reservations"][0]["quantity_milli"] == 2000);
    REQUIRE(order["payments"].size() == 1);
    CHECK(order["payments"][0]["amount_minor"] == 1300);
    CHECK(order["payments"][0]["tender"] == "original");
    const Level before = StockAt(*client, kEarlGrey, where);
    const std::size_t events_before = order["history"].size();

    json results = Move(*client, {{"orders", {id}}, {"to", "picking"}});
    REQUIRE(results.size() == 1);
    CHECK(results[0] == json{{"id", id}, {"number", "#6001"}, {"ok", true}, {"status", "picking"}});
    order = Order(*client, id);
    CHECK(order["status"] == "picking");
    CHECK(order["moves"] == json{"packed"});

    results = Move(*client, {{"orders", {id}}, {"to", "packed"}});
    CHECK(results[0]["ok"] == true);
    CHECK(results[0]["status"] == "packed");
    CHECK(Order(*client, id)["moves"] == json{"dispatched"});
    // Picking and packing move no stock.
    CHECK(StockAt(*client, kEarlGrey, where).on_hand == before.on_hand);
    CHECK(StockAt(*client, kEarlGrey, where).reserved == before.reserved);

    results = Move(*client, {{"orders", {id}}, {"to", "dispatched"}, {"tracking", "JD0001234"}});
    CHECK(results[0]["ok"] == true);
    CHECK(results[0]["status"] == "dispatched");
    order = Order(*client, id);
    CHECK(order["status"] == "dispatched");
    CHECK(order["reservations"].empty());
    CHECK(order["moves"] == json{"delivered"});
    const Level after = StockAt(*client, kEarlGrey, where);
    CHECK(after.on_hand == before.on_hand - 2000);
    CHECK(after.reserved == before.reserved - 2000);

    // The audit trail: three events more, each by Kwame from the back office.
    const json& history = order["history"];
    REQUIRE(history.size() == events_before + 3);
    const std::string kinds[] = {"OrderStatusChanged", "OrderStatusChanged", "OrderDispatched"};
    for (std::size_t i = 0; i < 3; ++i) {
        const json& entry = history[events_before + i];
        CHECK(entry["event"] == kinds[i]);
        CHECK(entry["origin"] == "office");
        CHECK(entry["actor_name"] == "Kwame Mensah");
    }
    CHECK(history[events_before]["to"] == "picking");
    CHECK(history[events_before + 1]["to"] == "packed");
    CHECK(history[events_before + 2]["tracking"] == "JD0001234");

    results = Move(*client, {{"orders", {id}}, {"to", "delivered"}});
    CHECK(results[0]["ok"] == true);
    CHECK(Order(*client, id)["status"] == "delivered");
    CHECK(Order(*client, id)["moves"].empty());
    CHECK(office.Verifies());
}

TEST_CASE("a wrong move is refused in words and changes nothing") {
    OfficeUnderTest office("order-actions-wrong");
    const std::string manager = office.Manager();
    const std::string id = ImportShopify(office, manager, 6002, 1);
    auto client = office.Client(manager);
    const auto before = office.AllRows();

    json results = Move(*client, {{"orders", {id}}, {"to", "packed"}});
    REQUIRE(results.size() == 1);
    CHECK(results[0]["ok"] == false);
    CHECK(results[0]["number"] == "#6002");
    CHECK(results[0]["error"] == "order #6002 is allocated and cannot be packed");
    CHECK(!results[0].contains("status"));
    results = Move(*client, {{"orders", {id}}, {"to", "delivered"}});
    CHECK(results[0]["error"] == "order #6002 is allocated and cannot be marked delivered");
    CHECK(office.AllRows() == before);
    CHECK(Order(*client, id)["status"] == "allocated");
}

TEST_CASE("a batch answers each order in the order given: one refusal stops none of the others") {
    OfficeUnderTest office("order-actions-batch");
    const std::string manager = office.Manager();
    const std::string first = ImportShopify(office, manager, 6003, 1);
    const std::string packed = ImportShopify(office, manager, 6004, 1);
    const std::string last = ImportShopify(office, manager, 6005, 1);
    auto client = office.Client(manager);
    Move(*client, {{"orders", {packed}}, {"to", "picking"}});
    Move(*client, {{"orders", {packed}}, {"to", "packed"}});

    // A till sale, handed over at the counter.
    testing::PushEvents till(office, office.Pair("S01", "T1"));
    const orders::Order tea = till.Tea(1);
    const money::Money paid(650, money::Currency{"GBP", 2});
    office.AppendAsOffice(ledger::OrderPlaced{
        tea, true, {orders::Payment{orders::Tender::kCard, paid, paid, "", ""}}});

    const json results = Move(
        *client, {{"orders", {first, packed, "no-such-order", tea.id, last}}, {"to", "picking"}});
    REQUIRE(results.size() == 5);
    CHECK(results[0]["id"] == first);
    CHECK(results[0]["ok"] == true);
    CHECK(results[1]["id"] == packed);
    CHECK(results[1]["ok"] == false);
    CHECK(results[1]["error"] == "order #6004 is packed and cannot be picked");
    CHECK(results[2]["id"] == "no-such-order");
    CHECK(results[2]["ok"] == false);
    CHECK(results[2]["number"] == "");
    CHECK(results[2]["error"] == "no order no-such-order");
    CHECK(results[3]["id"] == tea.id);
    CHECK(results[3]["ok"] == false);
    CHECK(results[3]["number"] == tea.number);
    CHECK(results[3]["error"] == "order " + tea.number +
                                     " is a till sale, handed over at the counter: it is not "
                                     "picked, packed or dispatched");
    CHECK(results[4]["id"] == last);
    CHECK(results[4]["ok"] == true);
    CHECK(Order(*client, first)["status"] == "picking");
    CHECK(Order(*client, packed)["status"] == "packed");
    CHECK(Order(*client, last)["status"] == "picking");
    CHECK(Order(*client, tea.id)["status"] == "delivered");
    CHECK(Order(*client, tea.id)["moves"].empty());
    CHECK(office.Verifies());
}

TEST_CASE("bad bodies are refused with 400 naming the field, and a cashier gets 403") {
    OfficeUnderTest office("order-actions-input");
    const std::string manager = office.Manager();
    const std::string id = ImportShopify(office, manager, 6006, 1);
    auto client = office.Client(manager);
    const auto refused = [&](const json& body, const std::string& field) {
        INFO(body.dump());
        testing::CheckError(client->Post("/api/v1/orders/status", body.dump(), "application/json"),
                            400, field);
    };
    const auto before = office.AllRows();
    refused({{"to", "picking"}}, "orders");
    refused({{"orders", json::array()}, {"to", "picking"}}, "orders");
    refused({{"orders", id}, {"to", "picking"}}, "orders");
    json too_many = json::array();
    for (int i = 0; i < 201; ++i)
        too_many.push_back("order-" + std::to_string(i));
    refused({{"orders", too_many}, {"to", "picking"}}, "orders");
    refused({{"orders", {id, 7}}, {"to", "picking"}}, "orders[1]");
    refused({{"orders", {id, ""}}, {"to", "picking"}}, "orders[1]");
    refused({{"orders", {id, "x", id}}, {"to", "picking"}}, "orders[2]");
    refused({{"orders", {id}}}, "to");
    refused({{"orders", {id}}, {"to", "allocated"}}, "to");
    refused({{"orders", {id}}, {"to", "cancelled"}}, "to");
    refused({{"orders", {id}}, {"to", 3}}, "to");
    refused({{"orders", {id}}, {"to", "picking"}, {"tracking", "JD1"}}, "tracking");
    refused({{"orders", {id}}, {"to", "dispatched"}, {"tracking", 12}}, "tracking");
    CHECK(office.AllRows() == before);

    // Two hundred at once is allowed (each unknown id answered on its own).
    too_many.erase(too_many.begin());
    CHECK(Move(*client, {{"orders", too_many}, {"to", "picking"}}).size() == 200);

    const std::string zoe = office.Login("zoe", "demo-cashier-password");
    const auto before_cashier = office.AllRows();
    testing::CheckError(office.Client(zoe)->Post("/api/v1/orders/status",
                                                 json{{"orders", {id}}, {"to", "picking"}}.dump(),
                                                 "application/json"),
                        403);
    CHECK(office.AllRows() == before_cashier);
    const std::string kwame = office.Login("kwame", "demo-fulfilment-password");
    CHECK(Move(*office.Client(kwame), {{"orders", {id}}, {"to", "picking"}})[0]["ok"] == true);
    CHECK(office.Verifies());
}
