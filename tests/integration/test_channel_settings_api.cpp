// Integration tests: the channels' settings, per-SKU rules and the stock outbox over HTTP (the web
// app's Channels page), against the real server on loopback with a real little HTTP server as the
// channel's end of the stock updates.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "office_fixture.hpp"
#include "tillbook/store/catalogue_store.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::Body;
using testing::CheckError;
using testing::GetOk;
using testing::OfficeUnderTest;

namespace {

constexpr const char* kSecret = "hush-hush-webhook-0451";
constexpr const char* kSku = "TEA-EARL-125G";

httplib::Result Put(OfficeUnderTest& office, const std::string& token, const std::string& path,
                    const json& body) {
    return office.Client(token)->Put(path, body.dump(), "application/json");
}

json Channel(const json& list, const std::string& code) {
    for (const json& channel : list["channels"])
        if (channel["code"] == code) return channel;
    FAIL("no channel " << code);
    return {};
}

// The audit records of one kind of reference, oldest first: "change: detail".
std::vector<std::string> Audit(OfficeUnderTest& office, const std::string& entity) {
    auto db = store::Database::Open(office.db_path, {store::Durability::kNormal, 5000, false});
    REQUIRE(db);
    auto q = db->Prepare(
        "SELECT json_extract(payload, '$.change'), json_extract(payload, '$.detail') FROM ledger "
        "WHERE kind = 16 AND json_extract(payload, '$.entity') = ? ORDER BY seq");
    REQUIRE(q);
    q->Bind(1, entity);
    std::vector<std::string> out;
    while (*q->Step())
        out.push_back(q->Text(0) + ": " + q->Text(1));
    return out;
}

// The newest outbox entry for `sku` on `channel`, in any state.
json NewestEntry(OfficeUnderTest& office, const std::string& token, const std::string& channel,
                 const std::string& sku) {
    const json entries =
        GetOk(*office.Client(token), "/api/v1/channels/outbox?channel=" + channel)["entries"];
    for (const json& entry : entries)
        if (entry["subject"] == sku) return entry;
    return nullptr;
}

// Waits up to `timeout` for `done`.
template <typename Done>
bool WaitFor(std::chrono::milliseconds timeout, Done done) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return done();
}

}  // namespace

TEST_CASE(
    "an admin sets a channel's settings, and the secret is written, audited as changed, never "
    "shown") {
    OfficeUnderTest office("channel-settings");
    const std::string admin = office.Login("admin", "demo-admin-password");
    const std::string manager = office.Manager();
    const std::string cashier = office.Login("zoe", "demo-cashier-password");

    const json before = GetOk(*office.Client(manager), "/api/v1/channels");
    REQUIRE(before["channels"].size() == 4);
    for (const char* code : {"shopify", "woocommerce", "ebay", "amazon"}) {
        const json channel = Channel(before, code);
        CHECK(channel["locations"] == json{"W01", "S01"});
        CHECK(channel["webhook_secret_set"] == false);
        CHECK(channel["base_url"] == "");
        CHECK(channel["outbox"] == json{{"pending", 0}, {"failed", 0}});
    }
    CheckError(office.Client(cashier)->Get("/api/v1/channels"), 403);
    CheckError(Put(office, manager, "/api/v1/channels/shopify", {{"buffer", 1}}), 403);

    // Bad input changes nothing and names the field, in words.
    const auto rows = office.AllRows();
    CheckError(Put(office, admin, "/api/v1/channels/etsy", {{"buffer", 1}}), 404);
    CheckError(Put(office, admin, "/api/v1/channels/shopify", {{"base_url", "ftp://shop.example"}}),
               400, "base_url");
    const auto with_path =
        Put(office, admin, "/api/v1/channels/shopify", {{"base_url", "https://shop.example/api"}});
    CheckError(with_path, 400, "base_url");
    CHECK(Body(with_path)["error"]["message"] ==
          "base_url: it has a path after the host (\"https://shop.example/api\"): the host and "
          "port only, as updates go to {base_url}/stock");
    CheckError(Put(office, admin, "/api/v1/channels/shopify", {{"base_url", "http://:80"}}), 400,
               "base_url");
    const auto rule = Put(office, admin, "/api/v1/channels/shopify",
                          {{"despatch_rule", "Mars/Base 14:00 +0 +2"}});
    CheckError(rule, 400, "despatch_rule");
    CHECK(Body(rule)["error"]["message"].get<std::string>().starts_with("despatch rule: "));
    CheckError(Put(office, admin, "/api/v1/channels/shopify", {{"locations", {"X99"}}}), 404,
               "locations");
    CheckError(Put(office, admin, "/api/v1/channels/shopify", {{"locations", {"W01", "W01"}}}), 400,
               "locations");
    CheckError(Put(office, admin, "/api/v1/channels/shopify", {{"locations", json::array()}}), 400,
               "locations");
    CheckError(Put(office, admin, "/api/v1/channels/shopify", {{"buffer", -1}}), 400, "buffer");
    CheckError(Put(office, admin, "/api/v1/channels/shopify", {{"buffer", 1.5}}), 400, "buffer");
    CheckError(Put(office, admin, "/api/v1/channels/shopify",
                   {{"webhook_secret", "x"}, {"clear_webhook_secret", true}}),
               400, "webhook_secret");
    CHECK(office.AllRows() == rows);

    auto set = Put(office, admin, "/api/v1/channels/shopify",
                   {{"locations", {"S01", "W01"}},
                    {"buffer", 2},
                    {"base_url", "https://shop.example:8443/"},  // kept without the "/"
                    {"despatch_rule", "Europe/London 15:30 +1 +2 2026-12-25"},
                    {"webhook_secret", kSecret}});
    REQUIRE(set);
    INFO(set->body);
    REQUIRE(set->status == 200);
    CHECK(set->body.find(kSecret) == std::string::npos);
    const json shopify = Body(set);
    CHECK(shopify["locations"] == json{"S01", "W01"});
    CHECK(shopify["buffer_milli"] == 2000);
    CHECK(shopify["base_url"] == "https://shop.example:8443");
    CHECK(shopify["despatch_rule"] == "Europe/London 15:30 +1 +2 2026-12-25");
    CHECK(shopify["webhook_secret_set"] == true);
    CHECK(Channel(GetOk(*office.Client(manager), "/api/v1/channels"), "shopify") == shopify);
    CHECK(office.Scalar("SELECT count(*) FROM settings WHERE key = "
                        "'channel.shopify.webhook_secret' AND value = 'hush-hush-webhook-0451'") ==
          1);

    // An empty or absent secret leaves it; clear_webhook_secret removes it; other channels keep
    // theirs.
    CHECK(Body(Put(office, admin, "/api/v1/channels/shopify",
                   {{"webhook_secret", std::string()}}))["webhook_secret_set"] == true);
    CHECK(Body(Put(office, admin, "/api/v1/channels/ebay",
                   {{"webhook_secret", "ebay-secret-1"}}))["webhook_secret_set"] == true);
    CHECK(Body(Put(office, admin, "/api/v1/channels/ebay",
                   {{"clear_webhook_secret", true}}))["webhook_secret_set"] == false);
    CHECK(Body(Put(office, admin, "/api/v1/channels/shopify",
                   {{"base_url", std::string()}}))["base_url"] == "");

    // No answer anyone can read carries a secret.
    for (const char* path : {"/api/v1/channels", "/api/v1/settings", "/api/v1/channels/outbox",
                             "/api/v1/channels/shopify/skus", "/api/v1/channels/ebay/skus"}) {
        auto res = office.Client(admin)->Get(path);
        REQUIRE(res);
        CHECK_MESSAGE(res->status == 200, path);
        CHECK_MESSAGE(res->body.find(kSecret) == std::string::npos, path);
        CHECK_MESSAGE(res->body.find("ebay-secret-1") == std::string::npos, path);
    }

    // Audited with the admin as actor; the secret is "(changed)", never its value.
    CHECK(Audit(office, "channel") ==
          std::vector<std::string>{
              "updated: buffer 0 → 2 units; locations W01,S01 → S01,W01; base URL (none) → "
              "https://shop.example:8443; despatch rule (none) → Europe/London 15:30 +1 +2 "
              "2026-12-25; webhook secret (changed)",
              "updated: webhook secret (changed)", "updated: webhook secret (removed)",
              "updated: base URL https://shop.example:8443 → (none)"});
    CHECK(office.Scalar("SELECT count(*) FROM ledger WHERE payload LIKE '%hush-hush%' OR payload "
                        "LIKE '%ebay-secret%'") == 0);
    CHECK(office.Scalar("SELECT count(DISTINCT actor) FROM ledger WHERE kind = 16 AND "
                        "json_extract(payload, '$.entity') = 'channel' AND actor = (SELECT id "
                        "FROM staff WHERE username = 'admin')") == 1);
    CHECK(office.Verifies());
}

TEST_CASE("a per-SKU fixed quantity or buffer is audited and queues the channel's new figure") {
    OfficeUnderTest office("channel-sku-rules");
    const std::string manager = office.Manager();
    const std::string path = std::string("/api/v1/channels/shopify/skus/") + kSku;
    CheckError(Put(office, office.Login("kwame", "demo-fulfilment-password"), path,
                   {{"fixed_quantity", 3}}),
               403);

    const auto rows = office.AllRows();
    CheckError(
        Put(office, manager, "/api/v1/channels/shopify/skus/NO-SUCH-SKU", {{"fixed_quantity", 3}}),
        404, "sku");
    CheckError(Put(office, manager, path, json::object()), 400, "buffer");
    CheckError(Put(office, manager, path, {{"buffer", 1}, {"fixed_quantity", 3}}), 400,
               "fixed_quantity");
    CheckError(Put(office, manager, path, {{"fixed_quantity", -1}}), 400, "fixed_quantity");
    CheckError(Put(office, manager, path, {{"fixed_quantity_milli", 500}}), 400,
               "fixed_quantity_milli");
    CheckError(office.Client(manager)->Delete(path), 404);
    CheckError(Put(office, manager, "/api/v1/channels/etsy/skus/TEA-EARL-125G", {{"buffer", 1}}),
               404);
    CHECK(office.AllRows() == rows);

    // A fixed quantity: the channel is told 3 at once, without any stock moving.
    auto fixed = Put(office, manager, path, {{"fixed_quantity", 3}});
    CHECK(Body(fixed) ==
          json{{"sku", kSku}, {"buffer_milli", nullptr}, {"fixed_quantity_milli", 3000}});
    json entry = NewestEntry(office, manager, "shopify", kSku);
    REQUIRE(entry.is_object());
    CHECK(entry["available"] == 3);
    CHECK(entry["state"] == "pending");
    CHECK(entry["attempts"] == 0);
    CHECK(NewestEntry(office, manager, "ebay", kSku).is_null());  // its rule is shopify's only
    const auto first_id = entry["id"].get<std::int64_t>();

    // The same rule again changes nothing and queues nothing.
    Put(office, manager, path, {{"fixed_quantity", 3}});
    CHECK(NewestEntry(office, manager, "shopify", kSku)["id"] == first_id);

    // A buffer instead: stock less the buffer, and the 3 not yet sent is superseded.
    const json levels = GetOk(*office.Client(manager), std::string("/api/v1/stock?sku=") + kSku);
    std::int64_t serving = 0;
    for (const json& level : levels["levels"])
        if (level["location"] == "W01" || level["location"] == "S01")
            serving += std::max<std::int64_t>(0, level["available_milli"].get<std::int64_t>());
    REQUIRE(serving > 1000);
    CHECK(Body(Put(office, manager, path, {{"buffer", 1}}))["buffer_milli"] == 1000);
    entry = NewestEntry(office, manager, "shopify", kSku);
    CHECK(entry["available"] == serving / 1000 - 1);
    const json delivered =
        GetOk(*office.Client(manager), "/api/v1/channels/outbox?channel=shopify&state=delivered");
    REQUIRE(delivered["entries"].size() == 1);
    CHECK(delivered["entries"][0]["id"] == first_id);
    CHECK(delivered["entries"][0]["last_error"] == "superseded by a newer figure");

    const json listed = GetOk(*office.Client(manager), "/api/v1/channels/shopify/skus");
    CHECK(
        listed["rules"] ==
        json::array({{{"sku", kSku}, {"buffer_milli", 1000}, {"fixed_quantity_milli", nullptr}}}));
    CHECK(GetOk(*office.Client(manager), "/api/v1/channels/ebay/skus")["rules"].empty());

    // Removed: back to everything the serving locations have.
    auto removed = office.Client(manager)->Delete(path);
    REQUIRE(removed);
    CHECK(removed->status == 204);
    CHECK(NewestEntry(office, manager, "shopify", kSku)["available"] == serving / 1000);

    // A weighed SKU takes grams.
    CHECK(Body(Put(office, manager, "/api/v1/channels/shopify/skus/DELI-BRIE-KG",
                   {{"fixed_quantity_milli", 2500}}))["fixed_quantity_milli"] == 2500);
    CheckError(
        Put(office, manager, "/api/v1/channels/shopify/skus/DELI-BRIE-KG", {{"fixed_quantity", 2}}),
        400, "fixed_quantity");

    CHECK(Audit(office, "channel_sku_rule") ==
          std::vector<std::string>{
              "created: none → fixed quantity 3", "updated: fixed quantity 3 → buffer 1",
              "removed: buffer 1 → none", "created: none → fixed quantity 2.5"});
    CHECK(office.Verifies());
}

TEST_CASE(
    "a stock update the channel refuses shows as failed with the reason, and a re-send "
    "delivers it at once") {
    OfficeUnderTest office("channel-outbox");
    const std::string admin = office.Login("admin", "demo-admin-password");
    const std::string manager = office.Manager();
    const std::string cashier = office.Login("zoe", "demo-cashier-password");
    testing::FakeChannel shop;
    shop.FailNext(1'000'000);

    // The first publication of every SKU goes nowhere (no base URL yet) and is closed.
    office.StartOutbox();
    REQUIRE(WaitFor(std::chrono::seconds(20), [&] {
        return office.Scalar("SELECT seq FROM channel_stock_cursor") ==
                   office.Scalar("SELECT max(seq) FROM stock_movements") &&
               GetOk(*office.Client(manager), "/api/v1/channels/outbox?state=pending")["entries"]
                   .empty();
    }));
    REQUIRE(
        Put(office, admin, "/api/v1/channels/shopify", {{"base_url", shop.BaseUrl()}})->status ==
        200);

    REQUIRE(Put(office, manager, std::string("/api/v1/channels/shopify/skus/") + kSku,
                {{"fixed_quantity", 4}})
                ->status == 200);
    // Tried and refused four times (0.5 + 1 + 2 seconds of backoff): the next try is 4 s away.
    json entry;
    REQUIRE(WaitFor(std::chrono::seconds(20), [&] {
        const json failed = GetOk(*office.Client(manager),
                                  "/api/v1/channels/outbox?channel=shopify&state=failed&limit=5");
        if (failed["entries"].empty()) return false;
        entry = failed["entries"][0];
        return entry["attempts"].get<int>() >= 4;
    }));
    CHECK(entry["subject"] == kSku);
    CHECK(entry["available"] == 4);
    CHECK(entry["state"] == "failed");
    CHECK(entry["last_error"] == "HTTP 503");
    CHECK(entry["delivered_at"].is_null());
    CHECK(Channel(GetOk(*office.Client(manager), "/api/v1/channels"), "shopify")["outbox"] ==
          json{{"pending", 0}, {"failed", 1}});

    // The channel is back; a re-send makes the entry due now and it is delivered well within its
    // backoff.
    shop.FailNext(0);
    const std::string resend =
        fmt::format("/api/v1/channels/outbox/{}/resend", entry["id"].get<std::int64_t>());
    CheckError(office.Client(cashier)->Post(resend, "{}", "application/json"), 403);
    auto resent = office.Client(manager)->Post(resend, "{}", "application/json");
    REQUIRE(resent);
    INFO(resent->body);
    REQUIRE(resent->status == 200);
    CHECK(Body(resent)["next_attempt_at"].get<std::string>() <=
          ids::FormatIso8601(office.clock.Now()));
    const auto id = entry["id"];
    REQUIRE(WaitFor(std::chrono::milliseconds(2000), [&] {
        return NewestEntry(office, manager, "shopify", kSku)["state"] == "delivered";
    }));
    entry = NewestEntry(office, manager, "shopify", kSku);
    CHECK(entry["id"] == id);
    CHECK(entry["last_error"] == "");
    bool received = false;
    for (const auto& [where, body] : shop.Received()) {
        const json sent = json::parse(body);
        if (where == "/stock" && sent["sku"] == kSku && sent["available"] == 4) received = true;
    }
    CHECK(received);

    // Delivered: nothing to re-send, in words. Unknown: 404.
    auto again = office.Client(manager)->Post(resend, "{}", "application/json");
    CheckError(again, 409);
    CHECK(Body(again)["error"]["message"].get<std::string>().find("nothing to re-send") !=
          std::string::npos);
    CheckError(office.Client(manager)->Post("/api/v1/channels/outbox/999999/resend", "{}",
                                            "application/json"),
               404);
    CheckError(office.Client(manager)->Post("/api/v1/channels/outbox/abc/resend", "{}",
                                            "application/json"),
               404);
    CheckError(office.Client(manager)->Get("/api/v1/channels/outbox?state=lost"), 400, "state");
    CheckError(office.Client(manager)->Get("/api/v1/channels/outbox?limit=0"), 400, "limit");
    CheckError(office.Client(manager)->Get("/api/v1/channels/outbox?channel=etsy"), 400, "channel");
}
