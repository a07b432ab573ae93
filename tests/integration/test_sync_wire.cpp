// Protocol 1 as the real server speaks it: the golden push (tests/data/sync/) sent to the office
// answers the golden results byte for byte, and real pull answers read with the codec write back
// to the same bytes. So the codec and the golden files say what the server sends and accepts.
#include <doctest/doctest.h>

#include "office_fixture.hpp"
#include "sync_golden.hpp"
#include "tillbook/sync/pull_json.hpp"
#include "tillbook/sync/push_json.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::Body;
using testing::OfficeUnderTest;

TEST_CASE("the office answers the golden push with the golden results, byte for byte") {
    OfficeUnderTest office("sync-wire-push");
    const auto till = office.Pair("S01", "T1");
    auto res = office.Client(till.token)
                   ->Post("/api/v1/sync/push", testing::ReadSyncGolden("push-request.json"),
                          "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body == testing::ReadSyncGolden("push-results.json"));
    auto results = sync::ParsePushResults(res->body);
    REQUIRE_MESSAGE(results, results.error().message);
    CHECK(*results == testing::GoldenPushResults());
}

TEST_CASE("real pull answers read with the codec and write back to the very same bytes") {
    OfficeUnderTest office("sync-wire-pull");
    auto admin = office.Client(office.Login("admin", "demo-admin-password"));
    for (const auto& [key, value] :
         {std::pair{"till.receipt_footer", "Merci — «returns» within 30 days ☕"},
          std::pair{"store.S01.shop_name", "Tillbook \"High\" Street"}}) {
        auto put = admin->Put(("/api/v1/settings/" + std::string(key)).c_str(),
                              json{{"value", value}}.dump(), "application/json");
        REQUIRE(put);
        REQUIRE(put->status < 300);
    }
    const auto till = office.Pair("S01", "T1");
    auto terminal = office.Client(till.token);
    auto first = terminal->Get("/api/v1/sync/pull");
    REQUIRE(first);
    REQUIRE(first->status == 200);
    auto snapshot = sync::ParsePullSnapshot(first->body);
    REQUIRE_MESSAGE(snapshot, snapshot.error().message);
    CHECK(snapshot->skus.size() == 239);
    CHECK(snapshot->settings.size() == 2);
    CHECK(sync::ToJson(*snapshot).dump() == first->body);

    // Stock moves at S01 and a SKU changes; the next pull carries both, and reads back too.
    auto manager = office.Client(office.Manager());
    REQUIRE(manager
                ->Post("/api/v1/stock/adjustments",
                       json{{"location", "S01"},
                            {"sku", "TEA-EARL-125G"},
                            {"delta", -2},
                            {"reason", "damaged"},
                            {"note", ""}}
                           .dump(),
                       "application/json")
                ->status == 201);
    const std::string since = sync::FormatCursor(snapshot->cursor);
    auto next = terminal->Get(("/api/v1/sync/pull?since=" + since).c_str());
    REQUIRE(next);
    REQUIRE(next->status == 200);
    auto later = sync::ParsePullSnapshot(next->body);
    REQUIRE_MESSAGE(later, later.error().message);
    REQUIRE(later->stock.size() == 1);
    CHECK(later->stock[0].sku == "TEA-EARL-125G");
    CHECK(sync::ToJson(*later).dump() == next->body);
}
