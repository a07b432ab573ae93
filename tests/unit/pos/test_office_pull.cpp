// The till's link to the back office, without the office: a pull's answer taken into a real till
// database (a SQLite file), the backoff schedule, and the journal counting on from a floor. The
// pulls here are written as the office sends them; the real office answers in
// tests/integration/test_till_office_link.cpp.
#include <doctest/doctest.h>

#include <map>

#include "demo_till.hpp"
#include "temp_dir.hpp"
#include "tillbook/ledger/ledger.hpp"
#include "tillbook/pos/office/backoff.hpp"
#include "tillbook/pos/office/office_link.hpp"
#include "tillbook/pos/office/pull_apply.hpp"
#include "tillbook/pos/till_schema.hpp"
#include "tillbook/store/catalogue_store.hpp"

using namespace tillbook;
using namespace std::chrono_literals;

namespace {

money::Money Gbp(std::int64_t minor) {
    return money::Money(minor, money::Currency{"GBP", 2});
}

sync::TillSku Sku(const std::string& code, std::int64_t price, std::vector<std::string> barcodes,
                  bool active = true) {
    return sync::TillSku{
        code,           code.substr(0, 3),  "Tea " + code, "125 g",
        "Tea & coffee", Gbp(price),         "standard",    catalogue::SoldBy::kUnit,
        active,         std::move(barcodes)};
}

sync::TillStaff Staff(const std::string& id, const std::string& username,
                      const std::string& pin_hash) {
    return sync::TillStaff{id, username, "Name of " + username, staff::Role::kCashier, pin_hash};
}

sync::PullSnapshot FirstPull() {
    sync::PullSnapshot pull;
    pull.cursor = sync::PullCursor{3, "TEB", 10};
    pull.store = sync::TillStore{"S01", "0190a1b2-0000-7000-8000-000000000001", "High Street",
                                 "Europe/London"};
    pull.settings = {{"receipt_footer", "Thank you"}, {"shop_name", "Tillbook High Street"}};
    pull.tax_classes = {catalogue::TaxClass{"standard", 2000, money::TaxMode::kInclusive}};
    pull.skus = {Sku("TEA", 650, {"5060123450019"}), Sku("TEB", 300, {"5060456110017"})};
    pull.staff = {Staff("s-zoe", "zoe", "$argon2id$zoe"), Staff("s-tom", "tom", "$argon2id$tom")};
    pull.stock = {sync::StoreStock{"TEA", 11000, 1000}};
    return pull;
}

struct EmptyTill {
    EmptyTill() : dir("office-pull"), db(std::move(*pos::OpenTillDatabase(dir.File("till.db")))) {
        REQUIRE(pos::office::SaveOfficeLink(db, pos::office::OfficeLink{"http://127.0.0.1:1",
                                                                        {},
                                                                        "token",
                                                                        "t-1",
                                                                        "terminal:S01-T1",
                                                                        "S01",
                                                                        "",
                                                                        1,
                                                                        {},
                                                                        {},
                                                                        false}));
    }
    std::string Text(const std::string& sql) {
        auto q = db.Prepare(sql);
        REQUIRE(q);
        REQUIRE(*q->Step());
        return q->Text(0);
    }
    std::int64_t Int(const std::string& sql) { return *db.QueryInt64(sql); }
    testing::TempDir dir;
    store::Database db;
};

}  // namespace

TEST_CASE(
    "a first pull fills an empty till: its store, catalogue, staff, settings, stock, cursor") {
    EmptyTill till;
    auto applied = pos::office::ApplyPull(till.db, FirstPull(), 5000);
    REQUIRE_MESSAGE(applied, applied.error().message);
    CHECK(applied->skus == 2);
    CHECK(applied->ReferenceDataChanged());
    auto store = store::FindLocationByCode(till.db, "S01");
    REQUIRE(store);
    REQUIRE(*store);
    CHECK((*store)->name == "High Street");
    CHECK((*store)->id == "0190a1b2-0000-7000-8000-000000000001");
    auto tea = store::FindSku(till.db, "TEA");
    REQUIRE(tea);
    REQUIRE(*tea);
    CHECK((*tea)->price == Gbp(650));
    CHECK((*tea)->cost_price == Gbp(0));
    CHECK((*tea)->barcodes == std::vector<std::string>{"5060123450019"});
    CHECK(till.Text("SELECT pin_hash FROM staff WHERE username = 'zoe'") == "$argon2id$zoe");
    CHECK(till.Text("SELECT password_hash FROM staff WHERE username = 'zoe'").empty());
    CHECK(till.Int("SELECT count(*) FROM staff WHERE active = 1") == 2);
    CHECK(till.Text("SELECT value FROM settings WHERE key = 'till.receipt_footer'") == "Thank you");
    CHECK(till.Int("SELECT on_hand FROM office_stock WHERE sku = 'TEA'") == 11000);
    CHECK(till.Int("SELECT count(*) FROM stock_levels") == 0);  // the till's own journal's
    auto link = pos::office::LoadOfficeLink(till.db);
    REQUIRE(link);
    REQUIRE(*link);
    CHECK((*link)->cursor == sync::FormatCursor(sync::PullCursor{3, "TEB", 10}));
    CHECK((*link)->last_pull_at == 5000);
}

TEST_CASE(
    "a later pull changes and deactivates SKUs, moves a barcode, makes staff no longer listed "
    "inactive and replaces the till's settings, keeping the till's own identity") {
    EmptyTill till;
    REQUIRE(pos::office::ApplyPull(till.db, FirstPull(), 5000));
    REQUIRE(store::PutSetting(till.db, "till.store_code", "S01"));
    REQUIRE(store::PutSetting(till.db, "till.terminal", "T1"));

    sync::PullSnapshot next = FirstPull();
    next.cursor = sync::PullCursor{5, "TEC", 12};
    next.settings = {{"shop_name", "Tillbook Market Street"}};
    next.skus = {Sku("TEB", 300, {}, false), Sku("TEC", 999, {"5060456110017"})};
    next.staff = {Staff("s-zoe", "zoe", "$argon2id$zoe-new")};
    next.stock = {sync::StoreStock{"TEA", 9000, 0}};
    auto applied = pos::office::ApplyPull(till.db, next, 6000);
    REQUIRE_MESSAGE(applied, applied.error().message);
    CHECK(applied->staff_changed);
    CHECK(applied->settings_changed);
    CHECK_FALSE(applied->tax_changed);

    CHECK(till.Int("SELECT active FROM skus WHERE code = 'TEB'") == 0);
    CHECK(till.Int("SELECT price_minor FROM skus WHERE code = 'TEA'") == 650);  // unchanged
    CHECK(till.Text("SELECT sku FROM barcodes WHERE barcode = '5060456110017'") == "TEC");
    CHECK(till.Int("SELECT active FROM staff WHERE username = 'tom'") == 0);
    CHECK(till.Int("SELECT active FROM staff WHERE username = 'zoe'") == 1);
    CHECK(till.Text("SELECT pin_hash FROM staff WHERE username = 'zoe'") == "$argon2id$zoe-new");
    auto settings = store::ListSettings(till.db, "till.");
    REQUIRE(settings);
    CHECK(*settings ==
          std::map<std::string, std::string>{{"till.shop_name", "Tillbook Market Street"},
                                             {"till.store_code", "S01"},
                                             {"till.terminal", "T1"}});
    CHECK(till.Int("SELECT on_hand FROM office_stock WHERE sku = 'TEA'") == 9000);

    // The same again brings nothing new for the screens.
    next.skus.clear();
    auto again = pos::office::ApplyPull(till.db, next, 7000);
    REQUIRE(again);
    CHECK_FALSE(again->ReferenceDataChanged());
}

TEST_CASE("a pull the till's database refuses is not taken in at all, its cursor included") {
    EmptyTill till;
    REQUIRE(pos::office::ApplyPull(till.db, FirstPull(), 5000));
    sync::PullSnapshot bad = FirstPull();
    bad.cursor = sync::PullCursor{9, "ZZZ", 99};
    bad.settings = {{"shop_name", "Changed"}};
    bad.skus = {Sku("TEA", 1, {}), Sku("TEX", 100, {})};
    bad.skus[1].tax_class = "no-such-class";
    auto applied = pos::office::ApplyPull(till.db, bad, 6000);
    REQUIRE_FALSE(applied);
    CHECK(till.Int("SELECT price_minor FROM skus WHERE code = 'TEA'") == 650);
    CHECK(till.Text("SELECT value FROM settings WHERE key = 'till.shop_name'") ==
          "Tillbook High Street");
    auto link = pos::office::LoadOfficeLink(till.db);
    REQUIRE(link);
    CHECK((*link)->cursor == sync::FormatCursor(sync::PullCursor{3, "TEB", 10}));
}

TEST_CASE("the sync worker's backoff: 1 s doubling to 60 s, spread by 20%, Retry-After a floor") {
    using pos::office::RetryDelay;
    CHECK(RetryDelay(1, 0.0) == 1000ms);
    CHECK(RetryDelay(2, 0.0) == 2000ms);
    CHECK(RetryDelay(3, 0.0) == 4000ms);
    CHECK(RetryDelay(6, 0.0) == 32000ms);
    CHECK(RetryDelay(7, 0.0) == 60000ms);
    CHECK(RetryDelay(1000, 0.0) == 60000ms);
    CHECK(RetryDelay(1, -1.0) == 800ms);
    CHECK(RetryDelay(1, 1.0) == 1200ms);
    CHECK(RetryDelay(1000, 1.0) == 72000ms);
    CHECK(RetryDelay(1000, -1.0) == 48000ms);
    CHECK(RetryDelay(1, 7.0) == 1200ms);  // the spread is at most 20%
    CHECK(RetryDelay(1, 0.0, 30s) == 30000ms);
    CHECK(RetryDelay(1000, 0.0, 120s) == 120000ms);
    CHECK(RetryDelay(3, 0.0, 1s) == 4000ms);
}

TEST_CASE("a till paired again under its old name counts its journal on from the office's floor") {
    testing::DemoTill till("office-floor");
    REQUIRE(store::PutSetting(till.db, ledger::OriginSeqFloorKey("terminal:S01-T1"), "41"));
    auto journal = till.Journal();
    const std::vector<pos::ScannedLine> tea{{"5060123450019", 1}};
    auto sale = journal.Sell(tea, orders::Tender::kCard, std::nullopt, "zoe");
    REQUIRE_MESSAGE(sale, sale.error().message);
    CHECK(*till.db.QueryInt64("SELECT max(origin_seq) FROM ledger WHERE origin = "
                              "'terminal:S01-T1'") == 42);
    CHECK(*till.db.QueryInt64("SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1'") == 1);
    // Without a floor a till counts from 1.
    REQUIRE(store::RemoveSetting(till.db, ledger::OriginSeqFloorKey("terminal:S01-T2")));
    CHECK(*ledger::Ledger(till.db).NextOriginSeq("terminal:S01-T2") == 1);
}
