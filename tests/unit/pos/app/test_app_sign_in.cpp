#include <doctest/doctest.h>

#include "app_till.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::AppTill;

TEST_CASE(
    "an unpaired till shows the pairing screen and opens the PIN pad once the office paired it") {
    testing::TempDir dir("app-pairing");
    auto db = pos::OpenTillDatabase(dir.File("till.db"));
    REQUIRE(db);
    ids::ManualClock clock(1'763'800'000'000);
    ids::UuidV7Source ids(clock, 5);
    ReportQueue reports;
    testing::RecordingDevices devices(*db);
    testing::RecordingSync sync;
    auto app =
        TillApp::Open(*db, clock, ids, reports, devices, sync, {"http://127.0.0.1:8080", "T1"});
    REQUIRE(app);
    CHECK((*app)->View().screen == Screen::kPairing);
    CHECK((*app)->View().pairing.office_url == "http://127.0.0.1:8080");

    (*app)->Apply({PairTill{"http://127.0.0.1:8080", "4821-0937-5512", "T1"}});
    REQUIRE(sync.pairs.size() == 1);
    CHECK(sync.pairs[0].code == "4821-0937-5512");
    CHECK((*app)->View().pairing.busy);

    reports.Post(PairingReport{false, "Wrong or expired code"});
    (*app)->Tick(clock.Now());
    CHECK((*app)->View().screen == Screen::kPairing);
    CHECK((*app)->View().pairing.message == "Wrong or expired code");
    CHECK_FALSE((*app)->View().pairing.busy);

    // The sync worker pairs and pulls: the till's identity and catalogue are in the database.
    (*app)->Apply({PairTill{"http://127.0.0.1:8080", "1111-2222-3333", "T1"}});
    REQUIRE(
        store::LoadDemoShop(*db, std::filesystem::path(TILLBOOK_ASSETS_DIR) / "demo", clock, ids));
    REQUIRE(pos::TillJournal::Setup(*db, "S01", "T1"));
    reports.Post(PairingReport{true, ""});
    (*app)->Tick(clock.Now());
    CHECK((*app)->View().screen == Screen::kSignIn);
    CHECK((*app)->View().status_bar.till_name == "S01-T1");
    for (int i = 0; i < 10'000 && (*app)->LoadingCatalogue(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        (*app)->Tick(clock.Now());
    }
    CHECK_FALSE((*app)->View().sale.categories.empty());
}

TEST_CASE("a cashier signs in by PIN, opens the shift, and a colleague's PIN becomes the actor") {
    AppTill till("app-sign-in");
    CHECK(till.View().screen == Screen::kSignIn);
    till.Pin("1111");
    REQUIRE(till.View().screen == Screen::kOpenShift);
    CHECK(till.View().open_shift.cashier == "Zoë Clarke");
    CHECK(till.View().status_bar.cashier == "Zoë Clarke");

    till.Do(OpenShift{"a hundred"});
    CHECK(till.View().screen == Screen::kOpenShift);
    CHECK(till.View().open_shift.message == "Type the float in pounds, like 100.00");
    till.Do(OpenShift{"100.00"});
    REQUIRE(till.View().screen == Screen::kSale);
    CHECK(till.Count("SELECT float_minor FROM shifts") == 10000);
    CHECK(till.Count("SELECT count(*) FROM ledger WHERE kind = 12 AND actor = 'staff-zoe'") == 1);

    // Locked mid-sale: the sale stays; Jakub signs in and the sale is his from then on.
    till.Do(ScanCode{"5060123450019"});
    till.Do(LockTill{});
    CHECK(till.View().screen == Screen::kSignIn);
    CHECK(till.View().status_bar.cashier.empty());
    till.Do(ScanCode{"5060456110017"});  // nothing happens behind the lock screen
    till.Pin("2222");
    REQUIRE(till.View().screen == Screen::kSale);  // the shift is open: straight back to the sale
    CHECK(till.View().status_bar.cashier == "Jakub Nowak");
    REQUIRE(till.View().sale.lines.size() == 1);
    // A PIN sent from the sale screen switches no one.
    till.app->Apply({SubmitPin{"1111"}});
    CHECK_FALSE(till.app->CheckingPin());
    till.PayCash("10.00");
    CHECK(till.View().tender.completed);
    CHECK(till.Count("SELECT count(*) FROM ledger WHERE kind = 1 AND actor = 'staff-jakub'") == 1);
}

TEST_CASE("wrong PINs slow the pad down: after three a wait that doubles, up to 60 s") {
    AppTill till("app-wrong-pin");
    till.Pin("9999");
    CHECK(till.View().sign_in.message == "Wrong PIN");
    CHECK(till.View().sign_in.wait_seconds == 0);
    till.Pin("9998");
    till.Pin("9997");
    CHECK(till.View().sign_in.wait_seconds == 5);
    CHECK(till.View().sign_in.message == "Too many tries: wait 5 s");

    // While the pad waits, even the right PIN is not checked.
    till.Do(SubmitPin{"1111"});
    CHECK_FALSE(till.app->CheckingPin());
    CHECK(till.View().screen == Screen::kSignIn);
    till.till.clock.Advance(2'000);
    till.app->Tick(till.till.clock.Now());
    CHECK(till.View().sign_in.wait_seconds == 3);

    till.till.clock.Advance(3'000);
    till.app->Tick(till.till.clock.Now());
    CHECK(till.View().sign_in.wait_seconds == 0);
    till.Pin("9996");
    CHECK(till.View().sign_in.wait_seconds == 10);
    std::int64_t expected = 10;
    for (int i = 0; i < 4; ++i) {
        till.till.clock.Advance(expected * 1000);
        till.app->Tick(till.till.clock.Now());
        till.Pin("9995");
        expected = std::min<std::int64_t>(expected * 2, 60);
        CHECK(till.View().sign_in.wait_seconds == expected);
    }
    CHECK(till.View().sign_in.wait_seconds == 60);

    till.till.clock.Advance(60'000);
    till.app->Tick(till.till.clock.Now());
    till.Pin("1111");
    CHECK(till.View().screen == Screen::kOpenShift);
    CHECK(till.View().sign_in.wait_seconds == 0);
}

TEST_CASE("a PIN is checked off the UI thread and the pad says so meanwhile") {
    AppTill till("app-pin-async");
    till.app->Apply({SubmitPin{"1111"}});
    // Apply returned at once; the check runs on its own thread until a later frame picks it up.
    REQUIRE(till.app->CheckingPin());
    CHECK(till.View().sign_in.message == "Checking…");
    CHECK(till.View().screen == Screen::kSignIn);
    till.app->Apply({SubmitPin{"2222"}});  // a second PIN while checking is not taken
    for (int i = 0; i < 10'000 && till.app->CheckingPin(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        till.app->Tick(till.till.clock.Now());
    }
    CHECK(till.View().screen == Screen::kOpenShift);
    CHECK(till.View().status_bar.cashier == "Zoë Clarke");
}

TEST_CASE("staff without a selling role cannot sign in at a till") {
    AppTill till("app-fulfilment");
    auto q = till.till.db.Prepare(
        "INSERT INTO staff (id, username, display_name, role, password_hash, pin_hash, active) "
        "VALUES ('staff-kwame', 'kwame', 'Kwame Mensah', 2, '', ?, 1), "
        "('staff-gone', 'gone', 'Left Last Year', 1, '', ?, 0)");
    REQUIRE(q);
    REQUIRE(q->Bind(1, testing::CheapPinHash("3141")).Bind(2, testing::CheapPinHash("5555")).Run());
    till.Pin("3141");
    CHECK(till.View().screen == Screen::kSignIn);
    CHECK(till.View().sign_in.message == "Wrong PIN");
    till.Pin("5555");  // no longer active
    CHECK(till.View().screen == Screen::kSignIn);
}
