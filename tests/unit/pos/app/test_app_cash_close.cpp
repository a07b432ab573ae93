// Closing the shift without a window: the drawer counted by denomination, the close within the
// store's variance limit at once, beyond it only with a manager's PIN (a cashier's refused,
// cancelling journals nothing), the blind close that hides what the drawer should hold until the
// count is in, and the Z report sent with the ledger's figures.
#include <doctest/doctest.h>

#include "cash_till.hpp"
#include "tillbook/store/catalogue_store.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::AppTill;
using testing::CountNotes;
using testing::Figure;

namespace {

// £111.45 in the drawer's notes and coins, less `short_by_pounds` pounds coins.
void CountDrawer(AppTill& till, int short_by_pounds = 0) {
    CountNotes(till, "£50", "2");
    CountNotes(till, "£10", "1");
    CountNotes(till, "£1", std::to_string(1 - std::min(short_by_pounds, 1)));
    CountNotes(till, "20p", "2");
    CountNotes(till, "5p", "1");
    if (short_by_pounds > 1) CountNotes(till, "£10", "0");  // £10 short more
}

void ToTheCount(AppTill& till) {
    till.Do(OpenCash{});
    REQUIRE(till.View().screen == Screen::kCash);
    till.Do(StartCashUp{});
    REQUIRE(till.View().cash.page == CashPage::kCount);
}

}  // namespace

TEST_CASE("the count lists the currency's notes and coins and totals them as they are counted") {
    AppTill till("app-cash-count");
    testing::ShiftWithSales(till);
    ToTheCount(till);
    const CashCountView& count = till.View().cash.count;
    std::vector<std::string> labels;
    for (const auto& row : count.rows)
        labels.push_back(row.label);
    CHECK(labels == std::vector<std::string>{"£50", "£20", "£10", "£5", "£2", "£1", "50p", "20p",
                                             "10p", "5p", "2p", "1p"});
    CHECK(count.total_text == "£0.00");
    CountNotes(till, "£20", "3");
    CountNotes(till, "2p", "7");
    CHECK(count.rows[1].total_text == "£60.00");
    CHECK(count.rows[10].total_text == "£0.14");
    CHECK(count.total_text == "£60.14");
    CountNotes(till, "£20", "three");
    CHECK(count.message == "Type how many £20 there are, like 3");
    CHECK(count.total_text == "£60.14");  // the bad count changed nothing
    CountNotes(till, "£20", "");
    CHECK(count.message.empty());
    CHECK(count.total_text == "£0.14");
    // Not blind: what the drawer should hold and the variance as the count goes.
    CHECK(Figure(till, "Expected in drawer") == "£111.45");
    CHECK(Figure(till, "Counted") == "£0.14");
    CHECK(Figure(till, "Variance") == "Short £111.31");
}

TEST_CASE("a count within the variance limit closes the shift and prints the Z report") {
    AppTill till("app-cash-close-exact");
    testing::ShiftWithSales(till);
    ToTheCount(till);
    CountDrawer(till);
    CHECK(Figure(till, "Variance") == "Exact");
    till.Do(FinishCount{});
    CHECK_FALSE(till.View().approval.open);
    REQUIRE(till.View().cash.page == CashPage::kClosed);
    CHECK(till.View().cash.message == "Shift closed, Exact");
    const auto closes = testing::EventsOf<ledger::ShiftClosed>(till.till.db);
    REQUIRE(closes.size() == 1);
    CHECK(closes[0].first.actor == "staff-zoe");
    CHECK(closes[0].first.approver.empty());
    CHECK(closes[0].second.counted.Minor() == 11145);

    const auto shift = testing::LastClosedShift(till);
    REQUIRE(till.devices.cash_ups.size() == 1);
    const drivers::CashUpReport& z = till.devices.cash_ups[0].report;
    CHECK(till.devices.cash_ups[0].label.starts_with("Z report "));
    CHECK(z.kind == drivers::CashUpKind::kZ);
    CHECK(z.expected == shift.expected);
    CHECK(z.counted == shift.counted);
    CHECK(z.cash_sales == shift.cash_sales);
    CHECK(z.opening_float == shift.opening_float);
    CHECK(z.variance_approved_by.empty());
    REQUIRE(z.counted_by_denomination.size() == 5);
    CHECK(z.counted_by_denomination[0].label == "£50");
    CHECK(z.counted_by_denomination[0].count == 2);
    CHECK(z.counted_by_denomination[0].amount.Minor() == 10000);
    CHECK(Figure(till, "Counted") == "£111.45");
    CHECK(Figure(till, "Expected in drawer") == "£111.45");
    CHECK(till.View().cash.print_text == "Z report printing");

    // Sign out: the till locks, and whoever signs in next opens a new shift.
    till.Do(FinishCashUp{});
    CHECK(till.View().screen == Screen::kSignIn);
    till.Pin("2222");
    CHECK(till.View().screen == Screen::kOpenShift);
}

TEST_CASE("a variance within the limit, over or short, needs no manager") {
    AppTill till("app-cash-close-over");
    testing::ShiftWithSales(till);
    ToTheCount(till);
    CountDrawer(till, 1);  // £1 short
    CHECK(Figure(till, "Variance") == "Short £1.00");
    till.Do(FinishCount{});
    CHECK_FALSE(till.View().approval.open);
    CHECK(till.View().cash.page == CashPage::kClosed);
    CHECK(till.View().cash.message == "Shift closed, Short £1.00");
}

TEST_CASE(
    "beyond the variance limit the close waits for a manager: a cashier's PIN is refused, "
    "cancelling journals nothing, the manager's closes it") {
    AppTill till("app-cash-close-manager");
    testing::ShiftWithSales(till);
    ToTheCount(till);
    CountDrawer(till, 11);  // £11.00 short
    CHECK(Figure(till, "Variance") == "Short £11.00");
    till.Do(FinishCount{});
    REQUIRE(till.View().approval.open);
    CHECK(till.View().approval.what == "Close the shift Short £11.00");
    CHECK(till.View().approval.why == "A variance above £5.00 needs a manager");
    till.Do(LeaveCash{});  // nothing else acts while the prompt is open
    CHECK(till.View().screen == Screen::kCash);
    testing::ApprovalPin(till, "2222");
    CHECK(till.View().approval.message == "Not a manager's PIN");
    CHECK(testing::EventsOf<ledger::ShiftClosed>(till.till.db).empty());
    till.Do(CancelApproval{});
    CHECK(testing::EventsOf<ledger::ShiftClosed>(till.till.db).empty());
    CHECK(till.View().cash.page == CashPage::kCount);
    CHECK(till.View().cash.message == "Short £11.00: the close waits for a manager's approval");
    CHECK(till.devices.cash_ups.empty());

    till.Do(StartCashUp{});  // not on the drawer page: ignored, the count stays
    CHECK(Figure(till, "Counted") == "£100.45");
    till.Do(FinishCount{});
    REQUIRE(till.View().approval.open);
    testing::ApprovalPin(till, "2468");
    CHECK_FALSE(till.View().approval.open);
    REQUIRE(till.View().cash.page == CashPage::kClosed);
    CHECK(till.View().cash.message == "Shift closed, Short £11.00, approved by Tom Hughes");
    const auto closes = testing::EventsOf<ledger::ShiftClosed>(till.till.db);
    REQUIRE(closes.size() == 1);
    CHECK(closes[0].first.actor == "staff-zoe");
    CHECK(closes[0].first.approver == "staff-tom");
    CHECK(closes[0].second.counted.Minor() == 10045);
    REQUIRE(till.devices.cash_ups.size() == 1);
    CHECK(till.devices.cash_ups[0].report.variance_approved_by == "Tom Hughes");
}

TEST_CASE("a manager signed in closes beyond the limit without a second PIN") {
    AppTill till("app-cash-close-own");
    testing::ShiftWithSales(till, "2468");
    ToTheCount(till);
    CountDrawer(till, 11);
    till.Do(FinishCount{});
    CHECK_FALSE(till.View().approval.open);
    CHECK(till.View().cash.page == CashPage::kClosed);
    const auto closes = testing::EventsOf<ledger::ShiftClosed>(till.till.db);
    REQUIRE(closes.size() == 1);
    CHECK(closes[0].first.actor == "staff-tom");
    CHECK(closes[0].first.approver.empty());  // a manager approves their own: no second id
}

TEST_CASE(
    "a blind close hides what the drawer should hold until the count is in, then keeps the "
    "count as it was") {
    AppTill till("app-cash-blind");
    REQUIRE(store::PutSetting(till.till.db, "till.blind_close", "true"));
    REQUIRE(store::PutSetting(till.till.db, "till.cash_variance_limit", "0.50"));
    testing::ShiftWithSales(till);
    till.Do(OpenCash{});
    CHECK(Figure(till, "Expected in drawer").empty());  // not on the X reading either
    CHECK(till.View().cash.close_hint ==
          "Blind close: what the drawer should hold shows once the count is in");
    CHECK(Figure(till, "Cash sales") == "£11.45");
    // Nor on paper: a cashier's X report waits for a manager.
    till.Do(PrintXReport{});
    REQUIRE(till.View().approval.open);
    CHECK(till.View().approval.what == "Print an X report");
    till.Do(CancelApproval{});
    CHECK(till.devices.cash_ups.empty());
    till.Do(StartCashUp{});
    CHECK(till.View().cash.blind);
    CountDrawer(till, 1);
    CHECK(Figure(till, "Counted") == "£110.45");
    CHECK(Figure(till, "Expected in drawer").empty());
    CHECK(Figure(till, "Variance").empty());
    CHECK(till.View().cash.close_hint ==
          "Counted blind: what the drawer should hold shows once the count is in");

    till.Do(FinishCount{});  // £1.00 short: beyond the 50p limit
    REQUIRE(till.View().approval.open);
    CHECK(till.View().approval.why == "A variance above £0.50 needs a manager");
    till.Do(CancelApproval{});
    CHECK(testing::EventsOf<ledger::ShiftClosed>(till.till.db).empty());
    CHECK(till.View().cash.count_locked);
    CHECK(Figure(till, "Expected in drawer") == "£111.45");
    CHECK(Figure(till, "Variance") == "Short £1.00");
    // The count is in: it no longer changes, not even after going back to the drawer.
    CountNotes(till, "£1", "1");
    CHECK(Figure(till, "Counted") == "£110.45");
    till.Do(OpenCash{});
    CHECK(till.View().cash.page == CashPage::kDrawer);
    till.Do(StartCashUp{});
    CHECK(till.View().cash.count_locked);
    CHECK(Figure(till, "Counted") == "£110.45");

    till.Do(FinishCount{});
    testing::ApprovalPin(till, "2468");
    REQUIRE(till.View().cash.page == CashPage::kClosed);
    const auto closes = testing::EventsOf<ledger::ShiftClosed>(till.till.db);
    REQUIRE(closes.size() == 1);
    CHECK(closes[0].first.approver == "staff-tom");
    CHECK(closes[0].second.counted.Minor() == 11045);
}

TEST_CASE("the float is counted by denomination and its total opens the shift") {
    AppTill till("app-cash-float");
    till.Pin("1111");
    REQUIRE(till.View().screen == Screen::kOpenShift);
    const OpenShiftView& prompt = till.View().open_shift;
    REQUIRE(prompt.count.rows.size() == 12);
    const auto generation = prompt.amount_generation;
    CountNotes(till, "£20", "4");
    CountNotes(till, "£5", "3");
    CountNotes(till, "50p", "10");
    CHECK(prompt.count.total_text == "£100.00");
    CHECK(prompt.amount_generation == generation + 3);
    CHECK(prompt.amount_prefill == "100.00");
    till.Do(pos::app::OpenShift{prompt.amount_prefill});
    REQUIRE(till.View().screen == Screen::kSale);
    const auto opened = testing::EventsOf<ledger::ShiftOpened>(till.till.db);
    REQUIRE(opened.size() == 1);
    CHECK(opened[0].second.opening_float.Minor() == 10000);
}

TEST_CASE("a shop in euros counts its float in euro notes and coins") {
    AppTill till("app-cash-float-eur");
    REQUIRE(store::PutSetting(till.till.db, "shop.currency", "EUR"));
    SyncReport pulled;
    pulled.online = true;
    pulled.reference_data_changed = true;  // as a pull that brought the setting
    till.Post(pulled);
    till.WaitForCatalogue();
    till.Pin("1111");
    REQUIRE(till.View().screen == Screen::kOpenShift);
    std::vector<std::string> labels;
    for (const auto& row : till.View().open_shift.count.rows)
        labels.push_back(row.label);
    CHECK(labels == std::vector<std::string>{"€200", "€100", "€50", "€20", "€10", "€5", "€2", "€1",
                                             "50c", "20c", "10c", "5c", "2c", "1c"});
    CountNotes(till, "€50", "2");
    CountNotes(till, "10c", "3");
    CHECK(till.View().open_shift.count.total_text == "€100.30");
    CHECK(till.View().open_shift.amount_prefill == "100.30");
}

TEST_CASE("going back to the drawer from a count that is not blind starts the next count afresh") {
    AppTill till("app-cash-recount");
    testing::ShiftWithSales(till);
    ToTheCount(till);
    CountNotes(till, "£20", "3");
    CHECK(till.View().cash.count.total_text == "£60.00");
    till.Do(OpenCash{});  // "Back to drawer"
    REQUIRE(till.View().cash.page == CashPage::kDrawer);
    CHECK(testing::EventsOf<ledger::ShiftClosed>(till.till.db).empty());
    till.Do(StartCashUp{});
    CHECK(till.View().cash.count.total_text == "£0.00");
    CHECK_FALSE(till.View().cash.count_locked);
}
