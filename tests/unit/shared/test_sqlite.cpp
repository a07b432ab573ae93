#include <doctest/doctest.h>

#include "ledger_fixture.hpp"

using namespace tillbook;

TEST_CASE("a new database is migrated to the latest schema in WAL mode with foreign keys on") {
    const auto path = testing::TempDbPath("schema");
    auto db = store::OpenAndMigrate(path.string());
    REQUIRE(db);
    CHECK(*db->QueryInt64("PRAGMA user_version") == store::LatestSchemaVersion());
    auto mode = db->Prepare("PRAGMA journal_mode");
    REQUIRE(mode);
    REQUIRE(*mode->Step());
    CHECK(mode->Text(0) == "wal");
    CHECK(*db->QueryInt64("PRAGMA foreign_keys") == 1);
    CHECK(*db->QueryInt64("PRAGMA synchronous") == 2);  // FULL
    CHECK(*db->QueryInt64(
              "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%STRICT%'") >=
          15);
    std::filesystem::remove(path);
}

TEST_CASE("migrating twice changes nothing and a newer schema is refused") {
    const auto path = testing::TempDbPath("schema");
    {
        auto db = store::OpenAndMigrate(path.string());
        REQUIRE(db);
        REQUIRE(store::Migrate(*db));
        REQUIRE(db->Exec("PRAGMA user_version = 999"));
    }
    auto again = store::OpenAndMigrate(path.string());
    REQUIRE_FALSE(again);
    CHECK(again.error().code == ErrorCode::kUnsupported);
    CHECK(again.error().message.find("newer") != std::string::npos);
    std::filesystem::remove(path);
}

TEST_CASE("a transaction that is not committed rolls back") {
    const auto path = testing::TempDbPath("tx");
    auto db = store::OpenAndMigrate(path.string());
    REQUIRE(db);
    {
        auto tx = store::Transaction::Begin(*db);
        REQUIRE(tx);
        REQUIRE(store::PutSetting(*db, "k", "v"));
    }
    CHECK(*db->QueryInt64("SELECT count(*) FROM settings") == 0);
    {
        auto tx = store::Transaction::Begin(*db);
        REQUIRE(tx);
        REQUIRE(store::PutSetting(*db, "k", "v"));
        REQUIRE(tx->Commit());
    }
    CHECK(*db->QueryInt64("SELECT count(*) FROM settings") == 1);
    std::filesystem::remove(path);
}

TEST_CASE("STRICT tables refuse text where money belongs") {
    const auto path = testing::TempDbPath("strict");
    auto db = store::OpenAndMigrate(path.string());
    REQUIRE(db);
    auto bad = db->Exec("INSERT INTO tax_classes (code, rate_bp, mode) VALUES ('x', 'twenty', 1)");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == ErrorCode::kStorage);
    std::filesystem::remove(path);
}

TEST_CASE("a cached statement stays usable after a constraint failure") {
    const auto path = testing::TempDbPath("stmt");
    auto db = store::OpenAndMigrate(path.string());
    REQUIRE(db);
    const std::string sql = "INSERT INTO tax_classes (code, rate_bp, mode) VALUES (?, ?, 1)";
    CHECK(db->Prepare(sql)->Bind(1, "a").Bind(2, 2000).Run());
    CHECK_FALSE(db->Prepare(sql)->Bind(1, "a").Bind(2, 2000).Run());  // duplicate key
    CHECK(db->Prepare(sql)->Bind(1, "b").Bind(2, 500).Run());
    CHECK(*db->QueryInt64("SELECT count(*) FROM tax_classes") == 2);
    std::filesystem::remove(path);
}

TEST_CASE("opening a database in a missing folder fails with the path in the message") {
    auto db = store::OpenAndMigrate("/nonexistent-folder/x/tillbook.db");
    REQUIRE_FALSE(db);
    CHECK(db.error().message.find("/nonexistent-folder/x/tillbook.db") != std::string::npos);
}

TEST_CASE("replacing a SKU's barcodes finds them by index, so a 100,000-SKU import stays linear") {
    const auto path = testing::TempDbPath("plan");
    auto db = store::OpenAndMigrate(path.string());
    REQUIRE(db);
    auto plan = db->Prepare("EXPLAIN QUERY PLAN DELETE FROM barcodes WHERE sku = ?");
    REQUIRE(plan);
    std::string steps;
    while (*plan->Step())
        steps += plan->Text(3) + "\n";
    CHECK(steps.find("barcodes_by_sku") != std::string::npos);
    std::filesystem::remove(path);
}

TEST_CASE("a setting removed is gone, and removing one that is not there changes nothing") {
    testing::LedgerFixture f("remove-setting");
    REQUIRE(store::PutSetting(f.db, "till.receipt_footer", "Thank you"));
    REQUIRE(store::PutSetting(f.db, "till.shop_name", "Leaf & Cup"));
    REQUIRE(store::RemoveSetting(f.db, "till.receipt_footer"));
    const auto setting = [&](std::string_view key) {
        auto value = store::GetSetting(f.db, key);
        REQUIRE(value);
        return *value;
    };
    CHECK_FALSE(setting("till.receipt_footer").has_value());
    REQUIRE(store::RemoveSetting(f.db, "till.receipt_footer"));
    CHECK(setting("till.shop_name") == std::optional<std::string>{"Leaf & Cup"});
}
