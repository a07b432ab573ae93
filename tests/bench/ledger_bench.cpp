// Committed till sales per second through the ledger, beside a plain SQLite loop writing the same
// rows, in the same run. A sale: an order with 3 lines, its payment, 3 stock movements; one
// transaction per sale; WAL, synchronous=FULL. Each round runs both sides, in an order drawn at
// random (and printed), so drift and a warm cache favour neither. It names the filesystem of --dir
// and refuses tmpfs and ramfs, where an fsync costs nothing, unless --allow-tmpfs.
//
//   ledger_bench [--sales N] [--rounds R] [--dir DIR] [--allow-tmpfs]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "filesystem.hpp"
#include "side_order.hpp"
#include "tillbook/core/cli_args.hpp"
#include "tillbook/ids/uuid.hpp"
#include "tillbook/ledger/ledger.hpp"
#include "tillbook/store/catalogue_store.hpp"
#include "tillbook/store/schema.hpp"

using namespace tillbook;

namespace {

using Clock = std::chrono::steady_clock;
const money::Currency kGbp{"GBP", 2};
const std::string kStore = "loc-s01";
const std::string kOrigin = "terminal:S01-T1";

struct Bench {
    store::Database db;
    ids::ManualClock clock{1'763'800'000'000};
    ids::UuidV7Source ids{clock, 7};
    std::int64_t origin_seq = 0;
    std::int64_t sale = 0;
};

Bench Open(const std::filesystem::path& path) {
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    auto db = store::OpenAndMigrate(path.string(), {store::Durability::kFull, 5000, true});
    if (!db) throw std::runtime_error(db.error().message);
    if (auto ok =
            store::SaveLocation(*db, stock::Location{kStore, "S01", "High Street",
                                                     stock::LocationKind::kStore, "Europe/London"});
        !ok) {
        throw std::runtime_error(ok.error().message);
    }
    return Bench{std::move(*db)};
}

orders::Order MakeOrder(Bench& b) {
    orders::Order order;
    order.id = b.ids.NextString();
    order.number = fmt::format("S01-T1-{:06}", ++b.sale);
    order.channel = "store:S01";
    order.location_id = kStore;
    order.currency = "GBP";
    order.placed_at = b.clock.Now();
    for (int i = 1; i <= 3; ++i) {
        order.lines.push_back(orders::OrderLine{
            i, orders::LineKind::kGoods, fmt::format("SKU-{}", (b.sale * 3 + i) % 200), "item",
            1000, money::Money(199 + i * 100, kGbp), money::Money(0, kGbp), 2000,
            money::TaxMode::kInclusive, std::nullopt});
    }
    return order;
}

// Through the ledger: validation, JSON payloads, projections.
void LedgerSale(Bench& b, ledger::Ledger& ledger) {
    b.clock.Advance(1);
    const orders::Order order = MakeOrder(b);
    const money::Money total = orders::ComputeTotals(order)->total;
    auto appended = ledger.Append(
        {b.ids.NextString(), kOrigin, ++b.origin_seq, "staff", b.clock.Now(),
         ledger::OrderPlaced{
             order, true, {orders::Payment{orders::Tender::kCard, total, total, "", ""}}}});
    if (!appended) throw std::runtime_error(appended.error().message);
}

void Check(const Status& ok) {
    if (!ok) throw std::runtime_error(ok.error().message);
}

// The same rows by hand: 1 ledger row, the order, 3 lines, the payment, the order's paid total,
// 3 stock levels and 3 stock movements.
void PlainSale(Bench& b) {
    b.clock.Advance(1);
    const orders::Order order = MakeOrder(b);
    const std::int64_t total = 299 + 399 + 499;
    auto& db = b.db;
    auto tx = store::Transaction::Begin(db);
    if (!tx) throw std::runtime_error(tx.error().message);
    {
        auto q = db.Prepare(
            "INSERT INTO ledger (event_id, kind, origin, origin_seq, actor, occurred_at, payload) "
            "VALUES (?, 1, ?, ?, ?, ?, ?)");
        Check(q->Bind(1, b.ids.NextString())
                  .Bind(2, kOrigin)
                  .Bind(3, ++b.origin_seq)
                  .Bind(4, "staff")
                  .Bind(5, b.clock.Now())
                  .Bind(6, std::string(880, 'x'))
                  .Run());
    }
    const std::int64_t seq = sqlite3_last_insert_rowid(db.Handle());
    auto o = db.Prepare(
        "INSERT INTO orders (id, number, channel, external_id, location_id, currency, status, "
        "placed_at, despatch_by, "
        "deliver_by, customer_email, total_minor, tax_minor, attention, exchange_of, placed_seq) "
        "VALUES (?, ?, ?, '', ?, 'GBP', 6, ?, NULL, NULL, '', ?, ?, '', NULL, ?)");
    Check(o->Bind(1, order.id)
              .Bind(2, order.number)
              .Bind(3, order.channel)
              .Bind(4, kStore)
              .Bind(5, order.placed_at)
              .Bind(6, total)
              .Bind(7, total / 6)
              .Bind(8, seq)
              .Run());
    for (const auto& line : order.lines) {
        auto l = db.Prepare(
            "INSERT INTO order_lines (order_id, line_no, kind, sku, description, quantity, "
            "unit_price_minor, discount_minor, "
            "tax_rate_bp, tax_mode, total_minor, tax_minor) VALUES (?, ?, 1, ?, 'item', ?, ?, 0, "
            "2000, 1, ?, ?)");
        Check(l->Bind(1, order.id)
                  .Bind(2, line.line_no)
                  .Bind(3, line.sku)
                  .Bind(4, line.quantity)
                  .Bind(5, line.unit_price.Minor())
                  .Bind(6, line.unit_price.Minor())
                  .Bind(7, line.unit_price.Minor() / 6)
                  .Run());
        auto u = db.Prepare(
            "UPDATE stock_levels SET on_hand = on_hand - ?3 WHERE location_id = ?1 AND sku = ?2");
        Check(u->Bind(1, kStore).Bind(2, line.sku).Bind(3, line.quantity).Run());
        if (sqlite3_changes(db.Handle()) == 0) {
            auto i = db.Prepare(
                "INSERT INTO stock_levels (location_id, sku, on_hand, reserved) VALUES (?, ?, ?, "
                "0)");
            Check(i->Bind(1, kStore).Bind(2, line.sku).Bind(3, -line.quantity).Run());
        }
        auto m = db.Prepare(
            "INSERT INTO stock_movements (seq, position, location_id, sku, on_hand_delta, "
            "reserved_delta) VALUES (?, ?, ?, ?, ?, 0)");
        Check(m->Bind(1, seq)
                  .Bind(2, line.line_no)
                  .Bind(3, kStore)
                  .Bind(4, line.sku)
                  .Bind(5, -line.quantity)
                  .Run());
    }
    auto p = db.Prepare(
        "INSERT INTO payments (seq, position, order_id, tender, amount_minor, tendered_minor, "
        "reference, shift_id) VALUES (?, 0, ?, 2, ?, ?, '', '')");
    Check(p->Bind(1, seq).Bind(2, order.id).Bind(3, total).Bind(4, total).Run());
    auto paid = db.Prepare("UPDATE orders SET paid_minor = paid_minor + ?2 WHERE id = ?1");
    Check(paid->Bind(1, order.id).Bind(2, total).Run());
    Check(tx->Commit());
}

template <class F>
double SalesPerSecond(int sales, F&& sale) {
    const auto start = Clock::now();
    for (int i = 0; i < sales; ++i)
        sale();
    const std::chrono::duration<double> took = Clock::now() - start;
    return sales / took.count();
}

double Median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    auto args = cli::ParseArgs(argc, argv, {"allow-tmpfs"});
    if (!args) {
        fmt::print(stderr,
                   "{}\nusage: ledger_bench [--sales N] [--rounds R] [--dir DIR] [--allow-tmpfs]\n",
                   args.error().message);
        return 2;
    }
    const int sales = std::stoi(args->Option("sales").value_or("1000"));
    const int rounds = std::stoi(args->Option("rounds").value_or("5"));
    const std::filesystem::path dir =
        args->Option("dir").value_or(std::filesystem::temp_directory_path().string());
    try {
        bench::CheckBenchFilesystem(dir, args->Has("allow-tmpfs"));
        Bench through_ledger = Open(dir / "tillbook-bench-ledger.db");
        Bench plain = Open(dir / "tillbook-bench-plain.db");
        ledger::Ledger ledger(through_ledger.db);
        std::vector<double> ledger_rates, plain_rates;
        LedgerSale(through_ledger, ledger);  // warm the statement caches
        PlainSale(plain);
        bench::SideOrder order;
        for (int round = 0; round < rounds; ++round) {
            const bool ledger_first = order.Run(
                [&] {
                    ledger_rates.push_back(
                        SalesPerSecond(sales, [&] { LedgerSale(through_ledger, ledger); }));
                },
                [&] { plain_rates.push_back(SalesPerSecond(sales, [&] { PlainSale(plain); })); });
            fmt::print("round {} ({} first): ledger {:8.0f} sales/s   plain loop {:8.0f} sales/s\n",
                       round + 1, ledger_first ? "ledger" : "plain loop", ledger_rates.back(),
                       plain_rates.back());
        }
        const double ledger_median = Median(ledger_rates);
        const double plain_median = Median(plain_rates);
        fmt::print(
            "\ncommitted till sales/s (3 lines + payment + 3 stock movements, WAL, "
            "synchronous=FULL, 1 sale per transaction)\n");
        fmt::print(
            "  through the ledger: {:8.0f}\n  plain SQLite loop:  {:8.0f}\n  ratio:              "
            "{:8.2f}  (target >= 0.70)\n",
            ledger_median, plain_median, ledger_median / plain_median);
        for (const char* name : {"tillbook-bench-ledger.db", "tillbook-bench-plain.db"}) {
            for (const char* suffix : {"", "-wal", "-shm"})
                std::filesystem::remove(dir / (std::string(name) + suffix));
        }
        return 0;
    } catch (const std::exception& e) {
        fmt::print(stderr, "ledger_bench: {}\n", e.what());
        return 1;
    }
}
