// The drawer's screen without a window: the X reading against the ledger's summary of the shift,
// paid in and out with their rules, the X report sent to the printer, "No sale" behind a manager's
// approval (a DrawerOpened journalled before the drawer opens), and the drawer left open in the
// status bar.
#include <doctest/doctest.h>

#include "cash_till.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::AppTill;
using testing::Figure;

namespace {

std::string Pounds(const money::Money& amount) {
    const std::string digits = money::FormatMoney(amount);
    return amount.IsNegative() ? "-£" + digits.substr(1) : "£" + digits;
}

}  // namespace

TEST_CASE("the drawer's X reading shows the ledger's figures for the open shift") {
    AppTill till("app-cash-x");
    testing::ShiftWithSales(till);
    CHECK(till.View().status_bar.can_open_cash);
    till.Do(OpenCash{});
    REQUIRE(till.View().screen == Screen::kCash);
    CHECK(till.View().cash.page == CashPage::kDrawer);
    const auto shift = testing::OpenShiftNow(till);
    REQUIRE(shift);
    CHECK(shift->expected.Minor() == 11145);
    CHECK(Figure(till, "Opening float") == Pounds(shift->opening_float));
    CHECK(Figure(till, "Cash sales") == Pounds(shift->cash_sales));
    CHECK(Figure(till, "Cash refunds") == Pounds(shift->cash_refunds));
    CHECK(Figure(till, "Paid in") == Pounds(shift->paid_in));
    CHECK(Figure(till, "Paid out") == Pounds(shift->paid_out));
    CHECK(Figure(till, "Expected in drawer") == "£111.45");
    CHECK(Figure(till, "Card sales") == "£6.50");
    CHECK(Figure(till, "Number of sales") == "2");
    CHECK(till.View().cash.title.ends_with("by Zoë Clarke"));

    till.Do(LeaveCash{});
    CHECK(till.View().screen == Screen::kSale);
}

TEST_CASE("the drawer opens only from the sale screen with an empty cart") {
    AppTill till("app-cash-only-empty");
    till.SignInAndOpenShift();
    till.Do(ScanCode{"5060123450019"});
    CHECK_FALSE(till.View().status_bar.can_open_cash);
    till.Do(OpenCash{});
    CHECK(till.View().screen == Screen::kSale);
    till.Do(ClearSale{});
    CHECK(till.View().status_bar.can_open_cash);
}

TEST_CASE("paid in and out need an amount and a reason, and go into the journal with the actor") {
    AppTill till("app-cash-moves");
    testing::ShiftWithSales(till);
    till.Do(OpenCash{});
    const CashView& cash = till.View().cash;
    const auto generation = cash.entry_generation;

    till.Do(MoveCash{CashMovement::kPaidIn, "20.00", "  "});
    CHECK(cash.message == "Say why the money was paid in, like \"change from the bank\"");
    CHECK(cash.message_is_problem);
    till.Do(MoveCash{CashMovement::kPaidOut, "abc", "window cleaner"});
    CHECK(cash.message == "Type the amount paid out, like 10.00");
    till.Do(MoveCash{CashMovement::kPaidIn, "0.00", "nothing"});
    CHECK(cash.message == "Type the amount paid in, like 10.00");
    // Out of the drawer: never more than it should hold.
    till.Do(MoveCash{CashMovement::kPaidOut, "111.46", "window cleaner"});
    CHECK(cash.message == "The drawer should hold £111.45: £111.46 cannot be paid out of it");
    CHECK(testing::EventsOf<ledger::CashMoved>(till.till.db).empty());
    CHECK(cash.entry_generation == generation);
    CHECK(till.devices.calls == std::vector<std::string>{"kick", "print", "print"});

    till.Do(MoveCash{CashMovement::kPaidIn, "20.00", "change from the bank"});
    CHECK(cash.message == "Paid in £20.00: change from the bank");
    CHECK_FALSE(cash.message_is_problem);
    CHECK(cash.entry_generation == generation + 1);  // the fields empty for the next one
    till.Do(MoveCash{CashMovement::kPaidOut, "12.50", " window cleaner "});
    CHECK(cash.message == "Paid out £12.50: window cleaner");
    CHECK(Figure(till, "Paid in") == "£20.00");
    CHECK(Figure(till, "Paid out") == "£12.50");
    CHECK(Figure(till, "Expected in drawer") == "£118.95");

    const auto moves = testing::EventsOf<ledger::CashMoved>(till.till.db);
    REQUIRE(moves.size() == 2);
    CHECK(moves[0].first.actor == "staff-zoe");
    CHECK(moves[0].second.kind == ledger::CashMovementKind::kPaidIn);
    CHECK(moves[0].second.amount.Minor() == 2000);
    CHECK(moves[0].second.reason == "change from the bank");
    CHECK(moves[1].second.kind == ledger::CashMovementKind::kPaidOut);
    CHECK(moves[1].second.amount.Minor() == 1250);
    CHECK(moves[1].second.reason == "window cleaner");
    // The drawer opened for each, after it was journalled; the office is told.
    CHECK(till.devices.calls == std::vector<std::string>{"kick", "print", "print", "kick", "kick"});
    CHECK(till.sync.nudges == 4);
}

TEST_CASE("the X report goes to the printer with the ledger's figures and the screen follows it") {
    AppTill till("app-cash-print-x");
    testing::ShiftWithSales(till);
    till.Do(OpenCash{});
    till.Do(MoveCash{CashMovement::kPaidOut, "5.00", "milk"});
    till.Do(PrintXReport{});
    REQUIRE(till.devices.cash_ups.size() == 1);
    const CashUpRequest& sent = till.devices.cash_ups[0];
    const auto shift = testing::OpenShiftNow(till);
    REQUIRE(shift);
    CHECK(sent.label.starts_with("X report "));
    CHECK(sent.report.kind == drivers::CashUpKind::kX);
    CHECK(sent.report.opening_float == shift->opening_float);
    CHECK(sent.report.cash_sales == shift->cash_sales);
    CHECK(sent.report.paid_out == shift->paid_out);
    CHECK(sent.report.expected == shift->expected);
    CHECK(sent.report.expected.Minor() == 10645);
    CHECK(sent.report.card_sales == shift->card_sales);
    CHECK(sent.report.sales == 2);
    CHECK(sent.report.cashier == "Zoë Clarke");
    CHECK_FALSE(sent.report.counted);
    CHECK(till.View().cash.print_text == "X report printing");

    till.Post(PrintJobReport{7, sent.label, false, "out of paper", std::nullopt});
    CHECK(till.View().cash.print_text == "X report failed: out of paper (reprint it from Status)");
    CHECK(till.View().status_bar.reprints_waiting == 1);
    till.Post(PrintJobReport{8, sent.label, true, "", 7});
    CHECK(till.View().cash.print_text == "X report printed");
    CHECK(till.View().status_bar.reprints_waiting == 0);
    // A report is a document, not an event: nothing more in the journal.
    CHECK(testing::EventsOf<ledger::CashMoved>(till.till.db).size() == 1);
}

TEST_CASE(
    "No sale opens a cashier's drawer only after a manager's PIN, journalled first with both staff "
    "ids, and moves no money") {
    AppTill till("app-cash-no-sale");
    testing::ShiftWithSales(till);
    till.Do(OpenCash{});
    const auto calls = till.devices.calls.size();
    const auto events = till.Count("SELECT count(*) FROM ledger");

    till.Do(NoSale{});
    REQUIRE(till.View().approval.open);
    CHECK(till.View().approval.what == "Open the drawer with no sale");
    CHECK(till.devices.calls.size() == calls);
    testing::ApprovalPin(till, "2222");  // Jakub: a cashier
    CHECK(till.View().approval.open);
    CHECK(till.View().approval.message == "Not a manager's PIN");
    CHECK(till.devices.calls.size() == calls);
    till.Do(CancelApproval{});
    CHECK_FALSE(till.View().approval.open);
    CHECK(till.devices.calls.size() == calls);

    till.Do(NoSale{});
    testing::ApprovalPin(till, "2468");  // Tom: a manager
    CHECK_FALSE(till.View().approval.open);
    REQUIRE(till.devices.calls.size() == calls + 1);
    CHECK(till.devices.calls.back() == "kick");
    CHECK(till.View().cash.message == "Drawer opened, no sale, approved by Tom Hughes");
    CHECK(till.Count("SELECT count(*) FROM ledger") == events + 1);
    const auto opened = testing::EventsOf<ledger::DrawerOpened>(till.till.db);
    REQUIRE(opened.size() == 1);
    CHECK(opened[0].first.actor == "staff-zoe");
    CHECK(opened[0].first.approver == "staff-tom");
    CHECK(opened[0].second.reason == "No sale");
    const auto shift = testing::OpenShiftNow(till);
    REQUIRE(shift);
    CHECK(opened[0].second.shift_id == shift->shift_id);
    CHECK(shift->no_sales == 1);
    CHECK(shift->expected.Minor() == 11145);  // nothing moved
    CHECK(Figure(till, "No sales") == "1");
}

TEST_CASE("a manager signed in opens the drawer with no sale without a second PIN") {
    AppTill till("app-cash-no-sale-manager");
    testing::ShiftWithSales(till, "2468");
    till.Do(OpenCash{});
    till.Do(NoSale{});
    CHECK_FALSE(till.View().approval.open);
    CHECK(till.devices.calls.back() == "kick");
    CHECK(till.View().cash.message == "Drawer opened, no sale");
    const auto opened = testing::EventsOf<ledger::DrawerOpened>(till.till.db);
    REQUIRE(opened.size() == 1);
    CHECK(opened[0].first.actor == "staff-tom");
    CHECK(opened[0].first.approver.empty());
}

TEST_CASE("a no sale that cannot be journalled leaves the drawer shut and says why") {
    AppTill till("app-cash-no-sale-unrecorded");
    testing::ShiftWithSales(till, "2468");
    till.Do(OpenCash{});
    const auto calls = till.devices.calls.size();
    // The shift is closed behind the drawer's screen (as by another session of the till).
    auto journal = till.till.Journal();
    REQUIRE(journal.CloseShift(money::Money(11145, money::Currency{"GBP", 2}), "staff-tom"));
    till.Do(NoSale{});
    CHECK(till.devices.calls.size() == calls);
    CHECK(till.View().cash.message_is_problem);
    CHECK(till.View().cash.message.starts_with("The drawer stays shut"));
    CHECK(testing::EventsOf<ledger::DrawerOpened>(till.till.db).empty());
}

TEST_CASE("a drawer left open shows in the status bar until it is shut") {
    AppTill till("app-cash-left-open");
    till.SignInAndOpenShift();
    till.Post(PrinterReport{true, "Printer ready", true});
    CHECK(till.View().status_bar.drawer_text == "Drawer left open");
    CHECK(till.View().status_bar.printer_text == "Printer ready");
    till.Post(PrinterReport{true, "Printer ready", false});
    CHECK(till.View().status_bar.drawer_text.empty());
}
