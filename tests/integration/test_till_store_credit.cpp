// Store credit at the till's tender screen against the real back office (issue 14, point 4): the
// office desk's credit questions (balance, redemption, giving it back) answered by the real
// server; and the acceptance: credit a refund at till T1 put on a new card is spent on a later
// sale at till T2, through T2's office desk and TillJournal::PlaceSale, pushed by T2's sync
// worker and accepted. (A concurrent double redemption that never takes a card below zero is
// test_credit_api.cpp's "concurrent redemptions ..." cases: the office's, not repeated here.)
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "channel_payloads.hpp"
#include "gbp.hpp"
#include "office_fixture.hpp"
#include "till_office.hpp"
#include "till_shop.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/ledger/verify.hpp"
#include "tillbook/pos/office/office_desk.hpp"
#include "tillbook/pos/office/sync_worker.hpp"
#include "tillbook/pos/office/till_pairing.hpp"
#include "tillbook/pos/till_journal.hpp"
#include "tillbook/pos/till_schema.hpp"
#include "tillbook/store/catalogue_store.hpp"

using namespace tillbook;
using testing::Gbp;
using namespace std::chrono_literals;
using nlohmann::json;
using testing::OfficeUnderTest;

namespace {

// A dispatched Shopify order of 2 Earl Grey at £6.50, and two tills of S01 paired with the office.
struct CreditShop {
    explicit CreditShop(const std::string& name)
        : office(name),
          till_dir(name + "-tills"),
          t1_db(till_dir.File("t1.db")),
          t2_db(till_dir.File("t2.db")) {
        order_id = testing::ImportDispatched(
            office, testing::ShopifyOrder(7101, "TEA-EARL-125G", 2, "6.50", "0.00", "13.00"),
            "JD0002");
        testing::PairTillDatabase(office, t1_db, "T1", clock);
        testing::PairTillDatabase(office, t2_db, "T2", clock);
    }

    std::int64_t BalanceOf(const std::string& card) {
        return office.Scalar(
            "SELECT coalesce(max(balance_minor), -1) FROM credit_cards WHERE "
            "card_number = '" +
            card + "'");
    }

    OfficeUnderTest office;
    testing::TempDir till_dir;
    std::string t1_db;
    std::string t2_db;
    ids::SystemClock clock;
    std::string order_id;
};

void CheckTillVerifies(store::Database& db, const std::string& path) {
    auto verified = ledger::VerifyDatabase(db, path + ".scratch");
    REQUIRE(verified);
    for (const auto& problem : verified->problems)
        FAIL_CHECK(problem);
}

std::string Spaced(const std::string& card) {
    return card.substr(0, 4) + " " + card.substr(4, 4) + " " + card.substr(8, 4) + " " +
           card.substr(12);
}

}  // namespace

TEST_CASE(
    "issue 14 acceptance: store credit a refund at till T1 put on a new card is redeemed on a "
    "later sale at till T2, pushed by T2 and accepted: a spent redemption is not given back, an "
    "unspent one is, once") {
    CreditShop shop("till-credit");
    ids::UuidV7Source ids(shop.clock);

    // ---- T1: one Earl Grey of the Shopify order comes back; the refund goes to a new card ----
    auto t1 = pos::OpenTillDatabase(shop.t1_db);
    REQUIRE(t1);
    auto t1_journal = pos::TillJournal::Open(*t1, shop.clock, ids);
    REQUIRE(t1_journal);
    const std::string zoe = testing::StaffIdOf(*t1, "zoe");
    const std::string tom = testing::StaffIdOf(*t1, "tom");
    orders::Return ret;
    ret.id = ids.NextString();
    ret.order_id = shop.order_id;
    ret.location_id = t1_journal->Identity().store_location_id;
    ret.currency = "GBP";
    ret.lines = {{1, "TEA-EARL-125G", 1000, Gbp(0), orders::ReturnReason::kChangedMind,
                  orders::ItemCondition::kRestock}};
    pos::app::ReportQueue t1_queue;
    pos::office::OfficeDesk t1_desk(shop.t1_db, {}, t1_queue);
    const auto received = testing::WaitForAnswer<pos::app::OfficeReturnReport>(
        t1_queue, t1_desk.SendReturn({ret, std::nullopt, zoe, tom}));
    INFO(received.message);
    REQUIRE(received.accepted);
    CHECK(received.value_minor == 650);
    const std::string card = credit::NewCardNumber();
    auto refunded = t1_journal->RefundReturnReceivedAtOffice(
        shop.order_id, ret.id, orders::Refund{orders::Tender::kStoreCredit, Gbp(650), card, ""},
        zoe);
    REQUIRE_MESSAGE(refunded, refunded.error().message);
    CHECK(shop.BalanceOf(card) == -1);  // not at the office until T1 pushes
    CHECK(testing::PushEverything(shop.t1_db, shop.clock).rejected == 0);
    CHECK(shop.BalanceOf(card) == 650);

    // ---- T2, later: the cashier types the card's number; the desk checks and redeems ----
    auto t2 = pos::OpenTillDatabase(shop.t2_db);
    REQUIRE(t2);
    auto t2_journal = pos::TillJournal::Open(*t2, shop.clock, ids);
    REQUIRE(t2_journal);
    REQUIRE(t2_journal->OpenShift(Gbp(10000), zoe));
    pos::app::ReportQueue t2_queue;
    pos::office::OfficeDesk t2_desk(shop.t2_db, {}, t2_queue);
    const auto balance = testing::WaitForAnswer<pos::app::CreditBalanceReport>(
        t2_queue, t2_desk.CheckCredit(Spaced(card)));
    REQUIRE(balance.reached);
    REQUIRE(balance.found);
    CHECK(balance.card_number == card);
    CHECK(balance.currency == "GBP");
    CHECK(balance.balance_minor == 650);

    const auto redeemed = testing::WaitForAnswer<pos::app::CreditRedemptionReport>(
        t2_queue, t2_desk.RedeemCredit({card, Gbp(400), zoe, "sale"}));
    INFO(redeemed.message);
    REQUIRE(redeemed.accepted);
    CHECK(redeemed.action == pos::app::CreditAction::kRedeem);
    CHECK(redeemed.amount_minor == 400);
    CHECK(redeemed.balance_minor == 250);
    CHECK(shop.BalanceOf(card) == 250);

    // The sale: 2 Earl Grey (£13.00), £4.00 of it by store credit naming the redemption, the
    // rest in cash; one OrderPlaced, pushed by T2's sync worker and accepted by the office.
    auto sku = store::FindSku(*t2, "TEA-EARL-125G");
    REQUIRE(sku);
    REQUIRE(sku->has_value());
    const std::vector<services::CartSaleLine> lines{
        {orders::SaleItem{**sku, 2000, std::nullopt}, Gbp(0)}};
    const std::vector<orders::TenderedPayment> payments{
        {orders::Tender::kStoreCredit, Gbp(400), redeemed.redemption_id},
        {orders::Tender::kCash, Gbp(1000), ""}};
    auto sale = t2_journal->PlaceSale(lines, payments, zoe);
    REQUIRE_MESSAGE(sale, sale.error().message);
    CHECK(sale->change.Minor() == 1000 - (1300 - 400));  // £6.50 each in the demo catalogue
    const auto pushed = testing::PushEverything(shop.t2_db, shop.clock);
    CHECK(pushed.rejected == 0);
    CHECK(shop.office.Scalar("SELECT count(*) FROM ledger WHERE kind = 1 AND origin = "
                             "'terminal:S01-T2'") == 1);
    CHECK(shop.BalanceOf(card) == 250);  // the payment spends the redemption, not the card again

    // A spent redemption cannot be given back; the office says why.
    const auto spent = testing::WaitForAnswer<pos::app::CreditRedemptionReport>(
        t2_queue, t2_desk.CancelRedemption(redeemed.redemption_id, zoe));
    CHECK(spent.reached);
    CHECK_FALSE(spent.accepted);
    CHECK(spent.message.find("has paid for a sale") != std::string::npos);

    // More than the card holds is refused; an unspent redemption is given back, once.
    const auto too_much = testing::WaitForAnswer<pos::app::CreditRedemptionReport>(
        t2_queue, t2_desk.RedeemCredit({card, Gbp(300), zoe, "sale"}));
    CHECK(too_much.reached);
    CHECK_FALSE(too_much.accepted);
    CHECK_FALSE(too_much.message.empty());
    CHECK(too_much.message.find(card) == std::string::npos);  // only the last digits, if any
    const auto second = testing::WaitForAnswer<pos::app::CreditRedemptionReport>(
        t2_queue, t2_desk.RedeemCredit({card, Gbp(100), zoe, "sale"}));
    REQUIRE(second.accepted);
    CHECK(shop.BalanceOf(card) == 150);
    const auto back = testing::WaitForAnswer<pos::app::CreditRedemptionReport>(
        t2_queue, t2_desk.CancelRedemption(second.redemption_id, zoe));
    INFO(back.message);
    REQUIRE(back.accepted);
    CHECK(back.action == pos::app::CreditAction::kCancel);
    CHECK(back.amount_minor == 100);
    CHECK(back.balance_minor == 250);
    const auto twice = testing::WaitForAnswer<pos::app::CreditRedemptionReport>(
        t2_queue, t2_desk.CancelRedemption(second.redemption_id, zoe));
    CHECK(twice.reached);
    CHECK_FALSE(twice.accepted);
    CHECK(shop.BalanceOf(card) == 250);

    CHECK(shop.office.Verifies());
    CheckTillVerifies(*t1, shop.t1_db);
    CheckTillVerifies(*t2, shop.t2_db);
}

TEST_CASE(
    "issue 14: the office desk's credit questions say plainly when a card is unknown and "
    "when the office cannot be reached") {
    CreditShop shop("till-credit-offline");
    pos::app::ReportQueue queue;
    pos::office::OfficeDesk desk(shop.t2_db, {}, queue);
    auto db = pos::OpenTillDatabase(shop.t2_db);
    REQUIRE(db);
    const std::string zoe = testing::StaffIdOf(*db, "zoe");

    const std::string unknown = credit::NewCardNumber();
    const auto none =
        testing::WaitForAnswer<pos::app::CreditBalanceReport>(queue, desk.CheckCredit(unknown));
    CHECK(none.reached);
    CHECK_FALSE(none.found);
    CHECK_FALSE(none.message.empty());

    shop.office.server->Stop();
    const auto offline =
        testing::WaitForAnswer<pos::app::CreditBalanceReport>(queue, desk.CheckCredit(unknown));
    CHECK_FALSE(offline.reached);
    CHECK_FALSE(offline.found);
    CHECK(offline.message.find("The office cannot be reached") != std::string::npos);
    const auto not_redeemed = testing::WaitForAnswer<pos::app::CreditRedemptionReport>(
        queue, desk.RedeemCredit({unknown, Gbp(100), zoe, "sale"}));
    CHECK_FALSE(not_redeemed.reached);
    CHECK_FALSE(not_redeemed.accepted);
    const auto not_back = testing::WaitForAnswer<pos::app::CreditRedemptionReport>(
        queue, desk.CancelRedemption("no-such-redemption", zoe));
    CHECK_FALSE(not_back.reached);
    CHECK(not_back.action == pos::app::CreditAction::kCancel);
}
