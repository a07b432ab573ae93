#pragma once
// A till for the returns desk's tests: the demo shop's till with a cash sale of three lines in its
// journal (S01-T1-000001: two Earl Grey 125 g at £6.50, English breakfast tea bags at £4.95 and
// Earl Grey 250 g at £11.50; £29.45), and the desk open.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>

#include "app_till.hpp"
#include "tillbook/ledger/verify.hpp"

namespace tillbook::testing {

inline constexpr const char* kEarlGrey125 = "5060123450019";  // £6.50
inline constexpr const char* kBreakfast = "5060456110017";    // £4.95
inline constexpr const char* kEarlGrey250 = "5060123450026";  // £11.50
inline constexpr const char* kFirstSale = "S01-T1-000001";

struct ReturnsTill : AppTill {
    explicit ReturnsTill(const std::string& name, const std::string& pin = "1111") : AppTill(name) {
        SignInAndOpenShift(pin);
        Do(pos::app::ScanCode{kEarlGrey125});
        Do(pos::app::ScanCode{kEarlGrey125});
        Do(pos::app::ScanCode{kBreakfast});
        Do(pos::app::ScanCode{kEarlGrey250});
        REQUIRE(View().sale.total_text == "£29.45");
        PayCash("50.00");
        REQUIRE(View().tender.completed);
        Do(pos::app::NewSale{});
        devices.calls.clear();
        devices.receipts.clear();
        devices.refunds_when_kicked.clear();
        sync.nudges = 0;
        Online(true);
        Do(pos::app::OpenReturns{});
        REQUIRE(View().screen == pos::app::Screen::kReturns);
    }
    void Online(bool online) {
        pos::app::SyncReport report;
        report.online = online;
        Post(report);
    }
    const pos::app::ReturnsView& Desk() const { return View().returns; }
    // The line of the order on screen described as `description`.
    int LineNo(const std::string& description) const {
        for (const auto& line : Desk().lines)
            if (line.description.starts_with(description)) return line.line_no;
        FAIL("no line " << description);
        return 0;
    }
    // The till's ledger checked as `tillbook-office verify` checks it (replay included).
    void Verify() {
        auto report = ledger::VerifyDatabase(till.db, till.dir.File("scratch.db"));
        REQUIRE(report);
        INFO(fmt::format("{}", fmt::join(report->problems, "\n")));
        CHECK(report->Ok());
    }
    std::int64_t Events(int kind) {
        return Count("SELECT count(*) FROM ledger WHERE kind = " + std::to_string(kind));
    }
};

}  // namespace tillbook::testing
