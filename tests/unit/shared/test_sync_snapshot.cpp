// The pull's read model (queries/sync_snapshot.hpp) on a real SQLite file holding the demo shop.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <set>

#include "temp_dir.hpp"
#include "tillbook/ledger/origin.hpp"
#include "tillbook/queries/sync_snapshot.hpp"
#include "tillbook/store/catalogue_store.hpp"
#include "tillbook/store/demo_shop.hpp"
#include "tillbook/store/schema.hpp"

using namespace tillbook;

namespace {

constexpr const char* kS01 = "0190a1b2-0000-7000-8000-000000000001";
constexpr const char* kS02 = "0190a1b2-0000-7000-8000-000000000002";

// The demo shop, two active members of staff and one who left, and settings for tills and others.
struct DemoOffice {
    explicit DemoOffice(const std::string& name)
        : dir(name),
          db(std::move(*store::OpenAndMigrate(dir.File("office.db")))),
          clock(1'763'800'000'000),
          ids(clock, 7) {
        REQUIRE(store::LoadDemoShop(db, std::filesystem::path(TILLBOOK_SOURCE_DIR) / "assets/demo",
                                    clock, ids));
        REQUIRE(db.Exec(
            "INSERT INTO staff (id, username, display_name, role, password_hash, pin_hash, active) "
            "VALUES ('st-1', 'zoe', 'Zoë Clarke', 1, 'p', '$argon2id$zoe', 1), "
            "('st-2', 'tom', 'Tom Hughes', 3, 'p', '', 1), "
            "('st-3', 'gone', 'Left Last Year', 1, 'p', '$argon2id$gone', 0);"
            "INSERT INTO settings (key, value) VALUES ('till.receipt_footer', 'Thank you'), "
            "('till.shop_name', 'Tillbook'), ('store.S01.shop_name', 'Tillbook High Street'), "
            "('store.S02.shop_name', 'Tillbook Market Square'), ('channel.shopify.secret', 'x');"));
    }

    sync::PullSnapshot Pull(const sync::PullCursor& since, std::int64_t page = 2000) {
        auto snapshot = queries::ReadSyncSnapshot(db, "S01", since, page);
        REQUIRE_MESSAGE(snapshot, snapshot.error().message);
        return *snapshot;
    }

    void MoveStock(const std::string& location_id, const std::string& sku, std::int64_t delta) {
        ledger::Ledger ledger(db);
        const ledger::Origin office(std::string(ledger::kOfficeOrigin), clock, ids);
        auto event = office.Next(
            ledger, "system",
            ledger::StockAdjusted{location_id, sku, delta, ledger::AdjustmentReason::kDamaged, ""});
        REQUIRE(event);
        REQUIRE(ledger.Append(*event));
    }

    testing::TempDir dir;
    store::Database db;
    ids::ManualClock clock;
    ids::UuidV7Source ids;
};

}  // namespace

TEST_CASE(
    "a first pull holds every SKU with its barcodes, the tax classes, active staff, the store's "
    "settings and its stock") {
    DemoOffice office("snapshot-first");
    const sync::PullSnapshot first = office.Pull({});
    CHECK(first.store == sync::TillStore{"S01", kS01, "High Street", "Europe/London"});
    REQUIRE(first.skus.size() == 239);
    CHECK_FALSE(first.more);
    for (const sync::TillSku& sku : first.skus) {
        CAPTURE(sku.code);
        auto stored = store::FindSku(office.db, sku.code);
        REQUIRE(stored);
        REQUIRE(stored->has_value());
        CHECK(sku.barcodes == (*stored)->barcodes);
        CHECK(sku.price == (*stored)->price);
        CHECK(sku.sold_by == (*stored)->sold_by);
        CHECK(sku.active == (*stored)->active);
    }
    CHECK(first.tax_classes == *store::ListTaxClasses(office.db));
    REQUIRE(first.staff.size() == 2);
    CHECK(first.staff[0] ==
          sync::TillStaff{"st-2", "tom", "Tom Hughes", staff::Role::kManager, ""});
    CHECK(first.staff[1].username == "zoe");
    CHECK(first.settings ==
          std::map<std::string, std::string>{{"receipt_footer", "Thank you"},
                                             {"shop_name", "Tillbook High Street"}});
    CHECK(first.stock.size() == static_cast<std::size_t>(*office.db.QueryInt64(
                                    "SELECT count(*) FROM stock_levels WHERE location_id = "
                                    "'0190a1b2-0000-7000-8000-000000000001'")));
    CHECK(first.cursor.ledger_seq == *office.db.QueryInt64("SELECT max(seq) FROM ledger"));
    CHECK(first.cursor.catalogue_code == first.skus.back().code);
}

TEST_CASE("SKUs come in pages that hold every SKU once, and only the last page says no more") {
    DemoOffice office("snapshot-pages");
    std::set<std::string> codes;
    std::vector<std::size_t> sizes;
    sync::PullCursor cursor;
    for (bool more = true; more;) {
        const sync::PullSnapshot page = office.Pull(cursor, 100);
        for (const sync::TillSku& sku : page.skus) {
            CHECK(codes.insert(sku.code).second);
            auto stored = store::FindSku(office.db, sku.code);
            REQUIRE(stored);
            CHECK(sku.barcodes == (*stored)->barcodes);
        }
        sizes.push_back(page.skus.size());
        more = page.more;
        cursor = page.cursor;
    }
    CHECK(sizes == std::vector<std::size_t>{100, 100, 39});
    CHECK(codes.size() == 239);
}

TEST_CASE("a later pull brings only the SKUs changed and the stock moved at the store since") {
    DemoOffice office("snapshot-later");
    const sync::PullSnapshot first = office.Pull({});
    CHECK(office.Pull(first.cursor).skus.empty());
    CHECK(office.Pull(first.cursor).stock.empty());
    auto tea = store::FindSku(office.db, "TEA-EARL-125G");
    REQUIRE(tea);
    catalogue::Sku dearer = **tea;
    dearer.price = money::Money(695, dearer.price.GetCurrency());
    dearer.barcodes = {"5060123450019", "5060990000126"};
    auto saved = store::SaveSku(office.db, dearer);
    REQUIRE_MESSAGE(saved, saved.error().message);
    office.MoveStock(kS01, "DELI-MONT-KG", -250);
    office.MoveStock(kS02, "TEA-ENGB-40BAGS", -1000);  // another store's: not this till's

    const sync::PullSnapshot later = office.Pull(first.cursor);
    REQUIRE(later.skus.size() == 1);
    CHECK(later.skus[0].code == "TEA-EARL-125G");
    CHECK(later.skus[0].price.Minor() == 695);
    CHECK(later.skus[0].barcodes == dearer.barcodes);
    REQUIRE(later.stock.size() == 1);
    CHECK(later.stock[0].sku == "DELI-MONT-KG");
    CHECK(later.cursor.ledger_seq == first.cursor.ledger_seq + 2);
    CHECK(later.tax_classes.size() == 3);  // all of them, every time
    CHECK(later.staff.size() == 2);
}

TEST_CASE(
    "a read that fails fails the whole snapshot as a storage error, and the connection reads "
    "again afterwards") {
    DemoOffice office("snapshot-fails");
    const sync::PullSnapshot first = office.Pull({});
    office.MoveStock(kS01, "TEA-EARL-125G", -1000);
    for (const char* table : {"stock_movements", "barcodes", "staff", "settings", "tax_classes"}) {
        CAPTURE(table);
        auto other = store::Database::Open(office.dir.File("office.db"));
        REQUIRE(other);
        REQUIRE(other->Exec(fmt::format("ALTER TABLE {0} RENAME TO {0}_away", table)));
        auto failed = queries::ReadSyncSnapshot(office.db, "S01", first.cursor);
        REQUIRE_FALSE(failed);
        CHECK(failed.error().code == ErrorCode::kStorage);
        REQUIRE(other->Exec(fmt::format("ALTER TABLE {0}_away RENAME TO {0}", table)));
        const sync::PullSnapshot again = office.Pull(first.cursor);
        REQUIRE(again.stock.size() == 1);
        CHECK(again.stock[0].sku == "TEA-EARL-125G");
    }
}

TEST_CASE("a till whose store is no longer a location is told so") {
    DemoOffice office("snapshot-no-store");
    auto snapshot = queries::ReadSyncSnapshot(office.db, "S99", {});
    REQUIRE_FALSE(snapshot);
    CHECK(snapshot.error().code == ErrorCode::kNotFound);
}
