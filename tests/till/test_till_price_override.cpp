// The real tillbook-pos changes a price at the till against the real tillbook-office (issue 14,
// point 5): a cashier types the new price and taps "Price", the manager's approval prompt opens,
// a cashier's PIN is refused and the manager's approves; the sale completes and syncs, and the
// office's order has the new price, the old one in its journal and the manager as approver. The
// receipt prints the change. Screenshots of the price entry and the approval prompt are kept.
#include <doctest/doctest.h>

#include "till_office.hpp"  // StaffIdOf
#include "till_under_test.hpp"
#include "xvfb_display.hpp"

using namespace tillbook;
using testing::CountOf;

TEST_CASE(
    "issue 14: at the till's window a cashier's price change is approved by a manager's PIN") {
    testing::TillUnderTest till("till-price-override");
    till.Pair();
    till.PrintToFile();
    testing::XvfbDisplay display;
    const auto shots = testing::TillArtefacts("price-override-1024x768");
    const std::string script = R"script(# Earl Grey at £5.00 instead of £6.50, approved by Tom
login 1111
expect-text "Open shift"
type 100.00
tap "Open shift"
scan 5060123450019
scan 5060456110017
expect-text "£11.45"
tap "Earl Grey loose leaf tea 125 g"
tap "5"
tap "."
tap "0"
tap "0"
screenshot price-entry.png
tap "Price"
expect-text "Manager approval"
expect-text "Price of Earl Grey loose leaf tea 125 g: £6.50 to £5.00"
expect-text "A price changed at the till needs a manager"
screenshot approval.png
login 1111
expect-text "Not a manager's PIN"
screenshot approval-refused.png
login 2468
expect-text "Price changed, approved by Tom Hughes"
expect-text "was £6.50"
expect-text "£9.95"
screenshot price-changed.png
tap "Pay"
tap "Cash"
type 10.00
tap "Complete sale"
expect-text "Change £0.05"
wait-sync
quit
)script";
    REQUIRE(till.RunScript(script, "1024x768", shots) == 0);
    for (const char* shot :
         {"price-entry.png", "approval.png", "approval-refused.png", "price-changed.png"})
        CHECK_MESSAGE(std::filesystem::file_size(shots / shot) > 10'000, shot);

    // The same at full HD, with a manager signed in: no prompt, and a raised price.
    const auto big = testing::TillArtefacts("price-override-1920x1080");
    const std::string manager = R"script(# Tom raises a price himself; nothing journalled
login 2468
scan 5060123450019
tap "7"
tap "."
tap "2"
tap "5"
tap "Price"
expect-text "Price changed from £6.50"
expect-text "£7.25"
screenshot manager-price.png
tap "Clear sale"
quit
)script";
    REQUIRE(till.RunScript(manager, "1920x1080", big) == 0);
    CHECK(std::filesystem::file_size(big / "manager-price.png") > 10'000);

    // The office: the sale at £9.95 with the tea at £5.00, the cashier as actor, the manager as
    // approver, and the tea's catalogue price in the journalled line.
    auto office_db = testing::ReadDatabase(till.office.db);
    const std::string zoe = testing::StaffIdOf(office_db, "zoe");
    const std::string tom = testing::StaffIdOf(office_db, "tom");
    CHECK(CountOf(office_db,
                  "SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1' AND "
                  "kind = 1 AND actor = '" +
                      zoe + "' AND approver = '" + tom +
                      "' AND json_extract(payload, "
                      "'$.order.lines[0].price_overridden_from.minor') = 650") == 1);
    const auto found = till.OfficeGet("/api/v1/orders/lookup?code=S01-T1-000001");
    CHECK(found["total_minor"] == 995);
    const auto order = till.OfficeGet("/api/v1/orders/" + found["id"].get<std::string>());
    REQUIRE(order["lines"].size() == 2);
    CHECK(order["lines"][0]["sku"] == "TEA-EARL-125G");
    CHECK(order["lines"][0]["unit_price_minor"] == 500);
    CHECK(order["lines"][0]["total_minor"] == 500);
    CHECK(order["lines"][1]["unit_price_minor"] == 495);
    bool placed = false;
    for (const auto& entry : order["history"]) {
        if (entry["event"] != "OrderPlaced") continue;
        placed = true;
        CHECK(entry["actor"] == zoe);
        CHECK(entry["approver"] == tom);
    }
    CHECK(placed);

    // The receipt printed the change under its line.
    CHECK(testing::PrintedBytes(till.printed).find("Price changed from 6.50") != std::string::npos);

    testing::CheckVerifies({till.till_db, till.office.db});
}
