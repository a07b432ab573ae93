// Issue 11, finding 8 at the ledger: running totals past int64 are refused by the rules, and a
// batch keeps every event but the one the database refuses after writing.
#include <doctest/doctest.h>

#include <limits>

#include "ledger_fixture.hpp"

using namespace tillbook;
using testing::LedgerFixture;

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

ledger::Event Received(LedgerFixture& f, std::string location, std::string sku,
                       std::int64_t milli) {
    return f.Make(ledger::StockAdjusted{std::move(location), std::move(sku), milli,
                                        ledger::AdjustmentReason::kGoodsReceived, ""});
}

}  // namespace

TEST_CASE(
    "issue 11: an adjustment, a transfer or a restocked return that would carry a stock level past "
    "int64 is refused as overflow and writes nothing") {
    LedgerFixture f;
    REQUIRE(f.Receive("loc-w01", "TEA", kMax - 500));
    REQUIRE(f.Receive("loc-s01", "TEA", 10'000));
    const auto before = f.Scalar("SELECT count(*) FROM ledger");

    auto adjusted = f.Receive("loc-w01", "TEA", 1000);
    REQUIRE_FALSE(adjusted);
    CHECK(adjusted.error().code == ErrorCode::kOverflow);
    CHECK(adjusted.error().field == "delta");

    auto moved = f.Append(ledger::StockTransferred{"loc-s01", "loc-w01", {{"TEA", 1000}}});
    REQUIRE_FALSE(moved);
    CHECK(moved.error().code == ErrorCode::kOverflow);
    CHECK(moved.error().field == "lines.quantity");

    orders::Order order = f.NewOrder({LedgerFixture::Line(1, "TEA", 1, 650)});
    REQUIRE(f.Append(ledger::OrderPlaced{order, true}));
    auto back = f.Append(ledger::ReturnReceived{orders::Return{
        f.ids.NextString(),
        order.id,
        "loc-w01",
        false,
        "GBP",
        {orders::ReturnLine{1, "TEA", 1000, testing::Gbp(0), orders::ReturnReason::kChangedMind,
                            orders::ItemCondition::kRestock}}}});
    REQUIRE_FALSE(back);
    CHECK(back.error().code == ErrorCode::kOverflow);

    CHECK(f.Scalar("SELECT count(*) FROM ledger") == before + 1);  // the sale only
    CHECK(f.OnHand("loc-w01", "TEA") == kMax - 500);
}

TEST_CASE(
    "issue 11: a batch keeps every event but those the database refuses after writing, each in its "
    "place, and the rules' refusals beside them") {
    LedgerFixture f;
    // A fault the rules cannot foresee: the database refuses the movements of one SKU.
    REQUIRE(
        f.db.Exec("CREATE TRIGGER poison BEFORE INSERT ON stock_movements "
                  "WHEN NEW.sku = 'POISON' BEGIN SELECT RAISE(ABORT, 'poisoned'); END"));
    const std::vector<ledger::Event> events{
        Received(f, "loc-s01", "TEA", 1000), Received(f, "nowhere", "TEA", 1000),
        Received(f, "loc-s01", "POISON", 1), Received(f, "loc-s01", "TEA", 2000),
        Received(f, "loc-s01", "POISON", 2), Received(f, "loc-s01", "TEA", 4000),
    };
    auto results = f.ledger.AppendBatch(events);
    REQUIRE_MESSAGE(results, results.error().message);
    REQUIRE(results->size() == events.size());
    const auto code = [&](std::size_t i) {
        return (*results)[i] ? std::string("accepted")
                             : std::string(ToString((*results)[i].error().code));
    };
    CHECK(code(0) == "accepted");
    CHECK(code(1) == "not_found");
    CHECK(code(2) == "storage");
    CHECK(code(3) == "accepted");
    CHECK(code(4) == "storage");
    CHECK(code(5) == "accepted");
    CHECK(f.OnHand("loc-s01", "TEA") == 7000);
    CHECK(f.OnHand("loc-s01", "POISON") == 0);
    CHECK(f.Scalar("SELECT count(*) FROM ledger") == 3);
    CHECK(f.Scalar("SELECT count(*) FROM stock_movements") == 3);
    CHECK(f.Scalar("SELECT max(seq) FROM ledger") == (*results)[5]->seq);
}

TEST_CASE(
    "issue 11: lines of one return whose quantities together pass int64 are refused as more than "
    "was sold, before anything is written") {
    LedgerFixture f;
    REQUIRE(f.Receive("loc-s01", "TEA", 10'000));
    orders::Order order = f.NewOrder({LedgerFixture::Line(1, "TEA", 2, 650)});
    REQUIRE(f.Append(ledger::OrderPlaced{order, true}));
    const auto before = f.Scalar("SELECT count(*) FROM ledger");
    const auto line = [](std::int64_t milli) {
        return orders::ReturnLine{1,
                                  "TEA",
                                  milli,
                                  testing::Gbp(0),
                                  orders::ReturnReason::kChangedMind,
                                  orders::ItemCondition::kWriteOff};
    };
    auto back = f.Append(ledger::ReturnReceived{orders::Return{
        f.ids.NextString(), order.id, "loc-s01", false, "GBP", {line(1000), line(kMax)}}});
    REQUIRE_FALSE(back);
    CHECK(back.error().code == ErrorCode::kInvariantViolated);
    CHECK(f.Scalar("SELECT count(*) FROM ledger") == before);
    CHECK(f.Scalar("SELECT returned_quantity FROM order_lines") == 0);
}
