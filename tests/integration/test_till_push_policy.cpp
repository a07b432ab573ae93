// What a till may push (issue 11, finding 1, and the rest of finding 2), against the real server:
// each attack a till token got accepted is refused alone as forbidden with a reason naming the
// field, and the till's own flows still go through.
#include <doctest/doctest.h>

#include "channel_payloads.hpp"
#include "gbp.hpp"
#include "push_events.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::Gbp;
using testing::OfficeUnderTest;

namespace {

constexpr const char* kS02 = "0190a1b2-0000-7000-8000-000000000002";
constexpr const char* kW01 = "0190a1b2-0000-7000-8000-000000000003";
// Two tills at S01, and a paid Shopify order of one tea.
struct Shop {
    explicit Shop(const std::string& name)
        : office(name),
          t1(office, office.Pair("S01", "T1")),
          t2_till(office.Pair("S01", "T2")),
          t2(office, t2_till) {
        auto client = office.Client(office.Manager());
        auto imported = client->Post(
            "/api/v1/channels/shopify/orders",
            testing::ShopifyOrder(7001, "TEA-EARL-125G", 1, "6.50", "0.00", "6.50").dump(),
            "application/json");
        REQUIRE(imported);
        shopify_order = testing::Body(imported)["id"];
    }

    // The Shopify order leaves the warehouse, as the despatch desk records it.
    void DispatchShopifyOrder() {
        office.AppendAsOffice(ledger::OrderDispatched{shopify_order, "JD0001"});
    }

    std::string StaffId(const std::string& username) {
        const json list = testing::Body(office.Client(office.Manager())->Get("/api/v1/staff"));
        for (const auto& member : list["staff"])
            if (member["username"] == username) return member["id"];
        FAIL("no member of staff " << username);
        return {};
    }

    OfficeUnderTest office;
    testing::PushEvents t1;
    OfficeUnderTest::Terminal t2_till;
    testing::PushEvents t2;
    std::string shopify_order;
};

// `event` pushed alone is refused as forbidden and the ledger is as it was: the reason.
std::string Forbidden(Shop& shop, testing::PushEvents& till, const json& event) {
    const auto before = shop.office.Scalar("SELECT count(*) FROM ledger");
    const json result = till.Results(json::array({event}))[0];
    INFO(result.dump());
    CHECK(result["status"] == "rejected");
    CHECK(result["code"] == "forbidden");
    CHECK(shop.office.Scalar("SELECT count(*) FROM ledger") == before);
    return result.value("reason", "");
}

void Accepted(testing::PushEvents& till, const json& events) {
    const json results = till.Results(events);
    for (const auto& result : results) {
        INFO(result.dump());
        CHECK(result["status"] == "accepted");
    }
}

bool Says(const std::string& reason, const std::string& words) {
    INFO(reason);
    return reason.find(words) != std::string::npos;
}

// A return of one tea, line 1 of `order_id`, received at `location_id`, back to the shelf.
ledger::ReturnReceived ReturnOf(std::string id, const std::string& order_id,
                                const std::string& location_id) {
    orders::Return ret;
    ret.id = std::move(id);
    ret.order_id = order_id;
    ret.location_id = location_id;
    ret.currency = "GBP";
    ret.lines = {orders::ReturnLine{1, "TEA-EARL-125G", 1000, Gbp(0),
                                    orders::ReturnReason::kChangedMind,
                                    orders::ItemCondition::kRestock}};
    return {ret};
}

}  // namespace

TEST_CASE("issue 11: a till cannot adjust stock at the warehouse, at another store or its own") {
    Shop shop("policy-adjust");
    const std::string store = shop.t1.Store();
    for (const std::string& where : {std::string(kW01), std::string(kS02), store}) {
        const std::string reason = Forbidden(
            shop, shop.t1,
            shop.t1.Of(1, ledger::StockAdjusted{where, "TEA-EARL-125G", 1'000'000'000,
                                                ledger::AdjustmentReason::kGoodsReceived, ""}));
        CHECK(Says(reason, "StockAdjusted"));
    }
}

TEST_CASE("issue 11: a till cannot transfer stock between other locations") {
    Shop shop("policy-transfer");
    const std::string reason =
        Forbidden(shop, shop.t1,
                  shop.t1.Of(1, ledger::StockTransferred{kW01, kS02, {{"TEA-EARL-125G", 1000}}}));
    CHECK(Says(reason, "StockTransferred"));
}

TEST_CASE("issue 11: a till cannot move a Shopify order to picking, dispatch or cancel it") {
    Shop shop("policy-order-state");
    const std::string& order = shop.shopify_order;
    CHECK(Says(
        Forbidden(shop, shop.t1,
                  shop.t1.Of(1, ledger::OrderStatusChanged{order, orders::OrderStatus::kPicking})),
        "OrderStatusChanged"));
    CHECK(Says(Forbidden(shop, shop.t1, shop.t1.Of(1, ledger::OrderCancelled{order, "till"})),
               "OrderCancelled"));
    CHECK(Says(Forbidden(shop, shop.t1, shop.t1.Of(1, ledger::OrderDispatched{order, "X"})),
               "OrderDispatched"));
    CHECK(Says(Forbidden(shop, shop.t1, shop.t1.Of(1, ledger::OrderFlagged{order, {"till"}})),
               "OrderFlagged"));
    CHECK(shop.office.Scalar("SELECT count(*) FROM orders WHERE status = " +
                             std::to_string(static_cast<int>(orders::OrderStatus::kAllocated))) ==
          1);
}

TEST_CASE("issue 11: a till cannot refund a Shopify order in cash with no return") {
    Shop shop("policy-refund-online");
    shop.DispatchShopifyOrder();
    const std::string shift = shop.office.ids.NextString();
    Accepted(shop.t1, json::array({shop.t1.ShiftOpened(1, shift, 10000)}));
    const std::string reason = Forbidden(
        shop, shop.t1,
        shop.t1.Of(
            2, ledger::RefundIssued{shop.shopify_order, "",
                                    orders::Refund{orders::Tender::kCash, Gbp(650), "", shift}}));
    CHECK(Says(reason, "order_id"));
    CHECK(Says(reason, "shopify"));
}

TEST_CASE("issue 11: a till cannot book sales for another store or for channel shopify") {
    Shop shop("policy-sale-elsewhere");
    auto other_store = shop.t1.Tea(1);
    other_store.channel = "store:S02";
    other_store.location_id = kS02;
    auto shopify = shop.t1.Tea(1);
    shopify.channel = "shopify";
    auto other_location = shop.t1.Tea(1);
    other_location.location_id = kS02;
    const orders::Payment card{orders::Tender::kCard, Gbp(650), Gbp(650), "", ""};
    CHECK(Says(
        Forbidden(shop, shop.t1, shop.t1.Of(1, ledger::OrderPlaced{other_store, true, {card}})),
        "store:S02"));
    CHECK(Says(Forbidden(shop, shop.t1, shop.t1.Of(1, ledger::OrderPlaced{shopify, true, {card}})),
               "order.channel"));
    CHECK(Says(
        Forbidden(shop, shop.t1, shop.t1.Of(1, ledger::OrderPlaced{other_location, true, {card}})),
        "order.location_id"));
    CHECK(shop.office.Scalar("SELECT count(*) FROM orders WHERE channel <> 'shopify'") == 0);
}

TEST_CASE("issue 11: a till cannot open a shift for another till, which still opens its own") {
    Shop shop("policy-shift-other");
    const std::string reason =
        Forbidden(shop, shop.t1,
                  shop.t1.Of(1, ledger::ShiftOpened{shop.office.ids.NextString(), shop.t1.Store(),
                                                    "terminal:S01-T2", Gbp(10000)}));
    CHECK(Says(reason, "terminal"));
    CHECK(Says(reason, "S01-T2"));
    Accepted(shop.t2, json::array({shop.t2.ShiftOpened(1, shop.office.ids.NextString(), 10000)}));
}

TEST_CASE("issue 11: a till's cash goes only through its own shift (finding 2)") {
    Shop shop("policy-other-drawer");
    const std::string t2_shift = shop.office.ids.NextString();
    Accepted(shop.t2, json::array({shop.t2.ShiftOpened(1, t2_shift, 10000)}));
    Accepted(shop.t1, json::array({shop.t1.Sale(1, orders::Tender::kCard)}));
    CHECK(Says(Forbidden(shop, shop.t1, shop.t1.Sale(2, orders::Tender::kCash, t2_shift)),
               "payments.shift_id"));
    const json own_sale = shop.t1.Sale(2, orders::Tender::kCard);
    Accepted(shop.t1, json::array({own_sale}));
    CHECK(
        Says(Forbidden(shop, shop.t1,
                       shop.t1.Of(3, ledger::RefundIssued{own_sale["payload"]["order"]["id"], "",
                                                          orders::Refund{orders::Tender::kCash,
                                                                         Gbp(650), "", t2_shift}})),
             "refund.shift_id"));
    CHECK(
        Says(Forbidden(shop, shop.t1,
                       shop.t1.Of(3, ledger::CashMoved{t2_shift, ledger::CashMovementKind::kPaidOut,
                                                       Gbp(5000), "taken"})),
             "shift_id"));
    CHECK(Says(Forbidden(shop, shop.t1, shop.t1.Of(3, ledger::ShiftClosed{t2_shift, Gbp(0)})),
               "S01-T2"));
}

TEST_CASE("issue 11: a till's events name an active cashier or manager, never the admin") {
    Shop shop("policy-actor");
    const std::string admin = shop.StaffId("admin");
    const std::string jakub = shop.StaffId("jakub");
    auto deactivated =
        shop.office.Client(shop.office.Login("admin", "demo-admin-password"))
            ->Patch("/api/v1/staff/" + jakub, R"({"active": false})", "application/json");
    REQUIRE(deactivated);
    REQUIRE(deactivated->status == 200);
    const auto sale = [&](const std::string& actor, std::int64_t origin_seq = 1) {
        json event = shop.t1.Sale(origin_seq, orders::Tender::kCard);
        event["actor"] = actor;
        return event;
    };
    CHECK(Says(Forbidden(shop, shop.t1, sale(admin)), "admin"));
    CHECK(Says(Forbidden(shop, shop.t1, sale("kwame")), "fulfilment"));
    CHECK(Says(Forbidden(shop, shop.t1, sale("nobody")), "\"nobody\" is not a member of staff"));
    CHECK(Says(Forbidden(shop, shop.t1, sale(jakub)), "no longer active"));
    CHECK(Says(Forbidden(shop, shop.t1, sale("jakub")), "no longer active"));
    // A return with no receipt needs a manager (as its actor here; as approver below).
    orders::Return no_receipt = ReturnOf(shop.office.ids.NextString(), "", shop.t1.Store()).ret;
    no_receipt.no_receipt = true;
    no_receipt.lines[0].order_line_no = 0;
    no_receipt.lines[0].unit_value = Gbp(500);
    CHECK(Says(Forbidden(shop, shop.t1, shop.t1.Of(1, ledger::ReturnReceived{no_receipt}, "zoe")),
               "needs a manager"));
    Accepted(shop.t1, json::array({shop.t1.Of(1, ledger::ReturnReceived{no_receipt}, "tom"),
                                   sale(shop.StaffId("zoe"), 2)}));
}

TEST_CASE(
    "issue 11: a till cannot receive a return or exchange at another store, refund a return "
    "received there, or take a payment on a Shopify order") {
    Shop shop("policy-return-elsewhere");
    shop.DispatchShopifyOrder();
    const ledger::ReturnReceived at_s02 =
        ReturnOf(shop.office.ids.NextString(), shop.shopify_order, kS02);
    CHECK(Says(Forbidden(shop, shop.t1, shop.t1.Of(1, at_s02)), "ret.location_id"));
    CHECK(Says(
        Forbidden(shop, shop.t1,
                  shop.t1.Of(1, ledger::ExchangeCompleted{at_s02.ret, shop.t1.Tea(1), {}, {}})),
        "ret.location_id"));
    shop.office.AppendAsOffice(at_s02);  // received at the other store's counter
    CHECK(Says(Forbidden(shop, shop.t1,
                         shop.t1.Of(1, ledger::RefundIssued{shop.shopify_order, at_s02.ret.id,
                                                            orders::Refund{orders::Tender::kCard,
                                                                           Gbp(650), "", ""}})),
               "return_id"));
    CHECK(Says(Forbidden(shop, shop.t1,
                         shop.t1.Of(1, ledger::PaymentTaken{shop.shopify_order,
                                                            {orders::Tender::kCard, Gbp(1), Gbp(1),
                                                             "", ""}})),
               "shopify"));
}

TEST_CASE(
    "issue 11: a till's own flows are accepted in one push: shift, cash and card sales, paid in, a "
    "Shopify order returned at its store and refunded in cash, an exchange, shift close") {
    Shop shop("policy-own-flows");
    shop.DispatchShopifyOrder();
    testing::PushEvents& t1 = shop.t1;
    const std::string shift = shop.office.ids.NextString();
    const orders::Order card_sale = t1.Tea(3);
    const ledger::ReturnReceived returned =
        ReturnOf(shop.office.ids.NextString(), shop.shopify_order, t1.Store());
    const orders::Return exchanged =
        ReturnOf(shop.office.ids.NextString(), card_sale.id, t1.Store()).ret;
    const orders::Order swapped = t1.Tea(7);
    const json events = json::array(
        {t1.ShiftOpened(1, shift, 10000), t1.Sale(2, orders::Tender::kCash, shift),
         t1.Of(3,
               ledger::OrderPlaced{
                   card_sale, true, {{orders::Tender::kCard, Gbp(650), Gbp(650), "", ""}}}),
         t1.Of(4, ledger::CashMoved{shift, ledger::CashMovementKind::kPaidIn, Gbp(2000), "change"}),
         t1.Of(5, returned),
         t1.Of(6, ledger::RefundIssued{shop.shopify_order, returned.ret.id,
                                       orders::Refund{orders::Tender::kCash, Gbp(650), "", shift}}),
         t1.Of(7, ledger::ExchangeCompleted{exchanged, swapped, {}, {}}),
         t1.Of(8, ledger::ShiftClosed{shift, Gbp(12000)})});
    Accepted(t1, events);
    CHECK(shop.office.Scalar("SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1'") == 8);
    CHECK(shop.office.Verifies());
}

TEST_CASE(
    "issue 14: a cashier's return with no receipt is accepted with a manager as approver, and the "
    "ledger and the audit keep both ids") {
    Shop shop("policy-approver");
    const std::string zoe = shop.StaffId("zoe");
    const std::string tom = shop.StaffId("tom");
    const std::string jakub = shop.StaffId("jakub");
    orders::Return no_receipt = ReturnOf(shop.office.ids.NextString(), "", shop.t1.Store()).ret;
    no_receipt.no_receipt = true;
    no_receipt.lines[0].order_line_no = 0;
    no_receipt.lines[0].unit_value = Gbp(500);
    const auto approved_by = [&](const std::string& approver) {
        json event = shop.t1.Of(1, ledger::ReturnReceived{no_receipt}, zoe);
        if (!approver.empty()) event["approver"] = approver;
        return event;
    };
    CHECK(Says(Forbidden(shop, shop.t1, approved_by("")), "needs a manager's approval"));
    CHECK(
        Says(Forbidden(shop, shop.t1, approved_by(jakub)), "approvals at a till are a manager's"));
    CHECK(Says(Forbidden(shop, shop.t1, approved_by("kwame")), "approvals at a till"));
    CHECK(Says(Forbidden(shop, shop.t1, approved_by("nobody")), "approver: \"nobody\""));
    Accepted(shop.t1, json::array({approved_by(tom)}));
    CHECK(shop.office.Scalar("SELECT count(*) FROM ledger WHERE actor = '" + zoe +
                             "' AND approver = '" + tom + "'") == 1);
    // Sent again with another approver: the first record stands.
    json changed = approved_by(shop.StaffId("aoife"));
    const json result = shop.t1.Results(json::array({changed}))[0];
    CHECK(result["code"] == "conflict");
    CHECK(shop.office.Verifies());
}

TEST_CASE("issue 14: an order's audit trail names the approving manager") {
    Shop shop("policy-approver-audit");
    shop.DispatchShopifyOrder();
    const std::string zoe = shop.StaffId("zoe");
    const std::string tom = shop.StaffId("tom");
    const ledger::ReturnReceived returned =
        ReturnOf(shop.office.ids.NextString(), shop.shopify_order, shop.t1.Store());
    json event = shop.t1.Of(1, returned, zoe);
    event["approver"] = tom;
    Accepted(shop.t1, json::array({event}));
    const json order = testing::Body(
        shop.office.Client(shop.office.Manager())->Get("/api/v1/orders/" + shop.shopify_order));
    bool found = false;
    for (const auto& entry : order["history"]) {
        if (entry["event"] != "ReturnReceived") continue;
        found = true;
        CHECK(entry["actor"] == zoe);
        CHECK(entry["approver"] == tom);
    }
    CHECK(found);
}
