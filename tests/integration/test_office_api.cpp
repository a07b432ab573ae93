// The back office over HTTP on loopback: auth, channel imports and webhooks, malformed input, and
// the race between online orders and till sales for the last units of a SKU.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "channel_payloads.hpp"
#include "office_fixture.hpp"
#include "tillbook/ledger/event_json.hpp"
#include "tillbook/office/channels/webhook_signature.hpp"
#include "tillbook/store/catalogue_store.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::Body;
using testing::CheckError;
using testing::OfficeUnderTest;

namespace {

// A new SKU with `units` on hand at the warehouse only.
// A new SKU with `units` received at `location` (a location code).
void AddRaceSku(OfficeUnderTest& office, const std::string& sku, std::int64_t units,
                const std::string& location = "W01") {
    REQUIRE(office.writer->Run([&](office::WriteContext& w) -> Status {
        catalogue::Catalogue c;
        catalogue::Sku item;
        item.code = sku;
        item.product_id = sku;
        item.product_name = "Limited teapot";
        item.category = "Homeware";
        item.price = money::Money(999, money::Currency{"GBP", 2});
        item.cost_price = money::Money(400, money::Currency{"GBP", 2});
        item.tax_class = "standard";
        c.skus.push_back(item);
        if (auto ok = store::SaveCatalogue(w.db, c); !ok) return ok;
        auto at = store::FindLocationByCode(w.db, location);
        auto seq = w.ledger.NextOriginSeq("office");
        auto added = w.ledger.AppendInCurrentTransaction(
            ledger::Event{office.ids.NextString(), "office", *seq, "test", office.clock.Now(),
                          ledger::StockAdjusted{(**at).id, sku, units * 1000,
                                                ledger::AdjustmentReason::kGoodsReceived, ""}});
        if (!added) return std::unexpected(added.error());
        return {};
    }));
}

json TillSale(const OfficeUnderTest::Terminal& till, std::int64_t origin_seq,
              const std::string& order_id, const std::string& sku,
              const std::string& store_location_id, ids::IdSource& ids,
              orders::Tender tender = orders::Tender::kCard) {
    orders::Order order;
    order.id = order_id;
    order.number = till.origin.substr(9) + "-" + std::to_string(origin_seq);
    order.channel = "store:S01";
    order.location_id = store_location_id;
    order.currency = "GBP";
    order.lines = {orders::OrderLine{1, orders::LineKind::kGoods, sku, "Limited teapot", 1000,
                                     money::Money(999, money::Currency{"GBP", 2}),
                                     money::Money(0, money::Currency{"GBP", 2}), 2000,
                                     money::TaxMode::kInclusive, std::nullopt}};
    const money::Money total(999, money::Currency{"GBP", 2});
    return json::array({ledger::EventToJson(
        {ids.NextString(), till.origin, origin_seq, "zoe", 1'763'800'000'000,
         ledger::OrderPlaced{order, true, {orders::Payment{tender, total, total, "", ""}}}})});
}

// A Shopify order `external_id` of one TEA-EARL-125G, imported: its id.
std::string ImportTea(httplib::Client& client, long external_id) {
    auto imported = client.Post(
        "/api/v1/channels/shopify/orders",
        testing::ShopifyOrder(external_id, "TEA-EARL-125G", 1, "6.50", "0.00", "6.50").dump(),
        "application/json");
    REQUIRE(imported);
    return Body(imported)["id"];
}

}  // namespace

TEST_CASE(
    "a wrong password gets 401 in the error shape, and repeated failures are slowed with 429") {
    OfficeUnderTest office("api-login");
    auto client = office.Client();
    for (int i = 0; i < 3; ++i) {
        CheckError(
            client->Post("/api/v1/session", R"({"username":"tom","password":"wrong password"})",
                         "application/json"),
            401);
    }
    CheckError(client->Post("/api/v1/session", R"({"username":"tom","password":"wrong again"})",
                            "application/json"),
               401);
    auto slowed =
        client->Post("/api/v1/session", R"({"username":"tom","password":"demo-manager-password"})",
                     "application/json");
    CheckError(slowed, 429);
    CHECK(slowed->has_header("Retry-After"));
    // Another member of staff is not held up.
    CHECK(office.Login("admin", "demo-admin-password").size() > 20);
}

TEST_CASE("every route checks the caller's role, and a terminal cannot act as staff") {
    OfficeUnderTest office("api-roles");
    const std::string cashier = office.Login("zoe", "demo-cashier-password");
    const auto body = testing::ShopifyOrder(1, "TEA-EARL-125G", 1, "6.50", "0.00", "6.50").dump();
    CheckError(
        office.Client(cashier)->Post("/api/v1/channels/shopify/orders", body, "application/json"),
        403);
    CheckError(office.Client()->Post("/api/v1/channels/shopify/orders", body, "application/json"),
               401);
    CheckError(office.Client("made-up-token")
                   ->Post("/api/v1/channels/shopify/orders", body, "application/json"),
               401);
    const auto till = office.Pair("S01", "T1");
    CheckError(office.Client(till.token)
                   ->Post("/api/v1/channels/shopify/orders", body, "application/json"),
               403);
    CheckError(office.Client(office.Manager())->Get("/api/v1/sync/pull"), 403);
}

TEST_CASE(
    "a Shopify order imports with exact minor units, and the same order again changes nothing") {
    OfficeUnderTest office("api-shopify");
    auto client = office.Client(office.Manager());
    const auto body =
        testing::ShopifyOrder(450789469, "TEA-EARL-125G", 2, "6.50", "0.00", "13.00").dump();
    auto first = client->Post("/api/v1/channels/shopify/orders", body, "application/json");
    REQUIRE(first);
    INFO(first->body);
    REQUIRE(first->status == 201);
    const json order = Body(first);
    CHECK(order["channel"] == "shopify");
    CHECK(order["external_id"] == "450789469");
    CHECK(order["currency"] == "GBP");
    CHECK(order["total_minor"] == 1300);
    REQUIRE(order["lines"].size() == 1);
    CHECK(order["lines"][0]["sku"] == "TEA-EARL-125G");
    CHECK(order["lines"][0]["quantity"] == 2);
    CHECK(order["lines"][0]["unit_price_minor"] == 650);
    CHECK(order["status"] == "allocated");
    auto again = client->Post("/api/v1/channels/shopify/orders", body, "application/json");
    REQUIRE(again);
    CHECK(again->status == 200);
    CHECK(Body(again)["id"] == order["id"]);
    CHECK(office.Scalar("SELECT count(*) FROM orders WHERE channel = 'shopify'") == 1);
    auto fetched = Body(client->Get("/api/v1/orders/" + order["id"].get<std::string>()));
    CHECK(fetched["total_minor"] == 1300);
    CHECK(office.Verifies());
}

TEST_CASE("unknown SKUs and missing addresses are imported as needing attention, never dropped") {
    OfficeUnderTest office("api-attention");
    auto client = office.Client(office.Manager());
    json body = testing::ShopifyOrder(77, "NO-SUCH-SKU", 1, "5.00", "0.83", "5.00");
    body.erase("shipping_address");
    auto res = client->Post("/api/v1/channels/shopify/orders", body.dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 201);
    const std::string attention = Body(res)["attention"].dump();
    CHECK(attention.find("unknown SKU") != std::string::npos);
    CHECK(attention.find("address") != std::string::npos);
}

TEST_CASE(
    "a tampered webhook gets 401 and writes nothing, and the same delivery twice gives one order") {
    OfficeUnderTest office("api-webhook");
    REQUIRE(testing::RunOffice({"channel", "configure", "--db", office.db_path, "--channel",
                                "shopify", "--webhook-secret", "s3cret"}) == 0);
    const std::string body =
        testing::ShopifyOrder(9001, "TEA-EARL-125G", 1, "6.50", "0.00", "6.50").dump();
    const std::string signature = office::channels::WebhookSignature("s3cret", body);
    const auto before = office.AllRows();
    httplib::Headers tampered_headers{{"X-Shopify-Hmac-Sha256", signature},
                                      {"X-Shopify-Webhook-Id", "d-1"}};
    std::string tampered = body;
    tampered[tampered.find("6.50")] = '9';
    CheckError(office.Client()->Post("/api/v1/webhooks/shopify", tampered_headers, tampered,
                                     "application/json"),
               401);
    CheckError(office.Client()->Post("/api/v1/webhooks/shopify", body, "application/json"),
               401);  // unsigned
    CHECK(office.AllRows() == before);
    httplib::Headers headers{{"X-Shopify-Hmac-Sha256", signature}, {"X-Shopify-Webhook-Id", "d-2"}};
    auto first =
        office.Client()->Post("/api/v1/webhooks/shopify", headers, body, "application/json");
    auto second =
        office.Client()->Post("/api/v1/webhooks/shopify", headers, body, "application/json");
    REQUIRE(first);
    REQUIRE(second);
    CHECK(first->status == 201);
    CHECK(second->status == 200);
    CHECK(office.Scalar("SELECT count(*) FROM orders WHERE channel = 'shopify'") == 1);
}

TEST_CASE(
    "a retried Shopify delivery is the same delivery: even with a changed body it is answered with "
    "the first order and changes nothing") {
    OfficeUnderTest office("api-webhook-retry");
    REQUIRE(testing::RunOffice({"channel", "configure", "--db", office.db_path, "--channel",
                                "shopify", "--webhook-secret", "s3cret"}) == 0);
    const auto deliver = [&](const std::string& body, const std::string& delivery_id) {
        httplib::Headers headers{
            {"X-Shopify-Hmac-Sha256", office::channels::WebhookSignature("s3cret", body)},
            {"X-Shopify-Webhook-Id", delivery_id}};
        auto res =
            office.Client()->Post("/api/v1/webhooks/shopify", headers, body, "application/json");
        REQUIRE(res);
        INFO(res->body);
        return std::pair{res->status, Body(res)};
    };
    const auto [first_status, first] = deliver(
        testing::ShopifyOrder(9101, "TEA-EARL-125G", 1, "6.50", "0.00", "6.50").dump(), "d-7");
    CHECK(first_status == 201);
    const auto before = office.AllRows();
    // The same delivery id with another body (another order even): still the first order.
    const auto [retry_status, retry] = deliver(
        testing::ShopifyOrder(9102, "TEA-EARL-125G", 2, "6.50", "0.00", "13.00").dump(), "d-7");
    CHECK(retry_status == 200);
    CHECK(retry["id"] == first["id"]);
    CHECK(office.AllRows() == before);
    CHECK(office.Scalar("SELECT count(*) FROM orders WHERE channel = 'shopify'") == 1);
    // A new delivery of that other order is a new order.
    const auto [next_status, next] = deliver(
        testing::ShopifyOrder(9102, "TEA-EARL-125G", 2, "6.50", "0.00", "13.00").dump(), "d-8");
    CHECK(next_status == 201);
    CHECK(next["id"] != first["id"]);
    CHECK(office.Scalar("SELECT count(*) FROM orders WHERE channel = 'shopify'") == 2);
}

TEST_CASE(
    "the back office refuses a pushed cash sale with no shift as the till's own ledger does, and "
    "keeps the rest of the push") {
    OfficeUnderTest office("api-cash-no-shift");
    const auto till = office.Pair("S01", "T1");
    const std::string s01 = "0190a1b2-0000-7000-8000-000000000001";  // the demo shop's S01
    json events = TillSale(till, 1, office.ids.NextString(), "TEA-EARL-125G", s01, office.ids,
                           orders::Tender::kCash);
    events.push_back(TillSale(till, 2, office.ids.NextString(), "TEA-EARL-125G", s01, office.ids,
                              orders::Tender::kCard)[0]);
    auto res = office.Client(till.token)
                   ->Post("/api/v1/sync/push", json{{"protocol", 1}, {"events", events}}.dump(),
                          "application/json");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    const json results = Body(res)["results"];
    CHECK(results[0]["status"] == "rejected");
    CHECK(results[0]["code"] == "invariant_violated");
    CHECK(results[0]["reason"].get<std::string>().find("open shift") != std::string::npos);
    CHECK(results[1]["status"] == "accepted");
    CHECK(office.Scalar("SELECT count(*) FROM orders WHERE channel = 'store:S01'") == 1);
    CHECK(office.Verifies());
}

TEST_CASE("a WooCommerce webhook is verified the same way and its creation ping is answered") {
    OfficeUnderTest office("api-woo-webhook");
    REQUIRE(testing::RunOffice({"channel", "configure", "--db", office.db_path, "--channel",
                                "woocommerce", "--webhook-secret", "w00"}) == 0);
    auto ping = office.Client()->Post("/api/v1/webhooks/woocommerce", "webhook_id=7",
                                      "application/x-www-form-urlencoded");
    REQUIRE(ping);
    CHECK(ping->status == 200);
    const std::string body =
        testing::WooOrder(55, "TEA-EARL-125G", 1, "6.50", "0.00", "6.50").dump();
    httplib::Headers bad{
        {"X-WC-Webhook-Signature", office::channels::WebhookSignature("wrong", body)}};
    CheckError(office.Client()->Post("/api/v1/webhooks/woocommerce", bad, body, "application/json"),
               401);
    httplib::Headers good{
        {"X-WC-Webhook-Signature", office::channels::WebhookSignature("w00", body)}};
    auto res =
        office.Client()->Post("/api/v1/webhooks/woocommerce", good, body, "application/json");
    REQUIRE(res);
    CHECK(res->status == 201);
    CHECK(Body(res)["total_minor"] == 650);
}

TEST_CASE("malformed input gets a 4xx in the error shape and leaves every table unchanged") {
    OfficeUnderTest office("api-malformed");
    const std::string manager = office.Manager();
    const auto till = office.Pair("S01", "T1");
    const auto before = office.AllRows();
    auto staff = office.Client(manager);
    auto terminal = office.Client(till.token);
    CheckError(staff->Post("/api/v1/channels/shopify/orders", "{not json", "application/json"),
               400);
    CheckError(staff->Post("/api/v1/channels/shopify/orders", "[1,2,3]", "application/json"), 400);
    CheckError(staff->Post("/api/v1/channels/nowhere/orders", "{}", "application/json"), 404);
    CheckError(terminal->Post("/api/v1/sync/push", R"({"protocol":1,"events":"many"})",
                              "application/json"),
               400);
    CheckError(
        terminal->Post("/api/v1/sync/push", R"({"protocol":"1","events":[]})", "application/json"),
        400);
    CheckError(
        terminal->Post("/api/v1/sync/push", R"({"protocol":99,"events":[]})", "application/json"),
        400);
    CheckError(office.Client()->Post("/api/v1/session", R"({"username":5,"password":[]})",
                                     "application/json"),
               400);
    CheckError(staff->Post("/api/v1/channels/shopify/orders", std::string(10 * 1024 * 1024, 'x'),
                           "application/json"),
               413);
    // A till event with a negative quantity is rejected by the rules, by event.
    auto negative = TillSale(till, 1, office.ids.NextString(), "TEA-EARL-125G",
                             "0190a1b2-0000-7000-8000-000000000001", office.ids);
    negative[0]["payload"]["order"]["lines"][0]["quantity"] = -1000;
    auto pushed =
        terminal->Post("/api/v1/sync/push", json{{"protocol", 1}, {"events", negative}}.dump(),
                       "application/json");
    REQUIRE(pushed);
    CHECK(pushed->status == 200);
    CHECK(Body(pushed)["results"][0]["status"] == "rejected");
    CHECK(office.AllRows() == before);
}

TEST_CASE(
    "twenty channel orders race two tills for the last five units at the same store: no "
    "reservation ever takes more than is there, every till sale is kept, and the shortfall is "
    "flagged on the online orders") {
    OfficeUnderTest office("api-race");
    testing::FakeChannel shop;
    // The last five teapots are on the shop floor at S01, and every channel sells from S01 too:
    // the tills and the channels draw on the same units.
    for (const char* channel : {"shopify", "woocommerce", "ebay", "amazon"}) {
        REQUIRE(testing::RunOffice({"channel", "configure", "--db", office.db_path, "--channel",
                                    channel, "--base-url", shop.BaseUrl(), "--locations", "S01"}) ==
                0);
    }
    office.StartOutbox();
    AddRaceSku(office, "RACE-TEAPOT", 5, "S01");
    const std::string manager = office.Manager();
    const auto till_1 = office.Pair("S01", "T1");
    const auto till_2 = office.Pair("S01", "T2");
    const std::string s01 = "0190a1b2-0000-7000-8000-000000000001";

    std::atomic<int> created{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 20; ++i) {
        clients.emplace_back([&, i] {
            auto client = office.Client(manager);
            std::string channel;
            json body;
            switch (i % 4) {
                case 0:
                    channel = "shopify";
                    body =
                        testing::ShopifyOrder(1000 + i, "RACE-TEAPOT", 1, "9.99", "1.67", "9.99");
                    break;
                case 1:
                    channel = "woocommerce";
                    body = testing::WooOrder(2000 + i, "RACE-TEAPOT", 1, "8.33", "1.66", "9.99");
                    break;
                case 2:
                    channel = "ebay";
                    body = testing::EbayOrder("12-0000" + std::to_string(i), "RACE-TEAPOT", 1,
                                              "9.99", "9.99");
                    break;
                default:
                    channel = "amazon";
                    body = testing::AmazonOrder("203-0000000-00000" + std::to_string(10 + i),
                                                "RACE-TEAPOT", 1, "9.99", "9.99");
            }
            auto res = client->Post("/api/v1/channels/" + channel + "/orders", body.dump(),
                                    "application/json");
            if (res && res->status == 201) {
                ++created;
            } else {
                MESSAGE(channel << ": " << (res ? res->body : httplib::to_string(res.error())));
            }
        });
    }
    std::vector<json> till_results;
    std::mutex till_mutex;
    for (const auto* till : {&till_1, &till_2}) {
        clients.emplace_back([&, till] {
            auto client = office.Client(till->token);
            for (int sale = 0; sale < 3; ++sale) {
                const auto events = TillSale(*till, 1 + sale, office.ids.NextString(),
                                             "RACE-TEAPOT", s01, office.ids);
                auto res = client->Post("/api/v1/sync/push",
                                        json{{"protocol", 1}, {"events", events}}.dump(),
                                        "application/json");
                std::lock_guard lock(till_mutex);
                till_results.push_back(res ? json::parse(res->body, nullptr, false) : json());
            }
        });
    }
    for (auto& c : clients)
        c.join();

    CHECK(created == 20);  // every order is imported, reserved or flagged
    // S01's teapot movements in ledger order: no reservation ever took more than was there.
    {
        auto db = store::Database::Open(office.db_path, {store::Durability::kNormal, 5000, false});
        REQUIRE(db);
        auto q = db->Prepare(
            "SELECT seq, on_hand_delta, reserved_delta FROM stock_movements WHERE sku = "
            "'RACE-TEAPOT' AND location_id = ? ORDER BY seq, position");
        REQUIRE(q);
        q->Bind(1, s01);
        std::int64_t on_hand = 0;
        std::int64_t reserved = 0;
        int reservations = 0;
        while (*q->Step()) {
            on_hand += q->Int64(1);
            reserved += q->Int64(2);
            if (q->Int64(2) > 0) {
                ++reservations;
                CAPTURE(q->Int64(0));
                CHECK(reserved <= on_hand);
            }
        }
        CHECK(reservations >= 1);  // who came first varies; at most the five that were there
        CHECK(reservations <= 5);
        CHECK(on_hand == -1000);  // and six left the shop at the tills
    }
    const std::int64_t reserved_orders = office.Scalar(
        "SELECT count(DISTINCT order_id) FROM reservations WHERE sku = 'RACE-TEAPOT'");
    // Every till sale kept, none flagged. The shortfall is the online orders': those that found
    // nothing to reserve, and those whose teapots were sold at the tills after they reserved them
    // (six sold of five: every reservation is left uncovered).
    CHECK(office.Scalar("SELECT count(*) FROM orders WHERE channel = 'store:S01' AND attention = "
                        "''") == 6);
    CHECK(office.Scalar("SELECT count(*) FROM orders WHERE channel NOT LIKE 'store:%' AND "
                        "attention LIKE '%short: RACE-TEAPOT needs 1%'") == 20 - reserved_orders);
    const std::string uncovered =
        "SELECT count(*) FROM orders o WHERE attention LIKE '%short: RACE-TEAPOT reserved at S01 "
        "is no longer there%' AND EXISTS (SELECT 1 FROM reservations r WHERE r.order_id = o.id)";
    for (int wait = 0; wait < 100 && office.Scalar(uncovered) < reserved_orders; ++wait)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(office.Scalar(uncovered) == reserved_orders);
    CHECK(office.Scalar("SELECT count(*) FROM orders WHERE attention = ''") == 6);
    for (const json& result : till_results) {
        REQUIRE(result.contains("results"));
        for (const json& each : result["results"])
            CHECK(each["status"] == "accepted");
    }
    CHECK(office.Scalar("SELECT count(*) FROM orders WHERE channel = 'store:S01'") == 6);
    CHECK(
        office.Scalar("SELECT sum(on_hand_delta) FROM stock_movements WHERE sku = 'RACE-TEAPOT'") ==
        office.Scalar("SELECT sum(on_hand) FROM stock_levels WHERE sku = 'RACE-TEAPOT'"));
    CHECK(office.Verifies());

    // The channels hear that the teapot is gone: 0 and paused.
    bool paused = false;
    for (int wait = 0; wait < 100 && !paused; ++wait) {
        for (const auto& [path, body] : shop.Received()) {
            const json update = json::parse(body, nullptr, false);
            if (path == "/stock" && update["sku"] == "RACE-TEAPOT" && update["available"] == 0 &&
                update["paused"] == true)
                paused = true;
        }
        if (!paused) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(paused);
}

TEST_CASE(
    "a till's push is idempotent and its pull returns the catalogue, staff PIN hashes and store "
    "stock") {
    OfficeUnderTest office("api-sync");
    const auto till = office.Pair("S01", "T1");
    auto terminal = office.Client(till.token);
    const auto events = TillSale(till, 1, office.ids.NextString(), "TEA-EARL-125G",
                                 "0190a1b2-0000-7000-8000-000000000001", office.ids);
    const std::string body = json{{"protocol", 1}, {"events", events}}.dump();
    const json first = Body(terminal->Post("/api/v1/sync/push", body, "application/json"));
    const json second = Body(terminal->Post("/api/v1/sync/push", body, "application/json"));
    REQUIRE(first["results"].size() == 1);
    CHECK(first["results"][0]["status"] == "accepted");
    CHECK(first["results"][0]["duplicate"] == false);
    CHECK(second["results"][0]["duplicate"] == true);
    CHECK(second["results"][0]["seq"] == first["results"][0]["seq"]);
    const json pull = Body(terminal->Get("/api/v1/sync/pull"));
    CHECK(pull["skus"].size() == 239);
    CHECK(pull["staff"].size() == 7);
    CHECK(pull["staff"][0]["pin_hash"].get<std::string>().starts_with("$argon2id$"));
    const json later = Body(
        terminal->Get(("/api/v1/sync/pull?since=" + pull["cursor"].get<std::string>()).c_str()));
    CHECK(later["skus"].empty());
    CHECK(later["stock"].empty());
    CheckError(terminal->Get("/api/v1/sync/pull?since=garbage"), 400);
    auto found = Body(terminal->Get(
        ("/api/v1/orders/lookup?code=" + events[0]["payload"]["order"]["number"].get<std::string>())
            .c_str()));
    CHECK(found["total_minor"] == 999);
    CHECK(found["lines"].size() == 1);
    CHECK(found["lines"][0]["returned_quantity_milli"] == 0);
    CHECK(found["placed_at"].is_string());
    // A till sees what the returns desk needs, not the order's history or reservations.
    CHECK_FALSE(found.contains("history"));
    CHECK_FALSE(found.contains("reservations"));
    CHECK_FALSE(found.contains("attention"));
}

TEST_CASE(
    "an order's detail carries its event history, and the list filters by channel and status") {
    OfficeUnderTest office("api-orders");
    auto client = office.Client(office.Manager());
    const std::string id = ImportTea(*client, 31);
    const json detail = Body(client->Get(("/api/v1/orders/" + id).c_str()));
    REQUIRE(detail["history"].size() == 3);
    CHECK(detail["history"][0]["event"] == "OrderPlaced");
    CHECK(detail["history"][1]["event"] == "PaymentTaken");
    CHECK(detail["history"][2]["event"] == "StockReserved");
    CHECK(detail["history"][0]["origin"] == "channel:shopify");
    const json shopify = Body(client->Get("/api/v1/orders?channel=shopify&status=allocated"));
    REQUIRE(shopify["orders"].size() == 1);
    CHECK(shopify["orders"][0]["id"] == id);
    CHECK(Body(client->Get("/api/v1/orders?channel=ebay"))["orders"].empty());
    CheckError(client->Get("/api/v1/orders?status=lost-in-space"), 400);
    CheckError(client->Get("/api/v1/orders/no-such-order"), 404);
}

TEST_CASE(
    "an order whose history cannot be read is a 500 storage error, not 404 'no such order', and "
    "only an order that is not there is 404") {
    OfficeUnderTest office("api-order-storage");
    auto client = office.Client(office.Manager());
    const std::string id = ImportTea(*client, 32);
    {
        // The audit trail's table goes away under the running server: reading it fails.
        auto db = store::Database::Open(office.db_path);
        REQUIRE(db);
        REQUIRE(db->Exec("ALTER TABLE order_events RENAME TO order_events_gone"));
    }
    auto res = client->Get(("/api/v1/orders/" + id).c_str());
    CheckError(res, 500, "");
    CHECK(Body(res)["error"]["code"] == "storage");
    CheckError(client->Get("/api/v1/orders/no-such-order"), 404, "");
}

TEST_CASE(
    "a stock adjustment is a ledger event with the manager as its actor, and a cashier may not "
    "make one") {
    OfficeUnderTest office("api-stock");
    const std::string manager = office.Manager();
    const json adjustment{{"location", "S01"},
                          {"sku", "TEA-EARL-125G"},
                          {"delta", -2},
                          {"reason", "damaged"},
                          {"note", "dropped"}};
    CheckError(office.Client(office.Login("zoe", "demo-cashier-password"))
                   ->Post("/api/v1/stock/adjustments", adjustment.dump(), "application/json"),
               403);
    const json before = Body(office.Client(manager)->Get("/api/v1/stock?sku=TEA-EARL-125G"));
    auto res = office.Client(manager)->Post("/api/v1/stock/adjustments", adjustment.dump(),
                                            "application/json");
    REQUIRE(res);
    CHECK(res->status == 201);
    const json after = Body(office.Client(manager)->Get("/api/v1/stock?sku=TEA-EARL-125G"));
    for (std::size_t i = 0; i < after["levels"].size(); ++i) {
        const std::int64_t change = after["levels"][i]["on_hand_milli"].get<std::int64_t>() -
                                    before["levels"][i]["on_hand_milli"].get<std::int64_t>();
        CHECK(change == (after["levels"][i]["location"] == "S01" ? -2000 : 0));
    }
    CHECK(office.Scalar("SELECT count(*) FROM ledger l JOIN staff s ON s.id = l.actor WHERE "
                        "s.username = 'tom' AND l.kind = 10") == 1);
    for (const json& bad :
         {json{{"location", "S01"}, {"sku", "TEA-EARL-125G"}, {"delta", 0}, {"reason", "count"}},
          json{{"location", "S01"}, {"sku", "TEA-EARL-125G"}, {"delta", 1.5}, {"reason", "count"}},
          json{{"location", "S99"}, {"sku", "TEA-EARL-125G"}, {"delta", 1}, {"reason", "count"}},
          json{{"location", "S01"},
               {"sku", "TEA-EARL-125G"},
               {"delta", 1},
               {"reason", "because"}}}) {
        auto refused = office.Client(manager)->Post("/api/v1/stock/adjustments", bad.dump(),
                                                    "application/json");
        REQUIRE(refused);
        CHECK(refused->status >= 400);
        CHECK(refused->status < 500);
    }
    CHECK(office.Verifies());
}

TEST_CASE(
    "deadlines come from the channel where it gives them, otherwise from the channel's despatch "
    "rule") {
    OfficeUnderTest office("api-deadlines");
    auto client = office.Client(office.Manager());
    const auto imported = [&](const std::string& channel, const json& body) {
        auto res = client->Post(("/api/v1/channels/" + channel + "/orders").c_str(), body.dump(),
                                "application/json");
        REQUIRE(res);
        INFO(res->body);
        REQUIRE(res->status == 201);
        return Body(res);
    };
    // Friday 20 November 2026, 15:00 in London: after the 14:00 cut-off, so out on Monday.
    const json shopify =
        imported("shopify", testing::ShopifyOrder(41, "TEA-EARL-125G", 1, "6.50", "0.00", "6.50"));
    CHECK(shopify["despatch_by"] == "2026-11-23T14:00:00.000Z");
    CHECK(shopify["deliver_by"] == "2026-11-25T23:59:59.000Z");
    // 10:00 the same Friday: out that afternoon.
    const json woo =
        imported("woocommerce", testing::WooOrder(42, "TEA-EARL-125G", 1, "6.50", "0.00", "6.50"));
    CHECK(woo["despatch_by"] == "2026-11-20T14:00:00.000Z");
    CHECK(woo["deliver_by"] == "2026-11-24T23:59:59.000Z");
    const json ebay =
        imported("ebay", testing::EbayOrder("12-34567-89012", "TEA-EARL-125G", 1, "6.50", "6.50"));
    CHECK(ebay["despatch_by"] == "2026-11-21T22:59:59.000Z");
    CHECK(ebay["deliver_by"] == "2026-11-25T22:59:59.000Z");
    const json amazon = imported(
        "amazon", testing::AmazonOrder("203-1234567-1234567", "TEA-EARL-125G", 1, "6.50", "6.50"));
    CHECK(amazon["despatch_by"] == "2026-11-21T23:59:59.000Z");
    CHECK(amazon["deliver_by"] == "2026-11-26T23:59:59.000Z");
    // A rule of the channel's own: cut-off 16:00, a day to pack.
    REQUIRE(testing::RunOffice({"channel", "configure", "--db", office.db_path, "--channel",
                                "shopify", "--despatch-rule", "Europe/London 16:00 +1 +1"}) == 0);
    const json later =
        imported("shopify", testing::ShopifyOrder(43, "TEA-EARL-125G", 1, "6.50", "0.00", "6.50"));
    CHECK(later["despatch_by"] == "2026-11-23T16:00:00.000Z");
    CHECK(testing::RunOffice({"channel", "configure", "--db", office.db_path, "--channel",
                              "shopify", "--despatch-rule", "Mars/Base 14:00 +0 +2"}) == 1);
}

TEST_CASE(
    "a till sale is returned at the back office by its number, refunded once, and never "
    "over-returned") {
    OfficeUnderTest office("api-returns");
    const auto till = office.Pair("S01", "T1");
    const auto events = TillSale(till, 1, office.ids.NextString(), "TEA-EARL-125G",
                                 "0190a1b2-0000-7000-8000-000000000001", office.ids);
    REQUIRE(Body(office.Client(till.token)
                     ->Post("/api/v1/sync/push", json{{"protocol", 1}, {"events", events}}.dump(),
                            "application/json"))["results"][0]["status"] == "accepted");
    const std::string number = events[0]["payload"]["order"]["number"];
    auto cashier = office.Client(office.Login("zoe", "demo-cashier-password"));
    const json back{
        {"order", number},
        {"location", "S02"},
        {"lines",
         {{{"line_no", 1}, {"quantity", 1}, {"reason", "faulty"}, {"condition", "restock"}}}},
        {"refund", {{"tender", "card"}}}};
    auto first = cashier->Post("/api/v1/returns", back.dump(), "application/json");
    REQUIRE(first);
    INFO(first->body);
    REQUIRE(first->status == 201);
    CHECK(Body(first)["refunded_minor"] == 999);
    CheckError(cashier->Post("/api/v1/returns", back.dump(), "application/json"),
               422);  // nothing left to return
    const std::string return_id = Body(first)["return_id"];
    auto manager = office.Client(office.Manager());
    CheckError(manager->Post(("/api/v1/returns/" + return_id + "/refunds").c_str(),
                             R"({"tender":"cash","amount_minor":1})", "application/json"),
               422);
    CheckError(
        cashier->Post(
            "/api/v1/returns",
            R"({"order":"S01-NOPE","location":"S01","lines":[{"line_no":1,"quantity":1,"reason":"faulty","condition":"restock"}]})",
            "application/json"),
        404);
    CheckError(cashier->Post("/api/v1/returns",
                             json{{"order", number},
                                  {"location", "S01"},
                                  {"lines",
                                   {{{"line_no", 1},
                                     {"quantity", -1},
                                     {"reason", "faulty"},
                                     {"condition", "restock"}}}}}
                                 .dump(),
                             "application/json"),
               400);
    CHECK(office.Scalar("SELECT on_hand FROM stock_levels l JOIN locations o ON o.id = "
                        "l.location_id WHERE o.code = 'S02' AND sku = 'TEA-EARL-125G'") >= 1000);
    CHECK(office.Verifies());
}

TEST_CASE(
    "a transfer moves stock between locations and never more than is available where it leaves") {
    OfficeUnderTest office("api-transfer");
    auto manager = office.Client(office.Manager());
    const json before = Body(manager->Get("/api/v1/stock?sku=TEA-EARL-125G"));
    std::int64_t w01_before = 0;
    for (const json& level : before["levels"]) {
        if (level["location"] == "W01") w01_before = level["available_milli"];
    }
    REQUIRE(w01_before >= 2000);
    const json move{
        {"from", "W01"}, {"to", "S02"}, {"lines", {{{"sku", "TEA-EARL-125G"}, {"quantity", 2}}}}};
    auto res = manager->Post("/api/v1/stock/transfers", move.dump(), "application/json");
    REQUIRE(res);
    CHECK(res->status == 201);
    const json after = Body(manager->Get("/api/v1/stock?sku=TEA-EARL-125G"));
    for (std::size_t i = 0; i < after["levels"].size(); ++i) {
        const std::int64_t change = after["levels"][i]["on_hand_milli"].get<std::int64_t>() -
                                    before["levels"][i]["on_hand_milli"].get<std::int64_t>();
        const std::string where = after["levels"][i]["location"];
        CHECK(change == (where == "W01" ? -2000 : where == "S02" ? 2000 : 0));
    }
    const json too_much{{"from", "W01"},
                        {"to", "S02"},
                        {"lines", {{{"sku", "TEA-EARL-125G"}, {"quantity", 1'000'000}}}}};
    CheckError(manager->Post("/api/v1/stock/transfers", too_much.dump(), "application/json"), 422);
    CheckError(
        manager->Post("/api/v1/stock/transfers",
                      R"({"from":"W01","to":"W01","lines":[{"sku":"TEA-EARL-125G","quantity":1}]})",
                      "application/json"),
        400);
    CheckError(manager->Post("/api/v1/stock/transfers", R"({"from":"W01","to":"S02","lines":[]})",
                             "application/json"),
               400);
    CHECK(office.Verifies());
}
