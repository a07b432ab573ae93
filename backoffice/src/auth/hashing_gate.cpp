#include "tillbook/office/auth/hashing_gate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <thread>

#include "tillbook/office/password_hash.hpp"

namespace tillbook::office {

std::size_t HashingLimits::DefaultMaxRunning() {
    const unsigned cores = std::thread::hardware_concurrency();
    return std::clamp<std::size_t>(cores > 1 ? cores - 1 : 1, 1, 4);
}

HashingGate::Turn::~Turn() {
    if (m_gate) m_gate->Leave(std::chrono::steady_clock::now() - m_started);
}

Result<HashingGate::Turn> HashingGate::Enter() {
    std::unique_lock lock(m_mutex);
    // Nobody passes those already waiting.
    if (m_running < m_limits.max_running && m_waiting == 0) {
        ++m_running;
        return Turn(*this);
    }
    if (m_waiting >= m_limits.max_waiting) return std::unexpected(Busy());
    ++m_waiting;
    const bool free = m_turn_free.wait_for(lock, std::chrono::milliseconds(m_limits.max_wait_ms),
                                           [this] { return m_running < m_limits.max_running; });
    --m_waiting;
    if (!free) return std::unexpected(Busy());
    ++m_running;
    return Turn(*this);
}

void HashingGate::Leave(std::chrono::steady_clock::duration took) {
    {
        std::lock_guard lock(m_mutex);
        --m_running;
        const double ms = std::chrono::duration<double, std::milli>(took).count();
        m_average_ms += (ms - m_average_ms) / 4;
    }
    m_turn_free.notify_one();
}

Result<std::string> HashingGate::Hash(std::string_view secret) {
    auto turn = Enter();
    if (!turn) return std::unexpected(turn.error());
    return HashSecret(secret);
}

Result<bool> HashingGate::Verify(std::string_view hash, std::string_view secret) {
    auto turn = Enter();
    if (!turn) return std::unexpected(turn.error());
    return VerifySecret(hash, secret);
}

std::size_t HashingGate::Waiting() const {
    std::lock_guard lock(m_mutex);
    return m_waiting;
}

std::int64_t HashingGate::RetryAfterSeconds() const {
    std::lock_guard lock(m_mutex);
    return RetryAfterSecondsLocked();
}

std::int64_t HashingGate::RetryAfterSecondsLocked() const {
    const double turns = static_cast<double>(m_limits.max_running + m_limits.max_waiting);
    const double ms = m_average_ms * turns / static_cast<double>(m_limits.max_running);
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(ms / 1000)));
}

Error HashingGate::Busy() const {
    return MakeError(
        ErrorCode::kTooManyRequests,
        fmt::format("too many sign-ins at once; try again in {} s", RetryAfterSecondsLocked()));
}

}  // namespace tillbook::office
