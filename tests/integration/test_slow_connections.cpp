// Issue 11, finding 3: slow and idle connections do not stop the server answering others. Each
// connection has a worker of its own, connections are capped per address and in all, and a
// request's first byte, header block and body each have a deadline.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "raw_http.hpp"
#include "real_office.hpp"

using namespace tillbook;
using namespace std::chrono_literals;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

double MillisSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The real server with `extra` options on a fresh demo database.
struct SlowOffice {
    explicit SlowOffice(const std::string& name, std::vector<std::string> extra = {})
        : dir(name), db(dir.File("office.db")), log(dir.File("server.log")) {
        REQUIRE(testing::RunOffice({"init", "--db", db, "--demo"}) == 0);
        server = std::make_unique<testing::ServerProcess>(db, port, log, std::move(extra));
    }
    testing::TempDir dir;
    std::string db;
    std::string log;
    int port = testing::FreePort();
    std::unique_ptr<testing::ServerProcess> server;
};

std::string PairTill(const SlowOffice& office) {
    ids::SystemClock clock;
    auto writer = office::LedgerWriter::Start(office.db, store::Durability::kFull);
    REQUIRE(writer);
    office::LockedIdSource ids(clock);
    office::OfficeContext context{office.db, **writer, clock, ids};
    office::AuthService auth(context);
    auto code = auth.CreatePairingCode("S01", 60'000);
    REQUIRE(code);
    httplib::Client client("127.0.0.1", office.port);
    auto paired = client.Post("/api/v1/terminals/pair",
                              json{{"code", *code}, {"name", "T1"}}.dump(), "application/json");
    REQUIRE(paired);
    REQUIRE(paired->status == 201);
    return json::parse(paired->body)["token"];
}

// The requests a well-behaved till and a manager make, each on a connection of its own from
// 127.0.0.1; the slowest answer of each kind in ms (a failed one counts as 1e9).
struct Latencies {
    double health = 0;
    double sign_in = 0;
    double push = 0;
};

void TimeWellBehavedRequests(int port, const std::string& till_token, Latencies& worst) {
    const auto timed = [](double& slowest, const auto& request) {
        const auto start = Clock::now();
        const bool ok = request();
        slowest = std::max(slowest, ok ? MillisSince(start) : 1e9);
    };
    const auto client = [port] {
        auto c = std::make_unique<httplib::Client>("127.0.0.1", port);
        c->set_tcp_nodelay(true);
        c->set_connection_timeout(3);
        c->set_read_timeout(3);
        return c;
    };
    timed(worst.health, [&] {
        auto res = client()->Get("/api/v1/health");
        return res && res->status == 200;
    });
    timed(worst.sign_in, [&] {
        auto res =
            client()->Post("/api/v1/session",
                           json{{"username", "tom"}, {"password", "demo-manager-password"}}.dump(),
                           "application/json");
        return res && res->status == 201;
    });
    timed(worst.push, [&] {
        auto c = client();
        c->set_bearer_token_auth(till_token);
        auto res =
            c->Post("/api/v1/sync/push", json{{"protocol", 1}, {"events", json::array()}}.dump(),
                    "application/json");
        return res && res->status == 200;
    });
}

std::string SourceAddress(int index) {
    return fmt::format("127.0.0.{}", index);
}

// Sends `piece(i)` every `interval` until the server closes the connection (at most 30 times);
// the time from `start` until it closed, or nullopt if it stayed open.
std::optional<double> MillisUntilClosedWhileSending(testing::RawConnection& connection,
                                                    Clock::time_point start,
                                                    const std::function<std::string(int)>& piece,
                                                    std::chrono::milliseconds interval) {
    bool closed = false;
    for (int i = 0; i < 30 && !closed; ++i)
        closed = !connection.Send(piece(i), interval) || connection.ClosedWithin(interval);
    if (!closed || !connection.ClosedWithin(1s)) return std::nullopt;
    return MillisSince(start);
}

// A connection cut short at a deadline of 1.5 s: not before, and not long after.
void CheckClosedAtDeadline(const std::optional<double>& took, const char* what) {
    REQUIRE_MESSAGE(took, what << " stayed open");
    MESSAGE(fmt::format("{} closed after {:.0f} ms", what, *took));
    CHECK(*took > 1300);
    CHECK(*took < 3000);
}

}  // namespace

TEST_CASE(
    "issue 11: 300 connections sending a header line every 2 s and 50 idle ones from other "
    "addresses do not stop /health, sign-in or a till's push") {
    SlowOffice office("slow-crowd");
    const std::string till_token = PairTill(office);
    Latencies quiet;
    TimeWellBehavedRequests(office.port, till_token, quiet);

    // 30 slow connections from each of 127.0.0.2 to 127.0.0.11, 25 idle ones from each of
    // 127.0.0.12 and 127.0.0.13: under the cap of 32 per address.
    std::vector<std::string> sources;
    for (int i = 2; i <= 13; ++i)
        sources.push_back(SourceAddress(i));
    std::vector<std::unique_ptr<testing::RawConnection>> slow;
    std::vector<std::unique_ptr<testing::RawConnection>> idle;
    for (int i = 0; i < 300; ++i) {
        slow.push_back(std::make_unique<testing::RawConnection>(
            office.port, sources[static_cast<std::size_t>(i / 30)].c_str()));
        REQUIRE(slow.back()->Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n", 1s));
    }
    for (int i = 0; i < 50; ++i) {
        idle.push_back(std::make_unique<testing::RawConnection>(
            office.port, sources[static_cast<std::size_t>(10 + i / 25)].c_str()));
    }

    Latencies crowded;
    const auto start = Clock::now();
    for (int round = 0; round < 3; ++round) {
        for (auto& connection : slow)
            (void)connection->Send(fmt::format("X-Slow-{}: still here\r\n", round), 100ms);
        TimeWellBehavedRequests(office.port, till_token, crowded);
        std::this_thread::sleep_until(start + (round + 1) * 2s);
    }
    MESSAGE(
        fmt::format("slowest answer alone: /health {:.1f} ms, sign-in {:.1f} ms, push {:.1f} ms",
                    quiet.health, quiet.sign_in, quiet.push));
    MESSAGE(
        fmt::format("slowest answer beside 300 slow and 50 idle connections: /health {:.1f} "
                    "ms, sign-in {:.1f} ms, push {:.1f} ms",
                    crowded.health, crowded.sign_in, crowded.push));
    CHECK(crowded.health < 1000);
    CHECK(crowded.push < 1000);
    CHECK(crowded.sign_in < 2000);  // argon2id alone takes a few hundred ms here
}

TEST_CASE(
    "issue 11: the 33rd connection from one address is refused at once with 503 and "
    "Retry-After, while another address is served") {
    SlowOffice office("per-address");
    std::vector<std::unique_ptr<testing::RawConnection>> held;
    for (int i = 0; i < 32; ++i)
        held.push_back(std::make_unique<testing::RawConnection>(office.port, "127.0.0.2"));
    // The 32 are served: each answers a request, and stays open.
    for (auto& connection : held) {
        REQUIRE(connection->Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 1s));
        REQUIRE(connection->Read(2s).status == 200);
    }

    testing::RawConnection refused(office.port, "127.0.0.2");
    const auto start = Clock::now();
    const testing::RawResponse answer = refused.Read(2s);
    INFO(answer.head << answer.body);
    CHECK(answer.status == 503);
    CHECK(answer.head.find("Retry-After: ") != std::string::npos);
    CHECK(refused.ClosedWithin(1s));
    CHECK(MillisSince(start) < 1000);

    testing::RawConnection other(office.port, "127.0.0.3");
    REQUIRE(other.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 1s));
    CHECK(other.Read(1s).status == 200);

    // One of the 32 gone, the address has a place again.
    held.pop_back();
    std::this_thread::sleep_for(200ms);
    testing::RawConnection again(office.port, "127.0.0.2");
    REQUIRE(again.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 1s));
    CHECK(again.Read(1s).status == 200);
}

TEST_CASE(
    "issue 11: past the total cap of connections a new one from any address is refused with 503, "
    "and served again once one closes") {
    SlowOffice office("total-cap", {"--max-connections", "8"});
    std::vector<std::unique_ptr<testing::RawConnection>> held;
    for (int i = 0; i < 8; ++i) {
        held.push_back(
            std::make_unique<testing::RawConnection>(office.port, SourceAddress(2 + i).c_str()));
        REQUIRE(held.back()->Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 1s));
        REQUIRE(held.back()->Read(2s).status == 200);
    }
    testing::RawConnection refused(office.port, "127.0.0.20");
    const testing::RawResponse answer = refused.Read(1s);
    INFO(answer.head << answer.body);
    CHECK(answer.status == 503);
    CHECK(refused.ClosedWithin(1s));

    held.pop_back();
    std::this_thread::sleep_for(200ms);
    testing::RawConnection again(office.port, "127.0.0.20");
    REQUIRE(again.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 1s));
    CHECK(again.Read(1s).status == 200);
}

TEST_CASE("issue 11: a header sent a line at a time is cut off with 408 at the header deadline") {
    SlowOffice office("slowloris", {"--header-timeout-ms", "1500"});
    testing::RawConnection connection(office.port, "127.0.0.2");
    const auto start = Clock::now();
    REQUIRE(connection.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n", 1s));
    CheckClosedAtDeadline(
        MillisUntilClosedWhileSending(
            connection, start, [](int line) { return fmt::format("X-Slow-{}: 1\r\n", line); },
            300ms),
        "a header sent a line every 300 ms");
    CHECK(connection.Read(100ms).status == 408);
}

TEST_CASE(
    "issue 11: a connection that sends nothing is closed after the idle timeout, and a body "
    "sent a byte at a time is cut off with 408 at the body deadline") {
    SlowOffice office("silent", {"--idle-timeout-ms", "1000", "--body-timeout-ms", "1500"});
    {
        testing::RawConnection silent(office.port, "127.0.0.2");
        const auto start = Clock::now();
        CHECK(silent.ClosedWithin(3s));
        const double took = MillisSince(start);
        MESSAGE(fmt::format("silent connection closed after {:.0f} ms", took));
        CHECK(took > 800);
        CHECK(took < 2000);
    }
    {
        testing::RawConnection slow_body(office.port, "127.0.0.2");
        REQUIRE(
            slow_body.Send("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
                           1s));
        const auto start = Clock::now();
        CheckClosedAtDeadline(MillisUntilClosedWhileSending(
                                  slow_body, start, [](int) { return std::string(" "); }, 200ms),
                              "a body sent a byte every 200 ms");
        CHECK(slow_body.Read(100ms).status == 408);
    }
    // Well-behaved requests still get answers.
    testing::RawConnection fine(office.port, "127.0.0.3");
    REQUIRE(fine.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 1s));
    CHECK(fine.Read(1s).status == 200);
}
