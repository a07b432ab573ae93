// Issue 14's first acceptance point, with the real tillbook-pos under Xvfb against the real
// tillbook-office: a Shopify order imported into the office and dispatched is found at the till's
// returns desk by its number typed and by its packing slip's barcode scanned; two of its three
// lines come back (one to stock, one damaged) and are refunded in cash with a drawer kick. The
// office records the return on the order's audit trail with the cashier, the till's cash refund
// reaches it by sync, stock moves only for the restocked line, and both ledgers verify.
#include <doctest/doctest.h>

#include "channel_payloads.hpp"
#include "till_under_test.hpp"
#include "tillbook/ids/uuid.hpp"
#include "tillbook/ledger/ledger.hpp"
#include "tillbook/ledger/origin.hpp"
#include "xvfb_display.hpp"

using namespace tillbook;
using testing::CountOf;

namespace {

// The order imported as Shopify's webhook would bring it, then dispatched from the warehouse:
// the despatch desk's event, appended to the office's ledger as its own command line would.
std::string ImportAndDispatch(testing::TillUnderTest& till) {
    httplib::Client client("127.0.0.1", till.office.port);
    client.set_bearer_token_auth(testing::StaffToken(client, "tom", "demo-manager-password"));
    auto imported = client.Post("/api/v1/channels/shopify/orders",
                                testing::ShopifyThreeLineOrder(1042).dump(), "application/json");
    REQUIRE(imported);
    INFO(imported->body);
    REQUIRE(imported->status / 100 == 2);
    const std::string order_id = nlohmann::json::parse(imported->body)["id"];
    auto db = testing::ReadDatabase(till.office.db);
    ids::SystemClock clock;
    ids::UuidV7Source ids(clock);
    ledger::Ledger ledger(db);
    const ledger::Origin office(std::string(ledger::kOfficeOrigin), clock, ids);
    auto dispatched = office.Next(ledger, "system", ledger::OrderDispatched{order_id, "JD0001"});
    REQUIRE(dispatched);
    auto appended = ledger.Append(*dispatched);
    REQUIRE_MESSAGE(appended, appended.error().message);
    return order_id;
}

}  // namespace

TEST_CASE(
    "issue 14: a Shopify order is found at the till by its number and its packing slip's "
    "barcode, and two of its lines come back (to stock and damaged), refunded in cash with a "
    "kick") {
    testing::TillUnderTest till("till-returns-online");
    till.Pair();
    till.PrintToFile();
    const std::string order_id = ImportAndDispatch(till);
    auto office_db = testing::ReadDatabase(till.office.db);
    const std::string s01 = "(SELECT id FROM locations WHERE code = 'S01')";
    const auto on_hand = [&](const std::string& sku) {
        return CountOf(office_db,
                       "SELECT coalesce(sum(on_hand), 0) FROM stock_levels WHERE "
                       "location_id = " +
                           s01 + " AND sku = '" + sku + "'");
    };
    const std::int64_t earl_before = on_hand("TEA-EARL-125G");
    const std::int64_t engb_before = on_hand("TEA-ENGB-80BAGS");

    testing::XvfbDisplay display;
    const auto shots = testing::TillArtefacts("returns-online-1024x768");
    const std::string script = R"script(# a Shopify order back at the shop's counter
login 1111
expect-text "Open shift"
type 100.00
tap "Open shift"
tap "Returns"
type "#1042"
tap "Find"
expect-text "Order #1042"
screenshot shopify-order.png
tap "Earl Grey 125 g"
tap "English breakfast 80 bags"
tap "Faulty"
tap "Damaged"
expect-text "Faulty, Damaged"
tap "Cash"
expect-text "Refund £15.45"
screenshot shopify-chosen.png
tap "Refund £15.45"
expect-text "Refunded £15.45 in cash"
screenshot shopify-refunded.png
tap "Next return"
scan "#1042"
expect-text "Order #1042"
screenshot shopify-again.png
tap "Find another order"
tap "Back to sale"
wait-sync
quit
)script";
    REQUIRE(till.RunScript(script, "1024x768", shots) == 0);
    for (const char* shot :
         {"shopify-order.png", "shopify-chosen.png", "shopify-refunded.png", "shopify-again.png"})
        CHECK_MESSAGE(std::filesystem::file_size(shots / shot) > 10'000, shot);
    CHECK(testing::DrawerKicks(till.printed) == 1);  // the refund's cash, and nothing else

    // The goods back are recorded at the office, where the order is, with the cashier and the
    // till that took them (via); the cash the till paid out is the till's own event, pushed
    // with its journal.
    CHECK(CountOf(office_db,
                  "SELECT count(*) FROM ledger l JOIN staff s ON s.id = l.actor WHERE "
                  "l.kind = 7 AND l.origin = 'office' AND l.via = 'terminal:S01-T1' AND "
                  "s.username = 'zoe'") == 1);
    CHECK(CountOf(office_db,
                  "SELECT count(*) FROM ledger WHERE kind = 8 AND origin = "
                  "'terminal:S01-T1' AND payload LIKE '%\"tender\":1%'") == 1);
    CHECK(CountOf(office_db, "SELECT refunded_minor FROM orders WHERE id = '" + order_id + "'") ==
          1545);
    CHECK(CountOf(office_db,
                  "SELECT count(*) FROM return_lines WHERE sku = 'TEA-EARL-125G' AND "
                  "condition = 1 AND quantity = 1000") == 1);
    CHECK(CountOf(office_db,
                  "SELECT count(*) FROM return_lines WHERE sku = 'TEA-ENGB-80BAGS' AND "
                  "condition = 2") == 1);
    CHECK(on_hand("TEA-EARL-125G") == earl_before + 1000);
    CHECK(on_hand("TEA-ENGB-80BAGS") == engb_before);
    // The order's audit trail at the office shows the return and the till's refund.
    const auto order = till.OfficeGet("/api/v1/orders/" + order_id);
    std::vector<std::string> trail;
    for (const auto& entry : order["history"]) {
        trail.push_back(entry["event"]);
        if (entry["event"] == "ReturnReceived") CHECK(entry["via"] == "terminal:S01-T1");
        if (entry["event"] == "RefundIssued") CHECK_FALSE(entry.contains("via"));  // the till's own
    }
    CHECK(std::count(trail.begin(), trail.end(), "ReturnReceived") == 1);
    CHECK(std::count(trail.begin(), trail.end(), "RefundIssued") == 1);
    const auto looked_up = till.OfficeGet("/api/v1/orders/lookup?code=%231042");
    CHECK(looked_up["lines"][0]["returned_quantity_milli"] == 1000);
    CHECK(looked_up["lines"][1]["returned_quantity_milli"] == 1000);
    CHECK(looked_up["lines"][2]["returned_quantity_milli"] == 0);
    testing::CheckVerifies({till.till_db, till.office.db});
}
