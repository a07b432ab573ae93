// Well-behaved tills beside slow and idle connections (issue 11, finding 3), against the real
// tillbook-office on loopback: T tills each push (an empty batch, so that what is timed is being
// served, not SQLite) and ask /health in a loop, first alone for S seconds, then for S seconds
// beside N connections that send a header line every 2 s and M that send nothing, from other
// addresses in 127.0.0.0/8 (30 per address, under the per-address cap) and opened again whenever
// the server closes them, as an attacker would. Prints p50, p99 and the slowest answer of each
// phase, failures (no answer within 5 s), how often the server cut a slow connection, and the
// server's memory and threads. --office runs another build (main's, for the figures before).
//
//   slow_clients_bench [--slow 300] [--idle 50] [--tills 4] [--seconds 10] [--office PATH]
//                      [--dir DIR]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "office_process.hpp"
#include "tillbook/core/cli_args.hpp"

using namespace tillbook;
using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;
using bench::Server;

namespace {

// A connection from `source` that sends a request line and then, on each Poke, one header line;
// opened again when the server closes it.
class SlowConnection {
  public:
    SlowConnection(int port, std::string source, bool silent)
        : m_port(port), m_source(std::move(source)), m_silent(silent) {
        Open();
    }
    SlowConnection(const SlowConnection&) = delete;
    SlowConnection& operator=(const SlowConnection&) = delete;
    ~SlowConnection() { ::close(m_fd); }

    // Sends the next header line; true if the server had closed the connection (it is reopened).
    bool Poke() {
        char sink[4096];
        const ssize_t got = ::recv(m_fd, sink, sizeof sink, MSG_DONTWAIT);
        const bool closed =
            got >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK) ||
            (!m_silent && ::send(m_fd, "X-Slow: 1\r\n", 11, MSG_NOSIGNAL | MSG_DONTWAIT) < 0);
        if (closed) {
            ::close(m_fd);
            Open();
        }
        return closed;
    }

  private:
    void Open() {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in from{};
        from.sin_family = AF_INET;
        ::inet_pton(AF_INET, m_source.c_str(), &from.sin_addr);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(static_cast<std::uint16_t>(m_port));
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(m_fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
            ::connect(m_fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
            throw std::runtime_error("cannot connect from " + m_source);
        }
        if (!m_silent) {
            const std::string line = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
            (void)::send(m_fd, line.data(), line.size(), MSG_NOSIGNAL);
        }
    }
    int m_port;
    std::string m_source;
    bool m_silent;
    int m_fd = -1;
};

std::string PairTill(const std::string& office, const std::string& db, const std::string& log,
                     const Server& server, int number) {
    const std::string code_log = log + ".code";
    std::filesystem::remove(code_log);
    if (bench::Wait(
            bench::Spawn({office, "pairing-code", "--db", db, "--store", "S01"}, code_log)) != 0) {
        throw std::runtime_error("pairing-code failed: " + bench::ReadFile(code_log));
    }
    const std::string text = bench::ReadFile(code_log);
    const auto colon = text.rfind(": ");
    const std::string code = text.substr(colon + 2, text.find(' ', colon + 2) - colon - 2);
    auto paired = server.Client("").Post(
        "/api/v1/terminals/pair", json{{"code", code}, {"name", fmt::format("T{}", number)}}.dump(),
        "application/json");
    if (!paired || paired->status != 201) throw std::runtime_error("pairing failed");
    return json::parse(paired->body)["token"];
}

struct Figures {
    std::vector<double> push_ms;
    std::vector<double> health_ms;
    int failed = 0;
};

double Percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

// Each till pushes and asks /health, each on a connection of its own, until `seconds` pass.
Figures RunTills(int port, const std::vector<std::string>& tokens, int seconds) {
    std::mutex mutex;
    Figures figures;
    std::vector<std::thread> tills;
    const auto end = SteadyClock::now() + std::chrono::seconds(seconds);
    for (const std::string& token : tokens) {
        tills.emplace_back([&, token] {
            const auto timed = [&](std::vector<double> Figures::*into, const auto& request) {
                const auto start = SteadyClock::now();
                const bool ok = request();
                const std::chrono::duration<double, std::milli> took = SteadyClock::now() - start;
                std::lock_guard lock(mutex);
                (figures.*into).push_back(took.count());
                if (!ok) ++figures.failed;
            };
            while (SteadyClock::now() < end) {
                httplib::Client client("127.0.0.1", port);
                client.set_tcp_nodelay(true);
                client.set_connection_timeout(5);
                client.set_read_timeout(5);
                client.set_bearer_token_auth(token);
                timed(&Figures::push_ms, [&] {
                    auto res = client.Post("/api/v1/sync/push", R"({"protocol":1,"events":[]})",
                                           "application/json");
                    return res && res->status == 200;
                });
                timed(&Figures::health_ms, [&] {
                    auto res = client.Get("/api/v1/health");
                    return res && res->status == 200;
                });
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        });
    }
    for (auto& till : tills)
        till.join();
    return figures;
}

void Print(const char* phase, const Figures& f) {
    fmt::print(
        "  {:<32} push p50 {:6.1f} ms  p99 {:7.1f} ms  max {:7.1f} ms | /health p50 {:6.1f} ms  "
        "p99 {:7.1f} ms | {} requests, {} failed\n",
        phase, Percentile(f.push_ms, 0.5), Percentile(f.push_ms, 0.99), Percentile(f.push_ms, 1.0),
        Percentile(f.health_ms, 0.5), Percentile(f.health_ms, 0.99),
        f.push_ms.size() + f.health_ms.size(), f.failed);
}

}  // namespace

int main(int argc, char** argv) {
    auto args = cli::ParseArgs(argc, argv, {});
    if (!args) {
        fmt::print(stderr,
                   "usage: slow_clients_bench [--slow N] [--idle N] [--tills N] [--seconds N] "
                   "[--office PATH] [--dir DIR]\n");
        return 2;
    }
    const int slow = std::stoi(args->Option("slow").value_or("300"));
    const int idle = std::stoi(args->Option("idle").value_or("50"));
    const int till_count = std::stoi(args->Option("tills").value_or("4"));
    const int seconds = std::stoi(args->Option("seconds").value_or("10"));
    const std::string office = args->Option("office").value_or(TILLBOOK_OFFICE_EXE);
    const std::filesystem::path dir =
        args->Option("dir").value_or(std::filesystem::temp_directory_path().string());
    const std::string db = (dir / "tillbook-slow-clients-bench.db").string();
    const std::string log = (dir / "tillbook-slow-clients-bench.log").string();
    try {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(db + suffix);
        if (bench::Wait(bench::Spawn({office, "init", "--db", db, "--demo"}, log)) != 0)
            throw std::runtime_error("init failed: " + bench::ReadFile(log));
        Server server(office, db, log, {});
        std::vector<std::string> tokens;
        for (int i = 1; i <= till_count; ++i)
            tokens.push_back(PairTill(office, db, log, server, i));
        fmt::print("{} tills against {} (default limits), {} s a phase:\n", till_count, office,
                   seconds);
        Print("alone", RunTills(server.Port(), tokens, seconds));

        std::vector<std::unique_ptr<SlowConnection>> crowd;
        for (int i = 0; i < slow + idle; ++i) {
            crowd.push_back(std::make_unique<SlowConnection>(
                server.Port(), fmt::format("127.0.1.{}", 1 + i / 30), i >= slow));
        }
        std::atomic<bool> done = false;
        std::atomic<int> cut = 0;
        std::thread poker([&] {
            while (!done) {
                for (auto& connection : crowd)
                    cut += connection->Poke() ? 1 : 0;
                for (int i = 0; i < 20 && !done; ++i)
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        });
        const Figures crowded = RunTills(server.Port(), tokens, seconds);
        const long rss_kb = bench::StatusFigure(server.Pid());
        const long threads = bench::StatusFigure(server.Pid(), "Threads");
        done = true;
        poker.join();
        Print(fmt::format("beside {} slow and {} idle", slow, idle).c_str(), crowded);
        fmt::print(
            "  slow or idle connections the server closed (and the bench opened again): {}\n"
            "  server while crowded: VmRSS {:.1f} MB, peak {:.1f} MB, {} threads\n",
            cut.load(), static_cast<double>(rss_kb) / 1024.0,
            static_cast<double>(bench::StatusFigure(server.Pid(), "VmHWM")) / 1024.0, threads);
        crowd.clear();
        server.Stop();
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(db + suffix);
        return 0;
    } catch (const std::exception& e) {
        fmt::print(stderr, "slow_clients_bench: {}\n", e.what());
        return 1;
    }
}
