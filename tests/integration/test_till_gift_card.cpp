// A gift card sold at a till against the real back office (issue 14, point 4): the till journals
// the sale with its gift-card line offline, pushes it on loopback, the office credits the card
// (its history names the order) and the card is then redeemed at the office; verify passes on
// both databases. A gift card paid with store credit is refused by the ledger on both sides.
#include <doctest/doctest.h>

#include <chrono>

#include "gbp.hpp"
#include "office_fixture.hpp"
#include "till_office.hpp"
#include "till_shop.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/ledger/verify.hpp"
#include "tillbook/orders/gift_card_line.hpp"
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

// One till of S01 paired with the real office.
struct GiftCardShop {
    explicit GiftCardShop(const std::string& name)
        : office(name), till_dir(name + "-till"), till_db(till_dir.File("t1.db")) {
        testing::PairTillDatabase(office, till_db, "T1", clock);
    }

    OfficeUnderTest office;
    testing::TempDir till_dir;
    std::string till_db;
    ids::SystemClock clock;
};

}  // namespace

TEST_CASE(
    "issue 14: a gift card sold at a till is pushed to the office, which credits it naming the "
    "order in its history and redeems it later: verify passes on both sides") {
    GiftCardShop shop("till-gift-card");
    ids::UuidV7Source ids(shop.clock);
    auto till = pos::OpenTillDatabase(shop.till_db);
    REQUIRE(till);
    auto journal = pos::TillJournal::Open(*till, shop.clock, ids);
    REQUIRE(journal);
    const std::string zoe = testing::StaffIdOf(*till, "zoe");
    REQUIRE(journal->OpenShift(Gbp(10000), zoe));

    // A tea and a new £20.00 card, paid £30.00 in cash, journalled before any push.
    const std::string card = credit::NewCardNumber();
    auto tea = store::FindSku(*till, "TEA-EARL-125G");
    REQUIRE(tea);
    REQUIRE(tea->has_value());
    const std::vector<services::CartSaleLine> lines{
        {orders::SaleItem{**tea, 1000, std::nullopt}, Gbp(0)},
        {orders::GiftCardItem(card, Gbp(2000)), Gbp(0)}};
    const std::vector<orders::TenderedPayment> cash{{orders::Tender::kCash, Gbp(3000), ""}};
    auto sale = journal->PlaceSale(lines, cash, zoe);
    REQUIRE_MESSAGE(sale, sale.error().message);
    CHECK(sale->total.Minor() == 2650);
    CHECK(sale->change.Minor() == 350);
    CHECK(*till->QueryInt64("SELECT balance_minor FROM credit_cards WHERE card_number = '" + card +
                            "'") == 2000);

    // Store credit does not buy credit: refused by the till's own ledger.
    auto other = credit::NewCardNumber();
    const std::vector<services::CartSaleLine> bought_with_credit{
        {orders::GiftCardItem(other, Gbp(500)), Gbp(0)}};
    const std::vector<orders::TenderedPayment> credit_payment{
        {orders::Tender::kStoreCredit, Gbp(500), "made-at-the-office"}};
    auto refused = journal->PlaceSale(bought_with_credit, credit_payment, zoe);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("store credit cannot pay for a gift card") !=
          std::string::npos);

    CHECK(shop.office.Scalar("SELECT count(*) FROM credit_cards") == 0);
    CHECK(testing::PushEverything(shop.till_db, shop.clock).rejected == 0);

    // The office holds the sale and the card's balance; the card's history names the order.
    CHECK(shop.office.Scalar("SELECT balance_minor FROM credit_cards WHERE card_number = '" + card +
                             "'") == 2000);
    CHECK(shop.office.Scalar("SELECT count(*) FROM stock_movements WHERE sku = '" + card + "'") ==
          0);
    auto manager = shop.office.Client(shop.office.Manager());
    const json shown = testing::Body(manager->Get(("/api/v1/credit/" + card).c_str()));
    CHECK(shown["balance_minor"] == 2000);
    REQUIRE(shown["history"].size() == 1);
    CHECK(shown["history"][0]["kind"] == "sold");
    CHECK(shown["history"][0]["amount_minor"] == 2000);
    CHECK(shown["history"][0]["order_number"] == sale->order.number);
    CHECK(shown["history"][0]["order_id"] == sale->order.id);

    // Redeemed at the office like any card.
    auto redeemed =
        manager->Post(("/api/v1/credit/" + card + "/redemptions").c_str(),
                      json{{"amount", "12.50"}, {"note", "web order"}}.dump(), "application/json");
    REQUIRE(redeemed);
    INFO(redeemed->body);
    CHECK(redeemed->status == 201);
    const json after = testing::Body(manager->Get(("/api/v1/credit/" + card).c_str()));
    CHECK(after["balance_minor"] == 750);
    CHECK(after["history"].size() == 2);

    CHECK(shop.office.Verifies());
    auto verified = ledger::VerifyDatabase(*till, shop.till_db + ".scratch");
    REQUIRE(verified);
    for (const auto& problem : verified->problems)
        FAIL_CHECK(problem);
}
