#include "tillbook/orders/despatch_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <utility>

#include "tillbook/orders/local_time.hpp"

namespace tillbook::orders {

namespace {

constexpr int kMaxBusinessDays = 30;
// Finite holidays mean a business day always comes; this only stops a runaway loop.
constexpr std::int64_t kMaxSearchDays = 3660;

std::optional<int> ReadUnsigned(std::string_view text) {
    if (text.empty() || text.size() > 9) return std::nullopt;
    if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    int value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

// Days since 1970-01-01 for a strict "YYYY-MM-DD" (year 0001-9999).
std::optional<std::int64_t> ParseLocalDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto year = ReadUnsigned(text.substr(0, 4));
    const auto month = ReadUnsigned(text.substr(5, 2));
    const auto day = ReadUnsigned(text.substr(8, 2));
    if (!year || !month || !day || *year < 1 || *month < 1 || *month > 12 || *day < 1 ||
        *day > DaysInMonth(*year, *month)) {
        return std::nullopt;
    }
    return DaysFromCivil(*year, *month, *day);
}

Status CheckRange(int value, int max, std::string_view field, std::string_view what) {
    if (value >= 0 && value <= max) return {};
    return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                     fmt::format("{}: {} is not in 0-{}", what, value, max),
                                     std::string(field)));
}

class BusinessCalendar {
  public:
    explicit BusinessCalendar(std::vector<std::int64_t> holidays)
        : m_holidays(std::move(holidays)) {
        std::sort(m_holidays.begin(), m_holidays.end());
    }

    [[nodiscard]] bool IsBusinessDay(std::int64_t day) const {
        const int weekday = ToLocal(day * kMillisPerDay, 0).weekday;
        return weekday <= 5 && !std::binary_search(m_holidays.begin(), m_holidays.end(), day);
    }

    // The first business day strictly after `day`.
    [[nodiscard]] Result<std::int64_t> Next(std::int64_t day) const {
        for (std::int64_t step = 1; step <= kMaxSearchDays; ++step) {
            if (IsBusinessDay(day + step)) return day + step;
        }
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "no business day within ten years", "holidays"));
    }

    [[nodiscard]] Result<std::int64_t> Advance(std::int64_t day, int business_days) const {
        for (int i = 0; i < business_days; ++i) {
            const auto next = Next(day);
            if (!next) return next;
            day = *next;
        }
        return day;
    }

  private:
    std::vector<std::int64_t> m_holidays;  // days since 1970-01-01, sorted
};

Result<ids::UtcMillis> LocalInstant(std::int64_t day, int hour, int minute, int second,
                                    std::string_view time_zone) {
    LocalDateTime local = ToLocal(day * kMillisPerDay, 0);
    local.hour = hour;
    local.minute = minute;
    local.second = second;
    return FromLocal(local, time_zone);
}

}  // namespace

Status ValidateDespatchRule(const DespatchRule& rule) {
    if (const auto zone = UtcOffsetMinutes(rule.time_zone, 0); !zone)
        return std::unexpected(zone.error());
    if (auto ok = CheckRange(rule.cutoff_hour, 23, "cutoff_hour", "cut-off hour"); !ok) return ok;
    if (auto ok = CheckRange(rule.cutoff_minute, 59, "cutoff_minute", "cut-off minute"); !ok)
        return ok;
    if (auto ok = CheckRange(rule.handling_business_days, kMaxBusinessDays,
                             "handling_business_days", "handling days");
        !ok) {
        return ok;
    }
    if (auto ok = CheckRange(rule.transit_business_days, kMaxBusinessDays, "transit_business_days",
                             "transit days");
        !ok) {
        return ok;
    }
    for (std::size_t i = 0; i < rule.holidays.size(); ++i) {
        if (!ParseLocalDate(rule.holidays[i])) {
            return std::unexpected(
                MakeError(ErrorCode::kInvalidInput,
                          fmt::format("holiday {:?} is not a date (YYYY-MM-DD)", rule.holidays[i]),
                          fmt::format("holidays[{}]", i)));
        }
    }
    return {};
}

Result<Deadlines> ComputeDeadlines(ids::UtcMillis placed_at, const DespatchRule& rule) {
    if (auto ok = ValidateDespatchRule(rule); !ok) return std::unexpected(ok.error());
    const auto offset = UtcOffsetMinutes(rule.time_zone, placed_at);
    if (!offset) return std::unexpected(offset.error());

    std::vector<std::int64_t> holidays;
    holidays.reserve(rule.holidays.size());
    for (const std::string& holiday : rule.holidays)
        holidays.push_back(*ParseLocalDate(holiday));  // validated above
    const BusinessCalendar calendar(std::move(holidays));

    // The local date and time of day, to the millisecond, so 13:59:59.999 is before 14:00.
    const ids::UtcMillis local = placed_at + *offset * kMillisPerMinute;
    const std::int64_t local_day = local / kMillisPerDay - (local % kMillisPerDay < 0 ? 1 : 0);
    const std::int64_t millis_of_day = local - local_day * kMillisPerDay;
    const std::int64_t cutoff_millis =
        (rule.cutoff_hour * 60 + rule.cutoff_minute) * kMillisPerMinute;

    std::int64_t received = local_day;
    if (!calendar.IsBusinessDay(local_day) || millis_of_day >= cutoff_millis) {
        const auto next = calendar.Next(local_day);
        if (!next) return std::unexpected(next.error());
        received = *next;
    }
    const auto despatch_day = calendar.Advance(received, rule.handling_business_days);
    if (!despatch_day) return std::unexpected(despatch_day.error());
    const auto delivery_day = calendar.Advance(*despatch_day, rule.transit_business_days);
    if (!delivery_day) return std::unexpected(delivery_day.error());

    const auto despatch_by =
        LocalInstant(*despatch_day, rule.cutoff_hour, rule.cutoff_minute, 0, rule.time_zone);
    if (!despatch_by) return std::unexpected(despatch_by.error());
    const auto deliver_by = LocalInstant(*delivery_day, 23, 59, 59, rule.time_zone);
    if (!deliver_by) return std::unexpected(deliver_by.error());
    return Deadlines{*despatch_by, *deliver_by};
}

Result<DespatchRule> ParseDespatchRule(std::string_view text) {
    const auto bad = [&](std::string_view why, std::string_view field) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, std::string(why), std::string(field))
                .WithContext(fmt::format("despatch rule {:?}", text)));
    };
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t space = text.find(' ', start);
        parts.push_back(text.substr(start, space - start));
        if (space == std::string_view::npos) break;
        start = space + 1;
    }
    if (parts.size() < 4 || parts.size() > 5)
        return bad("expected \"<zone> <hh:mm> +<handling days> +<transit days> [<holidays>]\"", "");
    for (const std::string_view part : parts) {
        if (part.empty()) return bad("fields must be separated by single spaces", "");
    }

    DespatchRule rule;
    rule.time_zone = std::string(parts[0]);

    const std::string_view cutoff = parts[1];
    const auto hour =
        cutoff.size() == 5 && cutoff[2] == ':' ? ReadUnsigned(cutoff.substr(0, 2)) : std::nullopt;
    const auto minute = cutoff.size() == 5 ? ReadUnsigned(cutoff.substr(3, 2)) : std::nullopt;
    if (!hour || !minute) return bad("cut-off must be hh:mm", "cutoff_hour");
    rule.cutoff_hour = *hour;
    rule.cutoff_minute = *minute;

    const auto read_days = [&](std::string_view part) -> std::optional<int> {
        if (part.front() != '+') return std::nullopt;
        return ReadUnsigned(part.substr(1));
    };
    const auto handling = read_days(parts[2]);
    if (!handling) return bad("handling days must be +N with N in 0-30", "handling_business_days");
    rule.handling_business_days = *handling;
    const auto transit = read_days(parts[3]);
    if (!transit) return bad("transit days must be +N with N in 0-30", "transit_business_days");
    rule.transit_business_days = *transit;

    if (parts.size() == 5) {
        std::string_view list = parts[4];
        while (true) {
            const std::size_t comma = list.find(',');
            rule.holidays.emplace_back(list.substr(0, comma));
            if (comma == std::string_view::npos) break;
            list.remove_prefix(comma + 1);
        }
    }
    if (auto ok = ValidateDespatchRule(rule); !ok)
        return std::unexpected(ok.error().WithContext(fmt::format("despatch rule {:?}", text)));
    return rule;
}

std::string FormatDespatchRule(const DespatchRule& rule) {
    std::string text =
        fmt::format("{} {:02}:{:02} +{} +{}", rule.time_zone, rule.cutoff_hour, rule.cutoff_minute,
                    rule.handling_business_days, rule.transit_business_days);
    for (std::size_t i = 0; i < rule.holidays.size(); ++i) {
        text += i == 0 ? ' ' : ',';
        text += rule.holidays[i];
    }
    return text;
}

}  // namespace tillbook::orders
