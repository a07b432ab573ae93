// The managers' "today" report and the order list's attention filter over loopback: the overdue
// orders and the ones flagged, a bad time zone refused, a cashier refused; the list's search
// takes '%' and '_' as themselves.
#include <doctest/doctest.h>

#include "channel_payloads.hpp"
#include "office_fixture.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::Body;
using testing::CheckError;
using testing::OfficeUnderTest;

TEST_CASE("today lists the overdue and flagged orders and refuses a zone it does not know") {
    OfficeUnderTest office("reports-today");
    auto manager = office.Client(office.Manager());
    // #7301: despatch by 23/11/2026, long past. #7302: a SKU the shop does not sell: flagged.
    auto late = manager->Post(
        "/api/v1/channels/shopify/orders",
        testing::ShopifyOrder(7301, "TEA-EARL-125G", 1, "6.50", "0.00", "6.50").dump(),
        "application/json");
    REQUIRE(late);
    REQUIRE(late->status / 100 == 2);
    auto odd =
        manager->Post("/api/v1/channels/shopify/orders",
                      testing::ShopifyOrder(7302, "NO-SUCH-SKU", 1, "6.50", "0.00", "6.50").dump(),
                      "application/json");
    REQUIRE(odd);
    REQUIRE(odd->status / 100 == 2);

    auto today = manager->Get("/api/v1/reports/today?tz=Europe/London");
    REQUIRE(today);
    INFO(today->body);
    REQUIRE(today->status == 200);
    const json report = Body(today);
    CHECK(report["time_zone"] == "Europe/London");
    CHECK(report["overdue_count"].get<int>() >= 1);
    bool found_late = false;
    for (const json& order : report["overdue"])
        found_late = found_late || order["number"] == "#7301";
    CHECK(found_late);
    CHECK(report["attention_count"] == 1);
    CHECK(report["attention"][0]["number"] == "#7302");
    // Placed on 20/11: nothing of them counts as today's takings.
    for (const json& channel : report["channels"])
        CHECK(channel["channel"] != "shopify");

    CheckError(manager->Get("/api/v1/reports/today?tz=Mars/Olympus"), 400, "tz");
    CheckError(
        office.Client(office.Login("zoe", "demo-cashier-password"))->Get("/api/v1/reports/today"),
        403);

    auto flagged = manager->Get("/api/v1/orders?attention=1");
    REQUIRE(flagged);
    REQUIRE(flagged->status == 200);
    REQUIRE(Body(flagged)["orders"].size() == 1);
    CHECK(Body(flagged)["orders"][0]["number"] == "#7302");
    CheckError(manager->Get("/api/v1/orders?attention=yes"), 400, "attention");
    // '%' and '_' are letters to look for, not wildcards.
    for (const char* text : {"%25", "_", "%5F%5F%5F"}) {
        INFO(text);
        auto found = manager->Get(std::string("/api/v1/orders?q=") + text);
        REQUIRE(found);
        REQUIRE(found->status == 200);
        CHECK(Body(found)["orders"].empty());
    }
}
