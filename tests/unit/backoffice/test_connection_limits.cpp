// The connection caps and the worker per connection behind the back office's HTTP server (issue
// 11, finding 3); the real server under slow clients is in tests/integration.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <vector>

#include "http/connection_limits.hpp"
#include "http/connection_workers.hpp"

using namespace tillbook;
using office::http::ConnectionCounter;
using office::http::ConnectionTicket;
using office::http::ConnectionWorkers;

TEST_CASE(
    "connections from one address past its cap are refused while other addresses are let in") {
    ConnectionCounter counter(10, 2);
    std::vector<ConnectionTicket> held;
    for (int i = 0; i < 2; ++i) {
        auto ticket = counter.Admit("10.0.0.1");
        REQUIRE(ticket);
        held.push_back(std::move(*ticket));
    }
    auto third = counter.Admit("10.0.0.1");
    REQUIRE_FALSE(third);
    CHECK(third.error().code == ErrorCode::kTooManyRequests);
    CHECK(counter.Admit("10.0.0.2"));  // admitted, and released at once
    held.pop_back();
    CHECK(counter.Admit("10.0.0.1"));
    CHECK(counter.Open() == 1);
}

TEST_CASE("connections past the total cap are refused from any address, and over half is crowded") {
    ConnectionCounter counter(4, 4);
    std::vector<ConnectionTicket> held;
    for (int i = 0; i < 4; ++i) {
        CHECK(counter.Crowded() == (i > 2));
        auto ticket = counter.Admit("10.0.0." + std::to_string(i));
        REQUIRE(ticket);
        held.push_back(std::move(*ticket));
    }
    CHECK(counter.Crowded());
    CHECK_FALSE(counter.Admit("10.0.0.9"));
    held.clear();
    CHECK(counter.Open() == 0);
    CHECK_FALSE(counter.Crowded());
}

TEST_CASE(
    "each task runs on a worker of its own up to the cap, a task past it runs at once on the "
    "caller's thread, marked over capacity, and shutdown waits for the rest") {
    std::mutex mutex;
    std::condition_variable changed;
    int running = 0;
    bool release = false;
    std::atomic<int> over_capacity = 0;
    std::atomic<int> finished = 0;
    ConnectionWorkers workers({3, 1, std::chrono::milliseconds(50)});
    // Three tasks that block until released: all three run together.
    for (int i = 0; i < 3; ++i) {
        workers.enqueue([&] {
            if (ConnectionWorkers::OverCapacity()) ++over_capacity;
            std::unique_lock lock(mutex);
            ++running;
            changed.notify_all();
            changed.wait(lock, [&] { return release; });
            ++finished;
        });
    }
    {
        std::unique_lock lock(mutex);
        CHECK(changed.wait_for(lock, std::chrono::seconds(5), [&] { return running == 3; }));
    }
    bool ran_here = false;
    workers.enqueue([&] { ran_here = ConnectionWorkers::OverCapacity(); });
    CHECK(ran_here);
    CHECK_FALSE(ConnectionWorkers::OverCapacity());
    {
        std::lock_guard lock(mutex);
        release = true;
    }
    changed.notify_all();
    workers.shutdown();
    CHECK(finished == 3);
    CHECK(over_capacity == 0);
}
