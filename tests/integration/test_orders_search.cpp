// The returns desk's search by e-mail or date at the real back office on loopback (GET
// /api/v1/orders/search; docs/api.md): orders of every channel by the customer's e-mail in any
// case (the whole address, no wildcards), by the day placed in the store's zone across midnight,
// bad input refused with 400 naming the field, a till's and a cashier's token let in; and the
// till's desk thread (pos/office/office_desk) asking it.
#include <doctest/doctest.h>

#include "channel_payloads.hpp"
#include "office_fixture.hpp"
#include "till_office.hpp"
#include "tillbook/pos/office/office_desk.hpp"
#include "tillbook/pos/office/till_pairing.hpp"
#include "tillbook/pos/till_schema.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::OfficeUnderTest;

namespace {

// Three Shopify orders: #7101 by ada at 23:30 UTC on 1 July (00:30 on 2 July in London, on
// summer time), dispatched; #7102 by ADA@EXAMPLE.COM at noon on 2 July, not yet dispatched;
// #7103 by bob at 10:00 UTC on 1 July.
struct SearchShop {
    explicit SearchShop(const std::string& name) : office(name) {
        const std::string manager = office.Manager();
        const auto import = [&](long id, const std::string& email, const std::string& at) {
            json order = testing::ShopifyThreeLineOrder(id);
            order["email"] = email;
            order["created_at"] = at;
            order["updated_at"] = at;
            auto res = office.Client(manager)->Post("/api/v1/channels/shopify/orders", order.dump(),
                                                    "application/json");
            REQUIRE(res);
            INFO(res->body);
            REQUIRE(res->status / 100 == 2);
            return testing::Body(res)["id"].get<std::string>();
        };
        ada_late = import(7101, "ada@example.com", "2026-07-01T23:30:00Z");
        ada_noon = import(7102, "ADA@EXAMPLE.COM", "2026-07-02T12:00:00Z");
        bob = import(7103, "bob@example.com", "2026-07-01T10:00:00Z");
        office.AppendAsOffice(ledger::OrderDispatched{ada_late, "JD0001"});
        till = office.Pair("S01", "T1").token;
    }

    // The answer to GET /api/v1/orders/search?<query> with `token`.
    httplib::Result Get(const std::string& query, const std::string& token) {
        return office.Client(token)->Get("/api/v1/orders/search?" + query);
    }
    std::vector<std::string> Numbers(const std::string& query) {
        auto res = Get(query, till);
        REQUIRE(res);
        INFO(query, " ", res->body);
        REQUIRE(res->status == 200);
        std::vector<std::string> numbers;
        const json body = testing::Body(res);
        for (const json& one : body.at("orders"))
            numbers.push_back(one["number"].get<std::string>());
        return numbers;
    }

    OfficeUnderTest office;
    std::string ada_late, ada_noon, bob;
    std::string till;
};

using Numbers = std::vector<std::string>;

}  // namespace

TEST_CASE(
    "issue 14: the office finds a customer's orders by e-mail in any case, newest first, with "
    "what the returns desk shows of each") {
    SearchShop shop("search-email");
    auto res = shop.Get("email=Ada%40Example.Com", shop.till);
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    const json body = testing::Body(res);
    CHECK(body["limit"] == 20);
    const json& found = body["orders"];
    REQUIRE(found.size() == 2);
    CHECK(found[0]["number"] == "#7102");  // noon on 2 July, the newer
    CHECK(found[0]["id"] == shop.ada_noon);
    CHECK(found[0]["customer_email"] == "ADA@EXAMPLE.COM");
    CHECK(found[0]["status"] == "allocated");
    CHECK(found[0]["returnable"] == false);  // nothing has reached the customer
    CHECK(found[1]["number"] == "#7101");
    CHECK(found[1]["channel"] == "shopify");
    CHECK(found[1]["placed_at"] == "2026-07-01T23:30:00.000Z");
    CHECK(found[1]["total_minor"] == 3345);
    CHECK(found[1]["currency"] == "GBP");
    CHECK(found[1]["returnable"] == true);  // dispatched, nothing back yet

    CHECK(shop.Numbers("email=%20bob%40example.com%20") == Numbers{"#7103"});
    // The whole address, and no wildcards: a part, '%' or '_' finds nothing.
    CHECK(shop.Numbers("email=da%40example.com").empty());
    CHECK(shop.Numbers("email=%25%40example.com").empty());
    CHECK(shop.Numbers("email=_da%40example.com").empty());
    CHECK(shop.Numbers("email=nobody%40example.com").empty());
}

TEST_CASE(
    "issue 14: the office finds the orders placed on a day in the store's time zone, across "
    "midnight UTC") {
    SearchShop shop("search-date");
    // 23:30 UTC on 1 July is 00:30 on 2 July in London: that order is of the 2nd there.
    CHECK(shop.Numbers("date=2026-07-02&tz=Europe%2FLondon") == Numbers{"#7102", "#7101"});
    CHECK(shop.Numbers("date=2026-07-01&tz=Europe%2FLondon") == Numbers{"#7103"});
    // In UTC (the default) it is of the 1st.
    CHECK(shop.Numbers("date=2026-07-01") == Numbers{"#7101", "#7103"});
    CHECK(shop.Numbers("date=2026-07-02&tz=UTC") == Numbers{"#7102"});
    CHECK(shop.Numbers("date=2026-07-03&tz=Europe%2FLondon").empty());
}

TEST_CASE("issue 14: a malformed e-mail, day or zone is refused with a 400 naming the field") {
    SearchShop shop("search-bad");
    const auto refused = [&](const std::string& query, const std::string& field,
                             const std::string& words) {
        auto res = shop.Get(query, shop.till);
        REQUIRE(res);
        INFO(query, " ", res->body);
        CHECK(res->status == 400);
        const json error = testing::Body(res)["error"];
        CHECK(error["code"] == "invalid_input");
        CHECK(error["field"] == field);
        CHECK(error["message"].get<std::string>().find(words) != std::string::npos);
    };
    refused("email=ada%40", "email", "is not an e-mail address");
    refused("email=ada.example.com", "email", "it has no @");
    refused("email=", "email", "is not an e-mail address");
    refused("date=2026-02-30", "date", "is not a day of the calendar");
    refused("date=01%2F07%2F2026", "date", "write it as 2026-12-06");
    refused("date=2026-07-01&tz=Mars%2FOlympus", "tz", "Mars/Olympus");
    refused("", "email", "give either email or date");
    refused("email=ada%40example.com&date=2026-07-01", "date", "give either email or date");
}

TEST_CASE("issue 14: the search answers a till's token and a cashier's, and no one else") {
    SearchShop shop("search-access");
    const std::string zoe = shop.office.Login("zoe", "demo-cashier-password");
    auto as_cashier = shop.Get("email=ada%40example.com", zoe);
    REQUIRE(as_cashier);
    CHECK(as_cashier->status == 200);
    auto as_till = shop.Get("email=ada%40example.com", shop.till);
    REQUIRE(as_till);
    CHECK(as_till->status == 200);
    auto nobody = shop.Get("email=ada%40example.com", "");
    REQUIRE(nobody);
    CHECK(nobody->status == 401);
}

TEST_CASE(
    "issue 14: the till's desk thread searches the office by e-mail and by the store's day, and "
    "says so when the office cannot be reached") {
    SearchShop shop("search-desk");
    testing::TempDir till_dir("search-desk-till");
    const std::string till_db = till_dir.File("till.db");
    {
        auto code = shop.office.auth->CreatePairingCode("S01", 60'000);
        REQUIRE(code);
        auto db = pos::OpenTillDatabase(till_db);
        REQUIRE(db);
        ids::SystemClock clock;
        auto paired = pos::office::PairTill(
            *db,
            {"http://127.0.0.1:" + std::to_string(shop.office.server->Port()), {}, *code, "T2"},
            clock);
        REQUIRE_MESSAGE(paired, paired.error().message);
    }
    pos::app::ReportQueue queue;
    pos::office::OfficeDesk desk(till_db, {}, queue);

    const auto by_email = testing::WaitForAnswer<pos::app::OrderSearchReport>(
        queue, desk.SearchOrders({"ada@example.com", std::nullopt, "Europe/London"}));
    CHECK(by_email.reached);
    REQUIRE(by_email.answered);
    REQUIRE(by_email.orders.size() == 2);
    CHECK(by_email.orders[0].number == "#7102");
    CHECK(by_email.orders[1].id == shop.ada_late);
    CHECK(by_email.orders[1].returnable);
    CHECK(by_email.orders[1].status == orders::OrderStatus::kDispatched);
    CHECK(by_email.orders[1].customer_email == "ada@example.com");
    CHECK(by_email.orders[1].total_minor == 3345);

    const auto by_day = testing::WaitForAnswer<pos::app::OrderSearchReport>(
        queue, desk.SearchOrders({"", queries::CalendarDay{2026, 7, 1}, "Europe/London"}));
    REQUIRE(by_day.answered);
    REQUIRE(by_day.orders.size() == 1);
    CHECK(by_day.orders[0].id == shop.bob);

    const auto bad = testing::WaitForAnswer<pos::app::OrderSearchReport>(
        queue, desk.SearchOrders({"", queries::CalendarDay{2026, 7, 1}, "Mars/Olympus"}));
    CHECK(bad.reached);
    CHECK_FALSE(bad.answered);
    CHECK(bad.message.find("Mars/Olympus") != std::string::npos);

    shop.office.server->Stop();
    const auto offline = testing::WaitForAnswer<pos::app::OrderSearchReport>(
        queue, desk.SearchOrders({"ada@example.com", std::nullopt, "Europe/London"}));
    CHECK_FALSE(offline.reached);
    CHECK_FALSE(offline.answered);
    CHECK(offline.message.find("The office cannot be reached") != std::string::npos);
}
