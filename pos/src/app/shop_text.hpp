#pragma once
// The few ways the till writes amounts, times and ages for people, in one place, so that every
// screen says "£11.45" and "14:02" the same way (and as the receipt does).
#include <cstdint>
#include <string>
#include <string_view>

#include "tillbook/ids/clock.hpp"
#include "tillbook/money/money.hpp"

namespace tillbook::pos::app {

// "£11.45", "-£1.00", "€3.20", "CHF 4.00": money::FormatMoney with the currency's sign.
[[nodiscard]] std::string Amount(const money::Money& amount);
// "14:02" in `time_zone` (UTC when the zone is unknown).
[[nodiscard]] std::string ClockTime(ids::UtcMillis at, std::string_view time_zone);
// "06/12/2026 14:03" in `time_zone`, as receipts print it.
[[nodiscard]] std::string DateTime(ids::UtcMillis at, std::string_view time_zone);
// "40 s", "2 min", "3 h", "2 days".
[[nodiscard]] std::string Age(std::int64_t millis);

}  // namespace tillbook::pos::app
