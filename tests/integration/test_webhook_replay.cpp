// Issue 11, finding 12: Shopify's signature covers the body, not X-Shopify-Webhook-Id, so whoever
// captured one signed delivery could replay it under fresh ids, and each replay added a
// webhook_deliveries row for good. A body already taken is answered with its order and adds
// nothing; every real order and every new version of one is still imported once.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "channel_payloads.hpp"
#include "real_office.hpp"
#include "tillbook/office/channels/webhook_signature.hpp"

using namespace tillbook;
using nlohmann::json;

namespace {

struct Delivered {
    int status = 0;
    json order;
};

Delivered Deliver(int port, const std::string& body, const std::string& delivery_id) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30);
    httplib::Headers headers{
        {"X-Shopify-Hmac-Sha256", office::channels::WebhookSignature("s3cret", body)},
        {"X-Shopify-Webhook-Id", delivery_id}};
    auto res = client.Post("/api/v1/webhooks/shopify", headers, body, "application/json");
    REQUIRE(res);
    INFO(res->body);
    return {res->status, json::parse(res->body, nullptr, false)};
}

std::int64_t Count(const std::string& db_path, const std::string& sql) {
    auto db = store::Database::Open(db_path, {store::Durability::kNormal, 5000, false});
    REQUIRE(db);
    auto value = db->QueryInt64(sql);
    REQUIRE(value);
    return *value;
}

}  // namespace

TEST_CASE(
    "issue 11: a signed Shopify webhook replayed under fresh delivery ids adds no row and no "
    "order, and each real order is still imported once") {
    testing::RealOffice office("webhook-replay");
    REQUIRE(testing::RunOffice({"channel", "configure", "--db", office.db, "--channel", "shopify",
                                "--webhook-secret", "s3cret"}) == 0);
    const std::string deliveries = "SELECT count(*) FROM webhook_deliveries";
    const std::string orders = "SELECT count(*) FROM orders WHERE channel = 'shopify'";
    json order = testing::ShopifyOrder(9301, "TEA-EARL-125G", 1, "6.50", "0.00", "6.50");
    order["updated_at"] = "2026-03-01T10:00:00Z";
    const std::string captured = order.dump();

    const Delivered first = Deliver(office.port, captured, "d-1");
    CHECK(first.status == 201);
    REQUIRE(Count(office.db, deliveries) == 1);
    for (int i = 0; i < 50; ++i) {
        const Delivered replay = Deliver(office.port, captured, fmt::format("forged-{}", i));
        CHECK(replay.status == 200);
        CHECK(replay.order["id"] == first.order["id"]);
    }
    CHECK(Count(office.db, deliveries) == 1);
    CHECK(Count(office.db, orders) == 1);

    // A new version of that order, and another order, each arrive once with their own ids.
    order["updated_at"] = "2026-03-01T11:00:00Z";
    order["note"] = "leave at the door";
    const Delivered newer = Deliver(office.port, order.dump(), "d-2");
    CHECK(newer.status == 200);
    CHECK(newer.order["id"] == first.order["id"]);
    const Delivered other = Deliver(
        office.port,
        testing::ShopifyOrder(9302, "TEA-EARL-125G", 2, "6.50", "0.00", "13.00").dump(), "d-3");
    CHECK(other.status == 201);
    CHECK(other.order["id"] != first.order["id"]);
    CHECK(Count(office.db, deliveries) == 3);
    CHECK(Count(office.db, orders) == 2);
    // A retry keeps its id, and is answered as before.
    CHECK(Deliver(office.port, captured, "d-1").order["id"] == first.order["id"]);
    CHECK(Count(office.db, deliveries) == 3);
}
