// The back office under attack, beside the same work in peace, in one run. Four paired tills push
// their sales (5 sales a push) to the real tillbook-office on loopback and a monitor asks
// /api/v1/health every 50 ms, for a quiet phase and an attack phase (which comes first is drawn at
// random and printed). During the attack, from other loopback addresses (all of 127.0.0.0/8 is
// loopback on Linux; each attacker has its own unless --attack-addresses says fewer):
//   - slow clients: two in three send a header line every 2 s and never end the header block; the
//     others announce a 1 MB body and send 16 bytes of it every 2 s; each reconnects when closed;
//   - a login flood: concurrent sign-ins with wrong passwords for made-up users, as fast as the
//     server answers;
//   - huge uploads: chunked POST /api/v1/session bodies of 200 MiB sent as fast as possible, again
//     and again.
// It prints the tills' push latency (p50, p99, max) in both phases and their ratio, /health's, the
// server's peak resident memory, and what the attackers met; and whether the targets hold: p99 push
// under 200 ms and memory under 300 MB during the attack (exit status 1 when not).
//
//   hostile_load_bench [--seconds 30] [--quiet-seconds 10] [--slow 300] [--flood 40]
//                      [--uploads 10] [--tills 4] [--attack-addresses N] [--office PATH] [--dir
//                      DIR]
#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>

#include "bench_stats.hpp"
#include "office_process.hpp"
#include "tillbook/core/cli_args.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/ledger/event_json.hpp"
#include "tillbook/office/office_context.hpp"

using namespace tillbook;
using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

constexpr const char* kStoreLocation = "0190a1b2-0000-7000-8000-000000000001";  // S01, demo data
constexpr int kSalesPerPush = 5;

// The n-th attacker address: 127.1.x.y, never 127.0.0.1 (where the tills and the monitor are).
std::string AttackerAddress(int n) {
    return fmt::format("127.1.{}.{}", n / 250, n % 250 + 1);
}

// A TCP connection from `source` to the server, or -1. Non-blocking once connected.
int Connect(const std::string& source, int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return -1;
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
        ::close(fd);
        return -1;
    }
    if (::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0 && errno != EINPROGRESS) {
        ::close(fd);
        return -1;
    }
    pollfd p{fd, POLLOUT, 0};
    int error = 0;
    socklen_t length = sizeof error;
    if (::poll(&p, 1, 2000) != 1 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0 ||
        error != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Sends all of `data` within `timeout`; false when the server closed, answered or stopped reading.
bool SendAll(int fd, std::string_view data, milliseconds timeout) {
    const auto deadline = SteadyClock::now() + timeout;
    while (!data.empty()) {
        if (SteadyClock::now() > deadline) return false;
        pollfd p{fd, POLLOUT | POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        if (p.revents & (POLLIN | POLLERR | POLLHUP)) return false;
        const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
        if (n > 0) data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// The status of the response that arrives within `timeout` (0: none, the connection closed first).
int ReadStatus(int fd, milliseconds timeout) {
    const auto deadline = SteadyClock::now() + timeout;
    std::string head;
    while (SteadyClock::now() < deadline && head.find("\r\n") == std::string::npos) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        char buffer[4096];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        head.append(buffer, static_cast<std::size_t>(n));
    }
    if (!head.starts_with("HTTP/1.1 ") || head.size() < 12) return 0;
    return std::atoi(head.substr(9, 3).c_str());
}

// True when the server has closed `fd` (or reset it).
bool ClosedByServer(int fd) {
    char buffer[4096];
    while (true) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n == 0) return true;
        if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK;
    }
}

struct Latencies {
    std::mutex mutex;
    std::vector<double> ms;
    int failures = 0;
    void Add(double value) {
        std::lock_guard lock(mutex);
        ms.push_back(value);
    }
    void Fail() {
        std::lock_guard lock(mutex);
        ++failures;
    }
    [[nodiscard]] double Percentile(double p) {
        std::lock_guard lock(mutex);
        return ms.empty() ? 0 : bench::Percentile(ms, p);
    }
};

// What the attackers met, by kind.
struct AttackCounts {
    std::atomic<long> slow_connections{0}, slow_closed_by_server{0}, slow_refused{0};
    std::atomic<long> slow_open_peak{0};
    std::mutex mutex;
    std::map<int, long> login_statuses;   // status (0: no answer) to count
    std::map<int, long> upload_statuses;  // likewise
    std::atomic<long> upload_mb_sent{0};
    void Count(std::map<int, long>& statuses, int status) {
        std::lock_guard lock(mutex);
        ++statuses[status];
    }
};

std::string Statuses(const std::map<int, long>& statuses) {
    std::string text;
    for (const auto& [status, count] : statuses)
        text += fmt::format("{}{} × {}", text.empty() ? "" : ", ", count,
                            status == 0 ? std::string("no answer") : std::to_string(status));
    return text.empty() ? "none" : text;
}

class Attack {
  public:
    Attack(int port, int slow, int flood, int uploads, int addresses)
        : m_port(port), m_addresses(addresses) {
        m_threads.emplace_back([this, slow] { SlowClients(slow); });
        for (int i = 0; i < flood; ++i)
            m_threads.emplace_back([this, i] { LoginFlood(i); });
        for (int i = 0; i < uploads; ++i)
            m_threads.emplace_back([this, i] { HugeUploads(i); });
    }
    Attack(const Attack&) = delete;
    Attack& operator=(const Attack&) = delete;
    ~Attack() {
        m_stop = true;
        for (auto& thread : m_threads)
            thread.join();
    }
    AttackCounts counts;

  private:
    // Attacker n's address: its own, or one of --attack-addresses.
    [[nodiscard]] std::string Address(int n) const { return AttackerAddress(n % m_addresses); }

    void SlowClients(int slow) {
        struct Client {
            int fd = -1;
            bool body = false;
            SteadyClock::time_point next;
        };
        std::vector<Client> clients(static_cast<std::size_t>(slow));
        for (int i = 0; i < slow; ++i)
            clients[static_cast<std::size_t>(i)].body = i % 3 == 2;
        while (!m_stop) {
            const auto now = SteadyClock::now();
            long open = 0;
            for (std::size_t i = 0; i < clients.size() && !m_stop; ++i) {
                Client& c = clients[i];
                if (c.fd >= 0 && ClosedByServer(c.fd)) {
                    ::close(c.fd);
                    c.fd = -1;
                    ++counts.slow_closed_by_server;
                }
                if (c.fd < 0) {
                    c.fd = Connect(Address(static_cast<int>(i)), m_port);
                    if (c.fd < 0) {
                        ++counts.slow_refused;
                        continue;
                    }
                    ++counts.slow_connections;
                    const std::string start =
                        c.body ? "POST /api/v1/session HTTP/1.1\r\nHost: office\r\nContent-Type: "
                                 "application/json\r\nContent-Length: 1000000\r\n\r\n"
                               : "GET /api/v1/health HTTP/1.1\r\nHost: office\r\n";
                    (void)::send(c.fd, start.data(), start.size(), MSG_NOSIGNAL);
                    c.next = now + std::chrono::seconds(2);
                }
                ++open;
                if (now >= c.next) {
                    const std::string drip =
                        c.body ? std::string(16, ' ') : fmt::format("X-Slow-{}: 1\r\n", i);
                    (void)::send(c.fd, drip.data(), drip.size(), MSG_NOSIGNAL);
                    c.next = now + std::chrono::seconds(2);
                }
            }
            counts.slow_open_peak = std::max(counts.slow_open_peak.load(), open);
            std::this_thread::sleep_for(milliseconds(20));
        }
        for (Client& c : clients)
            if (c.fd >= 0) ::close(c.fd);
    }

    void LoginFlood(int n) {
        const std::string address = Address(1000 + n);
        long attempt = 0;
        while (!m_stop) {
            const int fd = Connect(address, m_port);
            if (fd < 0) {
                counts.Count(counts.login_statuses, 0);
                std::this_thread::sleep_for(milliseconds(10));
                continue;
            }
            const std::string body = json{
                {"username", fmt::format("flood{}x{}", n, attempt++ % 500)},
                {"password",
                 "not-the-password"}}.dump();
            const std::string request = fmt::format(
                "POST /api/v1/session HTTP/1.1\r\nHost: office\r\nContent-Type: "
                "application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
                body.size(), body);
            int status = 0;
            if (SendAll(fd, request, milliseconds(5000)))
                status = ReadStatus(fd, milliseconds(30000));
            counts.Count(counts.login_statuses, status);
            ::close(fd);
        }
    }

    void HugeUploads(int n) {
        const std::string address = Address(2000 + n);
        const std::string chunk = fmt::format("10000\r\n{}\r\n", std::string(0x10000, 'a'));
        constexpr long kChunks = 200L * 16;  // 200 MiB of 64 KiB chunks
        while (!m_stop) {
            const int fd = Connect(address, m_port);
            if (fd < 0) {
                counts.Count(counts.upload_statuses, 0);
                std::this_thread::sleep_for(milliseconds(10));
                continue;
            }
            const std::string head =
                "POST /api/v1/session HTTP/1.1\r\nHost: office\r\nContent-Type: "
                "application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
            bool sending = SendAll(fd, head, milliseconds(5000));
            for (long i = 0; sending && i < kChunks && !m_stop; ++i) {
                sending = SendAll(fd, chunk, milliseconds(5000));
                if (sending && i % 16 == 15) ++counts.upload_mb_sent;
            }
            if (sending) (void)SendAll(fd, "0\r\n\r\n", milliseconds(5000));
            counts.Count(counts.upload_statuses, ReadStatus(fd, milliseconds(5000)));
            ::close(fd);
        }
    }

    int m_port;
    int m_addresses;
    std::atomic<bool> m_stop{false};
    std::vector<std::thread> m_threads;
};

struct Till {
    std::string token;
    std::string origin;
    std::int64_t seq = 0;
};

json Sign(bench::OfficeProcess& office, const std::string& username, const std::string& password) {
    auto res = office.Client("").Post("/api/v1/session",
                                      json{{"username", username}, {"password", password}}.dump(),
                                      "application/json");
    if (!res || res->status != 201) throw std::runtime_error("cannot sign in as " + username);
    return json::parse(res->body);
}

Till Pair(bench::OfficeProcess& office, const std::string& manager_token, const std::string& name) {
    auto manager = office.Client(manager_token);
    auto code = manager.Post("/api/v1/terminals/pairing-codes", json{{"store", "S01"}}.dump(),
                             "application/json");
    if (!code || code->status != 201) throw std::runtime_error("no pairing code");
    auto paired = office.Client("").Post(
        "/api/v1/terminals/pair",
        json{{"code", json::parse(code->body)["code"]}, {"name", name}}.dump(), "application/json");
    if (!paired || paired->status != 201) throw std::runtime_error("cannot pair " + name);
    const json body = json::parse(paired->body);
    return {body["token"], body["origin"], 0};
}

// A push of kSalesPerPush card sales of three teas each, as the till's journal holds them.
std::string Push(Till& till, ids::IdSource& ids, ids::UtcMillis now) {
    const money::Currency gbp{"GBP", 2};
    json events = json::array();
    for (int s = 0; s < kSalesPerPush; ++s) {
        orders::Order order;
        order.id = ids.NextString();
        order.number = fmt::format("{}-{:06}", till.origin.substr(9), ++till.seq);
        order.channel = "store:S01";
        order.location_id = kStoreLocation;
        order.currency = "GBP";
        order.placed_at = now;
        for (int l = 1; l <= 3; ++l) {
            order.lines.push_back({l, orders::LineKind::kGoods, "TEA-EARL-125G",
                                   "Earl Grey loose leaf tea 125 g", 1000, money::Money(650, gbp),
                                   money::Money(0, gbp), 0, money::TaxMode::kInclusive,
                                   std::nullopt});
        }
        const money::Money total(1950, gbp);
        events.push_back(ledger::EventToJson(
            {ids.NextString(), till.origin, till.seq, "zoe", now,
             ledger::OrderPlaced{
                 order, true, {orders::Payment{orders::Tender::kCard, total, total, "", ""}}}}));
    }
    return json{{"protocol", 1}, {"events", events}}.dump();
}

struct PhaseFigures {
    std::string name;
    double seconds = 0;
    long pushes = 0;
    double push_p50 = 0, push_p99 = 0, push_max = 0;
    double health_p50 = 0, health_p99 = 0, health_max = 0;
    int push_failures = 0, health_failures = 0;
    long rss_peak_kb = 0;
};

// The tills push and the monitor asks /health for `seconds`, while `attack` (if any) runs.
PhaseFigures RunPhase(const std::string& name, bench::OfficeProcess& office,
                      std::vector<Till>& tills, ids::IdSource& ids, int seconds, bool attacked,
                      const std::vector<int>& attack_shape, std::string& attack_report) {
    Latencies pushes, health;
    std::atomic<bool> stop{false};
    std::atomic<long> rss_peak{bench::ResidentKb(office.Pid())};
    std::thread sampler([&] {
        while (!stop) {
            rss_peak = std::max(rss_peak.load(), bench::ResidentKb(office.Pid()));
            std::this_thread::sleep_for(milliseconds(20));
        }
    });
    std::unique_ptr<Attack> attack;
    if (attacked) {
        attack = std::make_unique<Attack>(office.Port(), attack_shape[0], attack_shape[1],
                                          attack_shape[2], attack_shape[3]);
        std::this_thread::sleep_for(std::chrono::seconds(2));  // let it build up first
    }
    std::vector<std::thread> threads;
    const auto start = SteadyClock::now();
    const auto end = start + std::chrono::seconds(seconds);
    for (Till& till : tills) {
        threads.emplace_back([&, t = &till] {
            auto client = office.Client(t->token);
            client.set_read_timeout(30);
            while (SteadyClock::now() < end) {
                const std::string body = Push(*t, ids, ids::SystemClock().Now());
                const auto sent = SteadyClock::now();
                auto res = client.Post("/api/v1/sync/push", body, "application/json");
                const std::chrono::duration<double, std::milli> took = SteadyClock::now() - sent;
                if (!res || res->status != 200 || res->body.find("rejected") != std::string::npos)
                    pushes.Fail();
                else
                    pushes.Add(took.count());
                std::this_thread::sleep_for(milliseconds(20));
            }
        });
    }
    threads.emplace_back([&] {
        auto client = office.Client("");
        client.set_read_timeout(30);
        while (SteadyClock::now() < end) {
            const auto sent = SteadyClock::now();
            auto res = client.Get("/api/v1/health");
            const std::chrono::duration<double, std::milli> took = SteadyClock::now() - sent;
            if (!res || res->status != 200)
                health.Fail();
            else
                health.Add(took.count());
            std::this_thread::sleep_for(milliseconds(50));
        }
    });
    for (std::thread& thread : threads)
        thread.join();
    stop = true;
    sampler.join();
    const std::chrono::duration<double> took = SteadyClock::now() - start;
    PhaseFigures figures{name,
                         took.count(),
                         static_cast<long>(pushes.ms.size()),
                         pushes.Percentile(0.5),
                         pushes.Percentile(0.99),
                         pushes.Percentile(1.0),
                         health.Percentile(0.5),
                         health.Percentile(0.99),
                         health.Percentile(1.0),
                         pushes.failures,
                         health.failures,
                         rss_peak.load()};
    if (attack) {
        AttackCounts& c = attack->counts;
        attack_report = fmt::format(
            "  slow clients: {} connections made, at most {} open at once, {} closed by the "
            "server, {} connects failed\n"
            "  login flood: {}\n"
            "  huge uploads: {} MB sent; answers: {}\n",
            c.slow_connections.load(), c.slow_open_peak.load(), c.slow_closed_by_server.load(),
            c.slow_refused.load(), Statuses(c.login_statuses), c.upload_mb_sent.load(),
            Statuses(c.upload_statuses));
    }
    return figures;
}

void PrintPhase(const PhaseFigures& p) {
    fmt::print(
        "  {:<7} {:5.1f} s  {:6} pushes ({} sales)  push p50 {:7.1f} ms  p99 {:7.1f} ms  max "
        "{:7.1f} ms  failed {}\n"
        "  {:<7}          /health p50 {:7.1f} ms  p99 {:7.1f} ms  max {:7.1f} ms  failed {}   "
        "server peak RSS {:6.1f} MB\n",
        p.name, p.seconds, p.pushes, p.pushes * kSalesPerPush, p.push_p50, p.push_p99, p.push_max,
        p.push_failures, "", p.health_p50, p.health_p99, p.health_max, p.health_failures,
        bench::Megabytes(p.rss_peak_kb));
}

}  // namespace

int main(int argc, char** argv) {
    auto args = cli::ParseArgs(argc, argv, {});
    if (!args) {
        fmt::print(stderr,
                   "usage: hostile_load_bench [--seconds 30] [--quiet-seconds 10] [--slow 300] "
                   "[--flood 40] [--uploads 10] [--tills 4] [--attack-addresses N] [--office "
                   "PATH] [--dir DIR]\n");
        return 2;
    }
    const auto number = [&](const char* name, int fallback) {
        return std::stoi(args->Option(name).value_or(std::to_string(fallback)));
    };
    const int seconds = number("seconds", 30);
    const int quiet_seconds = number("quiet-seconds", 10);
    const int slow = number("slow", 300);
    const int flood = number("flood", 40);
    const int uploads = number("uploads", 10);
    const int till_count = number("tills", 4);
    const int addresses = number("attack-addresses", 1000 + 2000 + uploads);
    const std::string office_exe = args->Option("office").value_or(TILLBOOK_OFFICE_EXE);
    const std::filesystem::path dir =
        args->Option("dir").value_or(std::filesystem::temp_directory_path().string());
    const std::string db = (dir / "tillbook-hostile-load-bench.db").string();
    const std::string log = (dir / "tillbook-hostile-load-bench.log").string();
    try {
        bench::InitDemo(office_exe, db, log);
        bench::OfficeProcess office(office_exe, db, log);
        const std::string manager = Sign(office, "tom", "demo-manager-password")["token"];
        std::vector<Till> tills;
        for (int t = 0; t < till_count; ++t)
            tills.push_back(Pair(office, manager, fmt::format("T{}", t + 1)));
        ids::SystemClock clock;
        office::LockedIdSource locked_ids(clock);

        std::random_device random;
        const bool attack_first = (random() & 1U) != 0;
        fmt::print(
            "hostile load: {} tills pushing {} sales a push to {} (its default 32 threads) on "
            "loopback, and /health every 50 ms;\n"
            "attack: {} slow clients, a login flood of {}, {} huge chunked uploads, from {} "
            "addresses; {} phase first (drawn at random)\n",
            till_count, kSalesPerPush, office_exe, slow, flood, uploads,
            std::min(addresses, slow + flood + uploads), attack_first ? "attack" : "quiet");
        const std::vector<int> shape{slow, flood, uploads, addresses};
        std::string attack_report;
        PhaseFigures quiet, attacked;
        for (int round = 0; round < 2; ++round) {
            if ((round == 0) == attack_first) {
                attacked = RunPhase("attack", office, tills, locked_ids, seconds, true, shape,
                                    attack_report);
            } else {
                quiet = RunPhase("quiet", office, tills, locked_ids, quiet_seconds, false, shape,
                                 attack_report);
            }
            std::this_thread::sleep_for(std::chrono::seconds(1));
        }
        PrintPhase(quiet);
        PrintPhase(attacked);
        fmt::print("{}", attack_report);
        fmt::print(
            "  attack/quiet: push p99 {:.2f}×, /health p99 {:.2f}×, pushes per second {:.2f}×\n",
            attacked.push_p99 / std::max(quiet.push_p99, 0.001),
            attacked.health_p99 / std::max(quiet.health_p99, 0.001),
            (static_cast<double>(attacked.pushes) / attacked.seconds) /
                std::max(static_cast<double>(quiet.pushes) / quiet.seconds, 0.001));
        const long hwm = bench::ProcessStatusKb(office.Pid(), "VmHWM");
        const bool latency_ok = attacked.push_p99 < 200 && attacked.push_failures == 0;
        const bool memory_ok = bench::Megabytes(hwm) < 300;
        fmt::print(
            "  targets under attack: push p99 {:.1f} ms < 200 ms with no failed push: {}; "
            "server peak memory (VmHWM) {:.1f} MB < 300 MB: {}\n",
            attacked.push_p99, latency_ok ? "met" : "MISSED", bench::Megabytes(hwm),
            memory_ok ? "met" : "MISSED");
        office.Stop();
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(db + suffix);
        return latency_ok && memory_ok ? 0 : 1;
    } catch (const std::exception& e) {
        fmt::print(stderr, "hostile_load_bench: {}\n", e.what());
        return 1;
    }
}
