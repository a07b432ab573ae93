// Cash management in the real tillbook-pos window against the real tillbook-office: a shift opened
// with its float counted note by note, a cash sale, cash paid in and out, a no sale approved by
// the manager's PIN (a DrawerOpened with both staff ids, counted on the reports), the X report
// printed, then a blind close (the store's setting) £10 short, beyond the £5.00 limit: refused with
// a cashier's PIN, closed with the manager's. The office then holds every event with its actor and
// the ShiftClosed with its approver (the X report, which shows what the drawer should hold, is
// printed by the manager too: the close is blind), both databases verify, and the X and Z reports
// went to the printer (a file here) with the ledger's figures. Screenshots at 1024x768 kept as
// artefacts.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "till_under_test.hpp"
#include "tillbook/queries/shift_summary.hpp"
#include "xvfb_display.hpp"

using namespace tillbook;
using testing::CountOf;

namespace {

void PutSetting(testing::TillUnderTest& till, const std::string& key, const std::string& value) {
    httplib::Client client("127.0.0.1", till.office.port);
    client.set_bearer_token_auth(testing::StaffToken(client, "admin", "demo-admin-password"));
    const nlohmann::json body{{"value", value}};
    auto res = client.Put(("/api/v1/settings/" + key).c_str(), body.dump(), "application/json");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
}

std::string StaffId(store::Database& db, const std::string& username) {
    auto q = db.Prepare("SELECT id FROM staff WHERE username = ?");
    REQUIRE(q);
    q->Bind(1, username);
    REQUIRE(*q->Step());
    return q->Text(0);
}

// The count printed on the report line "No sales" first found after `from` ("" when none).
std::string NoSalesPrinted(const std::string& paper, std::size_t from) {
    const auto at = paper.find("No sales", from);
    if (at == std::string::npos) return "";
    const std::string line = paper.substr(at, paper.find('\n', at) - at);
    return line.substr(line.find_last_of(' ') + 1);
}

constexpr const char* kScript = R"script(# a shift from its float to its Z report, at 1024x768
login 1111
expect-text "Count it note by note"
tap "£20"
type 4
tap "£5"
type 3
tap "50p"
type 10
expect-text "£80.00"
expect-text "100.00"
screenshot float-count.png
tap "Open shift"
scan 5060123450019
scan 5060456110017
expect-text "£11.45"
tap "Pay"
tap "Cash"
type 20.00
tap "Complete sale"
expect-text "Change £8.55"
tap "New sale"
tap "Drawer"
expect-text "X reading"
tap "Amount paid"
type 20.00
tap "Reason"
type "change from the bank"
tap "Pay in"
expect-text "Paid in £20.00: change from the bank"
tap "Amount paid"
type 12.50
tap "Reason"
type "window cleaner"
tap "Pay out"
expect-text "Paid out £12.50: window cleaner"
tap "No sale"
expect-text "Opening the drawer with no sale needs a manager"
login 2468
expect-text "Drawer opened, no sale, approved by Tom Hughes"
tap "Print X report"
expect-text "With blind close the X report shows what the drawer should hold"
login 2468
expect-text "X report printed"
screenshot drawer.png
tap "Close shift"
expect-text "Count the drawer"
expect-text "Counted blind"
tap "£50"
type 2
tap "£5"
type 1
tap "£2"
type 1
tap "50p"
type 3
tap "20p"
type 2
tap "5p"
type 1
expect-text "£108.95"
screenshot count.png
tap "Finish count"
expect-text "Manager approval"
expect-text "Close the shift Short £10.00"
login 1111
expect-text "Not a manager's PIN"
screenshot approval.png
login 2468
expect-text "Shift closed, Short £10.00, approved by Tom Hughes"
expect-text "Z report printed"
screenshot z-report.png
wait-sync
tap "Sign out"
expect-text "Enter your PIN"
quit
)script";

// The next shift at 1920x1080, by the manager: the blind close hides nothing from a manager, and
// they open the drawer with no sale and approve their own variance without a second PIN.
constexpr const char* kManagerScript = R"script(# a manager's shift at 1920x1080
login 2468
expect-text "Count it note by note"
tap "£10"
type 10
expect-text "£100.00"
tap "Open shift"
tap "Drawer"
expect-text "Expected in drawer"
tap "No sale"
expect-text "Drawer opened, no sale"
screenshot drawer-manager.png
tap "Close shift"
tap "£50"
type 1
expect-text "Short £50.00"
screenshot count-manager.png
tap "Finish count"
expect-text "Shift closed, Short £50.00"
expect-text "Z report printed"
screenshot z-report-manager.png
wait-sync
tap "Sign out"
quit
)script";

}  // namespace

TEST_CASE(
    "a shift is opened, paid in and out, closed blind beyond the variance limit with a "
    "manager's PIN, and its X and Z reports print the ledger's figures") {
    testing::TillUnderTest till("till-cash-up");
    PutSetting(till, "store.S01.blind_close", "true");  // this store's own: it wins
    PutSetting(till, "till.cash_variance_limit", "5.00");
    till.Pair();
    {
        auto till_db = testing::ReadDatabase(till.till_db);
        auto blind = store::GetSetting(till_db, "till.blind_close");
        REQUIRE((blind && *blind && **blind == "true"));
    }
    const std::string printed = till.till_dir.File("printer.escpos");
    const std::string devices = till.till_dir.File("devices.json");
    std::ofstream(devices) << R"({"printer": {"uri": "file:)" << printed
                           << R"(", "profile": "epson-tm-t20"}})";
    testing::XvfbDisplay display;
    const auto shots = testing::TillArtefacts("cash-up-1024x768");
    const std::string script_file = till.till_dir.File("cash-up.script");
    std::ofstream(script_file) << kScript;
    const auto run = testing::RunProgram(
        TILLBOOK_POS_EXE, {"--db", till.till_db, "--script", script_file, "--size", "1024x768",
                           "--devices", devices, "--screenshot-dir", shots.string()});
    INFO(run.command, "\n", run.out, run.err);
    REQUIRE(run.code == 0);
    for (const char* shot :
         {"float-count.png", "drawer.png", "count.png", "approval.png", "z-report.png"})
        CHECK_MESSAGE(std::filesystem::file_size(shots / shot) > 10'000, shot);

    auto till_db = testing::ReadDatabase(till.till_db);
    auto office_db = testing::ReadDatabase(till.office.db);
    const std::string zoe = StaffId(office_db, "zoe");
    const std::string tom = StaffId(office_db, "tom");
    // Every event of the till reached the office, with its actor; the close with its approver.
    CHECK(CountOf(till_db, "SELECT count(*) FROM ledger") ==
          CountOf(office_db, "SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1'"));
    CHECK(CountOf(office_db, "SELECT count(*) FROM ledger WHERE kind = 12 AND actor = '" + zoe +
                                 "' AND approver = ''") == 1);
    CHECK(CountOf(office_db, "SELECT count(*) FROM ledger WHERE kind = 13 AND actor = '" + zoe +
                                 "' AND approver = ''") == 2);
    CHECK(CountOf(office_db, "SELECT count(*) FROM ledger WHERE kind = 14 AND actor = '" + zoe +
                                 "' AND approver = '" + tom + "'") == 1);
    // The no sale: a DrawerOpened by the cashier, approved by the manager (issue 14, point 5).
    CHECK(CountOf(office_db, "SELECT count(*) FROM ledger WHERE kind = 20 AND actor = '" + zoe +
                                 "' AND approver = '" + tom + "'") == 1);
    auto shift = queries::LastClosedShiftSummary(office_db, "terminal:S01-T1");
    REQUIRE(shift);
    REQUIRE(*shift);
    CHECK((*shift)->opening_float.Minor() == 10000);
    CHECK((*shift)->cash_sales.Minor() == 1145);
    CHECK((*shift)->paid_in.Minor() == 2000);
    CHECK((*shift)->paid_out.Minor() == 1250);
    CHECK((*shift)->expected.Minor() == 11895);
    CHECK((*shift)->counted->Minor() == 10895);
    CHECK((*shift)->no_sales == 1);
    testing::CheckVerifies({till.till_db, till.office.db});

    // The printer got the sale's receipt, the X report and the Z report, in that order.
    const std::string paper = testing::PrintedBytes(printed);
    const auto x = paper.find("X REPORT");
    const auto z = paper.find("Z REPORT");
    REQUIRE(x != std::string::npos);
    REQUIRE(z != std::string::npos);
    CHECK(x < z);
    CHECK(paper.find("\x9c"
                     "118.95",
                     x) < z);  // expected in drawer, in CP858's £
    CHECK(paper.find("\x9c"
                     "108.95",
                     z) != std::string::npos);
    CHECK(paper.find("-\x9c"
                     "10.00",
                     z) != std::string::npos);
    CHECK(paper.find("Tom Hughes", z) != std::string::npos);
    CHECK(NoSalesPrinted(paper, x) == "1");  // on the X report
    CHECK(NoSalesPrinted(paper, z) == "1");  // and on the Z report

    // The next shift, the manager's, at the other size.
    const auto big = testing::TillArtefacts("cash-up-1920x1080");
    std::ofstream(script_file) << kManagerScript;
    const auto second = testing::RunProgram(
        TILLBOOK_POS_EXE, {"--db", till.till_db, "--script", script_file, "--size", "1920x1080",
                           "--devices", devices, "--screenshot-dir", big.string()});
    INFO(second.command, "\n", second.out, second.err);
    REQUIRE(second.code == 0);
    for (const char* shot : {"drawer-manager.png", "count-manager.png", "z-report-manager.png"})
        CHECK_MESSAGE(std::filesystem::file_size(big / shot) > 10'000, shot);
    auto office_after = testing::ReadDatabase(till.office.db);
    CHECK(CountOf(office_after, "SELECT count(*) FROM ledger WHERE kind = 14 AND actor = '" + tom +
                                    "' AND approver = ''") == 1);
    CHECK(CountOf(office_after, "SELECT count(*) FROM ledger WHERE kind = 20 AND actor = '" + tom +
                                    "' AND approver = ''") == 1);
    const auto verify =
        testing::RunProgram(TILLBOOK_OFFICE_EXE, {"verify", "--db", till.office.db});
    CHECK(verify.code == 0);
}
