#pragma once
// Whether a golden-file test compares with its files or writes them. TILLBOOK_UPDATE_GOLDEN=1
// writes them, by hand, to be read before committing; under CI (CI set, as every CI service and
// .ci/run's caller does) it is refused, so a run can never rewrite the goldens it checks.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string_view>

namespace tillbook::testing {

enum class GoldenMode { kCompare, kWrite, kRefused };

// The mode for the values of TILLBOOK_UPDATE_GOLDEN and CI (nullptr: not set).
inline GoldenMode GoldenModeFor(const char* update_golden, const char* ci) {
    if (update_golden == nullptr || std::string_view(update_golden) != "1")
        return GoldenMode::kCompare;
    const bool under_ci = ci != nullptr && !std::string_view(ci).empty() &&
                          std::string_view(ci) != "0" && std::string_view(ci) != "false";
    return under_ci ? GoldenMode::kRefused : GoldenMode::kWrite;
}

// True when this run writes the golden files; fails the test when asked to under CI.
inline bool WritingGoldenFiles() {
    const GoldenMode mode = GoldenModeFor(std::getenv("TILLBOOK_UPDATE_GOLDEN"), std::getenv("CI"));
    REQUIRE_MESSAGE(mode != GoldenMode::kRefused,
                    "TILLBOOK_UPDATE_GOLDEN=1 is refused under CI: a run must not rewrite the "
                    "golden files it checks");
    return mode == GoldenMode::kWrite;
}

}  // namespace tillbook::testing
