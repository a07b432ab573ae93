#include "tillbook/ids/clock.hpp"

#include <fmt/format.h>

#include <chrono>
#include <string>

namespace tillbook::ids {

UtcMillis SystemClock::Now() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm, re-derived).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool IsLeap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int DaysInMonth(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `count` digits at `pos`; false if any is not a digit.
bool ReadDigits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > text.size()) return false;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

}  // namespace

std::string FormatIso8601(UtcMillis at) {
    const std::chrono::sys_time<std::chrono::milliseconds> tp{std::chrono::milliseconds{at}};
    const auto day = std::chrono::floor<std::chrono::days>(tp);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{tp - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                       hms.subseconds().count());
}

Result<UtcMillis> ParseIso8601(std::string_view text, bool assume_utc_without_zone) {
    const auto bad = [&](std::string_view why) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, fmt::format("\"{}\": {}", text, why)));
    };
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!ReadDigits(text, 0, 4, year) || text.size() < 19 || text[4] != '-' ||
        !ReadDigits(text, 5, 2, month) || text[7] != '-' || !ReadDigits(text, 8, 2, day) ||
        (text[10] != 'T' && text[10] != ' ') || !ReadDigits(text, 11, 2, hour) || text[13] != ':' ||
        !ReadDigits(text, 14, 2, minute) || text[16] != ':' || !ReadDigits(text, 17, 2, second)) {
        return bad("not an ISO 8601 date-time (YYYY-MM-DDThh:mm:ss)");
    }
    if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 ||
        minute > 59 || second > 59) {
        return bad("date or time out of range");
    }
    std::size_t pos = 19;
    std::int64_t millis = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 3) millis = millis * 10 + (text[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0) return bad("a '.' with no fraction digits");
        for (int i = digits; i < 3; ++i)
            millis *= 10;
    }
    std::int64_t offset_minutes = 0;
    if (pos == text.size()) {
        if (!assume_utc_without_zone) return bad("no time zone (expected 'Z' or an offset)");
    } else if (text[pos] == 'Z' && pos + 1 == text.size()) {
    } else if ((text[pos] == '+' || text[pos] == '-') && pos + 6 == text.size() &&
               text[pos + 3] == ':') {
        int oh = 0, om = 0;
        if (!ReadDigits(text, pos + 1, 2, oh) || !ReadDigits(text, pos + 4, 2, om) || oh > 23 ||
            om > 59) {
            return bad("bad time zone offset");
        }
        offset_minutes = (text[pos] == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
        return bad("unexpected characters after the time");
    }
    const std::int64_t days =
        DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second;
    return (seconds - offset_minutes * 60) * 1000 + millis;
}

}  // namespace tillbook::ids
