// Thousands of random shop operations — sales, returns, exchanges, reservations, cancellations,
// dispatches, refunds, amendments, adjustments, transfers, cash, no sales — some deliberately out
// of bounds.
// Every invariant must hold throughout, no rejection may come from the database rather than a rule,
// and replaying the ledger into an empty database must reproduce every projection table exactly.
#include <doctest/doctest.h>

#include <random>

#include "ledger_fixture.hpp"
#include "tillbook/ledger/sqlite_state.hpp"
#include "tillbook/ledger/validate.hpp"
#include "tillbook/ledger/verify.hpp"

using namespace tillbook;
using testing::Gbp;
using testing::LedgerFixture;

namespace {

const std::vector<std::string> kSkus = {"TEA", "COFFEE", "MUG", "CHEESE", "JAM", "CARD"};
const std::vector<std::string> kLocations = {"loc-s01", "loc-s02", "loc-w01"};

class RandomShop {
  public:
    explicit RandomShop(LedgerFixture& f, std::uint32_t seed) : m_f(f), m_rng(seed) {}

    void Step() {
        switch (Pick(13)) {
            case 0:
            case 1:
                TillSale();
                break;
            case 2:
                OnlineOrder();
                break;
            case 3:
                Reserve();
                break;
            case 4:
                DispatchOrCancel();
                break;
            case 5:
                Return();
                break;
            case 6:
                Refund();
                break;
            case 7:
                Exchange();
                break;
            case 8:
                Adjust();
                break;
            case 9:
                Transfer();
                break;
            case 10:
                Cash();
                break;
            case 11:
                Amend();
                break;
            default:
                Shift();
                break;
        }
    }

    std::int64_t accepted = 0;
    std::int64_t rejected = 0;

  private:
    std::int64_t Pick(std::int64_t n) {
        return std::uniform_int_distribution<std::int64_t>(0, n - 1)(m_rng);
    }
    const std::string& Any(const std::vector<std::string>& from) {
        return from[static_cast<std::size_t>(Pick(static_cast<std::int64_t>(from.size())))];
    }

    void Record(ledger::EventPayload payload, const std::string& origin = "office") {
        auto result = m_f.Append(std::move(payload), origin);
        if (result) {
            ++accepted;
            return;
        }
        ++rejected;
        INFO("rejected: " << result.error().message);
        // A rule may refuse an event; the database itself must never be what refuses it.
        REQUIRE(result.error().code != ErrorCode::kStorage);
    }

    std::vector<orders::OrderLine> RandomLines() {
        std::vector<orders::OrderLine> lines;
        const auto count = 1 + Pick(3);
        for (int i = 1; i <= count; ++i) {
            const std::int64_t units = 1 + Pick(3);
            const std::int64_t price = 50 + Pick(3000);
            const std::int64_t discount = Pick(4) == 0 ? Pick(units * price + 1) : 0;
            lines.push_back(LedgerFixture::Line(i, Any(kSkus), units, price, discount,
                                                Pick(3) == 0 ? 0 : 2000));
        }
        return lines;
    }

    std::optional<std::string> Choose(const std::string& where) {
        const auto count = m_f.Scalar("SELECT count(*) FROM orders WHERE " + where);
        if (count == 0) return std::nullopt;
        auto q = m_f.db.Prepare("SELECT id FROM orders WHERE " + where +
                                " ORDER BY id LIMIT 1 OFFSET ?");
        REQUIRE(q);
        q->Bind(1, Pick(count));
        REQUIRE(*q->Step());
        return q->Text(0);
    }

    std::optional<std::string> OpenShift() {
        auto q = m_f.db.Prepare("SELECT id FROM shifts WHERE closed_seq IS NULL");
        REQUIRE(q);
        if (!*q->Step()) return std::nullopt;
        return q->Text(0);
    }

    void TillSale() {
        orders::Order order = m_f.NewOrder(RandomLines(), "store:S01", Any({"loc-s01", "loc-s02"}));
        const auto total = orders::ComputeTotals(order)->total;
        Record(ledger::OrderPlaced{order, true}, kTill);
        const auto shift = OpenShift();
        const bool cash = shift && Pick(2) == 0;
        const std::int64_t paid =
            Pick(10) == 0 ? total.Minor() + 1 : total.Minor();  // sometimes too much
        if (paid == 0) return;
        Record(
            ledger::PaymentTaken{
                order.id,
                orders::Payment{cash ? orders::Tender::kCash : orders::Tender::kCard, Gbp(paid),
                                Gbp(paid + (cash ? Pick(500) : 0)), "", cash ? *shift : ""}},
            kTill);
    }

    void OnlineOrder() {
        orders::Order order =
            m_f.NewOrder(RandomLines(), Any({"shopify", "ebay", "amazon", "woocommerce"}), "");
        Record(ledger::OrderPlaced{order, false});
        const auto total = orders::ComputeTotals(order)->total;
        if (total.Minor() > 0)
            Record(ledger::PaymentTaken{
                order.id, orders::Payment{orders::Tender::kChannel, total, total, "", ""}});
    }

    void Reserve() {
        auto id = Choose("status IN (1, 2)");
        if (!id) return;
        auto q = m_f.db.Prepare(
            "SELECT sku, quantity FROM order_lines WHERE order_id = ? ORDER BY line_no");
        REQUIRE(q);
        q->Bind(1, *id);
        std::vector<ledger::SkuQuantity> lines;
        while (*q->Step())
            lines.push_back({q->Text(0), q->Int64(1) + (Pick(8) == 0 ? 1000 : 0)});
        Record(ledger::StockReserved{*id, Any(kLocations), lines});
    }

    void DispatchOrCancel() {
        if (Pick(3) == 0) {
            if (auto id = Choose("status IN (1, 2, 3, 4, 5, 6)"))
                Record(ledger::OrderCancelled{*id, "random"});
        } else if (auto id =
                       Choose(Pick(5) == 0 ? "status IN (1, 2, 3, 4)" : "status IN (2, 3, 4)")) {
            Record(ledger::OrderDispatched{*id, "T"});
        }
        if (Pick(4) == 0) {
            if (auto id = Choose("status = 5")) {
                Record(ledger::OrderStatusChanged{*id, Pick(2) == 0
                                                           ? orders::OrderStatus::kDelivered
                                                           : orders::OrderStatus::kLost});
            }
        }
    }

    std::optional<orders::Return> RandomReturn() {
        auto id = Choose("status IN (5, 6, 8)");
        if (!id) return std::nullopt;
        auto q = m_f.db.Prepare(
            "SELECT line_no, sku, quantity - returned_quantity FROM order_lines WHERE order_id = ? "
            "ORDER BY line_no");
        REQUIRE(q);
        q->Bind(1, *id);
        orders::Return ret{m_f.ids.NextString(), *id, Any(kLocations), false, "GBP", {}};
        while (*q->Step()) {
            if (Pick(2) == 0) continue;
            const std::int64_t left = q->Int64(2);
            const std::int64_t quantity =
                Pick(6) == 0 ? left + 1000 : std::max<std::int64_t>(1000, (1 + Pick(2)) * 1000);
            ret.lines.push_back(
                orders::ReturnLine{static_cast<int>(q->Int64(0)), q->Text(1), quantity, Gbp(0),
                                   orders::ReturnReason::kChangedMind,
                                   static_cast<orders::ItemCondition>(1 + Pick(3))});
        }
        if (ret.lines.empty()) return std::nullopt;
        return ret;
    }

    void Return() {
        if (Pick(8) == 0) {
            orders::Return ret{m_f.ids.NextString(),
                               "",
                               Any(kLocations),
                               true,
                               "GBP",
                               {orders::ReturnLine{0, Any(kSkus), 1000, Gbp(100 + Pick(900)),
                                                   orders::ReturnReason::kOther,
                                                   orders::ItemCondition::kRestock}}};
            Record(ledger::ReturnReceived{ret});
            return;
        }
        if (auto ret = RandomReturn()) Record(ledger::ReturnReceived{*ret});
    }

    void Refund() {
        auto q = m_f.db.Prepare(
            "SELECT id, order_id, value_minor - refunded_minor FROM returns ORDER BY id LIMIT 1 "
            "OFFSET ?");
        REQUIRE(q);
        const auto count = m_f.Scalar("SELECT count(*) FROM returns");
        if (count == 0 || Pick(3) == 0) {
            if (auto id = Choose("paid_minor > 0")) {
                Record(ledger::RefundIssued{
                    *id, "", orders::Refund{orders::Tender::kCard, Gbp(1 + Pick(2000)), "", ""}});
            }
            return;
        }
        q->Bind(1, Pick(count));
        REQUIRE(*q->Step());
        const std::int64_t left = q->Int64(2);
        const std::int64_t amount = Pick(5) == 0 ? left + 1 : left;
        if (amount <= 0) return;
        Record(ledger::RefundIssued{q->Text(1), q->Text(0),
                                    orders::Refund{orders::Tender::kCard, Gbp(amount), "", ""}});
    }

    void Exchange() {
        auto ret = RandomReturn();
        if (!ret) return;
        ret->location_id = "loc-s01";
        orders::Order replacement = m_f.NewOrder(RandomLines(), "store:S01", "loc-s01");
        ledger::SqliteLedgerState state(m_f.db);
        auto value = ledger::ValueOfReturn(*ret, state);
        const std::int64_t total = orders::ComputeTotals(replacement)->total.Minor();
        const std::int64_t value_minor = value ? value->Minor() : 0;
        std::vector<orders::Payment> payments;
        std::vector<orders::Refund> refunds;
        const std::int64_t skew = Pick(6) == 0 ? 1 : 0;  // sometimes settle wrongly
        if (total > value_minor)
            payments.push_back({orders::Tender::kCard, Gbp(total - value_minor + skew),
                                Gbp(total - value_minor + skew), "", ""});
        if (total < value_minor)
            refunds.push_back({orders::Tender::kCard, Gbp(value_minor - total + skew), "", ""});
        Record(ledger::ExchangeCompleted{*ret, replacement, payments, refunds}, kTill);
    }

    // A channel changes an online order: usually one still amendable, sometimes one too late.
    void Amend() {
        auto id = Choose(Pick(5) == 0 ? "channel NOT LIKE 'store:%'"
                                      : "channel NOT LIKE 'store:%' AND status IN (1, 2)");
        if (!id) return;
        auto q = m_f.db.Prepare(
            "SELECT number, channel, external_id, placed_at FROM orders WHERE id = ?");
        REQUIRE(q);
        q->Bind(1, *id);
        REQUIRE(*q->Step());
        orders::Order order = m_f.NewOrder(RandomLines(), q->Text(1), "");
        order.id = *id;
        order.number = q->Text(0);
        order.external_id = q->Text(2);
        order.placed_at = q->Int64(3);
        Record(ledger::OrderAmended{order, "changed on " + order.channel});
    }

    void Adjust() {
        Record(ledger::StockAdjusted{Any(kLocations), Any(kSkus), (Pick(30) - 5) * 1000,
                                     ledger::AdjustmentReason::kCountCorrection, ""});
    }

    void Transfer() {
        const auto& from = Any(kLocations);
        const auto& to = Any(kLocations);
        Record(ledger::StockTransferred{from, to, {{Any(kSkus), (1 + Pick(3)) * 1000}}});
    }

    void Cash() {
        const auto shift = OpenShift();
        if (!shift) return;
        const auto kind =
            Pick(2) == 0 ? ledger::CashMovementKind::kPaidIn : ledger::CashMovementKind::kPaidOut;
        Record(ledger::CashMoved{*shift, kind, Gbp(1 + Pick(20000)), "petty cash"}, kTill);
    }

    // A shift's close follows a no sale in it, and one after the close is refused (no numbers are
    // drawn for them: the other operations' sequence stays as it was).
    void Shift() {
        if (const auto shift = OpenShift()) {
            Record(ledger::DrawerOpened{*shift, kTill, "No sale", ""}, kTill);
            Record(ledger::ShiftClosed{*shift, Gbp(Pick(50000))}, kTill);
            Record(ledger::DrawerOpened{*shift, kTill, "No sale", ""}, kTill);
        } else {
            Record(ledger::ShiftOpened{m_f.ids.NextString(), "loc-s01", kTill, Gbp(10000)}, kTill);
        }
    }

    static inline const std::string kTill = "terminal:S01-T1";
    LedgerFixture& m_f;
    std::mt19937 m_rng;
};

}  // namespace

namespace {

void CheckInvariants(LedgerFixture& f) {
    CHECK(f.Scalar("SELECT count(*) FROM stock_levels WHERE reserved < 0") == 0);
    CHECK(f.Scalar("SELECT count(*) FROM order_lines WHERE returned_quantity > quantity") == 0);
    // Net of refunds: an amendment may leave more paid than the new total, refunded.
    CHECK(f.Scalar("SELECT count(*) FROM orders WHERE refunded_minor > paid_minor OR "
                   "paid_minor - refunded_minor > total_minor") == 0);
    CHECK(f.Scalar("SELECT count(*) FROM returns WHERE refunded_minor > value_minor") == 0);
}

// A new, empty database with the same reference data and a copy of the ledger's rows, its
// projections rebuilt by replay.
store::Database ReplayIntoEmpty(LedgerFixture& f, const std::filesystem::path& path) {
    auto fresh = store::OpenAndMigrate(path.string(), {store::Durability::kNormal, 5000, true});
    REQUIRE(fresh);
    REQUIRE(fresh->Exec("ATTACH DATABASE '" + f.path.string() + "' AS live"));
    REQUIRE(fresh->Exec("INSERT INTO locations SELECT * FROM live.locations"));
    REQUIRE(fresh->Exec("INSERT INTO ledger SELECT * FROM live.ledger"));
    REQUIRE(fresh->Exec("DETACH DATABASE live"));
    ledger::Ledger replay(*fresh);
    auto rebuilt = replay.RebuildProjections();
    INFO((rebuilt ? std::string() : rebuilt.error().message));
    REQUIRE(rebuilt);
    return std::move(*fresh);
}

}  // namespace

TEST_CASE(
    "thousands of random shop operations keep every invariant and replay to the same projections") {
    for (std::uint32_t seed : {1u, 2u, 3u}) {
        CAPTURE(seed);
        LedgerFixture f("property");
        RandomShop shop(f, seed);
        for (int i = 0; i < 3000; ++i) {
            shop.Step();
            if (i % 250 == 0) CheckInvariants(f);
        }
        CheckInvariants(f);
        // Both outcomes must have happened, or the test proves little.
        CHECK(shop.accepted > 1000);
        CHECK(shop.rejected > 50);
        CHECK(f.Scalar("SELECT count(*) FROM returns") > 10);
        CHECK(f.Scalar("SELECT count(*) FROM orders WHERE exchange_of IS NOT NULL") > 0);
        CHECK(f.Scalar("SELECT count(*) FROM orders WHERE status = 7") > 0);
        CHECK(f.Scalar("SELECT count(*) FROM orders WHERE status = 5") > 0);
        CHECK(f.Scalar("SELECT count(*) FROM ledger WHERE kind = 17") > 10);
        // Each no sale accepted is counted on its shift; none after a close was accepted.
        CHECK(f.Scalar("SELECT count(*) FROM ledger WHERE kind = 20") > 0);
        CHECK(f.Scalar("SELECT coalesce(sum(no_sales), 0) FROM shifts") ==
              f.Scalar("SELECT count(*) FROM ledger WHERE kind = 20"));
        CHECK(f.Scalar("SELECT count(*) FROM ledger WHERE kind = 20") ==
              f.Scalar("SELECT count(*) FROM shifts WHERE closed_seq IS NOT NULL"));

        const auto replay_path = testing::TempDbPath("replay");
        {
            store::Database replayed = ReplayIntoEmpty(f, replay_path);
            for (std::string_view table : store::ProjectionTables()) {
                CAPTURE(table);
                auto live = ledger::DumpTable(f.db, table);
                auto rebuilt = ledger::DumpTable(replayed, table);
                REQUIRE(live);
                REQUIRE(rebuilt);
                CHECK(live->size() == rebuilt->size());
                CHECK(*live == *rebuilt);
            }
        }
        std::filesystem::remove(replay_path);

        auto report = ledger::VerifyDatabase(f.db, f.path.string() + ".scratch");
        REQUIRE(report);
        for (const auto& problem : report->problems)
            MESSAGE(problem);
        CHECK(report->Ok());
    }
}
