// The gate every request's argon2id hash goes through (issue 11, finding 6): a few at once, a
// short queue, and a refusal at once with a Retry-After for the rest.
#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <thread>

#include "tillbook/office/auth/hashing_gate.hpp"

using namespace tillbook;
using office::HashingGate;

namespace {

void WaitUntilWaiting(const HashingGate& gate, std::size_t count) {
    for (int i = 0; i < 500 && gate.Waiting() < count; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    REQUIRE(gate.Waiting() == count);
}

}  // namespace

TEST_CASE(
    "the hashing gate lets max_running hash at once, queues max_waiting and refuses the rest at "
    "once, saying when to try again") {
    HashingGate gate({1, 1, 10'000});
    std::optional<HashingGate::Turn> first;
    {
        auto turn = gate.Enter();
        REQUIRE(turn);
        first.emplace(std::move(*turn));
    }
    bool queued_got_a_turn = false;
    std::thread queued([&] { queued_got_a_turn = gate.Enter().has_value(); });
    WaitUntilWaiting(gate, 1);

    const auto started = std::chrono::steady_clock::now();
    auto refused = gate.Enter();
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::kTooManyRequests);
    CHECK(gate.RetryAfterSeconds() >= 1);
    CHECK(refused.error().message == "too many sign-ins at once; try again in " +
                                         std::to_string(gate.RetryAfterSeconds()) + " s");

    first.reset();  // the one waiting goes next
    queued.join();
    CHECK(queued_got_a_turn);
    CHECK(gate.Waiting() == 0);
    CHECK(gate.Enter().has_value());
}

TEST_CASE("a request that waits longer than max_wait_ms for a turn to hash is refused") {
    HashingGate gate({1, 4, 50});
    auto held = gate.Enter();
    REQUIRE(held);
    const auto started = std::chrono::steady_clock::now();
    auto waited = gate.Enter();
    const auto took = std::chrono::steady_clock::now() - started;
    REQUIRE_FALSE(waited);
    CHECK(waited.error().code == ErrorCode::kTooManyRequests);
    CHECK(took >= std::chrono::milliseconds(50));
    CHECK(took < std::chrono::seconds(2));
    CHECK(gate.Waiting() == 0);
}

TEST_CASE("hashing through the gate makes and checks the same hashes as without it") {
    HashingGate gate;
    CHECK(gate.Limits().max_running >= 1);
    CHECK(gate.Limits().max_running <= 4);
    auto hash = gate.Hash("a long enough password");
    REQUIRE(hash);
    CHECK(gate.Verify(*hash, "a long enough password").value_or(false));
    CHECK_FALSE(gate.Verify(*hash, "a long enough passwore").value_or(true));
}
