#include "tillbook/queries/order_list.hpp"

#include <fmt/format.h>

#include <charconv>
#include <variant>

namespace tillbook::queries {

namespace {

using Value = std::variant<std::int64_t, std::string>;

// "status IN (1, 2, 3, 4)": the statuses still open for despatch, from the one predicate, written
// as literals so that SQLite can use the partial indexes over them.
std::string OpenForDespatch() {
    std::string in;
    for (const orders::OrderStatus status : orders::kOrderStatuses) {
        if (!orders::IsOpenForDespatch(status)) continue;
        in += fmt::format("{}{}", in.empty() ? "" : ", ", static_cast<int>(status));
    }
    return fmt::format("status IN ({})", in);
}

// The sort key of each sort, as the indexes hold it.
std::string_view SortKey(OrderSort sort) {
    return sort == OrderSort::kNewest ? "placed_at" : "coalesce(despatch_by, placed_at)";
}

// The order's text columns as the index orders_by_text holds them (migration 7): SQLite's lower()
// folds ASCII letters only, as AsciiCase does.
constexpr std::string_view kSearchText =
    "lower(number || ' ' || external_id || ' ' || customer_email || ' ' || customer_name)";

std::string AsciiCase(std::string text, bool upper) {
    for (char& c : text) {
        if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

// The end of today for each order, by its location, else its channel (see DeadlineZones).
std::string EndOfTodayCase(const DeadlineZones& zones, std::vector<Value>& values) {
    std::string sql = "CASE location_id";
    for (const auto& [location, end] : zones.ByLocation()) {
        sql += " WHEN ? THEN ?";
        values.emplace_back(location);
        values.emplace_back(end);
    }
    sql += " ELSE CASE channel";
    for (const auto& [channel, end] : zones.ByChannel()) {
        sql += " WHEN ? THEN ?";
        values.emplace_back(channel);
        values.emplace_back(end);
    }
    sql += " ELSE ? END END";
    values.emplace_back(zones.Fallback());
    return sql;
}

// The WHERE clause of `filter` and the values it binds, in order. Every value is bound: the text
// depends only on which filters are given, so the statement cache holds one statement per shape.
std::string Where(const OrderListFilter& filter, const DeadlineZones& zones,
                  std::vector<Value>& values) {
    std::string where = "1";
    // With a deadline filter the open orders' partial indexes are the narrowest way in (few
    // orders are open): '+' keeps SQLite from walking a channel's or status's every order instead.
    const std::string_view narrow = filter.deadline == DeadlineFilter::kAny ? "" : "+";
    if (filter.channel) {
        where += fmt::format(" AND {}channel = ?", narrow);
        values.emplace_back(*filter.channel);
    }
    if (filter.text) {
        // The text columns through their covering index alone (a scan of it without the table),
        // the SKUs through theirs; instr() takes '%' and '_' as themselves.
        where += fmt::format(
            " AND (rowid IN (SELECT rowid FROM orders INDEXED BY orders_by_text WHERE instr({}, ?) "
            "> 0) OR id IN (SELECT order_id FROM order_lines WHERE sku IN (?, ?)))",
            kSearchText);
        values.emplace_back(AsciiCase(*filter.text, false));
        values.emplace_back(*filter.text);
        values.emplace_back(AsciiCase(*filter.text, true));
    }
    if (filter.needs_attention) where += " AND attention <> ''";
    if (filter.deadline != DeadlineFilter::kAny)
        where += " AND despatch_by IS NOT NULL AND " + OpenForDespatch();
    if (filter.deadline == DeadlineFilter::kOverdue) {
        where += " AND despatch_by < ?";
        values.emplace_back(filter.now);
    }
    if (filter.deadline == DeadlineFilter::kToday) {
        values.emplace_back(filter.now);
        where += " AND despatch_by >= ? AND despatch_by < " + EndOfTodayCase(zones, values);
    }
    if (filter.status) {
        where += fmt::format(" AND {}status = ?", narrow);
        values.emplace_back(static_cast<std::int64_t>(*filter.status));
    }
    if (filter.placed_from) {
        where += " AND placed_at >= ?";
        values.emplace_back(*filter.placed_from);
    }
    if (filter.placed_to) {
        where += " AND placed_at < ?";
        values.emplace_back(*filter.placed_to);
    }
    if (filter.after) {
        // (key, placed_seq) beyond the cursor's, written so that the key's index is searched.
        const bool newest = filter.sort == OrderSort::kNewest;
        where += fmt::format(" AND {0} {1}= ? AND ({0} {1} ? OR placed_seq {1} ?)",
                             SortKey(filter.sort), newest ? "<" : ">");
        values.emplace_back(filter.after->key);
        values.emplace_back(filter.after->key);
        values.emplace_back(filter.after->seq);
    }
    return where;
}

}  // namespace

std::string FormatCursor(const OrderListCursor& cursor) {
    return fmt::format("{}{}.{}", cursor.sort == OrderSort::kNewest ? 'n' : 'd', cursor.key,
                       cursor.seq);
}

Result<OrderListCursor> ParseCursor(std::string_view text) {
    const auto bad = [] {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "after: not a cursor of this list (use the \"next\" of "
                                         "the page before)",
                                         "after"));
    };
    if (text.size() < 4 || (text[0] != 'd' && text[0] != 'n')) return bad();
    OrderListCursor cursor;
    cursor.sort = text[0] == 'n' ? OrderSort::kNewest : OrderSort::kDeadline;
    const char* end = text.data() + text.size();
    const char* at = text.data() + 1;
    auto key = std::from_chars(at, end, cursor.key);
    if (key.ec != std::errc{} || key.ptr == end || *key.ptr != '.') return bad();
    auto seq = std::from_chars(key.ptr + 1, end, cursor.seq);
    if (seq.ec != std::errc{} || seq.ptr != end || key.ptr + 1 == end || key.ptr[1] == '-')
        return bad();
    return cursor;
}

Result<OrderListPage> ListOrders(store::Database& db, const OrderListFilter& filter) {
    if (filter.limit < 1 || filter.limit > kOrderListMaxLimit)
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("limit: {} is not between 1 and {}", filter.limit, kOrderListMaxLimit),
            "limit"));
    if (filter.after && filter.after->sort != filter.sort)
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput, "after: this cursor was made for the other sort", "after"));
    auto zones = DeadlineZones::Load(db, filter.now);
    if (!zones) return std::unexpected(zones.error());
    std::vector<Value> values;
    const std::string_view direction = filter.sort == OrderSort::kNewest ? " DESC" : "";
    const std::string sql = fmt::format(
        "SELECT id, number, channel, external_id, status, total_minor, currency, despatch_by, "
        "attention, customer_name, customer_email, placed_at, location_id, placed_seq, {0} "
        "FROM orders WHERE {1} ORDER BY {0}{2}, placed_seq{2} LIMIT ?",
        SortKey(filter.sort), Where(filter, *zones, values), direction);
    values.emplace_back(filter.limit + 1);
    auto q = db.Prepare(sql);
    if (!q) return std::unexpected(q.error());
    int index = 0;
    for (const Value& value : values)
        std::visit([&](const auto& v) { q->Bind(++index, v); }, value);
    OrderListPage page;
    OrderListCursor last{filter.sort, 0, 0};
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        if (static_cast<std::int64_t>(page.orders.size()) == filter.limit) {
            page.next = last;  // a row beyond the page: there is a next one
            break;
        }
        OrderListEntry entry;
        entry.id = q->Text(0);
        entry.number = q->Text(1);
        entry.channel = q->Text(2);
        entry.external_id = q->Text(3);
        entry.status = static_cast<orders::OrderStatus>(q->Int64(4));
        entry.total_minor = q->Int64(5);
        entry.currency = q->Text(6);
        entry.despatch_by = q->OptionalInt64(7);
        entry.needs_attention = !q->Text(8).empty();
        entry.customer_name = q->Text(9);
        entry.customer_email = q->Text(10);
        entry.placed_at = q->Int64(11);
        const std::string location_id = q->Text(12);
        entry.location = zones->LocationCode(location_id);
        entry.deadline = zones->Light(location_id, entry.channel, entry.status, entry.despatch_by);
        entry.overdue = entry.deadline == DeadlineLight::kOverdue;
        last.key = q->Int64(14);
        last.seq = q->Int64(13);
        page.orders.push_back(std::move(entry));
    }
    return page;
}

}  // namespace tillbook::queries
