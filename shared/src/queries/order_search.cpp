#include "tillbook/queries/order_search.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "queries/each_row.hpp"
#include "tillbook/orders/local_time.hpp"

namespace tillbook::queries {

namespace {

constexpr std::size_t kLongestEmail = 254;

std::string_view Trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

Error BadEmail(std::string_view typed, std::string_view why) {
    return MakeError(ErrorCode::kInvalidInput,
                     fmt::format("\"{}\" is not an e-mail address: {}", typed, why), "email");
}

Error BadDay(std::string_view why) {
    return MakeError(ErrorCode::kInvalidInput, std::string(why), "date");
}

CalendarDay DayOf(std::int64_t days) {
    const orders::LocalDateTime local = orders::ToLocal(days * orders::kMillisPerDay, 0);
    return {local.year, local.month, local.day};
}

}  // namespace

Result<std::vector<OrderSearchHit>> SearchOrders(store::Database& db, const OrderSearch& search) {
    // Returnable as the ledger decides it (orders::HasReachedCustomer): these statuses, and a
    // line of goods not all of which came back.
    std::string reached;
    for (const orders::OrderStatus status : orders::kOrderStatuses) {
        if (!orders::HasReachedCustomer(status)) continue;
        reached += fmt::format("{}{}", reached.empty() ? "" : ", ", static_cast<int>(status));
    }
    const std::string where =
        search.email.empty() ? "placed_at >= ?1 AND placed_at < ?2" : "lower(customer_email) = ?1";
    auto q = db.Prepare(fmt::format(
        "SELECT id, number, channel, status, placed_at, customer_email, total_minor, currency, "
        "status IN ({}) AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND "
        "l.kind = {} AND l.returned_quantity < l.quantity) "
        "FROM orders o WHERE {} ORDER BY placed_at DESC, placed_seq DESC LIMIT {}",
        reached, static_cast<int>(orders::LineKind::kGoods), where, kOrderSearchLimit));
    if (!q) return std::unexpected(q.error());
    if (search.email.empty()) {
        q->Bind(1, search.from).Bind(2, search.to);
    } else {
        q->Bind(1, search.email);
    }
    std::vector<OrderSearchHit> hits;
    auto read = EachRow(*q, [&](const store::StatementUse& row) {
        hits.push_back({row.Text(0), row.Text(1), row.Text(2),
                        static_cast<orders::OrderStatus>(row.Int64(3)), row.Int64(4), row.Text(5),
                        row.Int64(6), row.Text(7), row.Int64(8) != 0});
    });
    if (!read) return std::unexpected(read.error());
    return hits;
}

Result<std::string> CheckSearchEmail(std::string_view typed) {
    const std::string_view email = Trim(typed);
    if (email.empty()) return std::unexpected(BadEmail(typed, "it is empty"));
    if (email.size() > kLongestEmail)
        return std::unexpected(BadEmail(email.substr(0, 40), "it is too long"));
    const auto at = email.find('@');
    if (at == std::string_view::npos) return std::unexpected(BadEmail(email, "it has no @"));
    if (email.find('@', at + 1) != std::string_view::npos)
        return std::unexpected(BadEmail(email, "it has more than one @"));
    if (at == 0) return std::unexpected(BadEmail(email, "nothing before the @"));
    const std::string_view domain = email.substr(at + 1);
    const auto dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0 || domain.back() == '.')
        return std::unexpected(BadEmail(email, "the part after the @ is not a domain"));
    if (std::any_of(email.begin(), email.end(), [](char c) {
            return std::isspace(static_cast<unsigned char>(c)) != 0 ||
                   std::iscntrl(static_cast<unsigned char>(c)) != 0;
        }))
        return std::unexpected(BadEmail(email, "it has a space in it"));
    std::string lower(email);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    return lower;
}

Result<CalendarDay> ParseIsoDay(std::string_view text) {
    const auto digits = [&](std::size_t from, std::size_t count) {
        int value = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::unexpected(
            BadDay(fmt::format("\"{}\" is not a day: write it as 2026-12-06", text.substr(0, 40))));
    const CalendarDay day{digits(0, 4), digits(5, 2), digits(8, 2)};
    if (day.year < 0 || day.month < 0 || day.day < 0)
        return std::unexpected(
            BadDay(fmt::format("\"{}\" is not a day: write it as 2026-12-06", text)));
    if (auto ok = CheckCalendarDay(day); !ok) return std::unexpected(ok.error());
    return day;
}

Status CheckCalendarDay(const CalendarDay& day) {
    if (day.year < 1 || day.year > 9999 || day.month < 1 || day.month > 12 || day.day < 1 ||
        day.day > orders::DaysInMonth(day.year, day.month))
        return std::unexpected(BadDay(fmt::format("{:02}/{:02}/{:04} is not a day of the calendar",
                                                  day.day, day.month, day.year)));
    return {};
}

CalendarDay NextDay(const CalendarDay& day) {
    return DayOf(orders::DaysFromCivil(day.year, day.month, day.day) + 1);
}

CalendarDay PreviousDay(const CalendarDay& day) {
    return DayOf(orders::DaysFromCivil(day.year, day.month, day.day) - 1);
}

CalendarDay DayAt(ids::UtcMillis at, std::string_view time_zone) {
    auto offset = orders::UtcOffsetMinutes(time_zone, at);
    const orders::LocalDateTime local = orders::ToLocal(at, offset ? *offset : 0);
    return {local.year, local.month, local.day};
}

Result<OrderSearch> DayInZone(const CalendarDay& day, std::string_view time_zone) {
    if (auto ok = CheckCalendarDay(day); !ok) return std::unexpected(ok.error());
    const CalendarDay next = NextDay(day);
    auto from = orders::FromLocal({day.year, day.month, day.day, 0, 0, 0, 1}, time_zone);
    if (!from) return std::unexpected(from.error());
    auto to = orders::FromLocal({next.year, next.month, next.day, 0, 0, 0, 1}, time_zone);
    if (!to) return std::unexpected(to.error());
    return OrderSearch{"", *from, *to};
}

}  // namespace tillbook::queries
