// The real tillbook-pos parks a sale and quits; opened again on the same database it shows the
// parked sale, recalls it and completes it for cash: the office then holds that one sale, and no
// parked sale was ever an event. Screenshots at 1920x1080 and 1024x768 kept as artefacts.
#include <doctest/doctest.h>

#include "till_under_test.hpp"
#include "xvfb_display.hpp"

using namespace tillbook;
using testing::CountOf;

TEST_CASE("a sale parked in the till's window survives a restart and is recalled and sold once") {
    testing::TillUnderTest till("till-parks");
    till.Pair();
    testing::XvfbDisplay display;
    const auto big = testing::TillArtefacts("parks-1920x1080");
    const std::string park = R"script(# park a sale at 1920x1080
login 1111
expect-text "Open shift"
type 100.00
tap "Open shift"
scan 5060123450019
scan 5060456110017
expect-text "£11.45"
screenshot cart.png
tap "Park"
expect-text "Scan or search to add items"
expect-text "Parked: 2 items, £11.45, parked"
tap "Parked (1)"
expect-text "Tap a parked sale to bring it back"
screenshot parked-list.png
quit
)script";
    REQUIRE(till.RunScript(park, "1920x1080", big) == 0);
    for (const char* shot : {"cart.png", "parked-list.png"})
        CHECK_MESSAGE(std::filesystem::file_size(big / shot) > 10'000, shot);

    std::string label;
    {
        auto db = testing::ReadDatabase(till.till_db);
        CHECK(CountOf(db, "SELECT count(*) FROM parked_sales") == 1);
        CHECK(CountOf(db, "SELECT count(*) FROM ledger WHERE kind = 1") == 0);  // no sale yet
        auto q = db.Prepare("SELECT label FROM parked_sales");
        REQUIRE(q);
        REQUIRE(*q->Step());
        label = q->Text(0);
    }
    CHECK(label.starts_with("2 items, £11.45, parked "));
    CHECK(label.ends_with(" by Zoë"));

    // The till again, at the other size: the parked sale is there after the restart.
    const auto small = testing::TillArtefacts("parks-1024x768");
    const std::string recall = R"script(# recall it at 1024x768 and sell it
login 1111
tap "Parked (1)"
screenshot parked-list.png
tap ")script" + label + R"script("
expect-text "Sale recalled"
expect-text "£11.45"
screenshot recalled.png
tap "Pay"
tap "Cash"
type 20.00
tap "Complete sale"
expect-text "Change £8.55"
wait-sync
quit
)script";
    REQUIRE(till.RunScript(recall, "1024x768", small) == 0);
    for (const char* shot : {"parked-list.png", "recalled.png"})
        CHECK_MESSAGE(std::filesystem::file_size(small / shot) > 10'000, shot);

    auto till_db = testing::ReadDatabase(till.till_db);
    auto office_db = testing::ReadDatabase(till.office.db);
    CHECK(CountOf(till_db, "SELECT count(*) FROM parked_sales") == 0);
    CHECK(CountOf(office_db, "SELECT count(*) FROM orders WHERE channel = 'store:S01'") == 1);
    const auto order = till.OfficeGet("/api/v1/orders/lookup?code=S01-T1-000001");
    CHECK(order["total_minor"] == 1145);
    CHECK(order["paid_minor"] == 1145);
    CHECK(order["lines"].size() == 2);
    CHECK(CountOf(till_db, "SELECT count(*) FROM ledger") ==
          CountOf(office_db, "SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1'"));
    testing::CheckVerifies({till.till_db, till.office.db});
}
