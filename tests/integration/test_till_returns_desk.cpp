// The returns desk's questions to the real back office (pos/office/office_desk): an order of any
// channel looked up by its number, goods of a Shopify order received back at the till's store by
// the office at the till's word, the till's cash refund journalled and pushed, and the office
// unreachable said so plainly.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "channel_payloads.hpp"
#include "gbp.hpp"
#include "office_fixture.hpp"
#include "till_office.hpp"
#include "till_shop.hpp"
#include "tillbook/ledger/verify.hpp"
#include "tillbook/pos/office/office_desk.hpp"
#include "tillbook/pos/office/sync_worker.hpp"
#include "tillbook/pos/office/till_pairing.hpp"
#include "tillbook/pos/till_journal.hpp"
#include "tillbook/pos/till_schema.hpp"

using namespace tillbook;
using testing::Gbp;
using namespace std::chrono_literals;
using nlohmann::json;
using testing::OfficeUnderTest;

namespace {

// A Shopify order of three lines (testing::ShopifyThreeLineOrder), imported and dispatched; a
// till T1 at S01 paired with the office.
struct DeskShop {
    explicit DeskShop(const std::string& name)
        : office(name), till_dir(name + "-till"), till_db(till_dir.File("till.db")) {
        order_id =
            testing::ImportDispatched(office, testing::ShopifyThreeLineOrder(7001), "JD0001");
        testing::PairTillDatabase(office, till_db, "T1", clock);
    }

    std::int64_t OfficeScalar(const std::string& sql) { return office.Scalar(sql); }

    OfficeUnderTest office;
    testing::TempDir till_dir;
    std::string till_db;
    ids::SystemClock clock;
    std::string order_id;
};

}  // namespace

TEST_CASE(
    "issue 14: the desk finds a Shopify order at the office by its number and its id, hears "
    "plainly when there is none, and says so when the office cannot be reached") {
    DeskShop shop("desk-lookup");
    pos::app::ReportQueue queue;
    pos::office::OfficeDesk desk(shop.till_db, {}, queue);

    for (const std::string& code : std::vector<std::string>{"#7001", "7001", shop.order_id}) {
        INFO(code);
        const auto found =
            testing::WaitForAnswer<pos::app::OrderLookupReport>(queue, desk.LookupOrder(code));
        CHECK(found.reached);
        REQUIRE(found.order.has_value());
        CHECK(found.order->id == shop.order_id);
        CHECK(found.order->number == "#7001");
        CHECK(found.order->channel == "shopify");
        CHECK(found.order->status == orders::OrderStatus::kDispatched);
        REQUIRE(found.order->lines.size() == 3);
        CHECK(found.order->lines[0].sku == "TEA-EARL-125G");
        CHECK(found.order->lines[0].quantity == 2000);
        CHECK(found.order->lines[0].total_minor == 1300);
        CHECK(found.order->lines[2].sku == "TEA-EARL-250G");
        CHECK(found.order->placed_at > 0);
    }

    const auto missing =
        testing::WaitForAnswer<pos::app::OrderLookupReport>(queue, desk.LookupOrder("#9999"));
    CHECK(missing.reached);
    CHECK_FALSE(missing.order.has_value());
    CHECK(missing.message.find("no order #9999") != std::string::npos);

    shop.office.server->Stop();
    const auto offline =
        testing::WaitForAnswer<pos::app::OrderLookupReport>(queue, desk.LookupOrder("#7001"));
    CHECK_FALSE(offline.reached);
    CHECK_FALSE(offline.order.has_value());
    CHECK(offline.message.find("The office cannot be reached") != std::string::npos);
}

TEST_CASE(
    "issue 14: two of a Shopify order's three lines come back at the till: the office records the "
    "return once with the cashier and the approving manager, the till pays cash from its drawer "
    "and pushes the refund, stock moves only for the restocked line, and both ledgers verify") {
    DeskShop shop("desk-return");
    auto till = pos::OpenTillDatabase(shop.till_db);
    REQUIRE(till);
    ids::UuidV7Source ids(shop.clock);
    auto journal = pos::TillJournal::Open(*till, shop.clock, ids);
    REQUIRE(journal);
    const std::string zoe = testing::StaffIdOf(*till, "zoe");
    const std::string tom = testing::StaffIdOf(*till, "tom");
    REQUIRE(journal->OpenShift(Gbp(10000), zoe));
    const std::string s01 = journal->Identity().store_location_id;
    const auto on_hand = [&](const std::string& sku) {
        return shop.OfficeScalar(
            "SELECT coalesce(sum(on_hand), 0) FROM stock_levels WHERE "
            "location_id = '" +
            s01 + "' AND sku = '" + sku + "'");
    };
    const std::int64_t earl_before = on_hand("TEA-EARL-125G");
    const std::int64_t engb_before = on_hand("TEA-ENGB-80BAGS");

    orders::Return ret;
    ret.id = ids.NextString();
    ret.order_id = shop.order_id;
    ret.location_id = s01;
    ret.currency = "GBP";
    ret.lines = {{1, "TEA-EARL-125G", 1000, Gbp(0), orders::ReturnReason::kChangedMind,
                  orders::ItemCondition::kRestock},
                 {2, "TEA-ENGB-80BAGS", 1000, Gbp(0), orders::ReturnReason::kFaulty,
                  orders::ItemCondition::kDamaged}};
    pos::app::ReportQueue queue;
    pos::office::OfficeDesk desk(shop.till_db, {}, queue);

    // A cashier's own id as approver is refused by the office, and nothing is recorded.
    const auto self_approved = testing::WaitForAnswer<pos::app::OfficeReturnReport>(
        queue, desk.SendReturn({ret, std::nullopt, zoe, zoe}));
    CHECK(self_approved.reached);
    CHECK_FALSE(self_approved.accepted);
    CHECK(shop.OfficeScalar("SELECT count(*) FROM returns") == 0);

    const auto received = testing::WaitForAnswer<pos::app::OfficeReturnReport>(
        queue, desk.SendReturn({ret, std::nullopt, zoe, tom}));
    INFO(received.message);
    REQUIRE(received.accepted);
    CHECK(received.value_minor == 650 + 895);
    CHECK(received.refunded_minor == 0);
    // The answer lost and the return sent again: the same answer, one return.
    const auto again = testing::WaitForAnswer<pos::app::OfficeReturnReport>(
        queue, desk.SendReturn({ret, std::nullopt, zoe, tom}));
    CHECK(again.accepted);
    CHECK(again.value_minor == received.value_minor);
    CHECK(shop.OfficeScalar("SELECT count(*) FROM returns") == 1);
    CHECK(shop.OfficeScalar("SELECT count(*) FROM ledger WHERE kind = 7 AND origin = 'office' AND "
                            "actor = '" +
                            zoe + "' AND approver = '" + tom + "'") == 1);

    // The till pays the customer from its drawer and journals it; its journal cannot check the
    // order (it holds only its own), the office does when the refund is pushed.
    auto refunded = journal->RefundReturnReceivedAtOffice(
        shop.order_id, ret.id, orders::Refund{orders::Tender::kCash, Gbp(1545), "", ""}, zoe);
    REQUIRE_MESSAGE(refunded, refunded.error().message);
    auto status = journal->ReadStatus();
    REQUIRE(status);
    REQUIRE(status->expected_cash);
    CHECK(status->expected_cash->Minor() == 10000 - 1545);

    pos::app::ReportQueue sync_queue;
    testing::ReportWatch watch(sync_queue);
    pos::office::SyncWorker worker(testing::WorkerOptions(shop.till_db, 100ms), sync_queue,
                                   shop.clock);
    worker.Start();
    const auto drained = watch.WaitForSync(
        [](const pos::app::SyncReport& r) {
            return r.online && r.unsent == 0 && r.last_push_at.has_value();
        },
        20s);
    worker.Stop();
    REQUIRE(drained);
    CHECK(drained->rejected == 0);
    CHECK(shop.OfficeScalar("SELECT count(*) FROM ledger WHERE kind = 8 AND origin = "
                            "'terminal:S01-T1'") == 1);
    CHECK(shop.OfficeScalar("SELECT refunded_minor FROM returns") == 1545);
    CHECK(shop.OfficeScalar("SELECT refunded_minor FROM orders WHERE id = '" + shop.order_id +
                            "'") == 1545);
    CHECK(on_hand("TEA-EARL-125G") == earl_before + 1000);
    CHECK(on_hand("TEA-ENGB-80BAGS") == engb_before);  // damaged: kept aside, not on the shelf
    CHECK(shop.office.Verifies());
    auto verified = ledger::VerifyDatabase(*till, shop.till_db + ".scratch");
    REQUIRE(verified);
    for (const auto& problem : verified->problems)
        FAIL_CHECK(problem);

    // A second cash refund of the same goods: the till journals it (it cannot know), the office
    // refuses it on push with the reason, and the till shows it as rejected.
    auto twice = journal->RefundReturnReceivedAtOffice(
        shop.order_id, ret.id, orders::Refund{orders::Tender::kCash, Gbp(1545), "", ""}, zoe);
    REQUIRE(twice);
    pos::office::SyncWorker again_worker(testing::WorkerOptions(shop.till_db, 100ms), sync_queue,
                                         shop.clock);
    again_worker.Start();
    const auto rejected = watch.WaitForSync(
        [](const pos::app::SyncReport& r) { return r.online && r.rejected == 1; }, 20s);
    again_worker.Stop();
    CHECK(rejected.has_value());
    CHECK(shop.OfficeScalar("SELECT refunded_minor FROM returns") == 1545);
}
