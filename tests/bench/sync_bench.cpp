// Synced till sales per second over HTTP: 1, 4 and 16 terminals each pushing batches of 50 sales
// (one event each: the order, placed and paid) to the real back office on loopback at
// synchronous=FULL, beside a plain loop that appends the very same events in-process through the
// ledger (decoded beforehand from the same push bodies: the same rows and payload bytes by
// construction), every result checked, in exactly as many transactions as the server's writer
// committed them in. For each count of terminals: a first run of the server measures the writer's
// average sales per commit (and warms up), then --samples samples of both sides, in an order drawn
// at random each sample; the medians and the median of the samples' ratios. The ratio is what the
// server (HTTP, JSON, the push's checks, the hand-over to its writer thread) costs beside the
// ledger's own writing; ledger_bench sets the ledger beside hand-written SQL. Then one push of 500
// with a poison event in it, and channel order import latency, p50 and p99. It names the filesystem
// of --dir and refuses tmpfs and ramfs, where an fsync costs nothing, unless --allow-tmpfs.
//
//   sync_bench [--sales-per-terminal N] [--samples N] [--dir DIR] [--allow-tmpfs]
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <httplib.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <span>
#include <sstream>
#include <thread>
#include <variant>

#include "filesystem.hpp"
#include "plain_ledger_loop.hpp"
#include "side_order.hpp"
#include "till_pushes.hpp"
#include "tillbook/ledger/event_json.hpp"
#include "tillbook/ledger/origin.hpp"
#include "tillbook/office/auth/auth_service.hpp"
#include "tillbook/office/http/office_server.hpp"
#include "tillbook/office/office_commands.hpp"
#include "tillbook/office/office_schema.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/store/catalogue_store.hpp"
#include "tillbook/store/schema.hpp"
#include "tillbook/sync/push_json.hpp"

using namespace tillbook;
using namespace tillbook::bench;
using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr std::array<const char*, 3> kDbSuffixes{"", "-wal", "-shm"};

void RemoveDatabase(const std::string& path) {
    for (const char* suffix : kDbSuffixes)
        std::filesystem::remove(path + suffix);
}

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

// The demo database (`init --demo`), made once; every run starts from a copy of it.
struct DemoDatabase {
    explicit DemoDatabase(const std::filesystem::path& dir)
        : path((dir / "tillbook-sync-bench-demo.db").string()) {
        RemoveDatabase(path);
        RunOffice({"init", "--db", path, "--demo"});
    }
    ~DemoDatabase() { RemoveDatabase(path); }
    DemoDatabase(const DemoDatabase&) = delete;
    DemoDatabase& operator=(const DemoDatabase&) = delete;

    void CopyTo(const std::string& to) const {
        RemoveDatabase(to);
        for (const char* suffix : kDbSuffixes) {
            if (std::filesystem::exists(path + suffix))
                std::filesystem::copy_file(path + suffix, to + suffix);
        }
    }

    std::string path;
};

struct Office {
    Office(const DemoDatabase& demo, const std::filesystem::path& path) : db_path(path.string()) {
        demo.CopyTo(db_path);
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
        RemoveDatabase(db_path);
    }
    std::string db_path;
    ids::SystemClock clock;
    office::LockedIdSource ids{clock};
    std::unique_ptr<office::LedgerWriter> writer;
    std::unique_ptr<office::OfficeContext> context;
    std::unique_ptr<office::AuthService> auth;
    std::unique_ptr<office::http::OfficeServer> server;
};

Till Pair(Office& office, const std::string& name) {
    auto code = office.auth->CreatePairingCode("S01", 60'000);
    auto paired = office.auth->Pair(*code, name, "127.0.0.1");
    if (!paired) throw std::runtime_error(paired.error().message);
    return {paired->token.token, paired->origin, 0};
}

// One side's run: sales committed, in how many commits, how fast.
struct Run {
    std::int64_t sales = 0;
    std::int64_t commits = 0;
    double seconds = 0;
    std::map<std::string, std::int64_t> written;  // Written(): what the run left behind
    [[nodiscard]] double SalesPerSecond() const { return static_cast<double>(sales) / seconds; }
    [[nodiscard]] double SalesPerCommit() const {
        return static_cast<double>(sales) / static_cast<double>(commits);
    }
};

// Every event of an answer accepted, none a duplicate; else why not.
std::string CheckAnswer(const std::string& body) {
    auto answer = sync::ParsePushResults(body);
    if (!answer) return answer.error().message;
    if (answer->results.size() != kSalesPerBatch)
        return fmt::format("{} results for {} events", answer->results.size(), kSalesPerBatch);
    for (const auto& result : answer->results) {
        if (const auto* rejected = std::get_if<sync::Rejected>(&result.outcome))
            return fmt::format("{} rejected: {} {}", result.id, rejected->code, rejected->reason);
        if (std::get<sync::Accepted>(result.outcome).duplicate)
            return fmt::format("{} answered as a duplicate", result.id);
    }
    return "";
}

// `terminals` tills push their sales at once to the server in this process, over loopback.
Run ServerRun(const DemoDatabase& demo, const std::filesystem::path& dir, int terminals,
              int sales_per_terminal) {
    Office office(demo, dir / "tillbook-sync-bench.db");
    const Shop shop(office.db_path);
    std::vector<Till> tills;
    for (int t = 0; t < terminals; ++t)
        tills.push_back(Pair(office, fmt::format("T{}", t + 1)));
    const int batches = sales_per_terminal / kSalesPerBatch;
    const auto bodies = Bodies(tills, office.ids, shop, batches);
    std::vector<std::vector<std::string>> answers(tills.size());
    std::atomic<int> failures{0};
    const auto before = office.writer->Stats();  // pairing wrote through the writer too
    const auto start = SteadyClock::now();
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < tills.size(); ++t) {
        threads.emplace_back([&, t] {
            httplib::Client client("127.0.0.1", office.server->Port());
            client.set_tcp_nodelay(true);
            client.set_keep_alive(true);
            client.set_read_timeout(60);
            client.set_bearer_token_auth(tills[t].token);
            for (const std::string& body : bodies[t]) {
                auto res = client.Post("/api/v1/sync/push", body, "application/json");
                if (!res || res->status != 200)
                    ++failures;
                else
                    answers[t].push_back(std::move(res->body));
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    const std::chrono::duration<double> took = SteadyClock::now() - start;
    const auto after = office.writer->Stats();
    if (failures > 0) throw std::runtime_error(fmt::format("{} pushes failed", failures.load()));
    for (const auto& till_answers : answers) {
        for (const auto& answer : till_answers) {
            if (auto why = CheckAnswer(answer); !why.empty())
                throw std::runtime_error("a push was not accepted whole: " + why);
        }
    }
    const std::int64_t pushes = std::int64_t{terminals} * batches;
    if (after.jobs - before.jobs != pushes)
        throw std::runtime_error(
            fmt::format("the writer ran {} jobs for {} pushes", after.jobs - before.jobs, pushes));
    return {pushes * kSalesPerBatch, after.commits - before.commits, took.count(),
            Written(office.db_path)};
}

// The same sales without the server: the very events `terminals` tills would push, decoded from
// the same kind of push bodies, appended through the ledger in `commits` transactions (so as many
// sales per commit as the writer), every result checked.
Run PlainLedgerLoop(const DemoDatabase& demo, const std::filesystem::path& dir, int terminals,
                    int sales_per_terminal, std::int64_t commits) {
    const std::string path = (dir / "tillbook-plain-bench.db").string();
    demo.CopyTo(path);
    const Shop shop(path);
    ids::SystemClock clock;
    office::LockedIdSource ids{clock};
    std::vector<Till> tills;
    for (int t = 0; t < terminals; ++t)
        tills.push_back({"", ledger::TerminalOrigin("S01", fmt::format("T{}", t + 1)), 0});
    const int batches = sales_per_terminal / kSalesPerBatch;
    const DecodedPushes pushes = Decode(Bodies(tills, ids, shop, batches), batches);
    const double seconds = AppendInTransactions(path, pushes, commits);
    Run run{static_cast<std::int64_t>(pushes.events.size()), commits, seconds, Written(path)};
    RemoveDatabase(path);
    return run;
}

double Median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

// One count of terminals: the writer's average sales per commit from a first run of the server,
// then `samples` samples of both sides, the order drawn at random each sample.
struct Comparison {
    int terminals = 0;
    Run measured;  // the first run, whose commits the plain loop matches
    std::vector<Run> server, plain;
    [[nodiscard]] double ServerMedian() const { return Median(Rates(server)); }
    [[nodiscard]] double PlainMedian() const { return Median(Rates(plain)); }
    // The median of the samples' own ratios: both sides of a sample ran in the same minute, so a
    // machine that gets busier halfway through moves a sample's two sides together.
    [[nodiscard]] double MedianRatio() const {
        std::vector<double> ratios;
        for (std::size_t i = 0; i < server.size(); ++i)
            ratios.push_back(server[i].SalesPerSecond() / plain[i].SalesPerSecond());
        return Median(ratios);
    }
    static std::vector<double> Rates(const std::vector<Run>& runs) {
        std::vector<double> rates;
        for (const Run& run : runs)
            rates.push_back(run.SalesPerSecond());
        return rates;
    }
};

Comparison Compare(const DemoDatabase& demo, const std::filesystem::path& dir, int terminals,
                   int sales_per_terminal, int samples, bench::SideOrder& order) {
    Comparison c{terminals, ServerRun(demo, dir, terminals, sales_per_terminal), {}, {}};
    fmt::print(
        "  {:>2} terminals: first run {:6.0f} sales/s, the writer averaged {:.1f} sales per commit "
        "({} sales in {} commits)\n",
        terminals, c.measured.SalesPerSecond(), c.measured.SalesPerCommit(), c.measured.sales,
        c.measured.commits);
    for (int sample = 1; sample <= samples; ++sample) {
        const bool server_first = order.Run(
            [&] { c.server.push_back(ServerRun(demo, dir, terminals, sales_per_terminal)); },
            [&] {
                c.plain.push_back(
                    PlainLedgerLoop(demo, dir, terminals, sales_per_terminal, c.measured.commits));
            });
        const Run& s = c.server.back();
        const Run& p = c.plain.back();
        if (s.written != p.written)
            throw std::runtime_error(
                fmt::format("the two sides wrote different rows: server {}, plain loop {}",
                            s.written, p.written));
        fmt::print(
            "      sample {} ({} first): server {:6.0f} sales/s ({:.1f} sales per commit)  plain "
            "loop {:6.0f} sales/s ({:.1f} sales per commit)  ratio {:.2f}\n",
            sample, server_first ? "server" : "plain loop", s.SalesPerSecond(), s.SalesPerCommit(),
            p.SalesPerSecond(), p.SalesPerCommit(), s.SalesPerSecond() / p.SalesPerSecond());
    }
    std::vector<std::string> rows;
    for (const auto& [what, count] : c.server.front().written) {
        if (count > 0) rows.push_back(fmt::format("{} {}", what, count));
    }
    fmt::print("      both sides wrote the same in each sample (the tables with rows): {}\n",
               fmt::join(rows, ", "));
    return c;
}

// One push of 500 sales, as it comes (clean) and with one poison event (a sale the database refuses
// after writing: a trigger) first or last: the batch is undone and written again around it.
void PoisonPushLatency(const DemoDatabase& demo, const std::filesystem::path& dir,
                       bench::SideOrder& order) {
    Office office(demo, dir / "tillbook-poison-bench.db");
    {
        auto db = store::Database::Open(office.db_path);
        if (!db->Exec("CREATE TRIGGER poison BEFORE INSERT ON order_lines WHEN NEW.description = "
                      "'poison' BEGIN SELECT RAISE(ABORT, 'poison'); END"))
            throw std::runtime_error("no trigger");
    }
    const Shop shop(office.db_path);
    Till till = Pair(office, "T1");
    httplib::Client client("127.0.0.1", office.server->Port());
    client.set_tcp_nodelay(true);
    client.set_read_timeout(60);
    client.set_bearer_token_auth(till.token);
    int next_sku = 0;
    std::streambuf* log = std::cerr.rdbuf(nullptr);  // the office logs each poison event
    std::array<int, 3> kinds{-1, 0, 499};            // clean, poison first, poison last
    std::map<int, double> best{{-1, 1e9}, {0, 1e9}, {499, 1e9}};
    std::vector<std::string> orders;
    for (int round = 0; round < 5; ++round) {
        std::shuffle(kinds.begin(), kinds.end(), order.Random());
        std::vector<std::string> names;
        for (const int poison : kinds) {
            json body = json::parse(Batch(till, office.ids, shop, next_sku, 500));
            if (poison >= 0)
                body["events"][static_cast<std::size_t>(poison)]["payload"]["order"]["lines"][0]
                    ["description"] = "poison";
            const auto start = SteadyClock::now();
            auto res = client.Post("/api/v1/sync/push", body.dump(), "application/json");
            const std::chrono::duration<double, std::milli> took = SteadyClock::now() - start;
            if (!res || res->status != 200) throw std::runtime_error("poison push failed");
            auto answer = sync::ParsePushResults(res->body);
            if (!answer) throw std::runtime_error(answer.error().message);
            for (std::size_t i = 0; i < answer->results.size(); ++i) {
                const bool refused =
                    std::holds_alternative<sync::Rejected>(answer->results[i].outcome);
                if (refused != (static_cast<int>(i) == poison))
                    throw std::runtime_error(fmt::format("poison push: event {} {}", i,
                                                         refused ? "refused" : "accepted"));
            }
            best[poison] = std::min(best[poison], took.count());
            names.push_back(poison < 0 ? "clean" : poison == 0 ? "first" : "last");
        }
        orders.push_back(fmt::format("{}", fmt::join(names, "/")));
    }
    fmt::print("one push of 500 sales (best of 5; each round in an order drawn at random: {}):\n",
               fmt::join(orders, ", "));
    fmt::print("  clean {:.1f} ms  poison at 0 {:.1f} ms  poison at 499 {:.1f} ms", best[-1],
               best[0], best[499]);
    fmt::print("\n");
    std::cerr.rdbuf(log);
}

void ImportLatency(const DemoDatabase& demo, const std::filesystem::path& dir, int orders) {
    Office office(demo, dir / "tillbook-import-bench.db");
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
    auto args = cli::ParseArgs(argc, argv, {"allow-tmpfs"});
    if (!args) {
        fmt::print(stderr,
                   "{}\nusage: sync_bench [--sales-per-terminal N] [--samples N] [--dir DIR] "
                   "[--allow-tmpfs]\n",
                   args.error().message);
        return 2;
    }
    const int per_terminal =
        std::max(kSalesPerBatch, std::stoi(args->Option("sales-per-terminal").value_or("2000")));
    const int samples = std::max(1, std::stoi(args->Option("samples").value_or("5")));
    const std::filesystem::path dir =
        args->Option("dir").value_or(std::filesystem::temp_directory_path().string());
    try {
        bench::CheckBenchFilesystem(dir, args->Has("allow-tmpfs"));
        const DemoDatabase demo(dir);
        bench::SideOrder order;
        fmt::print(
            "synced till sales over HTTP, batches of {} sales, synchronous=FULL, beside the plain "
            "loop (the same events through the ledger in-process, as many sales per commit as the "
            "writer's first run); {} samples each, sides in an order drawn at random (seed {}):\n",
            kSalesPerBatch, samples, order.Seed());
        std::vector<Comparison> comparisons;
        for (int terminals : {1, 4, 16})
            comparisons.push_back(Compare(demo, dir, terminals, per_terminal, samples, order));
        fmt::print("medians of {} samples:\n", samples);
        for (const Comparison& c : comparisons) {
            fmt::print(
                "  {:>2} terminals: writer {:.1f} sales per commit, plain loop {:.1f}; server "
                "{:6.0f} "
                "sales/s, plain loop {:6.0f} sales/s; median ratio {:.2f} (medians' ratio "
                "{:.2f}){}\n",
                c.terminals, c.measured.SalesPerCommit(), c.plain.front().SalesPerCommit(),
                c.ServerMedian(), c.PlainMedian(), c.MedianRatio(),
                c.ServerMedian() / c.PlainMedian(),
                c.terminals == 16 ? "  (target >= 0.40 and >= 20,000 sales/s)" : "");
        }
        PoisonPushLatency(demo, dir, order);
        ImportLatency(demo, dir, 300);
        return 0;
    } catch (const std::exception& e) {
        fmt::print(stderr, "sync_bench: {}\n", e.what());
        return 1;
    }
}
