#pragma once
// Local wall-clock time for the few zones the shop needs, by hand: GCC 12's libstdc++ has no
// std::chrono time-zone database. "UTC" plus the European zones on the EU summer-time rule (clocks
// change at 01:00 UTC on the last Sunday of March and of October). The current rule is applied to
// every year, so offsets before 1996 may differ from history; fine for orders and despatch dates.
#include <cstdint>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"

namespace tillbook::orders {

inline constexpr std::int64_t kMillisPerMinute = 60 * 1000;
inline constexpr std::int64_t kMillisPerDay = 24 * 60 * kMillisPerMinute;

// The offset of local time from UTC at the instant `at`, in minutes (London in summer: +60).
// Errors: kUnsupported for a zone not in the list above (the message lists the known ones);
// kInvalidInput for an instant outside the years 0001-9999.
[[nodiscard]] Result<std::int64_t> UtcOffsetMinutes(std::string_view time_zone, ids::UtcMillis at);

// A wall-clock date and time in some zone, to the second.
struct LocalDateTime {
    int year = 1970;
    int month = 1;  // 1-12
    int day = 1;    // 1-31
    int hour = 0;
    int minute = 0;
    int second = 0;
    int weekday = 4;  // 1 = Monday .. 7 = Sunday (1970-01-01 was a Thursday)

    bool operator==(const LocalDateTime&) const = default;
};

// `at` shifted by `offset_minutes` (from UtcOffsetMinutes) and split into fields; milliseconds are
// dropped. Precondition: |offset_minutes| < 24 h.
[[nodiscard]] LocalDateTime ToLocal(ids::UtcMillis at, std::int64_t offset_minutes);

// The instant at which the clocks in `time_zone` show `local` (`weekday` is ignored).
// - A time in the hour skipped in spring moves forward by the hour: London 01:30 on the March
//   switch day is 02:30 BST (= 01:30 UTC).
// - A time in the hour repeated in autumn is its first occurrence, still on summer time: London
//   01:30 on the October switch day is 01:30 BST (= 00:30 UTC).
// Errors: as UtcOffsetMinutes; kInvalidInput for fields out of range (month 13, 30 February,
// hour 24, ...) or a year outside 1-9999.
[[nodiscard]] Result<ids::UtcMillis> FromLocal(const LocalDateTime& local,
                                               std::string_view time_zone);

// Calendar helpers (proleptic Gregorian).
[[nodiscard]] int DaysInMonth(int year, int month);
// Days since 1970-01-01 (negative before). Fields must be a valid date.
[[nodiscard]] std::int64_t DaysFromCivil(int year, int month, int day);

}  // namespace tillbook::orders
