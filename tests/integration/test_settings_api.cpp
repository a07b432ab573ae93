// Integration tests: the settings tills pull, set by staff over HTTP, against the real server on
// loopback.
#include <doctest/doctest.h>

#include "office_fixture.hpp"
#include "tillbook/ledger/event_json.hpp"
#include "tillbook/store/catalogue_store.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::OfficeUnderTest;

namespace {

json Put(OfficeUnderTest& office, const std::string& token, const std::string& key,
         const json& body, int status) {
    auto res = office.Client(token)->Put(("/api/v1/settings/" + key).c_str(), body.dump(),
                                         "application/json");
    REQUIRE(res);
    CHECK(res->status == status);
    return json::parse(res->body, nullptr, false);
}

json PullSettings(OfficeUnderTest& office, const OfficeUnderTest::Terminal& till) {
    auto res = office.Client(till.token)->Get("/api/v1/sync/pull");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json::parse(res->body)["settings"];
}

}  // namespace

TEST_CASE("a till pulls the shop's settings, with its own store's settings winning") {
    OfficeUnderTest office("settings-pull");
    const std::string admin = office.Login("admin", "demo-admin-password");
    Put(office, admin, "till.receipt_footer", {{"value", "Thank you — returns within 30 days"}},
        200);
    Put(office, admin, "till.shop_name", {{"value", "Tillbook Demo"}}, 200);
    Put(office, admin, "store.S01.shop_name", {{"value", "Tillbook High Street"}}, 200);
    Put(office, admin, "store.S02.shop_name", {{"value", "Tillbook Market Square"}}, 200);
    REQUIRE(office.writer->Run([](office::WriteContext& w) -> Status {
        return store::PutSetting(w.db, "channel.shopify.webhook_secret", "s3cret");
    }));

    const auto s01 = office.Pair("S01", "T1");
    const json settings = PullSettings(office, s01);
    CHECK(settings == json{{"receipt_footer", "Thank you — returns within 30 days"},
                           {"shop_name", "Tillbook High Street"}});
    const json s02 = PullSettings(office, office.Pair("S02", "T1"));
    CHECK(s02["shop_name"] == "Tillbook Market Square");
    auto res = office.Client(s01.token)->Get("/api/v1/sync/pull");
    REQUIRE(res);
    CHECK(res->body.find("s3cret") == std::string::npos);
    CHECK(json::parse(res->body)["store"]["time_zone"] == "Europe/London");

    const json listed =
        json::parse(office.Client(office.Manager())->Get("/api/v1/settings")->body)["settings"];
    CHECK(listed.size() == 4);
    CHECK_FALSE(listed.contains("channel.shopify.webhook_secret"));
}

TEST_CASE("changing a setting is an admin's, checked, and recorded in the ledger with its actor") {
    OfficeUnderTest office("settings-write");
    const std::string admin = office.Login("admin", "demo-admin-password");
    const std::string manager = office.Manager();
    const std::string cashier = office.Login("zoe", "demo-cashier-password");
    const auto before = office.AllRows();
    // Not an admin.
    Put(office, manager, "till.shop_name", {{"value", "x"}}, 403);
    Put(office, cashier, "till.shop_name", {{"value", "x"}}, 403);
    // Keys a till must never be sent, and bad values.
    CHECK(Put(office, admin, "channel.shopify.webhook_secret", {{"value", "x"}},
              400)["error"]["field"] == "key");
    Put(office, admin, "till.Shop-Name", {{"value", "x"}}, 400);
    Put(office, admin, "store..shop_name", {{"value", "x"}}, 400);
    CHECK(Put(office, admin, "till.shop_name", {{"value", 12}}, 400)["error"]["field"] == "value");
    Put(office, admin, "till.shop_name", {{"value", std::string(2001, 'a')}}, 400);
    Put(office, admin, "till.shop_name", {{"other", "x"}}, 400);
    CHECK(office.AllRows() == before);

    Put(office, admin, "till.drawer_open_alert_seconds", {{"value", "30"}}, 200);
    Put(office, admin, "till.drawer_open_alert_seconds", {{"value", "45"}}, 200);
    Put(office, admin, "till.drawer_open_alert_seconds", {{"value", "45"}}, 200);  // no change
    auto removed = office.Client(admin)->Delete("/api/v1/settings/till.drawer_open_alert_seconds");
    REQUIRE(removed);
    CHECK(removed->status == 204);
    auto again = office.Client(admin)->Delete("/api/v1/settings/till.drawer_open_alert_seconds");
    REQUIRE(again);
    CHECK(again->status == 404);

    // Three changes, each a ReferenceChanged by the admin (kind 16).
    auto db = store::Database::Open(office.db_path, {store::Durability::kNormal, 5000, false});
    REQUIRE(db);
    auto q = db->Prepare(
        "SELECT actor, json_extract(payload, '$.change'), json_extract(payload, '$.detail') FROM "
        "ledger WHERE kind = 16 AND json_extract(payload, '$.entity') = 'setting' ORDER BY seq");
    REQUIRE(q);
    std::vector<std::string> changes;
    while (*q->Step()) {
        auto who = db->Prepare("SELECT username FROM staff WHERE id = ?");
        REQUIRE(who);
        who->Bind(1, q->Text(0));
        REQUIRE(*who->Step());
        CHECK(who->Text(0) == "admin");
        changes.push_back(q->Text(1) + ": " + q->Text(2));
    }
    CHECK(changes == std::vector<std::string>{"created: (not set) → \"30\"",
                                              "updated: \"30\" → \"45\"",
                                              "removed: removed \"45\""});
    CHECK(office.Verifies());
}

TEST_CASE("a till cannot push the back office's own audit records") {
    OfficeUnderTest office("settings-push");
    const auto till = office.Pair("S01", "T1");
    const json event = ledger::EventToJson(
        {office.ids.NextString(), till.origin, 1, "zoe", office.clock.Now(),
         ledger::ReferenceChanged{"sku", "TEA-EARL-125G", "updated", "price 6.50 → 0.01"}});
    const auto before = office.AllRows();
    auto res = office.Client(till.token)
                   ->Post("/api/v1/sync/push",
                          json{{"protocol", 1}, {"events", json::array({event})}}.dump(),
                          "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const json result = json::parse(res->body)["results"][0];
    CHECK(result["status"] == "rejected");
    CHECK(result["code"] == "forbidden");
    CHECK(office.AllRows() == before);
}
