#pragma once
// What the back office takes from a till's clock and counter (docs/sync-protocol.md, "What a
// push may carry"): an event's time near the back office's clock, and its origin_seq near the
// till's highest already recorded. Anything else is refused, per event.
#include <cstdint>

#include "tillbook/core/error.hpp"

namespace tillbook::sync {

// 2020-01-01T00:00:00Z: no till event is older than the shop's software.
inline constexpr std::int64_t kEarliestOccurredAt = 1'577'836'800'000;
// A till's clock may run ahead of the back office's by up to a day.
inline constexpr std::int64_t kMostAheadMillis = 24 * 60 * 60 * 1000;
// origin_seq may run up to this far past the highest the back office holds of that origin.
inline constexpr std::int64_t kOriginSeqWindow = 10'000;

// kInvalidInput (field "occurred_at") unless kEarliestOccurredAt <= occurred_at <= now + a day.
[[nodiscard]] Status CheckOccurredAt(std::int64_t occurred_at, std::int64_t now);

// kInvalidInput (field "origin_seq") when origin_seq is more than kOriginSeqWindow past
// `highest` (0 when nothing of the origin is recorded yet).
[[nodiscard]] Status CheckOriginSeq(std::int64_t origin_seq, std::int64_t highest);

}  // namespace tillbook::sync
