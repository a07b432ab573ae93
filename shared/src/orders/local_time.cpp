#include "tillbook/orders/local_time.hpp"

#include <fmt/format.h>

#include <array>
#include <cassert>
#include <string>

namespace tillbook::orders {

namespace {

struct ZoneRule {
    std::string_view name;
    std::int64_t standard_offset_minutes;
    bool eu_summer_time;
};

constexpr std::array kZones{
    ZoneRule{"UTC", 0, false},
    ZoneRule{"Europe/London", 0, true},
    ZoneRule{"Europe/Dublin", 0, true},
    ZoneRule{"Europe/Lisbon", 0, true},
    ZoneRule{"Europe/Paris", 60, true},
    ZoneRule{"Europe/Berlin", 60, true},
    ZoneRule{"Europe/Madrid", 60, true},
    ZoneRule{"Europe/Rome", 60, true},
    ZoneRule{"Europe/Amsterdam", 60, true},
    ZoneRule{"Europe/Brussels", 60, true},
    ZoneRule{"Europe/Vienna", 60, true},
    ZoneRule{"Europe/Stockholm", 60, true},
    ZoneRule{"Europe/Copenhagen", 60, true},
    ZoneRule{"Europe/Oslo", 60, true},
    ZoneRule{"Europe/Warsaw", 60, true},
    ZoneRule{"Europe/Prague", 60, true},
    ZoneRule{"Europe/Zurich", 60, true},
    ZoneRule{"Europe/Helsinki", 120, true},
    ZoneRule{"Europe/Athens", 120, true},
};

constexpr std::int64_t kSummerShiftMinutes = 60;
constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

struct CivilDate {
    int year;
    int month;
    int day;
};

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
    return a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);
}

// The inverse of DaysFromCivil (Howard Hinnant's algorithm).
CivilDate CivilFromDays(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return CivilDate{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

// 1 = Monday .. 7 = Sunday.
int IsoWeekday(std::int64_t days) {
    const std::int64_t since_monday = days + 3;  // 1970-01-01 was a Thursday
    return static_cast<int>(since_monday - FloorDiv(since_monday, 7) * 7) + 1;
}

// 01:00 UTC on the last Sunday of `month` in `year`.
ids::UtcMillis SwitchInstant(int year, int month) {
    const std::int64_t last_day = DaysFromCivil(year, month, DaysInMonth(year, month));
    const std::int64_t last_sunday = last_day - (IsoWeekday(last_day) % 7);
    return last_sunday * kMillisPerDay + 60 * kMillisPerMinute;
}

std::string KnownZoneNames() {
    std::string names;
    for (const ZoneRule& zone : kZones) {
        if (!names.empty()) names += ", ";
        names += zone.name;
    }
    return names;
}

Result<const ZoneRule*> FindZone(std::string_view time_zone) {
    for (const ZoneRule& zone : kZones) {
        if (zone.name == time_zone) return &zone;
    }
    return std::unexpected(
        MakeError(ErrorCode::kUnsupported,
                  fmt::format("unknown time zone \"{}\": only these are known: {}", time_zone,
                              KnownZoneNames()),
                  "time_zone"));
}

constexpr ids::UtcMillis kMinInstant = -62135596800000;  // 0001-01-01T00:00:00Z
constexpr ids::UtcMillis kEndInstant = 253402300800000;  // 10000-01-01T00:00:00Z

}  // namespace

int DaysInMonth(int year, int month) {
    static constexpr std::array kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    assert(month >= 1 && month <= 12);
    return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::int64_t DaysFromCivil(int year, int month, int day) {
    std::int64_t y = year;
    y -= month <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Result<std::int64_t> UtcOffsetMinutes(std::string_view time_zone, ids::UtcMillis at) {
    const auto zone = FindZone(time_zone);
    if (!zone) return std::unexpected(zone.error());
    if (at < kMinInstant || at >= kEndInstant) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("{} ms is outside the years 0001-9999", at)));
    }
    const ZoneRule& rule = **zone;
    if (!rule.eu_summer_time) return rule.standard_offset_minutes;
    const int year = CivilFromDays(FloorDiv(at, kMillisPerDay)).year;
    const bool summer = at >= SwitchInstant(year, 3) && at < SwitchInstant(year, 10);
    return rule.standard_offset_minutes + (summer ? kSummerShiftMinutes : 0);
}

LocalDateTime ToLocal(ids::UtcMillis at, std::int64_t offset_minutes) {
    assert(offset_minutes > -24 * 60 && offset_minutes < 24 * 60);
    // Split before shifting so that no sum can overflow.
    std::int64_t days = FloorDiv(at, kMillisPerDay);
    std::int64_t millis_of_day = at - days * kMillisPerDay + offset_minutes * kMillisPerMinute;
    const std::int64_t carry = FloorDiv(millis_of_day, kMillisPerDay);
    days += carry;
    millis_of_day -= carry * kMillisPerDay;

    const CivilDate date = CivilFromDays(days);
    const std::int64_t seconds_of_day = millis_of_day / 1000;
    LocalDateTime local;
    local.year = date.year;
    local.month = date.month;
    local.day = date.day;
    local.hour = static_cast<int>(seconds_of_day / 3600);
    local.minute = static_cast<int>(seconds_of_day / 60 % 60);
    local.second = static_cast<int>(seconds_of_day % 60);
    local.weekday = IsoWeekday(days);
    return local;
}

Result<ids::UtcMillis> FromLocal(const LocalDateTime& local, std::string_view time_zone) {
    const auto zone = FindZone(time_zone);
    if (!zone) return std::unexpected(zone.error());
    const auto bad = [&](std::string_view field, std::string_view why) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("local time {:04}-{:02}-{:02} {:02}:{:02}:{:02}: {}", local.year,
                        local.month, local.day, local.hour, local.minute, local.second, why),
            std::string(field)));
    };
    if (local.year < kMinYear || local.year > kMaxYear) return bad("year", "year not in 1-9999");
    if (local.month < 1 || local.month > 12) return bad("month", "month not in 1-12");
    if (local.day < 1 || local.day > DaysInMonth(local.year, local.month))
        return bad("day", "no such day in that month");
    if (local.hour < 0 || local.hour > 23) return bad("hour", "hour not in 0-23");
    if (local.minute < 0 || local.minute > 59) return bad("minute", "minute not in 0-59");
    if (local.second < 0 || local.second > 59) return bad("second", "second not in 0-59");

    // The wall-clock reading as if it were UTC; the real instant is this minus the offset.
    const ids::UtcMillis wall =
        DaysFromCivil(local.year, local.month, local.day) * kMillisPerDay +
        ((local.hour * 60 + local.minute) * 60 + local.second) * std::int64_t{1000};
    const ZoneRule& rule = **zone;
    const std::int64_t standard = rule.standard_offset_minutes;
    const std::int64_t summer = standard + (rule.eu_summer_time ? kSummerShiftMinutes : 0);

    // Summer time first, so that a repeated autumn hour resolves to its first occurrence.
    for (const std::int64_t offset : {summer, standard}) {
        const ids::UtcMillis candidate = wall - offset * kMillisPerMinute;
        const auto actual = UtcOffsetMinutes(time_zone, candidate);
        if (!actual) return std::unexpected(actual.error());
        if (*actual == offset) return candidate;
    }
    // In the skipped spring hour: read it on standard time, which lands an hour later on the
    // clocks (01:30 -> 02:30 summer time).
    const ids::UtcMillis moved = wall - standard * kMillisPerMinute;
    if (moved < kMinInstant || moved >= kEndInstant) return bad("year", "year not in 1-9999");
    return moved;
}

}  // namespace tillbook::orders
