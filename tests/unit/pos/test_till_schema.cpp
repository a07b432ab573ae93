#include <doctest/doctest.h>

#include "schema_testing.hpp"
#include "temp_dir.hpp"
#include "tillbook/ledger/verify.hpp"
#include "tillbook/pos/till_journal.hpp"
#include "tillbook/pos/till_schema.hpp"

using namespace tillbook;
using testing::HasTable;

namespace {

constexpr const char* kOfficeTables[] = {
    "sessions", "terminals",     "pairing_codes",      "channel_orders",
    "outbox",   "stock_changed", "webhook_deliveries", "channel_stock_published"};

}  // namespace

TEST_CASE(
    "a new till database holds the ledger and the catalogue but none of the office's tables") {
    testing::TempDir dir("till-schema");
    auto db = pos::OpenTillDatabase(dir.File("till.db"));
    REQUIRE(db);
    CHECK(HasTable(*db, "ledger"));
    CHECK(HasTable(*db, "skus"));
    for (const char* table : kOfficeTables) {
        CAPTURE(table);
        CHECK_FALSE(HasTable(*db, table));
    }
    CHECK(*db->QueryInt64("SELECT version FROM schema_parts WHERE owner = 'till'") ==
          static_cast<std::int64_t>(pos::TillSchema().migrations.size()));
}

TEST_CASE(
    "a till database made before the schema was split by owner loses the office's empty tables, "
    "keeps its journal, shift and sale, and counts its own events as unsent") {
    testing::TempDir dir("till-schema-old");
    const std::string path = testing::UnpackOldDatabase("till-v3.db", dir.File("till.db"));
    {
        auto old = store::Database::Open(path);
        REQUIRE(old);
        REQUIRE(HasTable(*old, "sessions"));
    }
    auto db = pos::OpenTillDatabase(path);
    REQUIRE(db);
    for (const char* table : kOfficeTables) {
        CAPTURE(table);
        CHECK_FALSE(HasTable(*db, table));
    }
    CHECK(*db->QueryInt64("SELECT count(*) FROM ledger") == 596);
    ids::ManualClock clock(1'765'000'000'000);
    ids::UuidV7Source ids(clock, 3);
    auto journal = pos::TillJournal::Open(*db, clock, ids);
    REQUIRE(journal);
    auto status = journal->ReadStatus();
    REQUIRE(status);
    CHECK(status->sales == 1);
    CHECK(status->open_shift.has_value());
    REQUIRE(status->expected_cash.has_value());
    CHECK(status->expected_cash->Minor() == 10650);  // £100 float + £6.50 sale
    CHECK(HasTable(*db, "push_answers"));
    CHECK(HasTable(*db, "parked_sales"));  // migration 4: nothing parked yet
    CHECK(*db->QueryInt64("SELECT count(*) FROM parked_sales") == 0);
    CHECK(status->unsent_events == 2);  // its shift and its sale
    CHECK(status->rejected_events == 0);
    CHECK(status->oldest_unsent_at ==
          *db->QueryInt64("SELECT min(occurred_at) FROM ledger WHERE origin = 'terminal:S01-T1'"));
    auto report = ledger::VerifyDatabase(*db, dir.File("scratch.db"));
    REQUIRE(report);
    CHECK(report->Ok());
}

TEST_CASE(
    "a back office's database is never opened as a till's, so none of its tables is dropped") {
    testing::TempDir dir("till-schema-office");
    const std::string path = dir.File("office.db");
    {
        auto db = store::OpenAndMigrate(path);
        REQUIRE(db);
        REQUIRE(db->Exec(
            "CREATE TABLE schema_parts (owner TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT;"
            "INSERT INTO schema_parts VALUES ('office', 3);"
            "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY) STRICT;"));
    }
    auto till = pos::OpenTillDatabase(path);
    REQUIRE_FALSE(till);
    CHECK(till.error().code == ErrorCode::kConflict);
    CHECK(till.error().message.find("is a database of the office, not of the till") !=
          std::string::npos);
    auto db = store::Database::Open(path);
    REQUIRE(db);
    CHECK(HasTable(*db, "sessions"));
}
