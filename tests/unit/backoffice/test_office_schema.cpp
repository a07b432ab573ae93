#include <doctest/doctest.h>

#include "schema_testing.hpp"
#include "temp_dir.hpp"
#include "tillbook/ledger/verify.hpp"
#include "tillbook/office/channels/channel_stock.hpp"
#include "tillbook/office/ledger_writer.hpp"
#include "tillbook/office/office_schema.hpp"

using namespace tillbook;
using testing::HasTable;

namespace {

std::int64_t Count(store::Database& db, const std::string& sql) {
    auto value = db.QueryInt64(sql);
    REQUIRE(value);
    return *value;
}

std::int64_t Publish(store::Database& db) {
    ledger::Ledger ledger(db);
    office::WriteContext w{db, ledger};
    auto tx = store::Transaction::Begin(db);
    REQUIRE(tx);
    ids::ManualClock clock(1'765'000'000'000);
    ids::UuidV7Source ids(clock);
    auto looked_at = office::channels::PublishStockChanges(w, clock, ids, 100'000);
    REQUIRE(looked_at);
    REQUIRE(tx->Commit());
    return *looked_at;
}

}  // namespace

TEST_CASE("a new back-office database holds the office's own tables, recorded as the office's") {
    testing::TempDir dir("office-schema");
    auto db = office::OpenOfficeDatabase(dir.File("office.db"));
    REQUIRE(db);
    for (const char* table : {"sessions", "terminals", "pairing_codes", "channel_orders",
                              "webhook_deliveries", "outbox", "channel_stock_published",
                              "channel_stock_cursor", "ledger", "stock_movements"}) {
        CAPTURE(table);
        CHECK(HasTable(*db, table));
    }
    CHECK_FALSE(HasTable(*db, "stock_changed"));
    CHECK(Count(*db, "SELECT version FROM schema_parts WHERE owner = 'office'") ==
          static_cast<std::int64_t>(office::OfficeSchema().migrations.size()));
    CHECK(Count(*db, "SELECT seq FROM channel_stock_cursor") == 0);
}

TEST_CASE(
    "a back-office database made before the schema was split by owner migrates forward with its "
    "staff, pairing codes and ledger, and its channels hear every SKU's figure once") {
    testing::TempDir dir("office-schema-old");
    const std::string path = testing::UnpackOldDatabase("office-v3.db", dir.File("office.db"));
    auto db = office::OpenOfficeDatabase(path);
    REQUIRE(db);
    CHECK(Count(*db, "SELECT version FROM schema_parts WHERE owner = 'office'") ==
          static_cast<std::int64_t>(office::OfficeSchema().migrations.size()));
    CHECK(HasTable(*db, "channel_stock_cursor"));
    CHECK(Count(*db,
                "SELECT count(*) FROM pragma_table_info('webhook_deliveries') WHERE name = "
                "'order_id'") == 1);
    CHECK_FALSE(HasTable(*db, "stock_changed"));
    CHECK(Count(*db, "SELECT count(*) FROM staff") == 8);
    CHECK(Count(*db, "SELECT count(*) FROM staff WHERE username = 'ann' AND pin_hash != ''") == 1);
    CHECK(Count(*db, "SELECT count(*) FROM pairing_codes") == 1);
    CHECK(Count(*db, "SELECT count(*) FROM ledger") == 596);
    // Revoking terminals (the old migration 3) is there.
    REQUIRE(db->Exec("UPDATE terminals SET revoked_at = 1"));
    auto report = ledger::VerifyDatabase(*db, dir.File("scratch.db"));
    REQUIRE(report);
    CHECK(report->Ok());

    // The publisher starts from the beginning of the ledger: every SKU with stock is looked at,
    // and each channel is told its figure once.
    const std::int64_t skus = Count(*db, "SELECT count(DISTINCT sku) FROM stock_movements");
    REQUIRE(skus > 0);
    CHECK(Publish(*db) == skus);
    CHECK(Count(*db, "SELECT seq FROM channel_stock_cursor") ==
          Count(*db, "SELECT max(seq) FROM stock_movements"));
    const std::int64_t queued = Count(*db, "SELECT count(*) FROM outbox");
    CHECK(queued > 0);
    CHECK(Publish(*db) == 0);
    CHECK(Count(*db, "SELECT count(*) FROM outbox") == queued);
}

TEST_CASE("the stock publisher follows new stock movements by sequence, without marks") {
    testing::TempDir dir("office-schema-publish");
    const std::string path = testing::UnpackOldDatabase("office-v3.db", dir.File("office.db"));
    auto db = office::OpenOfficeDatabase(path);
    REQUIRE(db);
    (void)Publish(*db);
    const std::int64_t queued = Count(*db, "SELECT count(*) FROM outbox");
    ledger::Ledger ledger(*db);
    const auto warehouse = Count(*db, "SELECT count(*) FROM locations WHERE code = 'W01'");
    REQUIRE(warehouse == 1);
    auto location = db->Prepare("SELECT id FROM locations WHERE code = 'W01'");
    REQUIRE(location);
    REQUIRE(*location->Step());
    const std::string w01 = location->Text(0);
    auto sku = db->Prepare("SELECT sku FROM stock_levels WHERE location_id = ? LIMIT 1");
    REQUIRE(sku);
    sku->Bind(1, w01);
    REQUIRE(*sku->Step());
    const std::string code = sku->Text(0);
    REQUIRE(ledger.Append(ledger::Event{
        "01a2f000-0000-7000-8000-000000000001", "office", 100000, "system", 1'765'000'000'000,
        ledger::StockAdjusted{w01, code, 5000, ledger::AdjustmentReason::kGoodsReceived,
                              "delivery"}}));
    // One SKU moved; the channels that W01 serves hear its new figure.
    CHECK(Publish(*db) == 1);
    CHECK(Count(*db, "SELECT count(*) FROM outbox") > queued);
    CHECK(Count(*db, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND subject = '" +
                         code + "'") > 0);
}
