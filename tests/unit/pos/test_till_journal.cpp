#include <doctest/doctest.h>

#include "demo_till.hpp"
#include "tillbook/barcode/embedded_price.hpp"
#include "tillbook/ledger/verify.hpp"

using namespace tillbook;
using testing::DemoTill;

namespace {

money::Money Gbp(std::int64_t minor) {
    return money::Money(minor, money::Currency{"GBP", 2});
}

}  // namespace

TEST_CASE("a cash sale is journalled with its number, takes stock off the shelf and gives change") {
    DemoTill till("till-cash");
    auto journal = till.Journal();
    REQUIRE(journal.OpenShift(Gbp(10000), "zoe"));
    const auto before = till.OnHand("TEA-ENGB-40BAGS");
    const std::vector<pos::ScannedLine> lines{{"5060123450019", 1}, {"5060456110017", 2}};
    auto sale = journal.Sell(lines, orders::Tender::kCash, Gbp(2000), "zoe");
    INFO((sale ? "" : sale.error().message));
    REQUIRE(sale);
    CHECK(sale->order.number == "S01-T1-000001");
    CHECK(sale->total.Minor() == 650 + 2 * 495);
    CHECK(sale->change.Minor() == 2000 - 1640);
    CHECK(till.OnHand("TEA-ENGB-40BAGS") == before - 2000);
    auto status = journal.ReadStatus();
    REQUIRE(status);
    CHECK(status->sales == 1);
    CHECK(status->expected_cash->Minor() == 10000 + 1640);
    CHECK(status->unsent_events == 2);  // shift opened, the sale (placed and paid in one event)
}

TEST_CASE("a weight-embedded label is sold by its weight at the price per kilo") {
    DemoTill till("till-weight");
    auto journal = till.Journal();
    // Montgomery's Cheddar, scale item 10001, 34.00/kg: 250 g.
    auto label = barcode::EncodeEmbedded(barcode::DefaultEmbeddedLayouts()[1], "10001", 250);
    REQUIRE(label);
    const std::vector<pos::ScannedLine> lines{{*label, 1}};
    auto sale = journal.Sell(lines, orders::Tender::kCard, std::nullopt, "zoe");
    INFO((sale ? "" : sale.error().message));
    REQUIRE(sale);
    CHECK(sale->order.lines.at(0).quantity == 250);
    CHECK(sale->total.Minor() == 850);
}

TEST_CASE("the till refuses cash without a shift, too little cash, and codes it does not know") {
    DemoTill till("till-refuse");
    auto journal = till.Journal();
    const std::vector<pos::ScannedLine> tea{{"5060123450019", 1}};
    auto no_shift = journal.Sell(tea, orders::Tender::kCash, Gbp(1000), "zoe");
    REQUIRE_FALSE(no_shift);
    CHECK(no_shift.error().field == "shift_id");
    CHECK(no_shift.error().message.find("open a shift first") != std::string::npos);
    REQUIRE(journal.OpenShift(Gbp(5000), "zoe"));
    auto short_cash = journal.Sell(tea, orders::Tender::kCash, Gbp(100), "zoe");
    REQUIRE_FALSE(short_cash);
    CHECK(short_cash.error().field == "tendered");
    const std::vector<pos::ScannedLine> bad_digit{{"5060123450018", 1}};
    auto bad = journal.Sell(bad_digit, orders::Tender::kCard, std::nullopt, "zoe");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("check digit") != std::string::npos);
    const std::vector<pos::ScannedLine> unknown{{"4006381333931", 1}};
    auto missing = journal.Sell(unknown, orders::Tender::kCard, std::nullopt, "zoe");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::kNotFound);
    CHECK(*till.db.QueryInt64("SELECT count(*) FROM orders") == 0);
}

TEST_CASE("closing a shift reports the variance between counted and expected cash") {
    DemoTill till("till-close");
    auto journal = till.Journal();
    REQUIRE(journal.OpenShift(Gbp(10000), "zoe"));
    const std::vector<pos::ScannedLine> tea{{"5060123450019", 1}};
    REQUIRE(journal.Sell(tea, orders::Tender::kCash, std::nullopt, "zoe"));
    auto variance = journal.CloseShift(Gbp(10600), "zoe");
    REQUIRE(variance);
    CHECK(variance->Minor() == -50);
    CHECK_FALSE(journal.CloseShift(Gbp(10600), "zoe"));
    auto report = ledger::VerifyDatabase(till.db, till.dir.File("scratch.db"));
    REQUIRE(report);
    CHECK(report->Ok());
}
