// The real tillbook-pos at its returns desk against the real tillbook-office: a cash sale of three
// lines, two of them brought back (one to stock, one damaged) and refunded in cash with a drawer
// kick, then an exchange each way; the office holds every event and both ledgers verify. The
// screenshots of the desk, the order, the exchange and the approval prompt are kept as artefacts.
#include <doctest/doctest.h>

#include "till_under_test.hpp"
#include "xvfb_display.hpp"

using namespace tillbook;
using testing::CountOf;

namespace {

const char* const kSale = R"script(# a cash sale of three lines
login 1111
expect-text "Open shift"
type 100.00
tap "Open shift"
scan 5060123450019
scan 5060123450019
scan 5060456110017
scan 5060123450026
expect-text "£29.45"
tap "Pay"
tap "Cash"
type 50.00
tap "Complete sale"
expect-text "Change £20.55"
tap "New sale"
)script";

}  // namespace

TEST_CASE(
    "at the till's returns desk: an own sale's two lines refunded in cash, then an exchange "
    "each way, all at the office") {
    testing::TillUnderTest till("till-returns");
    till.Pair();
    till.PrintToFile();
    testing::XvfbDisplay display;
    const auto shots = testing::TillArtefacts("returns-1024x768");
    const std::string script = std::string(kSale) + R"script(wait-sync
tap "Returns"
expect-text "Returns and exchanges"
screenshot desk.png
scan S01-T1-000001
expect-text "Order S01-T1-000001"
tap "Earl Grey loose leaf tea 125 g"
tap "English breakfast tea bags 40 bags"
tap "Faulty"
tap "Damaged"
expect-text "Faulty, Damaged"
expect-text "Cash (original)"
screenshot order.png
tap "Refund £11.45"
expect-text "Refunded £11.45 in cash"
screenshot refunded.png
tap "Next return"
type S01-T1-000001
tap "Find"
expect-text "Order S01-T1-000001"
tap "Earl Grey loose leaf tea 250 g"
tap "Exchange"
expect-text "Goods back £11.50"
scan 5060456110017
expect-text "Refund £6.55"
screenshot exchange-refund.png
tap "Complete exchange"
expect-text "Exchange complete: refunded £6.55 in cash"
tap "Next return"
scan S01-T1-000001
tap "Earl Grey loose leaf tea 125 g"
tap "Exchange"
scan 5060123450026
expect-text "Customer pays £5.00"
tap "Card"
screenshot exchange-pays.png
tap "Complete exchange"
expect-text "Exchange complete: customer paid £5.00 by Card"
tap "Next return"
tap "No receipt"
scan 5060456110017
expect-text "£4.95"
screenshot no-receipt.png
tap "Refund without receipt"
expect-text "Manager approval"
screenshot approval.png
tap "Cancel"
expect-text "Refund without receipt"
tap "Refund without receipt"
login 2468
expect-text "Refunded £4.95 in cash, without a receipt"
tap "Back to sale"
expect-text "Scan or search to add items"
wait-sync
quit
)script";
    REQUIRE(till.RunScript(script, "1024x768", shots) == 0);
    for (const char* shot : {"desk.png", "order.png", "refunded.png", "exchange-refund.png",
                             "exchange-pays.png", "no-receipt.png", "approval.png"})
        CHECK_MESSAGE(std::filesystem::file_size(shots / shot) > 10'000, shot);

    // The drawer opened for the sale's cash, the refunds' and the exchange's refund: not for card.
    CHECK(testing::DrawerKicks(till.printed) == 4);

    // The same screens at 1920x1080, on a new sale (S01-T1-000004: the exchanges were 2 and 3).
    const auto big = testing::TillArtefacts("returns-1920x1080");
    const std::string look = R"script(# the desk and an order at full HD; nothing journalled
login 1111
scan 5060123450019
scan 5060123450026
tap "Pay"
tap "Card"
tap "Complete sale"
tap "New sale"
tap "Returns"
screenshot desk.png
type S01-T1-000004
tap "Find"
tap "Earl Grey loose leaf tea 250 g"
tap "Write-off"
tap "Not as described"
screenshot order.png
tap "Exchange"
scan 5060456110017
expect-text "Refund £6.55"
screenshot exchange.png
tap "Back to the order"
tap "Find another order"
tap "No receipt"
scan 5060456110017
screenshot no-receipt.png
tap "Find another order"
tap "Back to sale"
wait-sync
quit
)script";
    REQUIRE(till.RunScript(look, "1920x1080", big) == 0);
    for (const char* shot : {"desk.png", "order.png", "exchange.png", "no-receipt.png"})
        CHECK_MESSAGE(std::filesystem::file_size(big / shot) > 10'000, shot);
    auto till_db = testing::ReadDatabase(till.till_db);
    auto office_db = testing::ReadDatabase(till.office.db);
    const std::string from_till = " FROM ledger WHERE origin = 'terminal:S01-T1'";
    CHECK(CountOf(till_db, "SELECT count(*) FROM ledger") ==
          CountOf(office_db, "SELECT count(*)" + from_till));
    CHECK(CountOf(office_db, "SELECT count(*)" + from_till + " AND kind = 1") == 2);
    CHECK(CountOf(office_db, "SELECT count(*)" + from_till + " AND kind = 7") == 2);
    CHECK(CountOf(office_db, "SELECT count(*)" + from_till + " AND kind = 8") == 2);
    // Without a receipt: refused until a manager's PIN, then with both staff ids (cashier and
    // manager) on the return and its refund.
    CHECK(CountOf(office_db, "SELECT count(*)" + from_till +
                                 " AND kind IN (7, 8) AND approver <> '' AND approver <> actor") ==
          2);
    CHECK(CountOf(office_db, "SELECT count(*)" + from_till +
                                 " AND kind = 7 AND approver <> '' AND payload LIKE "
                                 "'%\"no_receipt\":true%'") == 1);
    CHECK(CountOf(office_db, "SELECT count(*)" + from_till + " AND kind = 9") == 2);
    // The return at the office: one line back to stock, one damaged; only the first moved stock.
    CHECK(CountOf(office_db,
                  "SELECT count(*) FROM return_lines WHERE sku = 'TEA-EARL-125G' AND "
                  "condition = 1") >= 1);
    CHECK(CountOf(office_db,
                  "SELECT count(*) FROM return_lines WHERE sku = 'TEA-ENGB-40BAGS' "
                  "AND condition = 2 AND order_line_no = 2") == 1);
    const std::string receipted_return =
        " FROM stock_movements m JOIN ledger l ON l.seq = m.seq WHERE l.kind = 7 AND l.origin = "
        "'terminal:S01-T1' AND l.payload "
        "NOT LIKE '%\"no_receipt\":true%'";
    CHECK(CountOf(office_db, "SELECT count(*)" + receipted_return) == 1);
    CHECK(CountOf(office_db,
                  "SELECT count(*)" + receipted_return + " AND m.sku = 'TEA-EARL-125G'") == 1);
    const auto order = till.OfficeGet("/api/v1/orders/lookup?code=S01-T1-000001");
    // Every line came back: £11.45 refunded in cash, £11.50 and £6.50 as exchanges' credit.
    CHECK(order["refunded_minor"] == 1145 + 1150 + 650);
    testing::CheckVerifies({till.till_db, till.office.db});
}
