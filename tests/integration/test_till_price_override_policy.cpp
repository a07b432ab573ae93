// A price changed at the till (issue 14, point 5) against the real server's push policy: a
// cashier's sale with one is refused without a manager as approver, with a reason naming the line
// and both prices, and accepted with an active manager; a manager's own needs nobody, and the
// ledger keeps the price the line was changed from.
#include <doctest/doctest.h>

#include "push_events.hpp"
#include "till_office.hpp"  // StaffIdOf

using namespace tillbook;
using nlohmann::json;
using testing::OfficeUnderTest;

namespace {

const money::Currency kGbp{"GBP", 2};

// A sale of one tea at 5.00 instead of 6.50, paid by card.
json OverriddenSale(testing::PushEvents& till, std::int64_t origin_seq, const std::string& actor,
                    const std::string& approver) {
    orders::Order order = till.Tea(origin_seq);
    order.lines[0].price_overridden_from = money::Money(650, kGbp);
    order.lines[0].unit_price = money::Money(500, kGbp);
    const money::Money total(500, kGbp);
    json event =
        till.Of(origin_seq,
                ledger::OrderPlaced{
                    order, true, {orders::Payment{orders::Tender::kCard, total, total, "", ""}}},
                actor);
    if (!approver.empty()) event["approver"] = approver;
    return event;
}

json Pushed(testing::PushEvents& till, const json& event) {
    const json result = till.Results(json::array({event}))[0];
    INFO(result.dump());
    return result;
}

}  // namespace

TEST_CASE(
    "issue 14: a cashier's sale with a price changed at the till needs an active manager as "
    "approver") {
    OfficeUnderTest office("policy-price-override");
    testing::PushEvents t1(office, office.Pair("S01", "T1"));
    auto db = store::Database::Open(office.db_path, {store::Durability::kNormal, 5000, false});
    REQUIRE(db);
    const std::string zoe = testing::StaffIdOf(*db, "zoe");
    const std::string jakub = testing::StaffIdOf(*db, "jakub");
    const std::string tom = testing::StaffIdOf(*db, "tom");

    json refused = Pushed(t1, OverriddenSale(t1, 1, zoe, ""));
    CHECK(refused["status"] == "rejected");
    CHECK(refused["code"] == "forbidden");
    CHECK(refused["reason"] ==
          "actor: zoe is a cashier; order.lines: line 1 has a price changed at the till (5.00 "
          "from 6.50), which needs a manager's approval");
    refused = Pushed(t1, OverriddenSale(t1, 1, zoe, jakub));
    CHECK(refused["status"] == "rejected");
    CHECK(refused["reason"].get<std::string>().find("approvals at a till are a manager's") !=
          std::string::npos);
    CHECK(office.Scalar("SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1'") == 0);

    // The same sale without the change is a cashier's own; with it, a manager's approval takes it.
    CHECK(Pushed(t1, t1.Sale(1, orders::Tender::kCard))["status"] == "accepted");
    CHECK(Pushed(t1, OverriddenSale(t1, 2, zoe, tom))["status"] == "accepted");
    // A manager changing a price at the till is not asked for anyone else.
    CHECK(Pushed(t1, OverriddenSale(t1, 3, tom, ""))["status"] == "accepted");

    CHECK(
        office.Scalar("SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1' AND actor = '" +
                      zoe + "' AND approver = '" + tom + "'") == 1);
    CHECK(office.Scalar("SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1' AND "
                        "json_extract(payload, '$.order.lines[0].price_overridden_from.minor') = "
                        "650") == 2);
    CHECK(office.Scalar("SELECT count(*) FROM order_lines WHERE unit_price_minor = 500") == 2);
    CHECK(office.Verifies());
}
