// The order list by deadline over HTTP: N requests of GET /api/v1/orders?deadline=overdue, then N
// of ?deadline=due, each against its own tillbook-office process (the real program, on loopback)
// serving the same database of Shopify orders, some past their despatch deadline. For each: the
// server's resident memory (VmRSS) before and after, and requests/s, side by side. A list query
// that leaves a new statement in the connection's cache on every request shows as memory that grows
// with the requests.
//
//   order_list_bench [--requests 20000] [--orders 60] [--office PATH] [--dir DIR]
#include <fmt/format.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "channel_payloads.hpp"
#include "office_process.hpp"
#include "tillbook/core/cli_args.hpp"
#include "tillbook/ids/clock.hpp"

using namespace tillbook;
using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;
using bench::ReadFile;
using bench::ResidentKb;
using bench::Server;
using bench::Spawn;
using bench::Wait;

namespace {

constexpr std::int64_t kDayMillis = 24LL * 60 * 60 * 1000;

// A demo database with `orders` Shopify orders: the even ones placed ten days ago (past their
// despatch deadline), the odd ones now (due, not overdue). Answers a manager's token.
std::string Populate(const std::string& office, const std::string& db, const std::string& log,
                     int orders) {
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(db + suffix);
    if (Wait(Spawn({office, "init", "--db", db, "--demo"}, log)) != 0)
        throw std::runtime_error("init failed: " + ReadFile(log));
    Server server(office, db, log);
    auto login = server.Client("").Post(
        "/api/v1/session", json{{"username", "tom"}, {"password", "demo-manager-password"}}.dump(),
        "application/json");
    if (!login || login->status != 201) throw std::runtime_error("cannot sign in");
    const std::string token = json::parse(login->body)["token"];
    auto client = server.Client(token);
    const ids::UtcMillis now = ids::SystemClock().Now();
    for (int i = 0; i < orders; ++i) {
        json order = testing::ShopifyOrder(7000 + i, "TEA-EARL-125G", 1, "6.50", "1.08", "6.50");
        const std::string placed = ids::FormatIso8601(i % 2 == 0 ? now - 10 * kDayMillis : now);
        order["created_at"] = placed;
        order["updated_at"] = placed;
        auto res = client.Post("/api/v1/channels/shopify/orders", order.dump(), "application/json");
        if (!res || res->status != 201)
            throw std::runtime_error("import failed: " + (res ? res->body : std::string("-")));
    }
    return token;
}

double Megabytes(long kb) {
    return static_cast<double>(kb) / 1024.0;
}

struct Phase {
    long rss_before_kb = 0;
    long rss_after_kb = 0;
    double per_second = 0;
    std::size_t listed = 0;  // orders in each answer
    [[nodiscard]] double GrowthMb() const { return Megabytes(rss_after_kb - rss_before_kb); }
};

Phase ListRepeatedly(const std::string& office, const std::string& db, const std::string& log,
                     const std::string& token, const std::string& deadline, int requests) {
    Server server(office, db, log);
    auto client = server.Client(token);
    const std::string path = "/api/v1/orders?deadline=" + deadline;
    const auto list = [&] {
        auto res = client.Get(path);
        if (!res || res->status != 200) throw std::runtime_error(path + " failed");
        return res;
    };
    Phase phase;
    phase.listed = json::parse(list()->body)["orders"].size();  // the read connection is open
    phase.rss_before_kb = ResidentKb(server.Pid());
    const auto start = SteadyClock::now();
    for (int i = 0; i < requests; ++i)
        (void)list();
    const std::chrono::duration<double> took = SteadyClock::now() - start;
    phase.rss_after_kb = ResidentKb(server.Pid());
    phase.per_second = requests / took.count();
    return phase;
}

}  // namespace

int main(int argc, char** argv) {
    auto args = cli::ParseArgs(argc, argv, {});
    if (!args) {
        fmt::print(stderr,
                   "usage: order_list_bench [--requests N] [--orders N] [--office PATH] [--dir "
                   "DIR]\n");
        return 2;
    }
    const int requests = std::stoi(args->Option("requests").value_or("20000"));
    const int orders = std::stoi(args->Option("orders").value_or("60"));
    const std::string office = args->Option("office").value_or(TILLBOOK_OFFICE_EXE);
    const std::filesystem::path dir =
        args->Option("dir").value_or(std::filesystem::temp_directory_path().string());
    const std::string db = (dir / "tillbook-order-list-bench.db").string();
    const std::string log = (dir / "tillbook-order-list-bench.log").string();
    try {
        const std::string token = Populate(office, db, log, orders);
        fmt::print(
            "order list over HTTP, {} requests each against a fresh {} (4 threads), {} "
            "Shopify orders:\n",
            requests, office, orders);
        std::vector<std::pair<std::string, Phase>> phases;
        for (const char* deadline : {"overdue", "due"}) {
            const Phase p = ListRepeatedly(office, db, log, token, deadline, requests);
            fmt::print(
                "  deadline={:<8} {:3} orders listed  {:7.0f} requests/s  server VmRSS {:6.1f} MB "
                "before, {:6.1f} MB after ({:+.1f} MB)\n",
                deadline, p.listed, p.per_second, Megabytes(p.rss_before_kb),
                Megabytes(p.rss_after_kb), p.GrowthMb());
            phases.emplace_back(deadline, p);
        }
        const Phase& overdue = phases[0].second;
        const Phase& due = phases[1].second;
        fmt::print(
            "  overdue/due: requests/s {:.2f}, memory growth {:+.1f} MB against {:+.1f} MB\n",
            overdue.per_second / due.per_second, overdue.GrowthMb(), due.GrowthMb());
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(db + suffix);
        return 0;
    } catch (const std::exception& e) {
        fmt::print(stderr, "order_list_bench: {}\n", e.what());
        return 1;
    }
}
