// The returns desk's search by e-mail or date (issue 14, point 1): what the cashier typed read as
// an e-mail, a day or a number; the office's list (a fake SyncPort answers for the office; the
// till's database and journal are real), this till's own sales of a day from its journal, one
// match opened at once, several listed to tap, none said plainly; offline, the journal alone.
#include <doctest/doctest.h>

#include "returns_till.hpp"
#include "tillbook/pos/app/desk_search.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::ReturnsTill;

namespace {

constexpr queries::CalendarDay kToday{2026, 3, 1};

DeskQuery Read(const std::string& typed) {
    auto query = ReadDeskQuery(typed, kToday);
    INFO(typed, ": ", (query ? "" : query.error().message));
    REQUIRE(query);
    return *query;
}

std::string Refused(const std::string& typed) {
    auto query = ReadDeskQuery(typed, kToday);
    INFO(typed);
    REQUIRE_FALSE(query);
    CHECK(query.error().code == ErrorCode::kInvalidInput);
    return query.error().message;
}

queries::CalendarDay DayOf(const std::string& typed) {
    const DeskQuery query = Read(typed);
    INFO(typed);
    REQUIRE(std::holds_alternative<DeskDay>(query));
    return std::get<DeskDay>(query).day;
}

std::string CodeOf(const std::string& typed) {
    const DeskQuery query = Read(typed);
    INFO(typed);
    REQUIRE(std::holds_alternative<DeskCode>(query));
    return std::get<DeskCode>(query).code;
}

// Orders as the office's search answers them.
queries::OrderSearchHit Shopify(const std::string& id, const std::string& number,
                                ids::UtcMillis placed_at, bool returnable = true) {
    return {id,   number, "shopify", orders::OrderStatus::kDelivered, placed_at, "Ada@Example.com",
            3345, "GBP",  returnable};
}

}  // namespace

TEST_CASE("the desk reads an e-mail in any case, a day written day first, or else a number") {
    const DeskQuery email = Read("  Ada.Lovelace@Example.COM ");
    REQUIRE(std::holds_alternative<DeskEmail>(email));
    CHECK(std::get<DeskEmail>(email).email == "ada.lovelace@example.com");

    CHECK(DayOf("06/12/2026") == queries::CalendarDay{2026, 12, 6});
    CHECK(DayOf("6/12/26") == queries::CalendarDay{2026, 12, 6});
    CHECK(DayOf("06.12.2026") == queries::CalendarDay{2026, 12, 6});
    CHECK(DayOf("2026-12-06") == queries::CalendarDay{2026, 12, 6});
    CHECK(DayOf("29/02/2024") == queries::CalendarDay{2024, 2, 29});
    CHECK(DayOf("Today") == kToday);
    CHECK(DayOf("yesterday ") == queries::CalendarDay{2026, 2, 28});  // across the month's end

    // Numbers of every channel, and barcodes, stay numbers: an eBay id is not a day.
    CHECK(CodeOf(" S01-T1-000042 ") == "S01-T1-000042");
    CHECK(CodeOf("#1042") == "#1042");
    CHECK(CodeOf("12-34567-89012") == "12-34567-89012");
    CHECK(CodeOf("123-1234567-1234567") == "123-1234567-1234567");
    CHECK(CodeOf("5060123450019") == "5060123450019");
    CHECK(CodeOf("1042") == "1042");
    CHECK(CodeOf("06/12") == "06/12");  // no year: not a day
}

TEST_CASE("a date not in the calendar, a malformed e-mail and nothing typed are refused plainly") {
    CHECK(Refused("31/02/2026") == "31/02/2026 is not a date: write the day first, as 06/12/2026");
    CHECK(Refused("12/31/2026").find("write the day first") != std::string::npos);
    CHECK(Refused("29/02/2026").find("is not a date") != std::string::npos);
    CHECK(Refused("2026-13-01").find("is not a date") != std::string::npos);
    CHECK(Refused("00/01/2026").find("is not a date") != std::string::npos);
    CHECK(Refused("ada@") ==
          "\"ada@\" is not an e-mail address: the part after the @ is not a "
          "domain");
    CHECK(Refused("@example.com").find("nothing before the @") != std::string::npos);
    CHECK(Refused("ada@@example.com").find("more than one @") != std::string::npos);
    CHECK(Refused("ada lovelace@example.com").find("space") != std::string::npos);
    CHECK(Refused("ada@example").find("not a domain") != std::string::npos);
    CHECK(Refused("   ") == "Scan the receipt, or type an order number, an e-mail or a date");
}

TEST_CASE(
    "an e-mail is searched at the office: several orders are listed newest first, a tap looks "
    "one up, and going back from it shows the list again") {
    ReturnsTill till("search-email");
    till.sync.office_link = true;
    const ReturnsView& desk = till.Desk();
    CHECK(desk.find_hint.find("e-mail") != std::string::npos);
    till.Do(FindOrder{" Ada@Example.com "});
    REQUIRE(till.sync.searches.size() == 1);
    CHECK(till.sync.searches[0].email == "ada@example.com");
    CHECK_FALSE(till.sync.searches[0].day.has_value());
    CHECK(desk.busy);
    CHECK(desk.message == "Searching the office for orders for ada@example.com…");
    till.Do(FindOrder{"#1042"});  // nothing else while the office searches
    CHECK(till.sync.lookups.empty());

    OrderSearchReport answer{1, true, true, {}, ""};
    answer.orders = {Shopify("order-older", "#1041", 1'700'000'000'000, false),
                     Shopify("order-newer", "#1042", 1'760'000'000'000)};
    till.Post(answer);
    REQUIRE(desk.step == ReturnsStep::kMatches);
    CHECK(desk.matches_title == "2 orders for ada@example.com");
    REQUIRE(desk.matches.size() == 2);
    CHECK(desk.matches[0].number == "#1042");  // newest first
    CHECK(desk.matches[0].channel_text == "Shopify order");
    CHECK(desk.matches[0].email == "Ada@Example.com");
    CHECK(desk.matches[0].total_text == "£33.45");
    CHECK(desk.matches[0].state_text == "Can come back");
    CHECK_FALSE(desk.matches[0].own_sale);
    CHECK(desk.matches[1].state_text == "All returned");
    CHECK_FALSE(desk.busy);

    till.Do(ChooseOrderMatch{"order-newer"});
    CHECK(till.sync.lookups == std::vector<std::string>{"order-newer"});  // by its id
    CHECK(desk.message == "Looking up #1042 at the office…");
    queries::OrderDetail order;
    order.id = "order-newer";
    order.channel = "shopify";
    order.number = "#1042";
    order.currency = "GBP";
    order.total_minor = 650;
    order.status = orders::OrderStatus::kDelivered;
    order.lines = {
        {1, orders::LineKind::kGoods, "TEA-EARL-125G", "Earl Grey 125 g", 1000, 650, 0, 650, 0, 0}};
    till.Post(OrderLookupReport{2, true, order, ""});
    REQUIRE(desk.step == ReturnsStep::kOrder);
    CHECK(desk.order_number == "#1042");
    till.Do(BackToFind{});
    CHECK(desk.step == ReturnsStep::kMatches);
    CHECK(desk.matches.size() == 2);
    till.Do(BackToFind{});  // "Search again"
    CHECK(desk.step == ReturnsStep::kFind);
    CHECK(desk.matches.empty());
}

TEST_CASE("one order found opens at once, and none is said with what was searched") {
    ReturnsTill till("search-one");
    till.sync.office_link = true;
    const ReturnsView& desk = till.Desk();
    till.Do(FindOrder{"bob@example.com"});
    till.Post(OrderSearchReport{1, true, true, {}, ""});
    CHECK(desk.step == ReturnsStep::kFind);
    CHECK(desk.message == "No orders for bob@example.com");
    CHECK(desk.message_is_problem);
    CHECK(till.sync.lookups.empty());

    till.Do(FindOrder{"ada@example.com"});
    till.Post(
        OrderSearchReport{2, true, true, {Shopify("order-1042", "#1042", 1'760'000'000'000)}, ""});
    CHECK(till.sync.lookups == std::vector<std::string>{"order-1042"});
    CHECK(desk.busy);

    // A refusal of the office (a malformed request) is shown with its words.
    till.Do(CloseReturns{});
    till.Do(OpenReturns{});
    till.Do(FindOrder{"ada@example.com"});
    till.Post(OrderSearchReport{4, true, false, {}, "email: not an e-mail address"});
    CHECK(desk.step == ReturnsStep::kFind);
    CHECK(desk.message == "The office could not search: email: not an e-mail address");
}

TEST_CASE(
    "a date lists this till's own sales of the day with the office's orders, each once, and an "
    "own sale tapped opens from the journal") {
    ReturnsTill till("search-date");
    till.sync.office_link = true;
    const ReturnsView& desk = till.Desk();
    const ids::UtcMillis now = till.till.clock.Now();
    const queries::CalendarDay today = queries::DayAt(now, "Europe/London");  // S01's zone
    till.Do(FindOrder{"today"});
    REQUIRE(till.sync.searches.size() == 1);
    REQUIRE(till.sync.searches[0].day.has_value());
    CHECK(*till.sync.searches[0].day == today);
    CHECK(till.sync.searches[0].time_zone == "Europe/London");
    CHECK(till.sync.searches[0].email.empty());
    auto q = till.till.db.Prepare("SELECT id FROM orders WHERE number = 'S01-T1-000001'");
    REQUIRE(q);
    REQUIRE(*q->Step());
    const std::string own_id = q->Text(0);
    // The office has the own sale (pushed) and a Shopify order of the same day.
    queries::OrderSearchHit own{
        own_id, "S01-T1-000001", "store:S01", orders::OrderStatus::kDelivered, now, "",
        2945,   "GBP",           true};
    till.Post(
        OrderSearchReport{1, true, true, {Shopify("order-1042", "#1042", now + 60'000), own}, ""});
    REQUIRE(desk.step == ReturnsStep::kMatches);
    REQUIRE(desk.matches.size() == 2);
    CHECK(desk.matches_title == "2 orders placed on " + DayText(today));
    CHECK(desk.matches[0].number == "#1042");
    CHECK(desk.matches[1].number == "S01-T1-000001");
    CHECK(desk.matches[1].own_sale);
    CHECK(desk.matches[1].channel_text == "Shop S01");
    CHECK(desk.matches[1].total_text == "£29.45");
    till.Do(ChooseOrderMatch{own_id});
    REQUIRE(desk.step == ReturnsStep::kOrder);
    CHECK(desk.own_sale);
    CHECK(till.sync.lookups.empty());  // the journal had it
}

TEST_CASE(
    "offline, a date finds this till's own sales in its journal, and an e-mail search says "
    "plainly that it needs the office") {
    ReturnsTill till("search-offline");
    till.sync.office_link = true;
    till.Online(false);
    const ReturnsView& desk = till.Desk();
    CHECK(desk.find_limits.find("e-mail search needs the office") != std::string::npos);
    till.Do(FindOrder{"ada@example.com"});
    CHECK(desk.step == ReturnsStep::kFind);
    CHECK(desk.message ==
          "E-mail search needs the office, and it is offline now. This till's own sales can still "
          "be found by their date or number");
    CHECK(till.sync.searches.empty());

    till.Do(FindOrder{"yesterday"});
    CHECK(desk.step == ReturnsStep::kFind);
    CHECK(desk.message.starts_with("No orders placed on "));
    CHECK(desk.message.ends_with(" among this till's own sales (the office was not asked)"));

    // Today: the one sale of the journal opens at once.
    till.Do(FindOrder{"today"});
    REQUIRE(desk.step == ReturnsStep::kOrder);
    CHECK(desk.order_number == "S01-T1-000001");
    CHECK(desk.own_sale);
    CHECK(till.sync.searches.empty());
    CHECK(till.sync.lookups.empty());

    // A second sale today: both listed, from the journal only, and said so.
    till.Do(BackToFind{});
    till.Do(CloseReturns{});
    till.Do(ScanCode{testing::kBreakfast});
    till.PayCash("5.00");
    till.Do(NewSale{});
    till.Do(OpenReturns{});
    till.Do(FindOrder{"today"});
    REQUIRE(desk.step == ReturnsStep::kMatches);
    REQUIRE(desk.matches.size() == 2);
    CHECK(desk.matches_note == "The office was not asked: only this till's own sales are listed");
    CHECK(desk.matches[0].own_sale);
    CHECK(desk.matches[1].own_sale);
}

TEST_CASE("a date searched while the office cannot be reached lists the journal's own sales") {
    ReturnsTill till("search-unreached");
    till.sync.office_link = true;
    const ReturnsView& desk = till.Desk();
    till.Do(FindOrder{"today"});
    REQUIRE(till.sync.searches.size() == 1);
    till.Post(OrderSearchReport{1, false, false, {}, "The office cannot be reached (refused)"});
    REQUIRE(desk.step == ReturnsStep::kOrder);  // the one own sale of today
    CHECK(desk.order_number == "S01-T1-000001");
    till.Do(BackToFind{});
    till.Do(FindOrder{"ada@example.com"});
    till.Post(OrderSearchReport{2, false, false, {}, "The office cannot be reached (refused)"});
    CHECK(desk.step == ReturnsStep::kFind);
    CHECK(desk.message.starts_with("E-mail search needs the office"));
}
