// The till's X reading and Z report, from the ledger's shift summary to the printed layout, and
// through the real tillbook-pos command line.
#include <doctest/doctest.h>

#include "run_program.hpp"
#include "temp_dir.hpp"
#include "tillbook/drivers/paper_text.hpp"
#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/pos/cash_up_report.hpp"
#include "tillbook/pos/till_journal.hpp"
#include "tillbook/pos/till_schema.hpp"
#include "tillbook/store/demo_shop.hpp"

using namespace tillbook;

namespace {

money::Money Gbp(std::int64_t minor) {
    return money::Money(minor, money::Currency{"GBP", 2});
}

bool Contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string Paper(const drivers::CashUpReport& report) {
    auto profile = drivers::LoadPrinterProfile("epson-tm-t20");
    REQUIRE(profile);
    auto lines = drivers::LayOutCashUpReport(report, *profile);
    REQUIRE(lines);
    return drivers::PaperText(*lines, profile->font_a_columns);
}

}  // namespace

TEST_CASE(
    "the X reading shows what the open shift's drawer should hold, and the Z report at close adds "
    "up to the count") {
    testing::TempDir dir("cash-up");
    auto db = pos::OpenTillDatabase(dir.File("till.db"));
    REQUIRE(db);
    ids::ManualClock clock(1'765'000'000'000);  // 2025-12-06 05:46:40 UTC
    ids::UuidV7Source ids(clock, 5);
    REQUIRE(store::LoadDemoShop(*db, std::filesystem::path(TILLBOOK_SOURCE_DIR) / "assets/demo",
                                clock, ids));
    REQUIRE(pos::TillJournal::Setup(*db, "S01", "T1"));
    auto journal = pos::TillJournal::Open(*db, clock, ids);
    REQUIRE(journal);
    REQUIRE(journal->OpenShift(Gbp(10'000), "zoe"));
    const std::vector<pos::ScannedLine> tea{{"5060123450019", 2}};
    REQUIRE(journal->Sell(tea, orders::Tender::kCash, Gbp(2'000), "zoe"));
    REQUIRE(journal->Sell(tea, orders::Tender::kCard, std::nullopt, "zoe"));
    const std::string terminal = journal->Identity().Origin();

    auto open = queries::OpenShiftSummary(*db, terminal);
    REQUIRE(open);
    REQUIRE(open->has_value());
    const pos::CashUpHeading heading{{"High Street"}, "Europe/London", clock.Now()};
    auto x = pos::CashUpReportFor(**open, drivers::CashUpKind::kX, heading);
    REQUIRE(x);
    const std::string reading = Paper(*x);
    CHECK(Contains(reading, "X   R E P O R T"));
    CHECK(Contains(reading, "Terminal                                  S01-T1\n"));
    CHECK(Contains(reading, "Date                            06/12/2025 05:46\n"));
    CHECK(Contains(reading, "Cash sales                                £13.00\n"));
    CHECK(Contains(reading, "Expected in drawer                       £113.00\n"));
    CHECK(Contains(reading, "Card sales                                £13.00\n"));
    CHECK_FALSE(Contains(reading, "Variance"));
    // A Z report of a shift still open is refused.
    CHECK_FALSE(pos::CashUpReportFor(**open, drivers::CashUpKind::kZ, heading));

    clock.Advance(8 * 3'600'000);  // closed at 13:46 UTC
    REQUIRE(journal->CloseShift(Gbp(11'250), "zoe"));
    auto closed = queries::LastClosedShiftSummary(*db, terminal);
    REQUIRE(closed);
    REQUIRE(closed->has_value());
    auto z = pos::CashUpReportFor(**closed, drivers::CashUpKind::kZ, heading);
    REQUIRE(z);
    const std::string report = Paper(*z);
    CHECK(Contains(report, "Z   R E P O R T"));
    CHECK(Contains(report, "Date                            06/12/2025 13:46\n"));
    CHECK(Contains(report, "Counted                                  £112.50\n"));
    CHECK(Contains(report, "Variance (short)                          -£0.50\n"));
}

TEST_CASE("tillbook-pos shift report prints the X reading and shift close the Z report") {
    testing::TempDir dir("cash-up-cli");
    const std::string db = dir.File("till.db");
    const std::string pos = TILLBOOK_POS_EXE;
    const auto run = [&](std::vector<std::string> words) {
        words.insert(words.begin() + (words[0] == "shift" ? 2 : 1), {"--db", db});
        auto done = testing::RunProgram(pos, words);
        INFO(done.command << "\n" << done.out << done.err);
        REQUIRE(done.code == 0);
        return done.out;
    };
    run({"init", "--store", "S01", "--terminal", "T1"});
    run({"shift", "open", "--float", "100.00", "--staff", "zoe"});
    run({"sell", "5060123450019x2", "--tender", "cash", "--tendered", "20.00", "--staff", "zoe"});
    const std::string x = run({"shift", "report", "--counted", "113.00"});
    CHECK(Contains(x, "X   R E P O R T"));
    CHECK(Contains(x, "Cashier                                      zoe\n"));
    CHECK(Contains(x, "Expected in drawer                       £113.00\n"));
    CHECK(Contains(x, "Variance                                   £0.00\n"));
    const std::string z = run({"shift", "close", "--counted", "112.90", "--staff", "zoe"});
    CHECK(Contains(z, "shift closed: counted £112.90, short by £0.10\n"));
    CHECK(Contains(z, "Z   R E P O R T"));
    CHECK(Contains(z, "Variance (short)                          -£0.10\n"));
    auto none = testing::RunProgram(pos, {"shift", "report", "--db", db});
    CHECK(none.code == 1);
    CHECK(Contains(none.err, "no shift is open on this till"));
}
