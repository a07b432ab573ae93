// The order list by deadline over HTTP: N requests of GET /api/v1/orders?deadline=overdue, then N
// of ?deadline=due, each against its own tillbook-office process (the real program, on loopback)
// serving the same database of Shopify orders, some past their despatch deadline. For each: the
// server's resident memory (VmRSS) before and after, and requests/s, side by side. A list query
// that leaves a new statement in the connection's cache on every request shows as memory that grows
// with the requests. Which of the two runs first is drawn at random (and said).
//
//   order_list_bench [--requests 20000] [--orders 60] [--office PATH] [--dir DIR]
#include <fmt/format.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "channel_payloads.hpp"
#include "office_process.hpp"
#include "side_order.hpp"
#include "tillbook/core/cli_args.hpp"
#include "tillbook/ids/clock.hpp"

using namespace tillbook;
using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kDayMillis = 24LL * 60 * 60 * 1000;

// A demo database with `orders` Shopify orders: the even ones placed ten days ago (past their
// despatch deadline), the odd ones now (due, not overdue). Answers a manager's token.
std::string Populate(const std::string& office, const std::string& db, const std::string& log,
                     int orders) {
    bench::InitDemo(office, db, log);
    bench::OfficeProcess server(office, db, log, {"--threads", "4"});
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

struct Phase {
    long rss_before_kb = 0;
    long rss_after_kb = 0;
    double per_second = 0;
    std::size_t listed = 0;  // orders in each answer
    [[nodiscard]] double GrowthMb() const { return bench::Megabytes(rss_after_kb - rss_before_kb); }
};

Phase ListRepeatedly(const std::string& office, const std::string& db, const std::string& log,
                     const std::string& token, const std::string& deadline, int requests) {
    bench::OfficeProcess server(office, db, log, {"--threads", "4"});
    auto client = server.Client(token);
    const std::string path = "/api/v1/orders?deadline=" + deadline;
    const auto list = [&] {
        auto res = client.Get(path);
        if (!res || res->status != 200) throw std::runtime_error(path + " failed");
        return res;
    };
    Phase phase;
    phase.listed = json::parse(list()->body)["orders"].size();  // the read connection is open
    phase.rss_before_kb = bench::ResidentKb(server.Pid());
    const auto start = SteadyClock::now();
    for (int i = 0; i < requests; ++i)
        (void)list();
    const std::chrono::duration<double> took = SteadyClock::now() - start;
    phase.rss_after_kb = bench::ResidentKb(server.Pid());
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
        std::map<std::string, Phase> phases;
        const auto run = [&](const std::string& deadline) {
            const Phase p = ListRepeatedly(office, db, log, token, deadline, requests);
            fmt::print(
                "  deadline={:<8} {:3} orders listed  {:7.0f} requests/s  server VmRSS {:6.1f} MB "
                "before, {:6.1f} MB after ({:+.1f} MB)\n",
                deadline, p.listed, p.per_second, bench::Megabytes(p.rss_before_kb),
                bench::Megabytes(p.rss_after_kb), p.GrowthMb());
            phases[deadline] = p;
        };
        bench::SideOrder sides;
        const bool overdue_first = sides.Run([&] { run("overdue"); }, [&] { run("due"); });
        fmt::print("  ({} ran first, drawn at random)\n", overdue_first ? "overdue" : "due");
        const Phase& overdue = phases.at("overdue");
        const Phase& due = phases.at("due");
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
