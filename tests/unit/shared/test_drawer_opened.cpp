// A no-sale (DrawerOpened, issue 14 point 5): the drawer of a till's open shift opened with no
// money moving. The ledger takes it only in an open shift of the till that names it, counts it on
// the shift (what the X and Z reports print), keeps the cashier and the approving manager, and
// replay rebuilds the count.
#include <doctest/doctest.h>

#include <optional>

#include "ledger_fixture.hpp"
#include "tillbook/ledger/verify.hpp"
#include "tillbook/queries/shift_summary.hpp"
#include "tillbook/services/cash_shifts.hpp"

using namespace tillbook;
using testing::Gbp;
using testing::LedgerFixture;

namespace {

constexpr const char* kT1 = "terminal:S01-T1";
constexpr const char* kT2 = "terminal:S01-T2";

std::string OpenShift(LedgerFixture& f, const std::string& till) {
    const std::string shift = f.ids.NextString();
    REQUIRE(f.Append(ledger::ShiftOpened{shift, "loc-s01", till, Gbp(10000)}, till));
    return shift;
}

// A cashier's no-sale at `till`, approved by a manager.
Result<ledger::Appended> NoSale(LedgerFixture& f, const std::string& shift, const std::string& till,
                                const std::string& reason = "No sale") {
    ledger::Event event = f.Make(ledger::DrawerOpened{shift, till, reason, ""}, till);
    event.actor = "staff-zoe";
    event.approver = "staff-tom";
    return f.ledger.Append(event);
}

std::int64_t NoSalesOf(LedgerFixture& f, const std::string& shift) {
    return f.Scalar("SELECT no_sales FROM shifts WHERE id = '" + shift + "'");
}

bool Verifies(LedgerFixture& f) {
    auto report = ledger::VerifyDatabase(f.db, f.path.string() + ".scratch");
    REQUIRE(report);
    for (const auto& problem : report->problems)
        MESSAGE(problem);
    return report->Ok();
}

}  // namespace

TEST_CASE("a no sale is counted on its shift with both staff ids, and moves no money") {
    LedgerFixture f;
    const std::string shift = OpenShift(f, kT1);
    const std::string other = OpenShift(f, kT2);
    REQUIRE(NoSale(f, shift, kT1));
    REQUIRE(NoSale(f, shift, kT1));
    CHECK(NoSalesOf(f, shift) == 2);
    CHECK(NoSalesOf(f, other) == 0);
    CHECK(f.Scalar("SELECT expected_cash_minor FROM shifts WHERE id = '" + shift + "'") == 10000);
    CHECK(f.Scalar("SELECT count(*) FROM cash_movements") == 0);
    CHECK(f.Scalar("SELECT count(*) FROM ledger WHERE kind = 20 AND actor = 'staff-zoe' AND "
                   "approver = 'staff-tom'") == 2);
    CHECK(static_cast<int>(ledger::EventKind::kDrawerOpened) == 20);
    CHECK(ledger::ToString(ledger::EventKind::kDrawerOpened) == "DrawerOpened");
}

TEST_CASE(
    "a no sale is refused with no shift, in another till's shift, after the close, or "
    "without a reason, and changes nothing") {
    LedgerFixture f;
    const std::string shift = OpenShift(f, kT1);
    const std::string t2_shift = OpenShift(f, kT2);
    const auto refused = [&](const Result<ledger::Appended>& result, ErrorCode code,
                             const std::string& words) {
        REQUIRE_FALSE(result.has_value());
        INFO(result.error().message);
        CHECK(result.error().code == code);
        CHECK(result.error().message.find(words) != std::string::npos);
    };
    refused(NoSale(f, "no-such-shift", kT1), ErrorCode::kNotFound, "does not exist");
    refused(NoSale(f, "", kT1), ErrorCode::kInvalidInput, "names its till");
    refused(NoSale(f, t2_shift, kT1), ErrorCode::kInvariantViolated,
            "is the drawer of terminal:S01-T2, not of terminal:S01-T1");
    refused(NoSale(f, shift, kT1, ""), ErrorCode::kInvalidInput, "says why");
    REQUIRE(f.Append(ledger::ShiftClosed{shift, Gbp(10000)}, kT1));
    refused(NoSale(f, shift, kT1), ErrorCode::kInvariantViolated, "is closed");
    CHECK(f.Scalar("SELECT count(*) FROM ledger WHERE kind = 20") == 0);
    CHECK(f.Scalar("SELECT sum(no_sales) FROM shifts") == 0);
}

TEST_CASE("the shift summary counts the no sales of an open and of a closed shift") {
    LedgerFixture f;
    const std::string shift = OpenShift(f, kT1);
    REQUIRE(NoSale(f, shift, kT1));
    auto open = queries::OpenShiftSummary(f.db, kT1);
    REQUIRE(open);
    REQUIRE(*open);
    CHECK((*open)->no_sales == 1);
    REQUIRE(NoSale(f, shift, kT1));
    REQUIRE(NoSale(f, shift, kT1));
    REQUIRE(f.Append(ledger::ShiftClosed{shift, Gbp(10000)}, kT1));
    auto closed = queries::LastClosedShiftSummary(f.db, kT1);
    REQUIRE(closed);
    REQUIRE(*closed);
    CHECK((*closed)->no_sales == 3);
    CHECK((*closed)->sales == 0);
    // The next shift starts at none.
    OpenShift(f, kT1);
    auto next = queries::OpenShiftSummary(f.db, kT1);
    REQUIRE(next);
    REQUIRE(*next);
    CHECK((*next)->no_sales == 0);
}

TEST_CASE("replay rebuilds the no sales of each shift, and verify names a tampered count") {
    LedgerFixture f;
    const std::string shift = OpenShift(f, kT1);
    REQUIRE(NoSale(f, shift, kT1));
    REQUIRE(NoSale(f, shift, kT1));
    CHECK(Verifies(f));
    REQUIRE(f.db.Exec("UPDATE shifts SET no_sales = 0"));
    auto report = ledger::VerifyDatabase(f.db, f.path.string() + ".scratch");
    REQUIRE(report);
    REQUIRE_FALSE(report->Ok());
    bool named = false;
    for (const auto& problem : report->problems)
        named = named || problem.find("shifts") != std::string::npos;
    CHECK(named);
    REQUIRE(f.ledger.RebuildProjections());
    CHECK(NoSalesOf(f, shift) == 2);
    CHECK(Verifies(f));
}

TEST_CASE("the till's use case records a no sale in its open shift, and refuses one with none") {
    LedgerFixture f;
    services::DatabaseSink sink(f.db, kT1, f.clock, f.ids);
    const ledger::Actor zoe_with_tom{"staff-zoe", "staff-tom"};
    auto none = services::RecordDrawerOpened(sink, zoe_with_tom, kT1, "No sale");
    REQUIRE_FALSE(none);
    CHECK(none.error().message == "no shift is open on this till (terminal:S01-T1)");
    auto shift = services::OpenShift(sink, "staff-zoe", {"loc-s01", kT1, Gbp(5000)});
    REQUIRE(shift);
    auto seq = services::RecordDrawerOpened(sink, zoe_with_tom, kT1, "No sale");
    REQUIRE(seq);
    std::optional<ledger::Event> recorded;
    REQUIRE(f.ledger.ForEach([&](std::int64_t at, const ledger::Event& event) -> Status {
        if (at == *seq) recorded = event;
        return {};
    }));
    REQUIRE(recorded);
    CHECK(recorded->actor == "staff-zoe");
    CHECK(recorded->approver == "staff-tom");
    CHECK(recorded->origin == kT1);
    CHECK(std::get<ledger::DrawerOpened>(recorded->payload) ==
          ledger::DrawerOpened{*shift, kT1, "No sale", ""});
    CHECK(NoSalesOf(f, *shift) == 1);
}
