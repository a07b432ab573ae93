#pragma once
// The figures every benchmark prints: a percentile of its samples (nearest rank below, no
// interpolation) and a duration in milliseconds.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

namespace tillbook::bench {

// The `fraction` (0 to 1) percentile of `values`, which must not be empty.
[[nodiscard]] inline double Percentile(std::vector<double> values, double fraction) {
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1))];
}

template <class Rep, class Period>
[[nodiscard]] double Millis(std::chrono::duration<Rep, Period> duration) {
    return std::chrono::duration<double, std::milli>(duration).count();
}

}  // namespace tillbook::bench
