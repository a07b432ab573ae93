// Integration tests: returns, receiving, exchanges and stock counts over HTTP, against the real
// server on loopback.
#include <doctest/doctest.h>

#include "office_fixture.hpp"
#include "tillbook/ledger/event_json.hpp"
#include "tillbook/orders/till_sale.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::Body;
using testing::CheckError;
using testing::GetOk;
using testing::OfficeUnderTest;
using testing::PostCreated;

namespace {

constexpr const char* kS01 = "0190a1b2-0000-7000-8000-000000000001";
const money::Currency kGbp{"GBP", 2};

// A till at S01 sells `quantity_milli` of a SKU at `unit_minor` a unit (a kilogram when weighed),
// paid by card, and syncs it. Answers the sale's number.
std::string SellMilliAtTill(OfficeUnderTest& office, const OfficeUnderTest::Terminal& till,
                            std::int64_t origin_seq, const std::string& sku,
                            std::int64_t quantity_milli, std::int64_t unit_minor) {
    orders::Order order;
    order.id = office.ids.NextString();
    order.number = orders::TillOrderNumber("S01", till.origin.substr(13), origin_seq);
    order.channel = "store:S01";
    order.location_id = kS01;
    order.currency = "GBP";
    order.lines = {orders::OrderLine{1, orders::LineKind::kGoods, sku, sku, quantity_milli,
                                     money::Money(unit_minor, kGbp), money::Money(0, kGbp), 0,
                                     money::TaxMode::kInclusive, std::nullopt}};
    const auto totals = orders::ComputeTotals(order);
    REQUIRE(totals);
    const money::Money total = totals->total;
    const json events = json::array({ledger::EventToJson(
        {office.ids.NextString(), till.origin, origin_seq, "zoe", office.clock.Now(),
         ledger::OrderPlaced{
             order, true, {orders::Payment{orders::Tender::kCard, total, total, "", ""}}}})});
    auto res = office.Client(till.token)
                   ->Post("/api/v1/sync/push", json{{"protocol", 1}, {"events", events}}.dump(),
                          "application/json");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(json::parse(res->body)["results"][0]["status"] == "accepted");
    return order.number;
}

// The same for `units` of goods sold by the unit.
std::string SellAtTill(OfficeUnderTest& office, const OfficeUnderTest::Terminal& till,
                       std::int64_t origin_seq, const std::string& sku, std::int64_t units,
                       std::int64_t unit_minor) {
    return SellMilliAtTill(office, till, origin_seq, sku, units * 1000, unit_minor);
}

json BackLine(int line_no, std::int64_t units, const char* condition = "restock") {
    return {{"line_no", line_no},
            {"quantity", units},
            {"reason", "changed_mind"},
            {"condition", condition}};
}

std::int64_t OnHand(OfficeUnderTest& office, const std::string& location, const std::string& sku) {
    return office.Scalar(
        "SELECT coalesce(sum(on_hand), 0) FROM stock_levels s JOIN locations l ON "
        "l.id = s.location_id WHERE l.code = '" +
        location + "' AND s.sku = '" + sku + "'");
}

std::int64_t Movements(OfficeUnderTest& office, const std::string& location,
                       const std::string& sku) {
    return office.Scalar(
        "SELECT coalesce(sum(on_hand_delta), 0) FROM stock_movements m JOIN locations l ON "
        "l.id = m.location_id WHERE l.code = '" +
        location + "' AND m.sku = '" + sku + "'");
}

}  // namespace

TEST_CASE(
    "an exchange for a dearer SKU is paid exactly the difference, one for a cheaper SKU refunds "
    "exactly it, and an even one needs no tender") {
    OfficeUnderTest office("exchange-settles");
    const auto till = office.Pair("S01", "T1");
    const std::string sale = SellAtTill(office, till, 1, "TEA-EARL-125G", 3, 650);
    const std::int64_t earl_125 = OnHand(office, "S01", "TEA-EARL-125G");
    const std::int64_t earl_250 = OnHand(office, "S01", "TEA-EARL-250G");
    const std::int64_t digestives = OnHand(office, "S01", "BAK-DIGE-300G");
    auto cashier = office.Client(office.Login("zoe", "demo-cashier-password"));

    // 6.50 back for an 11.50 pack: the customer pays 5.00.
    const json dearer = PostCreated(*cashier, "/api/v1/exchanges",
                                    {{"order", sale},
                                     {"location", "S01"},
                                     {"lines", {BackLine(1, 1)}},
                                     {"new_goods", {{{"sku", "TEA-EARL-250G"}, {"quantity", 1}}}},
                                     {"tender", "card"}});
    CHECK(dearer["credit_minor"] == 650);
    CHECK(dearer["new_total_minor"] == 1150);
    CHECK(dearer["paid_minor"] == 500);
    CHECK(dearer["refunded_minor"] == 0);
    CHECK(dearer["order_number"] == "S01-BO000001");

    // 6.50 back for digestives at 2.95, taxed at the standard rate: 3.55 goes back to the card.
    const json cheaper = PostCreated(*cashier, "/api/v1/exchanges",
                                     {{"order", sale},
                                      {"location", "S01"},
                                      {"lines", {BackLine(1, 1)}},
                                      {"new_goods", {{{"sku", "BAK-DIGE-300G"}, {"quantity", 1}}}},
                                      {"tender", "card"}});
    CHECK(cheaper["credit_minor"] == 650);
    CHECK(cheaper["new_total_minor"] == 295);
    CHECK(cheaper["paid_minor"] == 0);
    CHECK(cheaper["refunded_minor"] == 355);
    CHECK(cheaper["order_number"] == "S01-BO000002");

    // The same tea for a damaged pack: nothing to settle, no tender asked for.
    const json even = PostCreated(*cashier, "/api/v1/exchanges",
                                  {{"order", sale},
                                   {"location", "S01"},
                                   {"lines", {BackLine(1, 1, "damaged")}},
                                   {"new_goods", {{{"sku", "TEA-EARL-125G"}, {"quantity", 1}}}}});
    CHECK(even["paid_minor"] == 0);
    CHECK(even["refunded_minor"] == 0);
    CHECK(even["tender"].is_null());
    CHECK(office.Scalar("SELECT count(*) FROM ledger WHERE kind = 9") == 3);

    // The new orders are priced from the catalogue and its tax class, handed over and paid.
    auto manager = office.Client(office.Manager());
    const json digestives_order =
        GetOk(*manager, "/api/v1/orders/" + cheaper["order_id"].get<std::string>());
    CHECK(digestives_order["number"] == "S01-BO000002");
    CHECK(digestives_order["status"] == "delivered");
    CHECK(digestives_order["total_minor"] == 295);
    CHECK(digestives_order["tax_minor"] == 49);  // 20% inside 2.95
    CHECK(digestives_order["paid_minor"] == 295);
    const json dearer_order =
        GetOk(*manager, "/api/v1/orders/" + dearer["order_id"].get<std::string>());
    CHECK(dearer_order["paid_minor"] == 1150);
    CHECK(dearer_order["history"][0]["actor"] != "");

    // The original order: all three packs came back, and its refunds never exceed what was paid.
    CHECK(office.Scalar("SELECT returned_quantity FROM order_lines WHERE order_id = (SELECT id "
                        "FROM orders WHERE number = '" +
                        sale + "')") == 3000);
    CHECK(office.Scalar("SELECT refunded_minor FROM orders WHERE number = '" + sale + "'") == 1950);

    // Stock at S01: two packs restocked, one put aside as damaged, and the new goods left.
    CHECK(OnHand(office, "S01", "TEA-EARL-125G") == earl_125 + 2000 - 1000);
    CHECK(OnHand(office, "S01", "TEA-EARL-250G") == earl_250 - 1000);
    CHECK(OnHand(office, "S01", "BAK-DIGE-300G") == digestives - 1000);
    for (const char* sku : {"TEA-EARL-125G", "TEA-EARL-250G", "BAK-DIGE-300G"}) {
        CAPTURE(sku);
        CHECK(OnHand(office, "S01", sku) == Movements(office, "S01", sku));
    }
    CHECK(office.Verifies());
}

TEST_CASE(
    "an exchange that returns more than was sold is refused, and so is bad input, naming the field "
    "and writing nothing") {
    OfficeUnderTest office("exchange-refused");
    const auto till = office.Pair("S01", "T1");
    const std::string sale = SellAtTill(office, till, 1, "TEA-EARL-125G", 1, 650);
    auto cashier = office.Client(office.Login("zoe", "demo-cashier-password"));
    const auto before = office.AllRows();
    const json good{{"order", sale},
                    {"location", "S01"},
                    {"lines", {BackLine(1, 1)}},
                    {"new_goods", {{{"sku", "TEA-EARL-250G"}, {"quantity", 1}}}},
                    {"tender", "card"}};
    const auto refused = [&](json body, int status, const std::string& field) {
        CAPTURE(body.dump());
        CheckError(cashier->Post("/api/v1/exchanges", body.dump(), "application/json"), status,
                   field);
    };
    json over = good;
    over["lines"] = {BackLine(1, 2)};
    refused(over, 422, "ret.lines.quantity");
    json no_tender = good;
    no_tender.erase("tender");
    refused(no_tender, 400, "tender");
    json unknown_sku = good;
    unknown_sku["new_goods"][0]["sku"] = "NO-SUCH-SKU";
    refused(unknown_sku, 404, "new_goods[0].sku");
    json inactive = good;
    inactive["new_goods"][0]["sku"] = "BAK-STOL-750G";
    refused(inactive, 400, "new_goods[0].sku");
    json zero = good;
    zero["new_goods"][0]["quantity"] = 0;
    refused(zero, 400, "new_goods[0].quantity");
    json weighed_in_units = good;
    weighed_in_units["new_goods"][0] = {{"sku", "DELI-CHED-KG"}, {"quantity", 1}};
    refused(weighed_in_units, 400, "new_goods[0].quantity");
    json no_goods = good;
    no_goods.erase("new_goods");
    refused(no_goods, 400, "new_goods");
    json bad_line = good;
    bad_line["lines"][0]["line_no"] = 7;
    refused(bad_line, 404, "lines[0].line_no");
    json bad_reason = good;
    bad_reason["lines"][0]["reason"] = "bored";
    refused(bad_reason, 400, "lines[0].reason");
    json bad_tender = good;
    bad_tender["tender"] = "beans";
    refused(bad_tender, 400, "tender");
    json nowhere = good;
    nowhere["location"] = "X99";
    refused(nowhere, 404, "location");
    json no_order = good;
    no_order["order"] = "S01-T1-999999";
    refused(no_order, 404, "order");
    CheckError(cashier->Post("/api/v1/exchanges", "{not json", "application/json"), 400, "");
    CHECK(office.AllRows() == before);

    // And then the good one goes through, weighed goods by the gram.
    json weighed = good;
    weighed["new_goods"] = {{{"sku", "DELI-CHED-KG"}, {"quantity_milli", 250}}};
    const json done = PostCreated(*cashier, "/api/v1/exchanges", weighed);
    CHECK(done["new_total_minor"] == 600);  // 250 g at 24.00 a kilogram
    CHECK(done["paid_minor"] == 0);
    CHECK(done["refunded_minor"] == 50);
    CHECK(office.Verifies());
}

TEST_CASE("returns are read back by id and by their order, and received against an order's id") {
    OfficeUnderTest office("returns-read");
    const auto till = office.Pair("S01", "T1");
    const std::string sale = SellAtTill(office, till, 1, "TEA-EARL-125G", 3, 650);
    const std::string order_id = json::parse(office.Client(office.Manager())
                                                 ->Get(("/api/v1/orders?q=" + sale).c_str())
                                                 ->body)["orders"][0]["id"];
    auto cashier = office.Client(office.Login("zoe", "demo-cashier-password"));
    // Received by the order's id, at another store, refunded at once.
    const json first = PostCreated(*cashier, "/api/v1/returns",
                                   {{"order", order_id},
                                    {"location", "S02"},
                                    {"lines", {BackLine(1, 1)}},
                                    {"refund", {{"tender", "card"}}}});
    CHECK(first["order_id"] == order_id);
    CHECK(first["refunded_minor"] == 650);
    const json second =
        PostCreated(*cashier, "/api/v1/exchanges",
                    {{"order", sale},
                     {"location", "S01"},
                     {"lines", {BackLine(1, 1, "write_off")}},
                     {"new_goods", {{{"sku", "TEA-PEPM-20BAGS"}, {"quantity", 2}}}}});
    CHECK(second["new_total_minor"] == 650);  // two packs at 3.25: even

    const json shown = GetOk(*cashier, "/api/v1/returns/" + first["return_id"].get<std::string>());
    CHECK(shown["order_id"] == order_id);
    CHECK(shown["order_number"] == sale);
    CHECK(shown["location"] == "S02");
    CHECK(shown["value_minor"] == 650);
    CHECK(shown["refunded_minor"] == 650);
    REQUIRE(shown["lines"].size() == 1);
    CHECK(shown["lines"][0]["sku"] == "TEA-EARL-125G");
    CHECK(shown["lines"][0]["quantity_milli"] == 1000);
    CHECK(shown["lines"][0]["reason"] == "changed_mind");
    CHECK(shown["lines"][0]["condition"] == "restock");
    REQUIRE(shown["refunds"].size() == 1);
    CHECK(shown["refunds"][0]["tender"] == "card");
    CHECK(shown["exchange_order_id"].is_null());

    const json listed = GetOk(*cashier, "/api/v1/returns?order=" + sale);
    REQUIRE(listed["returns"].size() == 2);
    CHECK(listed["returns"][0]["id"] == first["return_id"]);
    CHECK(listed["returns"][1]["id"] == second["return_id"]);
    CHECK(listed["returns"][1]["exchange_order_id"] == second["order_id"]);
    CHECK(listed["returns"][1]["exchange_order_number"] == second["order_number"]);
    CHECK(listed["returns"][1]["refunds"][0]["tender"] == "exchange_credit");
    CHECK(listed["returns"][1]["lines"][0]["condition"] == "write_off");

    // The exchange's new order is found by its own number like any other.
    const json none =
        GetOk(*cashier, "/api/v1/returns?order=" + second["order_number"].get<std::string>());
    CHECK(none["order_id"] == second["order_id"]);
    CHECK(none["returns"].empty());
    const json back_again = PostCreated(
        *cashier, "/api/v1/returns",
        {{"order", second["order_number"]}, {"location", "S01"}, {"lines", {BackLine(1, 2)}}});
    CHECK(back_again["value_minor"] == 650);

    CheckError(cashier->Get("/api/v1/returns/no-such-return"), 404, "");
    CheckError(cashier->Get("/api/v1/returns?order=S01-T1-999999"), 404, "order");
    CheckError(cashier->Get("/api/v1/returns"), 400, "order");
    CHECK(office.Client()->Get("/api/v1/returns?order=" + sale)->status == 401);
    CHECK(office.Verifies());
}

TEST_CASE(
    "a stock count that finds 3 fewer writes one count correction of -3 and the level becomes the "
    "count, and a line that matches writes nothing") {
    OfficeUnderTest office("stock-count");
    auto manager = office.Client(office.Manager());
    const std::int64_t assam = OnHand(office, "S01", "TEA-ASSM-125G");
    const std::int64_t darjeeling = OnHand(office, "S01", "TEA-DARJ-100G");
    const std::int64_t cheddar = OnHand(office, "S01", "DELI-CHED-KG");
    REQUIRE(assam >= 3000);
    const std::int64_t events = office.Scalar("SELECT count(*) FROM ledger");
    const json counted =
        PostCreated(*manager, "/api/v1/stock/counts",
                    {{"location", "S01"},
                     {"note", "Monday shelf count"},
                     {"lines",
                      {{{"sku", "TEA-ASSM-125G"}, {"counted", assam / 1000 - 3}},
                       {{"sku", "TEA-DARJ-100G"}, {"counted", darjeeling / 1000}},
                       {{"sku", "DELI-CHED-KG"}, {"counted_milli", cheddar + 125}}}}});
    REQUIRE(counted["lines"].size() == 3);
    CHECK(counted["lines"][0]["expected"] == assam / 1000);
    CHECK(counted["lines"][0]["counted"] == assam / 1000 - 3);
    CHECK(counted["lines"][0]["difference"] == -3);
    CHECK(counted["lines"][1]["difference"] == 0);
    CHECK(counted["lines"][1]["seq"].is_null());
    CHECK(counted["lines"][2]["difference_milli"] == 125);
    CHECK(counted["lines"][2]["difference"].is_null());  // weighed: grams only
    CHECK(office.Scalar("SELECT count(*) FROM ledger") == events + 2);
    const std::int64_t seq = counted["lines"][0]["seq"];
    CHECK(office.Scalar("SELECT kind FROM ledger WHERE seq = " + std::to_string(seq)) == 10);
    CHECK(office.Scalar("SELECT json_extract(payload, '$.reason') FROM ledger WHERE seq = " +
                        std::to_string(seq)) == 3);
    CHECK(office.Scalar("SELECT on_hand_delta FROM stock_movements WHERE seq = " +
                        std::to_string(seq)) == -3000);
    CHECK(OnHand(office, "S01", "TEA-ASSM-125G") == assam - 3000);
    CHECK(OnHand(office, "S01", "TEA-DARJ-100G") == darjeeling);
    CHECK(OnHand(office, "S01", "DELI-CHED-KG") == cheddar + 125);

    // Counting again what is now there changes nothing.
    const auto before = office.AllRows();
    const json again =
        PostCreated(*manager, "/api/v1/stock/counts",
                    {{"location", "S01"},
                     {"lines", {{{"sku", "TEA-ASSM-125G"}, {"counted", assam / 1000 - 3}}}}});
    CHECK(again["lines"][0]["difference"] == 0);
    CHECK(office.AllRows() == before);
    CHECK(office.Verifies());
}

TEST_CASE(
    "a cashier cannot count stock, and a count with a duplicate, unknown or negative line is "
    "refused naming the field and writes nothing") {
    OfficeUnderTest office("stock-count-refused");
    auto cashier = office.Client(office.Login("zoe", "demo-cashier-password"));
    auto manager = office.Client(office.Manager());
    const auto before = office.AllRows();
    const json line{{"sku", "TEA-ASSM-125G"}, {"counted", 1}};
    CheckError(
        cashier->Post("/api/v1/stock/counts", json{{"location", "S01"}, {"lines", {line}}}.dump(),
                      "application/json"),
        403, "");
    const auto refused = [&](json body, int status, const std::string& field) {
        CAPTURE(body.dump());
        CheckError(manager->Post("/api/v1/stock/counts", body.dump(), "application/json"), status,
                   field);
    };
    refused(
        {{"location", "S01"}, {"lines", {line, {{"sku", "TEA-DARJ-100G"}, {"counted", 2}}, line}}},
        400, "lines[2].sku");
    refused({{"location", "S01"}, {"lines", {line, {{"sku", "NO-SUCH"}, {"counted", 2}}}}}, 404,
            "lines[1].sku");
    refused({{"location", "S01"}, {"lines", {{{"sku", "TEA-ASSM-125G"}, {"counted", -1}}}}}, 400,
            "lines[0].counted");
    refused({{"location", "S01"}, {"lines", {{{"sku", "TEA-ASSM-125G"}, {"counted", "7"}}}}}, 400,
            "lines[0].counted");
    refused({{"location", "S01"}, {"lines", {{{"sku", "TEA-ASSM-125G"}, {"counted_milli", 500}}}}},
            400, "lines[0].counted_milli");
    refused({{"location", "S01"}, {"lines", {{{"sku", "DELI-CHED-KG"}, {"counted", 4}}}}}, 400,
            "lines[0].counted");
    refused({{"location", "S01"}, {"lines", json::array()}}, 400, "lines");
    refused({{"location", "X99"}, {"lines", {line}}}, 404, "location");
    refused({{"lines", {line}}}, 400, "location");
    refused({{"location", "S01"}, {"lines", {line}}, {"note", 5}}, 400, "note");
    CHECK(office.AllRows() == before);
    CHECK(office.Verifies());
}

TEST_CASE(
    "an order shows a weighed line's real quantity: 250 g of cheese is 0.25 (kg), not 0, and a "
    "line of whole units stays a number") {
    OfficeUnderTest office("weighed-order");
    const auto till = office.Pair("S01", "T1");
    const std::string cheese = SellMilliAtTill(office, till, 1, "DELI-CHED-KG", 250, 2400);
    const std::string tea = SellAtTill(office, till, 2, "TEA-EARL-125G", 2, 650);
    auto manager = office.Client(office.Manager());
    const auto order_of = [&](const std::string& number) {
        const json listed = GetOk(*manager, "/api/v1/orders?q=" + number);
        REQUIRE(listed["orders"].size() == 1);
        return GetOk(*manager, "/api/v1/orders/" + listed["orders"][0]["id"].get<std::string>());
    };
    const json weighed = order_of(cheese);
    REQUIRE(weighed["lines"].size() == 1);
    CHECK(weighed["lines"][0]["quantity"] == "0.25");
    CHECK(weighed["lines"][0]["quantity_milli"] == 250);
    CHECK(weighed["total_minor"] == 600);
    // The till's lookup for a return at the counter shows the same order.
    CHECK(GetOk(*manager, "/api/v1/orders/lookup?code=" + cheese)["lines"] == weighed["lines"]);
    const json units = order_of(tea);
    CHECK(units["lines"][0]["quantity"] == 2);
    CHECK(units["lines"][0]["quantity_milli"] == 2000);
}
