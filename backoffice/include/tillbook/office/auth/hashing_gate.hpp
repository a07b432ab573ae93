#pragma once
// Every argon2id hash made or checked while answering a request (a sign-in, a new password or PIN)
// takes a turn at one gate. A hash holds 64 MiB and a core for about 140 ms, so a flood of
// sign-ins once ran as many at once as the pool had threads: gigabytes, every core, and /health
// waiting seconds behind them (issue 11, finding 6). The gate lets `max_running` hash at once and
// `max_waiting` more wait, each at most `max_wait_ms`; anyone else is refused at once with the
// seconds after which a full gate has drained, so a flood slows sign-in only and holds at most
// max_running + max_waiting of the server's threads.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"

namespace tillbook::office {

struct HashingLimits {
    // The cores but one (one stays free for sync and the API), 1 to 4.
    std::size_t max_running = DefaultMaxRunning();
    std::size_t max_waiting = 4;
    std::int64_t max_wait_ms = 2000;

    [[nodiscard]] static std::size_t DefaultMaxRunning();
};

class HashingGate {
  public:
    // A turn to hash; the next waiter's begins when it ends.
    class Turn {
      public:
        Turn(Turn&& other) noexcept : m_gate(other.m_gate), m_started(other.m_started) {
            other.m_gate = nullptr;
        }
        Turn& operator=(Turn&&) = delete;
        Turn(const Turn&) = delete;
        Turn& operator=(const Turn&) = delete;
        ~Turn();

      private:
        friend class HashingGate;
        explicit Turn(HashingGate& gate)
            : m_gate(&gate), m_started(std::chrono::steady_clock::now()) {}
        HashingGate* m_gate;
        std::chrono::steady_clock::time_point m_started;
    };

    explicit HashingGate(HashingLimits limits = {}) : m_limits(limits) {}
    HashingGate(const HashingGate&) = delete;
    HashingGate& operator=(const HashingGate&) = delete;

    // A turn, at once or after a wait in the queue; kTooManyRequests ("too many sign-ins at once;
    // try again in N s", N as RetryAfterSeconds) when the queue is full or the wait runs out.
    [[nodiscard]] Result<Turn> Enter();
    // HashSecret and VerifySecret (password_hash.hpp) in a turn.
    [[nodiscard]] Result<std::string> Hash(std::string_view secret);
    [[nodiscard]] Result<bool> Verify(std::string_view hash, std::string_view secret);

    // What a refusal's Retry-After says: the whole seconds in which a full gate drains, at the
    // hashes' measured pace (at least 1).
    [[nodiscard]] std::int64_t RetryAfterSeconds() const;
    [[nodiscard]] const HashingLimits& Limits() const { return m_limits; }
    // How many wait for a turn now.
    [[nodiscard]] std::size_t Waiting() const;

  private:
    void Leave(std::chrono::steady_clock::duration took);
    [[nodiscard]] std::int64_t RetryAfterSecondsLocked() const;
    [[nodiscard]] Error Busy() const;

    const HashingLimits m_limits;
    mutable std::mutex m_mutex;
    std::condition_variable m_turn_free;
    std::size_t m_running = 0;
    std::size_t m_waiting = 0;
    double m_average_ms = 250;  // until measured: a slow machine's interactive hash
};

}  // namespace tillbook::office
