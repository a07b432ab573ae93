#include "tillbook/pos/app/desk_search.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

namespace tillbook::pos::app {

namespace {

std::string_view Trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::string Lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    return out;
}

// The runs of digits of `text` split at `separator`, when that is all it is; else nothing.
std::optional<std::vector<std::string_view>> DigitGroups(std::string_view text, char separator) {
    std::vector<std::string_view> groups;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        const std::string_view group = text.substr(start, end - start);
        if (group.empty() || !std::all_of(group.begin(), group.end(), [](char c) {
                return std::isdigit(static_cast<unsigned char>(c)) != 0;
            }))
            return std::nullopt;
        groups.push_back(group);
        if (end == std::string_view::npos) return groups;
        start = end + 1;
    }
}

int Number(std::string_view digits) {
    int value = 0;
    for (const char c : digits)
        value = value * 10 + (c - '0');
    return value;
}

// A day written day first (06/12/2026, 6/12/26, 06.12.2026) or as ISO 8601 (2026-12-06); nothing
// when `text` is not shaped like one (an order number, a barcode).
std::optional<queries::CalendarDay> DayShaped(std::string_view text) {
    for (const char separator : {'/', '.'}) {
        const auto groups = DigitGroups(text, separator);
        if (!groups || groups->size() != 3) continue;
        const auto& g = *groups;
        if (g[0].size() > 2 || g[1].size() > 2 || (g[2].size() != 2 && g[2].size() != 4)) continue;
        const int year = Number(g[2]) + (g[2].size() == 2 ? 2000 : 0);
        return queries::CalendarDay{year, Number(g[1]), Number(g[0])};
    }
    // ISO only with its exact widths: an eBay order id (12-34567-89012) is not a day.
    const auto iso = DigitGroups(text, '-');
    if (iso && iso->size() == 3 && (*iso)[0].size() == 4 && (*iso)[1].size() == 2 &&
        (*iso)[2].size() == 2)
        return queries::CalendarDay{Number((*iso)[0]), Number((*iso)[1]), Number((*iso)[2])};
    return std::nullopt;
}

}  // namespace

Result<DeskQuery> ReadDeskQuery(std::string_view typed, const queries::CalendarDay& today) {
    const std::string_view text = Trim(typed);
    if (text.empty())
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      "Scan the receipt, or type an order number, an e-mail or a date"));
    const std::string lower = Lower(text);
    if (lower == "today") return DeskDay{today};
    if (lower == "yesterday") return DeskDay{queries::PreviousDay(today)};
    if (text.find('@') != std::string_view::npos) {
        auto email = queries::CheckSearchEmail(text);
        if (!email) return std::unexpected(email.error());
        return DeskEmail{std::move(*email)};
    }
    if (const auto day = DayShaped(text)) {
        if (auto ok = queries::CheckCalendarDay(*day); !ok) {
            return std::unexpected(MakeError(
                ErrorCode::kInvalidInput,
                fmt::format("{} is not a date: write the day first, as 06/12/2026", text), "date"));
        }
        return DeskDay{*day};
    }
    return DeskCode{std::string(text)};
}

std::string DayText(const queries::CalendarDay& day) {
    return fmt::format("{:02}/{:02}/{:04}", day.day, day.month, day.year);
}

}  // namespace tillbook::pos::app
