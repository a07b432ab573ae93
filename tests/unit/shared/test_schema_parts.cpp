#include <doctest/doctest.h>

#include <array>

#include "ledger_fixture.hpp"
#include "tillbook/store/schema.hpp"

using namespace tillbook;

namespace {

constexpr std::array<std::string_view, 2> kShelfMigrations = {
    "CREATE TABLE shelves (code TEXT PRIMARY KEY) STRICT;",
    "ALTER TABLE shelves ADD COLUMN aisle INTEGER;",
};
constexpr std::array<std::string_view, 1> kDrawerMigrations = {
    "CREATE TABLE drawers (id TEXT PRIMARY KEY) STRICT;",
};

constexpr store::SchemaPart kShelves{"shelves", kShelfMigrations, "drawers", nullptr};
constexpr store::SchemaPart kDrawers{"drawers", kDrawerMigrations, "shelves", nullptr};

std::int64_t PartVersion(store::Database& db, std::string_view owner) {
    auto q = db.Prepare("SELECT version FROM schema_parts WHERE owner = ?");
    REQUIRE(q);
    q->Bind(1, owner);
    REQUIRE(*q->Step());
    return q->Int64(0);
}

// Adopts tables an earlier schema made: the first shelves migration is already there.
Result<std::int64_t> AdoptShelves(store::Database& db) {
    auto exists = store::TableExists(db, "shelves");
    if (!exists) return std::unexpected(exists.error());
    return *exists ? 1 : 0;
}

}  // namespace

TEST_CASE(
    "an owner's part of the schema is migrated after the shared part and records its version") {
    const auto path = testing::TempDbPath("schema-part");
    auto db = store::OpenAndMigrate(path.string(), {}, kShelves);
    REQUIRE(db);
    CHECK(*db->QueryInt64("PRAGMA user_version") == store::LatestSchemaVersion());
    CHECK(PartVersion(*db, "shelves") == 2);
    REQUIRE(db->Exec("INSERT INTO shelves (code, aisle) VALUES ('A1', 3)"));
    // Migrating again changes nothing.
    REQUIRE(store::Migrate(*db, kShelves));
    CHECK(PartVersion(*db, "shelves") == 2);
    CHECK(*db->QueryInt64("SELECT aisle FROM shelves WHERE code = 'A1'") == 3);
    std::filesystem::remove(path);
}

TEST_CASE("a database of one owner is refused by the owner it excludes, and changes nothing") {
    const auto path = testing::TempDbPath("schema-part");
    REQUIRE(store::OpenAndMigrate(path.string(), {}, kShelves));
    auto other = store::OpenAndMigrate(path.string(), {}, kDrawers);
    REQUIRE_FALSE(other);
    CHECK(other.error().code == ErrorCode::kConflict);
    CHECK(other.error().message.find("is a database of the shelves, not of the drawers") !=
          std::string::npos);
    auto db = store::Database::Open(path.string());
    REQUIRE(db);
    CHECK_FALSE(*store::TableExists(*db, "drawers"));
    std::filesystem::remove(path);
}

TEST_CASE("a part newer than this program understands is refused") {
    const auto path = testing::TempDbPath("schema-part");
    {
        auto db = store::OpenAndMigrate(path.string(), {}, kShelves);
        REQUIRE(db);
        REQUIRE(db->Exec("UPDATE schema_parts SET version = 7 WHERE owner = 'shelves'"));
    }
    auto again = store::OpenAndMigrate(path.string(), {}, kShelves);
    REQUIRE_FALSE(again);
    CHECK(again.error().code == ErrorCode::kUnsupported);
    CHECK(again.error().message.find("shelves schema version 7 is newer") != std::string::npos);
    std::filesystem::remove(path);
}

TEST_CASE("tables an earlier schema made are adopted at the version they are at") {
    const auto path = testing::TempDbPath("schema-part");
    {
        auto db = store::OpenAndMigrate(path.string());
        REQUIRE(db);
        REQUIRE(
            db->Exec("CREATE TABLE shelves (code TEXT PRIMARY KEY) STRICT;"
                     "INSERT INTO shelves (code) VALUES ('B2');"));
    }
    store::SchemaPart adopting = kShelves;
    adopting.adopt = &AdoptShelves;
    auto db = store::OpenAndMigrate(path.string(), {}, adopting);
    REQUIRE(db);
    CHECK(PartVersion(*db, "shelves") == 2);
    // Migration 1 was not run again (it would have failed on the existing table); 2 was.
    CHECK(*db->QueryInt64("SELECT count(*) FROM shelves WHERE code = 'B2' AND aisle IS NULL") == 1);
    std::filesystem::remove(path);
}
