// The pull against the real server on a real database file: a read that fails answers an error
// and never moves a till's cursor past what it did not send, and a till pulling while stock moves
// never misses a movement.
#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <thread>

#include "office_fixture.hpp"
#include "tillbook/sync/pull_json.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::Body;
using testing::OfficeUnderTest;

namespace {

constexpr const char* kS01 = "0190a1b2-0000-7000-8000-000000000001";

// Renames a table through a connection of its own, as another program could.
void RenameTable(OfficeUnderTest& office, const std::string& from, const std::string& to) {
    auto db = store::Database::Open(office.db_path, {store::Durability::kNormal, 5000, false});
    REQUIRE(db);
    REQUIRE(db->Exec("ALTER TABLE " + from + " RENAME TO " + to));
}

void AdjustStock(httplib::Client& manager, const std::string& sku, std::int64_t delta) {
    auto res = manager.Post("/api/v1/stock/adjustments",
                            json{{"location", "S01"},
                                 {"sku", sku},
                                 {"delta", delta},
                                 {"reason", delta > 0 ? "goods_received" : "damaged"},
                                 {"note", ""}}
                                .dump(),
                            "application/json");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 201);
}

httplib::Result Pull(httplib::Client& till, const sync::PullCursor& since) {
    return till.Get(("/api/v1/sync/pull?since=" + sync::FormatCursor(since)).c_str());
}

sync::PullSnapshot Snapshot(const httplib::Result& res) {
    REQUIRE(res);
    INFO(res->body.substr(0, 300));
    REQUIRE(res->status == 200);
    auto snapshot = sync::ParsePullSnapshot(res->body);
    REQUIRE_MESSAGE(snapshot, snapshot.error().message);
    return *snapshot;
}

// A 500 `storage` in the error shape that gives away neither SQL nor the database's path.
void CheckStorageErrorTellsNothing(const httplib::Result& res, const OfficeUnderTest& office) {
    testing::CheckError(res, 500);
    const json error = Body(res)["error"];
    CHECK(error["code"] == "storage");
    const std::string message = error["message"];
    CAPTURE(message);
    for (const char* secret : {"SELECT", "select", "FROM", "no such table", "stock_movements",
                               "tax_classes", "office.db", "/"}) {
        CAPTURE(secret);
        CHECK(message.find(secret) == std::string::npos);
    }
    CHECK(message.find(office.dir.File("")) == std::string::npos);
}

// On hand and reserved of `sku` at S01 after the ledger's first `seq` events.
std::pair<std::int64_t, std::int64_t> LevelAt(store::Database& db, const std::string& sku,
                                              std::int64_t seq) {
    auto q = db.Prepare(
        "SELECT coalesce(sum(on_hand_delta), 0), coalesce(sum(reserved_delta), 0) FROM "
        "stock_movements WHERE location_id = ? AND sku = ? AND seq <= ?");
    REQUIRE(q);
    q->Bind(1, kS01).Bind(2, sku).Bind(3, seq);
    REQUIRE(*q->Step());
    return {q->Int64(0), q->Int64(1)};
}

}  // namespace

TEST_CASE(
    "a pull whose stock cannot be read answers 500 storage without SQL or paths, and the same "
    "cursor later still brings the stock change") {
    OfficeUnderTest office("pull-fails");
    const auto till = office.Pair("S01", "T1");
    auto terminal = office.Client(till.token);
    auto manager = office.Client(office.Manager());
    // Where the till's last pull left it: everything of the ledger so far.
    const sync::PullCursor since{0, "", office.Scalar("SELECT max(seq) FROM ledger")};
    AdjustStock(*manager, "TEA-EARL-125G", -2);
    const std::int64_t on_hand = office.Scalar(
        "SELECT on_hand FROM stock_levels WHERE sku = 'TEA-EARL-125G' AND location_id = '" +
        std::string(kS01) + "'");

    RenameTable(office, "stock_movements", "stock_movements_away");
    CheckStorageErrorTellsNothing(Pull(*terminal, since), office);
    RenameTable(office, "stock_movements_away", "stock_movements");

    const sync::PullSnapshot later = Snapshot(Pull(*terminal, since));
    REQUIRE(later.stock.size() == 1);
    CHECK(later.stock[0].sku == "TEA-EARL-125G");
    CHECK(later.stock[0].on_hand == on_hand);
}

TEST_CASE(
    "a pull whose statement fails on a connection that ran it before answers 500 storage and "
    "leaves that connection usable") {
    OfficeUnderTest office("pull-fails-warm");
    const auto till = office.Pair("S01", "T1");
    // One kept-alive connection: the server answers both pulls on the same thread, whose
    // statements are prepared by the first.
    auto terminal = office.Client(till.token);
    terminal->set_keep_alive(true);
    const sync::PullSnapshot first = Snapshot(Pull(*terminal, {}));
    CHECK(first.tax_classes.size() == 3);
    // Only the pull reads tax classes (the staff table, say, is read by every request's sign-in).
    RenameTable(office, "tax_classes", "tax_classes_away");
    CheckStorageErrorTellsNothing(Pull(*terminal, first.cursor), office);
    RenameTable(office, "tax_classes_away", "tax_classes");
    const sync::PullSnapshot again = Snapshot(Pull(*terminal, first.cursor));
    CHECK(again.tax_classes == first.tax_classes);
    CHECK(again.cursor == first.cursor);
}

TEST_CASE(
    "a till pulling while stock moves never misses a movement, and each answer holds the levels "
    "at its cursor") {
    OfficeUnderTest office("pull-race");
    const auto till = office.Pair("S01", "T1");
    const std::vector<std::string> skus{"TEA-EARL-125G", "TEA-EARL-250G", "TEA-ENGB-80BAGS",
                                        "DELI-MONT-KG"};
    std::atomic<bool> done{false};
    std::thread mover([&] {
        auto manager = office.Client(office.Manager());
        for (int i = 0; i < 60; ++i)
            AdjustStock(*manager, skus[static_cast<std::size_t>(i) % skus.size()],
                        i % 3 == 0 ? 5 : -1);
        done = true;
    });
    // The till's view: each SKU's level as the pulls told it, and each answer to check later.
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> seen;
    std::vector<sync::PullSnapshot> answers;
    auto terminal = office.Client(till.token);
    sync::PullCursor cursor;
    for (bool last = false; !last;) {
        last = done.load();  // one more pull after the mover has finished
        const sync::PullSnapshot answer = Snapshot(Pull(*terminal, cursor));
        CHECK(answer.cursor.ledger_seq >= cursor.ledger_seq);
        for (const sync::StoreStock& level : answer.stock)
            seen[level.sku] = {level.on_hand, level.reserved};
        cursor = answer.cursor;
        answers.push_back(answer);
    }
    mover.join();
    MESSAGE(answers.size() << " pulls while stock moved");

    auto db = store::Database::Open(office.db_path, {store::Durability::kNormal, 5000, false});
    REQUIRE(db);
    // Every answer's levels are the levels at its cursor: nothing after it was sent, so nothing
    // before it can be left out.
    for (const sync::PullSnapshot& answer : answers) {
        for (const sync::StoreStock& level : answer.stock) {
            CAPTURE(level.sku);
            CAPTURE(answer.cursor.ledger_seq);
            CHECK(std::pair{level.on_hand, level.reserved} ==
                  LevelAt(*db, level.sku, answer.cursor.ledger_seq));
        }
    }
    // And the till ends with every level the office has.
    for (const std::string& sku : skus) {
        CAPTURE(sku);
        CHECK(seen[sku] == LevelAt(*db, sku, cursor.ledger_seq));
    }
    CHECK(cursor.ledger_seq == office.Scalar("SELECT max(seq) FROM ledger"));
}
