// A new till paired on its own screen: the real tillbook-pos opened on a database that does not
// exist yet, under Xvfb, against the real office: a wrong code gets the office's words, the right
// one brings the PIN pad, and the till then sells.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "till_under_test.hpp"
#include "xvfb_display.hpp"

using namespace tillbook;

TEST_CASE("a new till is paired on its pairing screen, after a wrong code is refused in words") {
    testing::TillUnderTest till("till-pairing-screen");
    testing::XvfbDisplay display;
    httplib::Client client("127.0.0.1", till.office.port);
    const std::string code = testing::PairingCodeFor(client);
    const auto shots = testing::TillArtefacts("pairing-1024x768");
    const std::string script = fmt::format(R"(# pairing on the screen
expect-text "Not paired yet"
tap "Back office address"
type {0}
tap "Pairing code"
type 0000-0000-0000
tap "Till name"
type T5
tap "Pair"
expect-text "the pairing code is unknown, used or expired"
screenshot wrong-code.png
type {1}
screenshot right-code.png
tap "Pair"
expect-text "Enter your PIN"
login 1111
expect-text "Open shift"
type 50.00
tap "Open shift"
scan 5060123450019
tap "Pay"
tap "Card"
tap "Complete sale"
expect-text "Sale complete"
wait-sync
screenshot sold.png
quit
)",
                                           till.Url(), code);
    // After the refusal the code field is empty and has the keyboard: the right code is typed
    // straight in.
    REQUIRE(till.RunScript(script, "1024x768", shots) == 0);

    auto db = testing::ReadDatabase(till.till_db);
    CHECK(testing::CountOf(db, "SELECT count(*) FROM office_link") == 1);
    CHECK(testing::CountOf(db, "SELECT count(*) FROM skus") > 200);
    const auto sale = till.OfficeGet("/api/v1/orders/lookup?code=S01-T5-000001");
    CHECK(sale["total_minor"] == 650);
}
