// A till's "No sale" pushed to the real back office (issue 14, point 5): a DrawerOpened of the
// till's own open shift is accepted from a manager, or from a cashier with an active manager as
// approver, and the office's ledger keeps both staff ids and counts it on the shift; a cashier's
// without a manager, one approved by a cashier, and one of another till's drawer are refused as
// forbidden with the reason, and nothing of them is kept.
#include <doctest/doctest.h>

#include "push_events.hpp"
#include "till_office.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::OfficeUnderTest;

namespace {

// Two paired tills at S01, T1 with its shift open.
struct NoSaleShop {
    NoSaleShop()
        : office("push-no-sale"),
          t1(office, office.Pair("S01", "T1")),
          t2(office, office.Pair("S01", "T2")),
          shift(office.ids.NextString()) {
        auto db = store::Database::Open(office.db_path, {store::Durability::kNormal, 5000, false});
        REQUIRE(db);
        zoe = testing::StaffIdOf(*db, "zoe");      // a cashier
        jakub = testing::StaffIdOf(*db, "jakub");  // a cashier
        tom = testing::StaffIdOf(*db, "tom");      // a manager
        Accepted(t1, json::array({t1.ShiftOpened(1, shift, 10000)}));
    }

    // Each of `events` pushed by `till` is accepted.
    static void Accepted(testing::PushEvents& till, const json& events) {
        for (const auto& result : till.Results(events)) {
            INFO(result.dump());
            CHECK(result["status"] == "accepted");
        }
    }

    // T1's no-sale, `origin_seq`, by `actor`, approved by `approver` when not empty.
    json NoSale(std::int64_t origin_seq, const std::string& actor, const std::string& approver,
                const std::string& shift_id, const std::string& terminal = "terminal:S01-T1") {
        json event =
            t1.Of(origin_seq, ledger::DrawerOpened{shift_id, terminal, "No sale", ""}, actor);
        if (!approver.empty()) event["approver"] = approver;
        return event;
    }

    // The reason `event` was refused for, alone, as forbidden; the ledger unchanged.
    std::string Forbidden(const json& event) {
        const auto before = office.Scalar("SELECT count(*) FROM ledger");
        const json result = t1.Results(json::array({event}))[0];
        INFO(result.dump());
        CHECK(result["status"] == "rejected");
        CHECK(result["code"] == "forbidden");
        CHECK(office.Scalar("SELECT count(*) FROM ledger") == before);
        return result.value("reason", "");
    }

    std::int64_t NoSales() {
        return office.Scalar("SELECT no_sales FROM shifts WHERE id = '" + shift + "'");
    }

    OfficeUnderTest office;
    testing::PushEvents t1;
    testing::PushEvents t2;
    std::string shift;
    std::string zoe, jakub, tom;
};

bool Says(const std::string& reason, const std::string& words) {
    INFO(reason);
    return reason.find(words) != std::string::npos;
}

}  // namespace

TEST_CASE(
    "issue 14: a till's no sale is accepted from a cashier with a manager's approval and from a "
    "manager alone, and the office's ledger keeps both staff ids and counts them on the shift") {
    NoSaleShop shop;
    const std::string& zoe = shop.zoe;
    const std::string& tom = shop.tom;
    NoSaleShop::Accepted(shop.t1, json::array({shop.NoSale(2, zoe, tom, shop.shift),
                                               shop.NoSale(3, tom, "", shop.shift)}));
    CHECK(shop.office.Scalar("SELECT count(*) FROM ledger WHERE kind = 20 AND actor = '" + zoe +
                             "' AND approver = '" + tom + "' AND origin = 'terminal:S01-T1'") == 1);
    CHECK(shop.office.Scalar("SELECT count(*) FROM ledger WHERE kind = 20 AND actor = '" + tom +
                             "' AND approver = ''") == 1);
    CHECK(shop.NoSales() == 2);
    CHECK(shop.office.Verifies());
}

TEST_CASE(
    "issue 14: a cashier's no sale without a manager's approval, or approved by a cashier, is "
    "refused with the reason, and so is a no sale of another till's drawer") {
    NoSaleShop shop;
    const std::string& tom = shop.tom;
    CHECK(Says(shop.Forbidden(shop.NoSale(2, shop.zoe, "", shop.shift)),
               "opening the drawer with no sale needs a manager's approval"));
    CHECK(Says(shop.Forbidden(shop.NoSale(2, shop.zoe, shop.jakub, shop.shift)),
               "approvals at a till are a manager's"));

    const std::string t2_shift = shop.office.ids.NextString();
    NoSaleShop::Accepted(shop.t2, json::array({shop.t2.ShiftOpened(1, t2_shift, 5000)}));
    const std::string other_terminal =
        shop.Forbidden(shop.NoSale(2, tom, "", t2_shift, "terminal:S01-T2"));
    CHECK(Says(other_terminal, "terminal: this till is terminal:S01-T1"));
    CHECK(Says(other_terminal, "S01-T2"));
    CHECK(Says(shop.Forbidden(shop.NoSale(2, tom, "", t2_shift)),
               "shift_id: shift " + t2_shift + " is the drawer of \"terminal:S01-T2\""));
    CHECK(shop.NoSales() == 0);
    CHECK(shop.office.Scalar("SELECT sum(no_sales) FROM shifts") == 0);

    // The same no-sale with the manager's approval then goes through.
    NoSaleShop::Accepted(shop.t1, json::array({shop.NoSale(2, shop.zoe, tom, shop.shift)}));
    CHECK(shop.NoSales() == 1);
}
