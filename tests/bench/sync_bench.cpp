// Synced till sales per second over HTTP: 1, 4 and 16 terminals each pushing batches of 50 sales
// (one event each: the order, placed and paid) to the real back office on loopback at
// synchronous=FULL, beside a plain SQLite group-commit loop writing the same rows 100 sales per
// transaction, in the same run. Then one push of 500 with a poison event in it, and channel order
// import latency, p50 and p99.
//
//   sync_bench [--sales-per-terminal N] [--dir DIR]
#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

#include "tillbook/ledger/event_json.hpp"
#include "tillbook/office/auth/auth_service.hpp"
#include "tillbook/office/http/office_server.hpp"
#include "tillbook/office/office_commands.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/store/catalogue_store.hpp"
#include "tillbook/store/schema.hpp"

using namespace tillbook;
using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

namespace {

const money::Currency kGbp{"GBP", 2};
constexpr int kSalesPerBatch = 50;

int RunOffice(std::vector<std::string> words) {
    std::vector<const char*> argv{"tillbook-office"};
    for (const auto& w : words)
        argv.push_back(w.c_str());
    auto args = cli::ParseArgs(static_cast<int>(argv.size()), argv.data(), {"demo"});
    std::ostringstream out, err;
    const int code = args ? office::RunOfficeCommand(*args, out, err) : 2;
    if (code != 0) throw std::runtime_error(err.str());
    return code;
}

struct Office {
    explicit Office(const std::filesystem::path& path) : db_path(path.string()) {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(db_path + suffix);
        RunOffice({"init", "--db", db_path, "--demo"});
        writer = std::move(*office::LedgerWriter::Start(db_path, store::Durability::kFull));
        context = std::make_unique<office::OfficeContext>(
            office::OfficeContext{db_path, *writer, clock, ids});
        auth = std::make_unique<office::AuthService>(*context);
        office::http::ServerConfig config;
        config.port = 0;
        config.threads = 40;
        config.log_requests = false;
        server = std::make_unique<office::http::OfficeServer>(
            config, *auth, office::routes::AllRoutes(*context, *auth));
        if (!server->Start()) throw std::runtime_error("server did not start");
    }
    ~Office() {
        server->Stop();
        writer.reset();
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(db_path + suffix);
    }
    std::string db_path;
    ids::SystemClock clock;
    office::LockedIdSource ids{clock};
    std::unique_ptr<office::LedgerWriter> writer;
    std::unique_ptr<office::OfficeContext> context;
    std::unique_ptr<office::AuthService> auth;
    std::unique_ptr<office::http::OfficeServer> server;
};

struct Till {
    std::string token;
    std::string origin;
    std::int64_t seq = 0;
};

Till Pair(Office& office, const std::string& name) {
    auto code = office.auth->CreatePairingCode("S01", 60'000);
    auto paired = office.auth->Pair(*code, name, "127.0.0.1");
    if (!paired) throw std::runtime_error(paired.error().message);
    return {paired->token.token, paired->origin, 0};
}

std::vector<std::string> SkuCodes(Office& office) {
    auto db = store::Database::Open(office.db_path);
    std::vector<std::string> codes;
    auto q = db->Prepare("SELECT code FROM skus WHERE active = 1 AND sold_by = 1 ORDER BY code");
    while (*q->Step())
        codes.push_back(q->Text(0));
    return codes;
}

std::string Batch(Till& till, ids::IdSource& ids, const std::vector<std::string>& skus,
                  const std::string& location, int& next_sku, int sales = kSalesPerBatch) {
    json events = json::array();
    for (int s = 0; s < sales; ++s) {
        orders::Order order;
        order.id = ids.NextString();
        order.number = fmt::format("{}-{}", till.origin, till.seq);
        order.channel = "store:S01";
        order.location_id = location;
        order.currency = "GBP";
        for (int l = 1; l <= 3; ++l) {
            order.lines.push_back({l, orders::LineKind::kGoods,
                                   skus[static_cast<std::size_t>(next_sku++) % skus.size()], "item",
                                   1000, money::Money(199 + 100 * l, kGbp), money::Money(0, kGbp),
                                   2000, money::TaxMode::kInclusive, std::nullopt});
        }
        const money::Money total(299 + 399 + 499, kGbp);
        events.push_back(ledger::EventToJson(
            {ids.NextString(), till.origin, ++till.seq, "zoe", 1'763'800'000'000,
             ledger::OrderPlaced{
                 order, true, {orders::Payment{orders::Tender::kCard, total, total, "", ""}}}}));
    }
    return json{{"protocol", 1}, {"events", events}}.dump();
}

double SyncedSalesPerSecond(const std::filesystem::path& dir, int terminals,
                            int sales_per_terminal) {
    Office office(dir / "tillbook-sync-bench.db");
    const auto skus = SkuCodes(office);
    std::string location;
    {
        auto db = store::Database::Open(office.db_path);
        location = (*store::FindLocationByCode(*db, "S01"))->id;
    }
    std::vector<Till> tills;
    for (int t = 0; t < terminals; ++t)
        tills.push_back(Pair(office, fmt::format("T{}", t + 1)));
    const int batches = sales_per_terminal / kSalesPerBatch;
    // Bodies are made before the clock starts: the till has them ready in its journal.
    std::vector<std::vector<std::string>> bodies(static_cast<std::size_t>(terminals));
    int next_sku = 0;
    for (int t = 0; t < terminals; ++t) {
        for (int b = 0; b < batches; ++b)
            bodies[static_cast<std::size_t>(t)].push_back(
                Batch(tills[static_cast<std::size_t>(t)], office.ids, skus, location, next_sku));
    }
    std::atomic<int> failures{0};
    const auto start = SteadyClock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < terminals; ++t) {
        threads.emplace_back([&, t] {
            httplib::Client client("127.0.0.1", office.server->Port());
            client.set_tcp_nodelay(true);
            client.set_keep_alive(true);
            client.set_read_timeout(60);
            client.set_bearer_token_auth(tills[static_cast<std::size_t>(t)].token);
            for (const std::string& body : bodies[static_cast<std::size_t>(t)]) {
                auto res = client.Post("/api/v1/sync/push", body, "application/json");
                if (!res || res->status != 200 || res->body.find("rejected") != std::string::npos)
                    ++failures;
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    const std::chrono::duration<double> took = SteadyClock::now() - start;
    if (failures > 0) throw std::runtime_error(fmt::format("{} pushes failed", failures.load()));
    const auto stats = office.writer->Stats();
    const double rate = terminals * batches * kSalesPerBatch / took.count();
    fmt::print(
        "  {:>2} terminals: {:8.0f} sales/s  ({} pushes in {} commits; writer busy {:.0f} ms in "
        "jobs, {:.0f} ms committing, of {:.0f} ms)\n",
        terminals, rate, stats.jobs, stats.commits, stats.job_ms, stats.commit_ms,
        took.count() * 1000);
    return rate;
}

// The same rows as a synced sale, by hand, 100 sales per transaction.
double PlainGroupCommit(const std::filesystem::path& dir, int sales) {
    const std::string path = (dir / "tillbook-plain-bench.db").string();
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);
    auto db = std::move(*store::OpenAndMigrate(path, {store::Durability::kFull, 5000, true}));
    ids::SystemClock clock;
    ids::UuidV7Source ids(clock);
    const auto start = SteadyClock::now();
    std::int64_t seq = 0;
    for (int done = 0; done < sales;) {
        auto tx = store::Transaction::Begin(db);
        for (int k = 0; k < 100 && done < sales; ++k, ++done) {
            const std::string order_id = ids.NextString();
            auto q = db.Prepare(
                "INSERT INTO ledger (event_id, kind, origin, origin_seq, actor, occurred_at, "
                "payload) VALUES (?, 1, 'terminal:S01-T1', ?, 'zoe', 1, ?)");
            (void)q->Bind(1, ids.NextString()).Bind(2, ++seq).Bind(3, std::string(880, 'x')).Run();
            auto o = db.Prepare(
                "INSERT INTO orders (id, number, channel, external_id, location_id, currency, "
                "status, placed_at, customer_email, total_minor, tax_minor, attention, placed_seq) "
                "VALUES (?, ?, 'store:S01', '', 'S01', 'GBP', 6, 1, '', 1197, 199, '', ?)");
            (void)o->Bind(1, order_id).Bind(2, order_id).Bind(3, seq).Run();
            for (int l = 1; l <= 3; ++l) {
                const std::string sku = fmt::format("SKU-{}", (done * 3 + l) % 200);
                auto line = db.Prepare(
                    "INSERT INTO order_lines (order_id, line_no, kind, sku, description, quantity, "
                    "unit_price_minor, discount_minor, tax_rate_bp, tax_mode, total_minor, "
                    "tax_minor) VALUES (?, ?, 1, ?, 'item', 1000, 399, 0, 2000, 1, 399, 67)");
                (void)line->Bind(1, order_id).Bind(2, l).Bind(3, sku).Run();
                auto up = db.Prepare(
                    "INSERT INTO stock_levels (location_id, sku, on_hand, reserved) VALUES ('S01', "
                    "?1, -1000, 0) ON CONFLICT (location_id, sku) DO UPDATE SET on_hand = on_hand "
                    "- 1000");
                (void)up->Bind(1, sku).Run();
                auto mv = db.Prepare(
                    "INSERT INTO stock_movements (seq, position, location_id, sku, on_hand_delta, "
                    "reserved_delta) VALUES (?, ?, 'S01', ?, -1000, 0)");
                (void)mv->Bind(1, seq).Bind(2, l).Bind(3, sku).Run();
            }
            auto p = db.Prepare(
                "INSERT INTO payments (seq, position, order_id, tender, amount_minor, "
                "tendered_minor, reference, shift_id) VALUES (?, 0, ?, 2, 1197, 1197, '', '')");
            (void)p->Bind(1, seq).Bind(2, order_id).Run();
            auto paid = db.Prepare("UPDATE orders SET paid_minor = paid_minor + 1197 WHERE id = ?");
            (void)paid->Bind(1, order_id).Run();
        }
        (void)tx->Commit();
    }
    const std::chrono::duration<double> took = SteadyClock::now() - start;
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);
    return sales / took.count();
}

// One push of 500 sales, as it comes (clean) and with one poison event (a sale the database refuses
// after writing: a trigger) first or last: the batch is undone and written again around it.
void PoisonPushLatency(const std::filesystem::path& dir) {
    Office office(dir / "tillbook-poison-bench.db");
    {
        auto db = store::Database::Open(office.db_path);
        if (!db->Exec("CREATE TRIGGER poison BEFORE INSERT ON order_lines WHEN NEW.description = "
                      "'poison' BEGIN SELECT RAISE(ABORT, 'poison'); END"))
            throw std::runtime_error("no trigger");
    }
    const auto skus = SkuCodes(office);
    std::string location;
    {
        auto db = store::Database::Open(office.db_path);
        location = (*store::FindLocationByCode(*db, "S01"))->id;
    }
    Till till = Pair(office, "T1");
    httplib::Client client("127.0.0.1", office.server->Port());
    client.set_tcp_nodelay(true);
    client.set_read_timeout(60);
    client.set_bearer_token_auth(till.token);
    int next_sku = 0;
    std::streambuf* log = std::cerr.rdbuf(nullptr);  // the office logs each poison event
    fmt::print("one push of 500 sales (best of 5):");
    for (const int poison : {-1, 0, 499}) {
        double best = 1e9;
        for (int round = 0; round < 5; ++round) {
            json body = json::parse(Batch(till, office.ids, skus, location, next_sku, 500));
            if (poison >= 0)
                body["events"][static_cast<std::size_t>(poison)]["payload"]["order"]["lines"][0]
                    ["description"] = "poison";
            const auto start = SteadyClock::now();
            auto res = client.Post("/api/v1/sync/push", body.dump(), "application/json");
            const std::chrono::duration<double, std::milli> took = SteadyClock::now() - start;
            if (!res || res->status != 200) throw std::runtime_error("poison push failed");
            best = std::min(best, took.count());
        }
        fmt::print("  {} {:.1f} ms", poison < 0 ? "clean" : fmt::format("poison at {}", poison),
                   best);
    }
    fmt::print("\n");
    std::cerr.rdbuf(log);
}

void ImportLatency(const std::filesystem::path& dir, int orders) {
    Office office(dir / "tillbook-import-bench.db");
    auto token = office.auth->Login("tom", "demo-manager-password", "bench");
    httplib::Client client("127.0.0.1", office.server->Port());
    client.set_tcp_nodelay(true);
    client.set_bearer_token_auth(token->token);
    std::vector<double> millis;
    for (int i = 0; i < orders; ++i) {
        const json body{{"id", 5000 + i},
                        {"name", fmt::format("#{}", 5000 + i)},
                        {"currency", "GBP"},
                        {"created_at", "2026-11-20T10:00:00Z"},
                        {"updated_at", "2026-11-20T10:00:00Z"},
                        {"taxes_included", true},
                        {"financial_status", "paid"},
                        {"total_price", "6.50"},
                        {"email", "a@example.com"},
                        {"shipping_address", {{"address1", "1 High Street"}}},
                        {"line_items",
                         {{{"id", 1},
                           {"sku", "TEA-EARL-125G"},
                           {"title", "Earl Grey"},
                           {"quantity", 1},
                           {"price", "6.50"},
                           {"tax_lines", json::array()},
                           {"discount_allocations", json::array()}}}}};
        const auto start = SteadyClock::now();
        auto res = client.Post("/api/v1/channels/shopify/orders", body.dump(), "application/json");
        const std::chrono::duration<double, std::milli> took = SteadyClock::now() - start;
        if (!res || res->status != 201) throw std::runtime_error("import failed");
        millis.push_back(took.count());
    }
    std::sort(millis.begin(), millis.end());
    fmt::print(
        "channel order import latency over HTTP (Shopify, synchronous=FULL, {} orders): p50 {:.2f} "
        "ms, p99 {:.2f} ms\n",
        orders, millis[millis.size() / 2], millis[millis.size() * 99 / 100]);
}

}  // namespace

int main(int argc, char** argv) {
    auto args = cli::ParseArgs(argc, argv, {});
    if (!args) {
        fmt::print(stderr, "usage: sync_bench [--sales-per-terminal N] [--dir DIR]\n");
        return 2;
    }
    const int per_terminal = std::stoi(args->Option("sales-per-terminal").value_or("2000"));
    const std::filesystem::path dir =
        args->Option("dir").value_or(std::filesystem::temp_directory_path().string());
    try {
        fmt::print("synced till sales over HTTP, batches of {} sales, synchronous=FULL:\n",
                   kSalesPerBatch);
        std::vector<std::pair<int, double>> rates;
        for (int terminals : {1, 4, 16})
            rates.emplace_back(terminals, SyncedSalesPerSecond(dir, terminals, per_terminal));
        const double plain = PlainGroupCommit(dir, 16 * per_terminal);
        fmt::print("  plain SQLite group commit (100 sales/transaction): {:8.0f} sales/s\n", plain);
        for (const auto& [terminals, rate] : rates) {
            fmt::print("  ratio at {:>2} terminals: {:.2f}{}\n", terminals, rate / plain,
                       terminals == 16 ? "  (target >= 0.40 and >= 20,000 sales/s)" : "");
        }
        PoisonPushLatency(dir);
        ImportLatency(dir, 300);
        return 0;
    } catch (const std::exception& e) {
        fmt::print(stderr, "sync_bench: {}\n", e.what());
        return 1;
    }
}
