#pragma once
// What the till benchmarks share: a till database of the demo shop (S01, T1) on a file, and
// worker ports that do nothing, for a TillApp measured without its workers.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "tillbook/ids/uuid.hpp"
#include "tillbook/pos/app/till_app.hpp"
#include "tillbook/pos/till_journal.hpp"
#include "tillbook/pos/till_schema.hpp"
#include "tillbook/store/demo_shop.hpp"

namespace tillbook::bench {

struct NoDevices : pos::app::DevicePort {
    void PrintReceipt(pos::app::ReceiptRequest) override {}
    void PrintCashUp(pos::app::CashUpRequest) override {}
    void PrintCreditNote(pos::app::CreditNoteRequest) override {}
    void KickDrawer() override {}
    void Reprint(std::uint64_t) override {}
};

struct NoSync : pos::app::SyncPort {
    void Nudge() override {}
    void Pair(pos::app::PairTill) override {}
};

[[noreturn]] inline void Fail(const char* bench, const std::string& what) {
    std::fprintf(stderr, "%s: %s\n", bench, what.c_str());
    std::exit(1);
}

// A paired till of the demo shop at `path`, as the sync worker leaves it after its first pull.
inline store::Database DemoTillDatabase(const char* bench, const std::string& path) {
    auto db = pos::OpenTillDatabase(path);
    if (!db) Fail(bench, db.error().message);
    ids::SystemClock clock;
    ids::UuidV7Source ids(clock, 1);
    if (!store::LoadDemoShop(*db, std::filesystem::path(TILLBOOK_ASSETS_DIR) / "demo", clock, ids))
        Fail(bench, "the demo shop did not load");
    if (!pos::TillJournal::Setup(*db, "S01", "T1")) Fail(bench, "till setup failed");
    return std::move(*db);
}

}  // namespace tillbook::bench
