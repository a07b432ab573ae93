// Reservations the stock no longer covers are flagged on the orders that reserved last, once each.
#include <doctest/doctest.h>

#include "ledger_fixture.hpp"
#include "tillbook/office/channels/reservation_shortfall.hpp"

using namespace tillbook;
using testing::LedgerFixture;

namespace {

constexpr const char* kReason = "short: TEA reserved at S01 is no longer there";
// The story's own events: the flags are the office's, numbered by the office's origin.
constexpr const char* kShop = "test";

// Flags what is uncovered at S01's TEA in one transaction; how many orders were flagged.
int Flag(LedgerFixture& f) {
    auto tx = store::Transaction::Begin(f.db);
    REQUIRE(tx);
    office::WriteContext w{f.db, f.ledger};
    auto flagged =
        office::channels::FlagUncoveredReservations(w, f.clock, f.ids, {{"loc-s01", "TEA"}});
    REQUIRE(flagged);
    REQUIRE(tx->Commit());
    return *flagged;
}

// An online order of `units` teas reserved at S01; its id.
std::string ReservedOrder(LedgerFixture& f, std::int64_t units) {
    orders::Order order = f.NewOrder({LedgerFixture::Line(1, "TEA", units, 650)}, "shopify", "");
    REQUIRE(f.Append(ledger::OrderPlaced{order}, kShop));
    REQUIRE(f.Append(ledger::StockReserved{order.id, "loc-s01", {{"TEA", units * 1000}}}, kShop));
    return order.id;
}

bool Flagged(LedgerFixture& f, const std::string& order_id) {
    return f.Scalar("SELECT instr(attention, '" + std::string(kReason) +
                    "') > 0 FROM orders WHERE id = '" + order_id + "'") == 1;
}

}  // namespace

TEST_CASE(
    "stock gone from under reservations flags the orders that reserved last, only as many as the "
    "shortfall needs, and never the same order twice") {
    LedgerFixture f("reservation-shortfall");
    REQUIRE(f.Append(
        ledger::StockAdjusted{"loc-s01", "TEA", 4000, ledger::AdjustmentReason::kGoodsReceived, ""},
        kShop));
    const std::string first = ReservedOrder(f, 1);
    const std::string second = ReservedOrder(f, 2);
    const std::string third = ReservedOrder(f, 1);
    CHECK(Flag(f) == 0);  // 4 reserved of 4 on hand: covered

    // One tea is damaged: 1 short, the last order to reserve carries it.
    REQUIRE(f.Append(
        ledger::StockAdjusted{"loc-s01", "TEA", -1000, ledger::AdjustmentReason::kDamaged, ""},
        kShop));
    CHECK(Flag(f) == 1);
    CHECK(Flagged(f, third));
    CHECK_FALSE(Flagged(f, second));
    CHECK(Flag(f) == 0);  // asked again: already flagged

    // Two more go: 3 short; the third order's one and the second's two cover it.
    REQUIRE(f.Append(
        ledger::StockAdjusted{"loc-s01", "TEA", -2000, ledger::AdjustmentReason::kDamaged, ""},
        kShop));
    CHECK(Flag(f) == 1);
    CHECK(Flagged(f, second));
    CHECK_FALSE(Flagged(f, first));

    // Below zero on hand, every reservation is uncovered.
    REQUIRE(f.Append(
        ledger::StockAdjusted{"loc-s01", "TEA", -2000, ledger::AdjustmentReason::kDamaged, ""},
        kShop));
    CHECK(Flag(f) == 1);
    CHECK(Flagged(f, first));
    CHECK(f.Scalar("SELECT count(*) FROM ledger WHERE kind = " +
                   std::to_string(static_cast<int>(ledger::EventKind::kOrderFlagged))) == 3);
}
