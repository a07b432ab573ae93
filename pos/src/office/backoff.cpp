#include "tillbook/pos/office/backoff.hpp"

#include <algorithm>

namespace tillbook::pos::office {

std::chrono::milliseconds RetryDelay(int failures, double jitter,
                                     std::optional<std::chrono::seconds> retry_after) {
    std::chrono::milliseconds base = kFirstRetry;
    for (int i = 1; i < failures && base < kLongestRetry; ++i)
        base *= 2;
    base = std::min(base, kLongestRetry);
    const double spread = std::clamp(jitter, -1.0, 1.0) * kJitterPercent / 100.0;
    const auto wait = std::chrono::milliseconds(
        static_cast<std::int64_t>(static_cast<double>(base.count()) * (1.0 + spread)));
    if (retry_after) return std::max(wait, std::chrono::milliseconds(*retry_after));
    return wait;
}

}  // namespace tillbook::pos::office
