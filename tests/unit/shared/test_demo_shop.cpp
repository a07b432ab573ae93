// Loading a shop from its CSV files (the demo's assets/demo, or a shop's own folder of the same
// shape): a bad location is refused with its file, line and field, and nothing is kept.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "ledger_fixture.hpp"
#include "temp_dir.hpp"
#include "tillbook/store/demo_shop.hpp"
#include "tillbook/store/schema.hpp"

using namespace tillbook;

namespace {

// A copy of the demo shop's folder whose locations.csv is `locations`.
std::filesystem::path DemoWithLocations(const testing::TempDir& dir, const std::string& locations) {
    const std::filesystem::path copy = dir.File("demo");
    std::filesystem::copy(std::filesystem::path(TILLBOOK_SOURCE_DIR) / "assets/demo", copy,
                          std::filesystem::copy_options::recursive);
    std::ofstream(copy / "locations.csv", std::ios::trunc) << locations;
    return copy;
}

// The demo's three locations, the warehouse in `warehouse_zone`.
std::string Locations(const std::string& warehouse_zone) {
    return "id,code,name,kind,time_zone\n"
           "0190a1b2-0000-7000-8000-000000000001,S01,High Street,store,Europe/London\n"
           "0190a1b2-0000-7000-8000-000000000002,S02,Market Square,store,Europe/London\n"
           "0190a1b2-0000-7000-8000-000000000003,W01,Warehouse,warehouse," +
           warehouse_zone + "\n";
}

}  // namespace

TEST_CASE(
    "a location whose time zone the office cannot read is refused by line, and nothing of "
    "the shop is kept") {
    testing::TempDir dir("demo-shop-zone");
    ids::ManualClock clock(1'763'800'000'000);
    ids::UuidV7Source ids(clock, 7);
    auto db = std::move(
        *store::OpenAndMigrate(dir.File("office.db"), {store::Durability::kNormal, 5000, true}));

    const auto folder = DemoWithLocations(dir, Locations("Mars/Base"));
    const auto loaded = store::LoadDemoShop(db, folder, clock, ids);
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().code == ErrorCode::kUnsupported);
    CHECK(loaded.error().field == "time_zone");
    CHECK(loaded.error().message.starts_with(
        "locations.csv line 4: time_zone: unknown time zone \"Mars/Base\""));
    CHECK(*db.QueryInt64("SELECT count(*) FROM locations") == 0);
    CHECK(*db.QueryInt64("SELECT count(*) FROM skus") == 0);
    CHECK(*db.QueryInt64("SELECT count(*) FROM ledger") == 0);

    // The same folder with a zone it knows loads whole.
    testing::TempDir again("demo-shop-zone-good");
    const auto good = DemoWithLocations(again, Locations("Europe/Paris"));
    auto fresh = std::move(
        *store::OpenAndMigrate(again.File("office.db"), {store::Durability::kNormal, 5000, true}));
    const auto summary = store::LoadDemoShop(fresh, good, clock, ids);
    REQUIRE(summary);
    CHECK(summary->locations == 3);
    CHECK(*fresh.QueryInt64("SELECT count(*) FROM locations WHERE time_zone = 'Europe/Paris'") ==
          1);
}
