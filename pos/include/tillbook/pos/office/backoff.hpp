#pragma once
// How long the sync worker waits before trying an office that did not answer, or answered that it
// is busy: 1 s, doubling to at most 60 s, each spread by ±20% so that tills that lost the office
// together do not come back together; the office's Retry-After when it gave one (never less).
#include <chrono>
#include <optional>

namespace tillbook::pos::office {

inline constexpr std::chrono::milliseconds kFirstRetry{1000};
inline constexpr std::chrono::milliseconds kLongestRetry{60000};
inline constexpr int kJitterPercent = 20;

// `failures`: failed tries in a row, 1 for the first. `jitter`: where in the spread this wait
// falls, from -1.0 (20% sooner) to 1.0 (20% later); the worker draws it at random. The office's
// `retry_after` is a floor (it may ask for more than 60 s).
[[nodiscard]] std::chrono::milliseconds RetryDelay(
    int failures, double jitter, std::optional<std::chrono::seconds> retry_after = std::nullopt);

}  // namespace tillbook::pos::office
