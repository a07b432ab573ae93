#pragma once
// Small POSIX helpers the device readers and the TCP transport share: errno in words, the
// milliseconds poll() should wait for a deadline, and what a failed open() of a device node means.
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>

#include "tillbook/core/error.hpp"

namespace tillbook::drivers::posix {

using Clock = std::chrono::steady_clock;

[[nodiscard]] inline std::string ErrnoText(int error) {
    return std::string(std::strerror(error));
}

// Milliseconds left until `deadline` as poll() wants them, never negative; rounded up, so that
// poll() never gives up before the deadline.
[[nodiscard]] inline int MillisLeft(Clock::time_point deadline) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return 0;
    return static_cast<int>(std::min<std::chrono::milliseconds::rep>(left.count(), 1'000'000));
}

// The error code for an open() of a device node that failed with `error`.
[[nodiscard]] inline ErrorCode CodeOfOpenError(int error) {
    switch (error) {
        case EACCES:
        case EPERM:
            return ErrorCode::kForbidden;  // needs a group (dialout, input) or a udev rule
        case EBUSY:
            return ErrorCode::kConflict;
        default:
            return ErrorCode::kNotFound;  // ENOENT, ENODEV, ENXIO: not plugged in
    }
}

}  // namespace tillbook::drivers::posix
