// The back office's order list at the real back office on loopback (GET /api/v1/orders; issue 15
// point 2, docs/api.md): keyset pages that walk every order exactly once under both sorts with
// ties, each filter, each kind of search, bad parameters refused with 400 naming the field, and
// the deadline lights on the clock of the order's location (a store in Helsinki beside London).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <map>
#include <set>

#include "office_fixture.hpp"
#include "tillbook/orders/local_time.hpp"
#include "tillbook/store/catalogue_store.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::OfficeUnderTest;

namespace {

constexpr std::int64_t kHour = 60 * 60 * 1000;
const money::Currency kGbp{"GBP", 2};
const std::string kHighStreet = "0190a1b2-0000-7000-8000-000000000001";  // S01, London
const std::string kHelsinki = "0190a1b2-0000-7000-8000-0000000000f1";    // F01, added here

struct Placed {
    std::string number = "";
    std::string channel = "shopify";
    std::string location_id = "";
    ids::UtcMillis placed_at = 0;
    std::optional<ids::UtcMillis> despatch_by = std::nullopt;
    std::string email = "";
    std::string name = "";
    std::string sku = "TEA-EARL-125G";
    bool handed_over = false;
    std::vector<std::string> attention = {};
};

struct ListShop {
    explicit ListShop(const std::string& name) : office(name), manager(office.Manager()) {
        auto db = store::Database::Open(office.db_path, {store::Durability::kNormal, 5000, false});
        REQUIRE(db);
        REQUIRE(store::SaveLocation(
            *db, stock::Location{kHelsinki, "F01", "Helsinki", stock::LocationKind::kStore,
                                 "Europe/Helsinki"}));
    }

    // Reference data the test sets up beside the running office (read on every request).
    void Setting(const std::string& key, const std::string& value) {
        auto db = store::Database::Open(office.db_path, {store::Durability::kNormal, 5000, false});
        REQUIRE(db);
        REQUIRE(store::PutSetting(*db, key, value));
    }

    std::string Place(const Placed& p) {
        orders::Order order;
        order.id = office.ids.NextString();
        order.number = p.number;
        order.channel = p.channel;
        order.external_id = p.channel.starts_with("store:") ? "" : "X-" + p.number;
        order.location_id = p.location_id;
        order.currency = "GBP";
        order.placed_at = p.placed_at;
        order.despatch_by = p.despatch_by;
        order.customer_email = p.email;
        order.customer_name = p.name;
        order.attention = p.attention;
        order.lines.push_back(orders::OrderLine{1, orders::LineKind::kGoods, p.sku, "tea", 1000,
                                                money::Money(650, kGbp), money::Money(0, kGbp), 0,
                                                money::TaxMode::kInclusive, std::nullopt});
        office.AppendAsOffice(ledger::OrderPlaced{order, p.handed_over, {}});
        return order.id;
    }

    json Get(const std::string& query) {
        auto res = office.Client(manager)->Get("/api/v1/orders?" + query);
        REQUIRE(res);
        INFO(query, " ", res->body);
        REQUIRE(res->status == 200);
        return testing::Body(res);
    }
    std::vector<std::string> Numbers(const std::string& query) {
        std::vector<std::string> numbers;
        const json body = Get(query);
        for (const json& one : body.at("orders"))
            numbers.push_back(one.at("number"));
        return numbers;
    }
    std::set<std::string> NumberSet(const std::string& query) {
        const auto numbers = Numbers(query);
        return {numbers.begin(), numbers.end()};
    }
    // The 400's field.
    std::string Refused(const std::string& query) {
        auto res = office.Client(manager)->Get("/api/v1/orders?" + query);
        REQUIRE(res);
        INFO(query, " ", res->body);
        CHECK(res->status == 400);
        return testing::Body(res)["error"].value("field", "");
    }

    OfficeUnderTest office;
    std::string manager;
};

}  // namespace

TEST_CASE("issue 15: the order list's pages walk every order exactly once in either sort") {
    ListShop shop("order-list-paging");
    const ids::UtcMillis base = 1'780'000'000'000;
    // 23 orders; placed_at and despatch_by repeat (ties broken by the order they entered the
    // ledger), some without a despatch-by (sorted by when placed).
    for (int i = 0; i < 23; ++i) {
        Placed p{.number = fmt::format("P-{:03}", i)};
        p.placed_at = base + (i % 5) * kHour;
        if (i % 4 != 0) p.despatch_by = base + (i % 3) * kHour;
        shop.Place(p);
    }
    for (const std::string sort : {"deadline", "newest"}) {
        const std::vector<std::string> whole = shop.Numbers("limit=200&sort=" + sort);
        REQUIRE(whole.size() == 23);
        std::vector<std::string> walked;
        std::string query = "limit=4&sort=" + sort;
        int pages = 0;
        while (true) {
            const json page = shop.Get(query);
            for (const json& one : page["orders"])
                walked.push_back(one["number"]);
            ++pages;
            if (page["next"].is_null()) break;
            REQUIRE(pages < 10);
            query = "limit=4&sort=" + sort + "&after=" + page["next"].get<std::string>();
        }
        INFO(sort);
        CHECK(pages == 6);  // 5 full pages and one of 3
        CHECK(walked == whole);
        CHECK(std::set<std::string>(walked.begin(), walked.end()).size() == 23);
    }
    // The deadline sort: despatch-by, or placed without one, then the ledger's order.
    const auto by_deadline = shop.Numbers("limit=3");
    CHECK(by_deadline == std::vector<std::string>{"P-000", "P-003", "P-006"});
    const auto newest = shop.Numbers("sort=newest&limit=3");
    CHECK(newest == std::vector<std::string>{"P-019", "P-014", "P-009"});
    // A page exactly as long as what is left has no next.
    CHECK(shop.Get("limit=23")["next"].is_null());
    CHECK_FALSE(shop.Get("limit=22")["next"].is_null());
    // The default page is 100 orders.
    CHECK(shop.Get("")["orders"].size() == 23);
}

TEST_CASE("issue 15: the order list filters by channel, status, attention, date and deadline") {
    ListShop shop("order-list-filters");
    const ids::UtcMillis now = ids::SystemClock().Now();
    shop.Place({.number = "LATE", .placed_at = now - 50 * kHour, .despatch_by = now - 2 * kHour});
    shop.Place({.number = "LATER",
                .channel = "ebay",
                .placed_at = now - 30 * kHour,
                .despatch_by = now + 30 * kHour,
                .attention = {"no shipping address"}});
    shop.Place({.number = "HANDED",
                .channel = "store:S01",
                .location_id = kHighStreet,
                .placed_at = now - 20 * kHour,
                .despatch_by = now - 10 * kHour,
                .handed_over = true});
    shop.Place({.number = "NODATE", .placed_at = now - 10 * kHour});

    using Set = std::set<std::string>;
    CHECK(shop.NumberSet("channel=ebay") == Set{"LATER"});
    CHECK(shop.NumberSet("channel=amazon").empty());
    CHECK(shop.NumberSet("status=delivered") == Set{"HANDED"});
    CHECK(shop.NumberSet("status=placed") == Set{"LATE", "LATER", "NODATE"});
    CHECK(shop.NumberSet("attention=1") == Set{"LATER"});
    CHECK(shop.NumberSet("attention=0").size() == 4);
    CHECK(shop.NumberSet("deadline=overdue") == Set{"LATE"});  // not the one handed over
    CHECK(shop.NumberSet("deadline=due") == Set{"LATE", "LATER"});
    const std::string from = ids::FormatIso8601(now - 30 * kHour);
    const std::string to = ids::FormatIso8601(now - 10 * kHour);
    // From inclusive, to exclusive.
    CHECK(shop.NumberSet("placed_from=" + from + "&placed_to=" + to) == Set{"LATER", "HANDED"});
    CHECK(shop.NumberSet("placed_to=" + from) == Set{"LATE"});
    // An offset is the same instant.
    CHECK(shop.NumberSet("placed_from=" +
                         ids::FormatIso8601(now - 11 * kHour).replace(23, 1, "%2B00:00")) ==
          Set{"NODATE"});
    // Filters combine.
    CHECK(shop.NumberSet("status=placed&deadline=due&attention=0") == Set{"LATE", "LATER"});
    CHECK(shop.NumberSet("channel=shopify&deadline=due") == Set{"LATE"});

    const json late = shop.Get("deadline=overdue")["orders"][0];
    CHECK(late["deadline"] == "overdue");
    CHECK(late["overdue"] == true);
    CHECK(late["location"] == "");
    CHECK(late["placed_at"] == ids::FormatIso8601(now - 50 * kHour));
    const json handed = shop.Get("status=delivered")["orders"][0];
    CHECK(handed["deadline"] == "none");  // past its date, but no longer open for despatch
    CHECK(handed["location"] == "S01");
    CHECK(shop.Get("q=NODATE")["orders"][0]["deadline"] == "none");
}

TEST_CASE("issue 15: the order list finds orders by number, channel id, e-mail, name and SKU") {
    ListShop shop("order-list-search");
    const ids::UtcMillis now = ids::SystemClock().Now();
    shop.Place({.number = "#1001",
                .placed_at = now,
                .email = "ada.lovelace@example.com",
                .name = "Ada Lovelace"});
    shop.Place({.number = "#1002",
                .placed_at = now,
                .email = "bob@example.org",
                .name = "Zoë Bjørnsen",
                .sku = "TEA-EARL-250G"});
    shop.Place({.number = "S01-T1-000042",
                .channel = "store:S01",
                .location_id = kHighStreet,
                .placed_at = now,
                .sku = "HOM-MUG-SLATE",
                .handed_over = true});
    using Set = std::set<std::string>;
    CHECK(shop.NumberSet("q=1001") == Set{"#1001"});         // part of the number
    CHECK(shop.NumberSet("q=X-%231002") == Set{"#1002"});    // the channel's id
    CHECK(shop.NumberSet("q=LOVELACE%40") == Set{"#1001"});  // the e-mail, in any case
    CHECK(shop.NumberSet("q=example") == Set{"#1001", "#1002"});
    CHECK(shop.NumberSet("q=ada lovelace") == Set{"#1001"});   // the name, in any case
    CHECK(shop.NumberSet("q=Bj%C3%B8rn") == Set{"#1002"});     // non-ASCII as typed
    CHECK(shop.NumberSet("q=TEA-EARL-250G") == Set{"#1002"});  // a line's SKU, whole
    CHECK(shop.NumberSet("q=hom-mug-slate") == Set{"S01-T1-000042"});
    CHECK(shop.NumberSet("q=TEA-EARL-125").empty());  // SKUs match whole, not in part
    CHECK(shop.NumberSet("q=%25").empty());           // '%' is itself
    CHECK(shop.NumberSet("q=").size() == 3);          // an empty search finds all
    const json ada = shop.Get("q=1001")["orders"][0];
    CHECK(ada["customer_name"] == "Ada Lovelace");
    CHECK(ada["customer_email"] == "ada.lovelace@example.com");
    CHECK(shop.Get("q=000042")["orders"][0]["customer_name"] == "");
}

TEST_CASE("issue 15: bad order list parameters are refused with 400 naming the field") {
    ListShop shop("order-list-refused");
    for (int i = 0; i < 3; ++i)
        shop.Place({.number = fmt::format("R-{}", i), .placed_at = 1'780'000'000'000 + i});
    CHECK(shop.Refused("limit=0") == "limit");
    CHECK(shop.Refused("limit=201") == "limit");
    CHECK(shop.Refused("limit=ten") == "limit");
    CHECK(shop.Refused("limit=5x") == "limit");
    CHECK(shop.Refused("after=abc") == "after");
    CHECK(shop.Refused("after=d12") == "after");
    CHECK(shop.Refused("after=d1.2x") == "after");
    CHECK(shop.Refused("after=") == "after");
    const std::string newest_cursor = shop.Get("sort=newest&limit=1")["next"];
    CHECK(shop.Refused("after=" + newest_cursor) == "after");  // made for the other sort
    CHECK(shop.Numbers("sort=newest&after=" + newest_cursor).size() == 2);
    CHECK(shop.Refused("sort=oldest") == "sort");
    CHECK(shop.Refused("placed_from=yesterday") == "placed_from");
    CHECK(shop.Refused("placed_to=2026-12-01") == "placed_to");
    CHECK(shop.Refused("deadline=tomorrow") == "deadline");
    CHECK(shop.Refused("status=shipped") == "status");
    CHECK(shop.Refused("attention=yes") == "attention");
}

TEST_CASE("issue 15: deadline lights use the clock of the order's location, far from UTC or not") {
    ListShop shop("order-list-zones");
    const ids::UtcMillis now = ids::SystemClock().Now();
    // The next midnight in London and in Helsinki: the start of tomorrow on their calendars, so
    // that a switch of the clocks before it is taken into account.
    const auto midnight = [&](std::string_view zone) {
        orders::LocalDateTime day = orders::ToLocal(now, *orders::UtcOffsetMinutes(zone, now));
        if (day.day < orders::DaysInMonth(day.year, day.month)) {
            ++day.day;
        } else {
            day = {.year = day.month == 12 ? day.year + 1 : day.year,
                   .month = day.month == 12 ? 1 : day.month + 1};
        }
        return *orders::FromLocal({.year = day.year, .month = day.month, .day = day.day}, zone);
    };
    const ids::UtcMillis london = midnight("Europe/London");
    const ids::UtcMillis helsinki = midnight("Europe/Helsinki");
    // Too close to a midnight for the orders below to sit on either side: nothing to test.
    if (std::min(london, helsinki) - now < 2 * 60 * 1000) return;
    const ids::UtcMillis before = std::min(london, helsinki) - 60 * 1000;
    const ids::UtcMillis between = std::max(london, helsinki) - 60 * 1000;  // after the other's
    for (const auto& [code, location] : {std::pair{"F01", kHelsinki}, {"S01", kHighStreet}}) {
        for (const auto& [when, at] : {std::pair{"before", before}, {"between", between}}) {
            shop.Place({.number = fmt::format("{}-{}", code, when),
                        .location_id = location,
                        .placed_at = now - kHour,
                        .despatch_by = at});
        }
    }
    // The channel's rule's zone for an order not yet at a location: ebay ships from Helsinki.
    shop.Setting("channel.ebay.despatch_rule", "Europe/Helsinki 14:00 +0 +2");
    shop.Place({.number = "EBAY-between",
                .channel = "ebay",
                .placed_at = now - kHour,
                .despatch_by = between});
    shop.Place({.number = "SHOP-between", .placed_at = now - kHour, .despatch_by = between});
    std::map<std::string, std::string> light;
    const json all = shop.Get("limit=200");
    for (const json& one : all["orders"])
        light[one["number"]] = one["deadline"];
    // Helsinki's day ends two hours before London's; from 22:00 to midnight UTC Helsinki is
    // already in the next day, so London's midnight comes first. "between" is past the first
    // midnight (tomorrow there: on time) and before the second (still today there).
    const bool helsinki_first = helsinki < london;
    const std::string helsinki_between = helsinki_first ? "on_time" : "due_today";
    const std::string london_between = helsinki_first ? "due_today" : "on_time";
    CHECK(light["F01-before"] == "due_today");
    CHECK(light["S01-before"] == "due_today");
    CHECK(light["F01-between"] == helsinki_between);
    CHECK(light["S01-between"] == london_between);
    CHECK(light["SHOP-between"] == london_between);    // the first warehouse's zone: London
    CHECK(light["EBAY-between"] == helsinki_between);  // the channel's rule is in Helsinki
    std::set<std::string> today;
    const json due_today = shop.Get("deadline=today");
    for (const json& one : due_today["orders"])
        today.insert(one["number"]);
    std::set<std::string> expected_today{"F01-before", "S01-before"};
    for (const auto& [number, between_light] : {std::pair{"F01-between", helsinki_between},
                                                {"S01-between", london_between},
                                                {"SHOP-between", london_between},
                                                {"EBAY-between", helsinki_between}}) {
        if (between_light == "due_today") expected_today.insert(number);
    }
    CHECK(today == expected_today);

    // A location whose zone the office does not know: the list still answers, and its orders keep
    // to the fallback's clock (the first warehouse's: London).
    {
        auto db =
            store::Database::Open(shop.office.db_path, {store::Durability::kNormal, 5000, false});
        REQUIRE(db);
        REQUIRE(store::SaveLocation(
            *db, stock::Location{"0190a1b2-0000-7000-8000-0000000000f2", "M01", "Olympus Mons",
                                 stock::LocationKind::kStore, "Mars/Olympus_Mons"}));
    }
    shop.Place({.number = "M01-between",
                .location_id = "0190a1b2-0000-7000-8000-0000000000f2",
                .placed_at = now - kHour,
                .despatch_by = between});
    const json with_mars = shop.Get("q=M01-between");
    REQUIRE(with_mars["orders"].size() == 1);
    CHECK(with_mars["orders"][0]["deadline"] == london_between);
    CHECK(with_mars["orders"][0]["location"] == "M01");
}
