#include <doctest/doctest.h>

#include "app_till.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::AppTill;

namespace {

void SellOne(AppTill& till) {
    till.Do(ScanCode{"5060123450019"});
    till.PayCash("10.00");
    REQUIRE(till.View().tender.completed);
}

}  // namespace

TEST_CASE("a receipt that fails shows why, waits in the reprint list, and reprints") {
    AppTill till("app-printer");
    till.SignInAndOpenShift();
    SellOne(till);
    CHECK(till.View().tender.receipt_text == "Receipt printing");
    till.Post(PrinterReport{false, "Printer: out of paper"});
    till.Post(PrintJobReport{7, "Receipt S01-T1-000001", false, "out of paper", std::nullopt});
    const TillView& view = till.View();
    CHECK(view.tender.receipt_text == "Receipt failed: out of paper");
    CHECK(view.status_bar.printer_text == "Printer: out of paper");
    CHECK_FALSE(view.status_bar.printer_ok);
    CHECK(view.status_bar.reprints_waiting == 1);
    REQUIRE(view.status.reprints.size() == 1);
    CHECK(view.status.reprints[0].job_id == 7);
    CHECK(view.status.reprints[0].label == "Receipt S01-T1-000001");
    CHECK(view.status.reprints[0].problem == "out of paper");
    // The sale is complete whatever the printer did.
    CHECK(view.tender.completed);
    CHECK(till.Count("SELECT count(*) FROM orders") == 1);

    // Paper back: "reprint last" is one tap, and the list empties when it has printed.
    till.Post(PrinterReport{true, "Printer ready"});
    REQUIRE(view.can_reprint_last);
    till.Do(ReprintLast{});
    CHECK(till.devices.calls.back() == "reprint 7");
    CHECK(view.tender.receipt_text == "Receipt printing");
    till.Post(PrintJobReport{8, "Receipt S01-T1-000001", true, "", 7});
    CHECK(view.tender.receipt_text == "Receipt printed");
    CHECK(view.status_bar.reprints_waiting == 0);
    CHECK(view.status.reprints.empty());

    // Reprint last of a receipt that printed is a COPY.
    till.Do(ReprintLast{});
    REQUIRE(till.devices.receipts.size() == 2);
    CHECK(till.devices.receipts[1].copy);
    CHECK(till.devices.receipts[1].order.number == "S01-T1-000001");
}

TEST_CASE("a failed receipt of an earlier sale is reprinted from the status screen") {
    AppTill till("app-reprint-list");
    till.SignInAndOpenShift();
    SellOne(till);
    till.Post(PrintJobReport{3, "Receipt S01-T1-000001", false, "cover open", std::nullopt});
    till.Do(NewSale{});
    SellOne(till);
    till.Post(PrintJobReport{4, "Receipt S01-T1-000002", true, "", std::nullopt});
    CHECK(till.View().tender.receipt_text == "Receipt printed");
    till.Do(ShowStatus{});
    REQUIRE(till.View().screen == Screen::kStatus);
    REQUIRE(till.View().status.reprints.size() == 1);
    till.Do(LockTill{});
    till.Do(ShowStatus{});
    till.Do(Reprint{3});  // a locked till reprints nothing
    CHECK(till.devices.calls.back() != "reprint 3");
    till.Do(CloseStatus{});
    till.Pin("1111");
    till.Do(ShowStatus{});
    till.Do(Reprint{3});
    CHECK(till.devices.calls.back() == "reprint 3");
    till.Do(CloseStatus{});
    CHECK(till.View().screen == Screen::kTender);
}

TEST_CASE("an event the office rejected is shown on the status screen with its reason") {
    AppTill till("app-rejected");
    till.SignInAndOpenShift();
    SellOne(till);
    // The sync worker recorded the office's answer for the sale.
    auto q = till.till.db.Prepare(
        "INSERT INTO push_answers (event_id, outcome, office_seq, code, reason, answered_at) "
        "SELECT event_id, 2, NULL, 'invariant_violated', 'shift is not open at the office', 0 "
        "FROM ledger WHERE kind = 1");
    REQUIRE(q);
    REQUIRE(q->Run());
    SyncReport answered;
    answered.online = true;
    answered.unsent = 2;
    answered.rejected = 1;
    till.Post(answered);
    CHECK(till.View().status_bar.rejected == 1);
    till.Do(ShowStatus{});
    REQUIRE(till.View().screen == Screen::kStatus);
    const StatusView& status = till.View().status;
    REQUIRE(status.rejected.size() == 1);
    CHECK(status.rejected[0].what == "Sale S01-T1-000001");
    CHECK(status.rejected[0].reason == "shift is not open at the office");
    CHECK(status.catalogue_text == "234 products");
    till.Do(CloseStatus{});
    CHECK(till.View().screen == Screen::kTender);
}

TEST_CASE("the status bar tells the truth about the office and the unsent events") {
    AppTill till("app-status-bar");
    const ids::UtcMillis now = till.till.clock.Now();
    CHECK(till.View().status_bar.office_text == "Connecting to the office");
    SyncReport offline;
    offline.offline_since = now - 5 * 60'000;
    offline.next_try_at = now + 8'000;
    offline.problem = "connection refused";
    offline.unsent = 3;
    offline.oldest_unsent_at = now - 2 * 60'000;
    till.Post(offline);
    const StatusBarView& bar = till.View().status_bar;
    CHECK_FALSE(bar.online);
    // 2025-11-22 08:26:40 UTC, less 5 minutes, in London (GMT in November).
    CHECK(bar.office_text == "Offline since 08:21 (retrying in 8 s)");
    CHECK(bar.unsent == 3);
    CHECK(bar.unsent_text == "3 unsent, oldest 2 min");
    till.till.clock.Advance(3'000);
    till.app->Tick(till.till.clock.Now());
    CHECK(bar.office_text == "Offline since 08:21 (retrying in 5 s)");
    SyncReport online;
    online.online = true;
    till.Post(online);
    CHECK(bar.online);
    CHECK(bar.office_text == "Online");
    CHECK(bar.unsent_text == "All sent");
}
