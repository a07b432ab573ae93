// Issue 14, point 1, with the real tillbook-pos under Xvfb against the real tillbook-office: at the
// returns desk the cashier types the customer's e-mail (in whatever case the customer spells it)
// and the Shopify order placed with it opens; "today" lists the day's orders of every channel,
// the till's own sale among them, and a tap on the own sale opens it from the till's journal; a
// date that is not in the calendar is refused in plain words. With the office away, a date still
// finds the till's own sale in its journal, and an e-mail search says it needs the office.
// Screenshots are kept.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "channel_payloads.hpp"
#include "till_under_test.hpp"
#include "tillbook/ids/uuid.hpp"
#include "tillbook/ledger/ledger.hpp"
#include "tillbook/ledger/origin.hpp"
#include "tillbook/orders/local_time.hpp"
#include "tillbook/pos/app/desk_search.hpp"
#include "xvfb_display.hpp"

using namespace tillbook;

namespace {

// Shopify order #1042 placed a moment ago by ada.lovelace@example.com, imported through the
// office's API and dispatched by the office (so that it can come back).
void PlaceShopifyOrderNow(testing::TillUnderTest& till) {
    const ids::UtcMillis now = ids::SystemClock().Now() - 60'000;
    const orders::LocalDateTime utc = orders::ToLocal(now, 0);
    const std::string placed = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.year,
                                           utc.month, utc.day, utc.hour, utc.minute, utc.second);
    nlohmann::json order = testing::ShopifyThreeLineOrder(1042);
    order["email"] = "ada.lovelace@example.com";
    order["created_at"] = placed;
    order["updated_at"] = placed;
    httplib::Client client("127.0.0.1", till.office.port);
    client.set_bearer_token_auth(testing::StaffToken(client, "tom", "demo-manager-password"));
    auto imported =
        client.Post("/api/v1/channels/shopify/orders", order.dump(), "application/json");
    REQUIRE(imported);
    INFO(imported->body);
    REQUIRE(imported->status / 100 == 2);
    auto db = testing::ReadDatabase(till.office.db);
    ids::SystemClock clock;
    ids::UuidV7Source ids(clock);
    ledger::Ledger ledger(db);
    const ledger::Origin office(std::string(ledger::kOfficeOrigin), clock, ids);
    auto dispatched =
        office.Next(ledger, "system",
                    ledger::OrderDispatched{nlohmann::json::parse(imported->body)["id"], "JD1042"});
    REQUIRE(dispatched);
    REQUIRE_MESSAGE(ledger.Append(*dispatched), "dispatch");
}

// The order is placed a minute before the till's sale and both must fall on one London day: a run
// in the first two minutes of the day, or its last minute, waits until two minutes past midnight.
void WaitForOneLondonDay() {
    const ids::UtcMillis now = ids::SystemClock().Now();
    const std::int64_t offset = *orders::UtcOffsetMinutes("Europe/London", now) * 60'000;
    const std::int64_t into_day = (now + offset) % orders::kMillisPerDay;
    constexpr std::int64_t kMargin = 2 * 60'000;
    std::int64_t wait = 0;
    if (into_day < kMargin) wait = kMargin - into_day;
    if (into_day > orders::kMillisPerDay - 60'000)
        wait = orders::kMillisPerDay - into_day + kMargin;
    if (wait > 0) std::this_thread::sleep_for(std::chrono::milliseconds(wait));
}

}  // namespace

TEST_CASE(
    "issue 14: at the till's returns desk a Shopify order is found by the customer's e-mail and "
    "opens, and a date lists the day's orders with the till's own sale, which opens from the "
    "journal") {
    testing::TillUnderTest till("till-returns-search");
    till.Pair();
    WaitForOneLondonDay();
    PlaceShopifyOrderNow(till);
    const std::string today =
        pos::app::DayText(queries::DayAt(ids::SystemClock().Now(), "Europe/London"));

    testing::XvfbDisplay display;
    const auto shots = testing::TillArtefacts("returns-search-1024x768");
    const std::string script = R"script(# found by e-mail and by date
login 1111
expect-text "Open shift"
type 100.00
tap "Open shift"
scan 5060123450019
expect-text "£6.50"
tap "Pay"
tap "Cash"
type 10.00
tap "Complete sale"
tap "New sale"
wait-sync
tap "Returns"
expect-text "the customer's e-mail"
screenshot desk.png
type "Ada.Lovelace@Example.COM"
tap "Find"
expect-text "Order #1042"
expect-text "Shopify order"
screenshot found-by-email.png
tap "Find another order"
type today
tap "Find"
expect-text "2 orders placed on )script" +
                               today + R"script("
expect-text "ada.lovelace@example.com"
expect-text "Shop S01, this till"
screenshot found-by-date.png
tap "S01-T1-000001"
expect-text "Order S01-T1-000001"
expect-text "Earl Grey"
screenshot own-sale-opened.png
tap "Back to the orders found"
expect-text "2 orders placed on"
tap "#1042"
expect-text "Order #1042"
tap "Back to the orders found"
tap "Search again"
type 31/02/2026
tap "Find"
expect-text "31/02/2026 is not a date: write the day first, as 06/12/2026"
screenshot bad-date.png
tap "Back to sale"
quit
)script";
    REQUIRE(till.RunScript(script, "1024x768", shots) == 0);
    for (const char* shot : {"desk.png", "found-by-email.png", "found-by-date.png",
                             "own-sale-opened.png", "bad-date.png"})
        CHECK_MESSAGE(std::filesystem::file_size(shots / shot) > 10'000, shot);
}

TEST_CASE(
    "issue 14: with the office away, the till's returns desk finds its own sale by date from its "
    "journal and says plainly that e-mail search needs the office") {
    testing::TillUnderTest till("till-returns-search-offline");
    till.Pair();
    testing::XvfbDisplay display;
    const auto shots = testing::TillArtefacts("returns-search-offline-1024x768");
    REQUIRE(till.RunScript(R"script(# a sale while the office is there
login 1111
expect-text "Open shift"
type 100.00
tap "Open shift"
scan 5060123450019
tap "Pay"
tap "Cash"
type 10.00
tap "Complete sale"
tap "New sale"
wait-sync
quit
)script",
                           "1024x768", {}) == 0);
    till.office.server.reset();  // the back office goes away
    REQUIRE(till.RunScript(R"script(# the desk without the office
login 1111
tap "Returns"
expect-text "e-mail search needs the office"
type ada.lovelace@example.com
tap "Find"
expect-text "E-mail search needs the office, and it is offline now"
screenshot offline-email.png
type today
tap "Find"
expect-text "Order S01-T1-000001"
screenshot offline-today.png
tap "Find another order"
tap "Back to sale"
quit
)script",
                           "1024x768", shots) == 0);
    for (const char* shot : {"offline-email.png", "offline-today.png"})
        CHECK_MESSAGE(std::filesystem::file_size(shots / shot) > 10'000, shot);
}
