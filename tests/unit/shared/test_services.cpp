// The shop's use cases (shared/services) on a real SQLite file of the demo shop, through the
// DatabaseSink the till uses: each runs in one transaction, keeps all it appended or nothing.
#include <doctest/doctest.h>

#include "ledger_fixture.hpp"
#include "tillbook/ledger/verify.hpp"
#include "tillbook/queries/shift_summary.hpp"
#include "tillbook/services/cash_shifts.hpp"
#include "tillbook/services/returns_desk.hpp"
#include "tillbook/services/stock_changes.hpp"
#include "tillbook/services/till_sales.hpp"
#include "tillbook/store/demo_shop.hpp"
#include "tillbook/store/schema.hpp"

using namespace tillbook;
using testing::Gbp;

namespace {

constexpr const char* kS01 = "0190a1b2-0000-7000-8000-000000000001";
constexpr const char* kEarlGrey = "TEA-EARL-125G";  // £6.50, 12 on hand at S01
constexpr const char* kEarlGreyBarcode = "5060123450019";

struct DemoShop {
    DemoShop()
        : path(testing::TempDbPath("services")),
          clock(1'763'800'000'000),
          ids(clock, 7),
          db(std::move(
              *store::OpenAndMigrate(path.string(), {store::Durability::kNormal, 5000, true}))),
          till{"S01", kS01, "T1"},
          sink(db, till.Origin(), clock, ids) {
        REQUIRE(store::LoadDemoShop(db, std::filesystem::path(TILLBOOK_SOURCE_DIR) / "assets/demo",
                                    clock, ids));
    }
    ~DemoShop() {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path.string() + suffix);
    }
    std::int64_t Scalar(const std::string& sql) { return *db.QueryInt64(sql); }
    std::int64_t Events() { return Scalar("SELECT count(*) FROM ledger"); }
    std::int64_t OnHand(const std::string& sku) {
        return Scalar(std::string("SELECT on_hand FROM stock_levels WHERE location_id = '") + kS01 +
                      "' AND sku = '" + sku + "'");
    }
    bool Verifies() {
        auto report = ledger::VerifyDatabase(db, path.string() + ".scratch");
        REQUIRE(report);
        for (const auto& problem : report->problems)
            MESSAGE(problem);
        return report->Ok();
    }

    std::filesystem::path path;
    ids::ManualClock clock;
    ids::UuidV7Source ids;
    store::Database db;
    services::Till till;
    services::DatabaseSink sink;
};

// One Earl Grey of line 1 of `order_id` back at S01, restocked.
orders::Return OneTeaBack(const std::string& return_id, const std::string& order_id) {
    return orders::Return{
        return_id,
        order_id,
        kS01,
        false,
        "GBP",
        {orders::ReturnLine{1, kEarlGrey, 1'000, Gbp(0), orders::ReturnReason::kChangedMind,
                            orders::ItemCondition::kRestock}}};
}

}  // namespace

TEST_CASE("a stock count turns what is on the shelf into corrections and says what it found") {
    DemoShop shop;
    const std::vector<services::CountedSku> counted{{kEarlGrey, 10'000}, {"TEA-EARL-250G", 0}};
    const std::int64_t before_250 = shop.OnHand("TEA-EARL-250G");
    auto results = services::CountStock(shop.sink, "tom", kS01, counted, "Monday count");
    REQUIRE(results);
    REQUIRE(results->size() == 2);
    CHECK((*results)[0].expected == 12'000);
    CHECK((*results)[0].difference == -2'000);
    CHECK((*results)[0].seq.has_value());
    CHECK((*results)[1].expected == before_250);
    CHECK(shop.OnHand(kEarlGrey) == 10'000);
    CHECK(shop.OnHand("TEA-EARL-250G") == 0);
    // The same count again finds nothing to correct, and appends nothing.
    const std::int64_t events = shop.Events();
    auto again = services::CountStock(shop.sink, "tom", kS01, counted, "");
    REQUIRE(again);
    CHECK_FALSE((*again)[0].seq.has_value());
    CHECK(shop.Events() == events);
}

TEST_CASE("a SKU counted twice is refused, naming both lines, and nothing is written") {
    DemoShop shop;
    const std::int64_t events = shop.Events();
    const std::vector<services::CountedSku> counted{{kEarlGrey, 1'000}, {kEarlGrey, 2'000}};
    auto refused = services::CountStock(shop.sink, "tom", kS01, counted, "");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().field == "lines[1].sku");
    CHECK(refused.error().message.find("already counted in lines[0]") != std::string::npos);
    CHECK(shop.Events() == events);
}

TEST_CASE(
    "a shift opens with its float, moves cash with a reason and cashes up with its variance") {
    DemoShop shop;
    const std::string terminal = shop.till.Origin();
    auto closed_early = services::CloseShift(shop.sink, "zoe", terminal, Gbp(0));
    REQUIRE_FALSE(closed_early);
    CHECK(closed_early.error().code == ErrorCode::kNotFound);
    auto shift = services::OpenShift(shop.sink, "zoe", {kS01, terminal, Gbp(10'000)});
    REQUIRE(shift);
    REQUIRE(services::MoveCash(shop.sink, "zoe", terminal, ledger::CashMovementKind::kPaidOut,
                               Gbp(250), "milk"));
    CHECK_FALSE(services::MoveCash(shop.sink, "zoe", terminal, ledger::CashMovementKind::kPaidIn,
                                   Gbp(100), ""));  // a reason is required
    const std::vector<services::ScannedLine> tea{{kEarlGreyBarcode, 2}};
    auto sale = services::RingUpTillSale(shop.sink, "zoe", shop.till, tea, orders::Tender::kCash,
                                         Gbp(2'000));
    REQUIRE(sale);
    CHECK(sale->change.Minor() == 700);
    // A card sale and a cash refund of the cash sale: the X reading shows them apart.
    REQUIRE(services::RingUpTillSale(shop.sink, "zoe", shop.till, tea, orders::Tender::kCard,
                                     std::nullopt));
    auto back =
        services::ReceiveReturn(shop.sink, "zoe", OneTeaBack(shop.ids.NextString(), sale->order.id),
                                services::DeskTender{orders::Tender::kCash, *shift});
    REQUIRE(back);
    auto x = queries::OpenShiftSummary(shop.db, terminal);
    REQUIRE(x);
    REQUIRE(x->has_value());
    const queries::ShiftSummary& reading = **x;
    CHECK(reading.shift_id == *shift);
    CHECK(reading.opened_by == "zoe");
    CHECK_FALSE(reading.closed_at.has_value());
    CHECK(reading.opening_float.Minor() == 10'000);
    CHECK(reading.cash_sales.Minor() == 1'300);
    CHECK(reading.cash_refunds.Minor() == 650);
    CHECK(reading.paid_in.Minor() == 0);
    CHECK(reading.paid_out.Minor() == 250);
    CHECK(reading.card_sales.Minor() == 1'300);
    CHECK(reading.card_refunds.Minor() == 0);
    CHECK(reading.sales == 2);
    CHECK(reading.expected.Minor() == 10'000 + 1'300 - 250 - 650);
    CHECK_FALSE(reading.counted.has_value());

    auto cash_up = services::CloseShift(shop.sink, "zoe", terminal, Gbp(10'350));
    REQUIRE(cash_up);
    CHECK(cash_up->shift_id == *shift);
    CHECK(cash_up->expected.Minor() == 10'400);
    CHECK(cash_up->variance.Minor() == -50);
    CHECK_FALSE(*queries::OpenShiftSummary(shop.db, terminal));
    auto z = queries::LastClosedShiftSummary(shop.db, terminal);
    REQUIRE(z);
    REQUIRE(z->has_value());
    CHECK((*z)->shift_id == *shift);
    CHECK((*z)->closed_at.has_value());
    REQUIRE((*z)->counted.has_value());
    CHECK((*z)->counted->Minor() == 10'350);
    CHECK((*z)->expected.Minor() == 10'400);
    // Sales after the close belong to no shift of this one.
    REQUIRE(services::RingUpTillSale(shop.sink, "zoe", shop.till, tea, orders::Tender::kCard,
                                     std::nullopt));
    CHECK((*queries::ShiftSummaryOf(shop.db, *shift))->card_sales.Minor() == 1'300);
    CHECK_FALSE(*queries::ShiftSummaryOf(shop.db, "no-such-shift"));
    CHECK(shop.Verifies());
}

TEST_CASE(
    "a till sale is one event, numbered by the till, and cash with no shift open is refused") {
    DemoShop shop;
    const std::vector<services::ScannedLine> tea{{kEarlGreyBarcode, 1}};
    const std::int64_t events = shop.Events();
    auto cash = services::RingUpTillSale(shop.sink, "zoe", shop.till, tea, orders::Tender::kCash,
                                         Gbp(1'000));
    REQUIRE_FALSE(cash);
    CHECK(cash.error().field == "shift_id");
    CHECK(shop.Events() == events);
    CHECK(shop.OnHand(kEarlGrey) == 12'000);
    auto card = services::RingUpTillSale(shop.sink, "zoe", shop.till, tea, orders::Tender::kCard,
                                         std::nullopt);
    REQUIRE(card);
    CHECK(card->order.number == "S01-T1-000001");
    CHECK(card->total.Minor() == 650);
    CHECK(shop.Events() == events + 1);
    CHECK(shop.OnHand(kEarlGrey) == 11'000);
    auto second = services::RingUpTillSale(shop.sink, "zoe", shop.till, tea, orders::Tender::kCard,
                                           std::nullopt);
    REQUIRE(second);
    CHECK(second->order.number == "S01-T1-000002");
}

TEST_CASE(
    "goods back are received and refunded at once in one transaction: a refused refund keeps no "
    "return either") {
    DemoShop shop;
    const std::vector<services::ScannedLine> tea{{kEarlGreyBarcode, 2}};
    auto sale = services::RingUpTillSale(shop.sink, "zoe", shop.till, tea, orders::Tender::kCard,
                                         std::nullopt);
    REQUIRE(sale);
    const auto goods_back = [&] { return OneTeaBack(shop.ids.NextString(), sale->order.id); };
    const std::int64_t events = shop.Events();
    // Cash out of no drawer: the refund is refused, and the goods are not taken back either.
    auto refused = services::ReceiveReturn(shop.sink, "zoe", goods_back(),
                                           services::DeskTender{orders::Tender::kCash, ""});
    REQUIRE_FALSE(refused);
    CHECK(shop.Events() == events);
    CHECK(shop.OnHand(kEarlGrey) == 10'000);

    auto received = services::ReceiveReturn(shop.sink, "zoe", goods_back(),
                                            services::DeskTender{orders::Tender::kCard, ""});
    REQUIRE(received);
    CHECK(received->value.Minor() == 650);
    REQUIRE(received->refund.has_value());
    CHECK(received->refund->Minor() == 650);
    CHECK(shop.OnHand(kEarlGrey) == 11'000);
    // Kept for later, then refunded by a manager; never above its value.
    auto kept = services::ReceiveReturn(shop.sink, "zoe", goods_back(), std::nullopt);
    REQUIRE(kept);
    CHECK_FALSE(kept->refund.has_value());
    CHECK_FALSE(services::RefundReturn(shop.sink, "tom", kept->return_id, Gbp(651),
                                       {orders::Tender::kCard, ""}));
    CHECK(services::RefundReturn(shop.sink, "tom", kept->return_id, Gbp(650),
                                 {orders::Tender::kCard, ""}));
    CHECK(shop.Scalar("SELECT refunded_minor FROM orders WHERE id = '" + sale->order.id + "'") ==
          1300);
    CHECK(shop.Verifies());
}

TEST_CASE("an exchange settles only the difference and its new order is numbered by its caller") {
    DemoShop shop;
    const std::vector<services::ScannedLine> tea{{kEarlGreyBarcode, 1}};
    auto sale = services::RingUpTillSale(shop.sink, "zoe", shop.till, tea, orders::Tender::kCard,
                                         std::nullopt);
    REQUIRE(sale);
    auto bigger = store::FindSku(shop.db, "TEA-EARL-250G");  // £11.50
    REQUIRE(bigger);
    REQUIRE(*bigger);
    const std::vector<orders::SaleItem> new_goods{{**bigger, 1'000, std::nullopt}};
    const orders::Return ret = OneTeaBack(shop.ids.NextString(), sale->order.id);
    const services::NewSaleNumbering numbering =
        [&](services::LedgerSession& session) -> Result<orders::StoreSale> {
        auto number = services::NextTillSaleNumber(session, shop.till);
        if (!number) return std::unexpected(number.error());
        return orders::StoreSale{session.NewId(), orders::TillOrderNumber("S01", "T1", *number),
                                 "S01", kS01, session.Now()};
    };
    const std::int64_t events = shop.Events();
    auto no_tender =
        services::CompleteExchange(shop.sink, "zoe", ret, new_goods, std::nullopt, numbering);
    REQUIRE_FALSE(no_tender);
    CHECK(no_tender.error().field == "tender");
    INFO(no_tender.error().message);
    CHECK(no_tender.error().message.find("pays") != std::string::npos);
    CHECK(no_tender.error().message.find("5.00") != std::string::npos);
    CHECK(shop.Events() == events);

    auto exchanged =
        services::CompleteExchange(shop.sink, "zoe", ret, new_goods,
                                   services::DeskTender{orders::Tender::kCard, ""}, numbering);
    REQUIRE(exchanged);
    CHECK(exchanged->credit.Minor() == 650);
    CHECK(exchanged->new_total.Minor() == 1150);
    CHECK(exchanged->paid.Minor() == 500);
    CHECK(exchanged->refunded.Minor() == 0);
    CHECK(exchanged->new_order.number == "S01-T1-000002");
    CHECK(shop.Events() == events + 1);
    // Nothing more of that line can come back.
    auto again =
        services::CompleteExchange(shop.sink, "zoe", ret, new_goods,
                                   services::DeskTender{orders::Tender::kCard, ""}, numbering);
    REQUIRE_FALSE(again);
    CHECK(shop.Verifies());
}
