// Issue 11, finding 6: a flood of wrong sign-ins, each an argon2id hash over 64 MiB, slows
// sign-in only. /health, an authenticated API call and a till's push answer promptly through it,
// the server's memory stays bounded, the sign-ins it cannot take are refused with a Retry-After,
// and the real user signs in afterwards.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "push_events.hpp"
#include "raw_http.hpp"
#include "real_office.hpp"
#include "sanitizers.hpp"

using namespace tillbook;
using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kFloodClients = 40;
constexpr auto kFloodTime = std::chrono::seconds(3);
// Bounds a 2-core test machine meets with a margin once hashing is gated: p99 from 30 to 240 ms
// measured there with a load average of 9 from other builds; before, 1.2 to 3.3 s. The server's
// own code runs 2 to 3 times slower under AddressSanitizer (libsodium's hashing does not).
constexpr double kMaxP99Ms = testing::kUnderAddressSanitizer ? 1500 : 500;
constexpr long kMaxPeakRssKb = 300 * 1024;

std::unique_ptr<httplib::Client> ClientFor(int port, const std::string& token = {}) {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
    client->set_tcp_nodelay(true);
    client->set_read_timeout(20);
    if (!token.empty()) client->set_bearer_token_auth(token);
    return client;
}

httplib::Result SignIn(httplib::Client& client, const std::string& username,
                       const std::string& password) {
    return client.Post("/api/v1/session",
                       json{{"username", username}, {"password", password}}.dump(),
                       "application/json");
}

std::string TokenOf(const httplib::Result& res, int status) {
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == status);
    return json::parse(res->body)["token"];
}

struct FloodTally {
    std::mutex mutex;
    int unauthorized = 0;
    int refused = 0;  // 429 or 503
    int refused_with_retry_after = 0;
    int other = 0;
    std::string example;
    std::string other_example;
};

}  // namespace

TEST_CASE(
    "issue 11: a flood of wrong sign-ins slows sign-in only, while health, the API and a till's "
    "push answer promptly and the server's memory stays bounded") {
    // The flood comes from the tills' own address here, a new connection for each sign-in, so
    // that address may hold many more than the 32 connections a real one may: a loaded machine
    // closes them later than the clients open new ones (test_slow_connections tests that cap).
    testing::RealOffice office("sign-in-flood", {"--max-connections-per-address", "1000"});
    const int port = office.port;
    const std::string manager =
        TokenOf(SignIn(*ClientFor(port), "tom", "demo-manager-password"), 201);
    auto code = ClientFor(port, manager)
                    ->Post("/api/v1/terminals/pairing-codes", json{{"store", "S01"}}.dump(),
                           "application/json");
    REQUIRE(code);
    REQUIRE(code->status == 201);
    auto paired = ClientFor(port)->Post(
        "/api/v1/terminals/pair",
        json{{"code", json::parse(code->body)["code"]}, {"name", "T1"}}.dump(), "application/json");
    REQUIRE(paired);
    REQUIRE(paired->status == 201);
    const json till = json::parse(paired->body);
    ids::SystemClock clock;
    office::LockedIdSource ids(clock);
    testing::PushEvents make(office.db, ids, clock, {till["token"], till["origin"]}, port);

    std::atomic<bool> flooding{true};
    FloodTally tally;
    std::vector<std::thread> flood;
    for (int c = 0; c < kFloodClients; ++c) {
        flood.emplace_back([&, c] {
            auto client = ClientFor(port);
            // A new username each time, so the per-username lockout never answers for the gate.
            for (int i = 0; flooding; ++i) {
                auto res = SignIn(*client, fmt::format("flood{}x{}", c, i), "wrong password");
                std::lock_guard lock(tally.mutex);
                if (res && res->status == 401) {
                    ++tally.unauthorized;
                } else if (res && (res->status == 429 || res->status == 503)) {
                    ++tally.refused;
                    if (std::atoi(res->get_header_value("Retry-After").c_str()) >= 1)
                        ++tally.refused_with_retry_after;
                    if (tally.example.empty())
                        tally.example =
                            fmt::format("{} Retry-After: {} {}", res->status,
                                        res->get_header_value("Retry-After"), res->body);
                } else {
                    ++tally.other;
                    if (tally.other_example.empty())
                        tally.other_example = res ? fmt::format("{} {}", res->status, res->body)
                                                  : fmt::format("{} after {} requests",
                                                                httplib::to_string(res.error()), i);
                }
            }
        });
    }

    // While the flood runs: /health, who the manager is, and a till's push of one sale, in turn.
    std::vector<double> health_ms, api_ms, push_ms;
    int failed_probes = 0;
    auto health = ClientFor(port);
    auto api = ClientFor(port, manager);
    const auto timed = [&](std::vector<double>& into, auto&& request) {
        const auto started = Clock::now();
        const bool ok = request();
        into.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
        if (!ok) ++failed_probes;
    };
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the flood is under way
    const auto flood_ends = Clock::now() + kFloodTime;
    std::int64_t origin_seq = 0;
    while (Clock::now() < flood_ends) {
        timed(health_ms, [&] {
            auto res = health->Get("/api/v1/health");
            return res && res->status == 200;
        });
        timed(api_ms, [&] {
            auto res = api->Get("/api/v1/session");
            return res && res->status == 200;
        });
        timed(push_ms, [&] {
            const json events = json::array({make.Sale(++origin_seq, orders::Tender::kCard)});
            auto res = make.Push(events);
            return res && res->status == 200 &&
                   json::parse(res->body)["results"][0]["status"] == "accepted";
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const long peak_kb = testing::ProcessStatusKb(office.server->Pid(), "VmHWM");
    flooding = false;
    for (auto& thread : flood)
        thread.join();

    const auto p99 = [](std::vector<double> ms) {
        REQUIRE(!ms.empty());
        std::sort(ms.begin(), ms.end());
        return ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
    };
    MESSAGE(fmt::format(
        "{} clients flooding for {} s: {} wrong sign-ins answered 401, {} refused ({} with "
        "Retry-After), {} other; /health p99 {:.1f} ms (max {:.1f}) of {}, GET /session p99 "
        "{:.1f} ms, push p99 {:.1f} ms; the server's peak RSS {} MB",
        kFloodClients, kFloodTime.count(), tally.unauthorized, tally.refused,
        tally.refused_with_retry_after, tally.other, p99(health_ms),
        *std::max_element(health_ms.begin(), health_ms.end()), health_ms.size(), p99(api_ms),
        p99(push_ms), peak_kb / 1024));
    MESSAGE("a refusal: " << tally.example);
    if (tally.other > 0) MESSAGE("another answer: " << tally.other_example);
    CHECK(failed_probes == 0);
    CHECK(p99(health_ms) < kMaxP99Ms);
    CHECK(p99(api_ms) < kMaxP99Ms);
    CHECK(p99(push_ms) < kMaxP99Ms);
    // Each hash holds 64 MiB while it runs; under AddressSanitizer its quarantine keeps freed
    // ones for a while, so there the figure is only reported.
    if (!testing::kUnderAddressSanitizer) CHECK(peak_kb < kMaxPeakRssKb);
    CHECK(tally.refused > 0);
    CHECK(tally.refused_with_retry_after == tally.refused);
    CHECK(tally.other == 0);

    // The real user signs in after the flood.
    CHECK(!TokenOf(SignIn(*ClientFor(port), "tom", "demo-manager-password"), 201).empty());
}
