#pragma once
// A till of the demo shop (S01, T1) on a real SQLite file, opened as the till opens it.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "temp_dir.hpp"
#include "tillbook/pos/till_journal.hpp"
#include "tillbook/pos/till_schema.hpp"
#include "tillbook/store/demo_shop.hpp"

namespace tillbook::testing {

struct DemoTill {
    explicit DemoTill(const std::string& name)
        : dir(name),
          db(std::move(*pos::OpenTillDatabase(dir.File("till.db")))),
          clock(1'763'800'000'000),
          ids(clock, 11) {
        auto loaded = store::LoadDemoShop(db, std::filesystem::path(TILLBOOK_ASSETS_DIR) / "demo",
                                          clock, ids);
        REQUIRE(loaded);
        REQUIRE(pos::TillJournal::Setup(db, "S01", "T1"));
    }
    pos::TillJournal Journal() { return std::move(*pos::TillJournal::Open(db, clock, ids)); }
    std::int64_t OnHand(const std::string& sku) {
        auto q = db.Prepare(
            "SELECT on_hand FROM stock_levels l JOIN locations o ON o.id = l.location_id WHERE "
            "o.code = 'S01' AND sku = ?");
        REQUIRE(q);
        q->Bind(1, sku);
        return *q->Step() ? q->Int64(0) : 0;
    }

    TempDir dir;
    store::Database db;
    ids::ManualClock clock;
    ids::UuidV7Source ids;
};

}  // namespace tillbook::testing
