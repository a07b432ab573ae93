#include "tillbook/queries/order_list.hpp"

#include <fmt/format.h>

#include <variant>

namespace tillbook::queries {

namespace {

using Value = std::variant<std::int64_t, std::string>;

// The statuses still open for despatch, as orders.status holds them, from the one predicate.
std::vector<std::int64_t> OpenForDespatch() {
    std::vector<std::int64_t> open;
    for (const orders::OrderStatus status : orders::kOrderStatuses) {
        if (orders::IsOpenForDespatch(status)) open.push_back(static_cast<std::int64_t>(status));
    }
    return open;
}

// The WHERE clause of `filter` and the values it binds, in order. Every value is bound: the text
// depends only on which filters are given, so the statement cache holds one statement per shape.
std::string Where(const OrderListFilter& filter, std::vector<Value>& values) {
    std::string where = "1";
    if (filter.channel) {
        where += " AND channel = ?";
        values.emplace_back(*filter.channel);
    }
    if (filter.text) {
        // The text as it is: '%' and '_' typed are matched as themselves.
        std::string escaped;
        for (const char c : *filter.text) {
            if (c == '%' || c == '_' || c == '\\') escaped += '\\';
            escaped += c;
        }
        where +=
            " AND (number LIKE ? ESCAPE '\\' OR external_id LIKE ? ESCAPE '\\' OR customer_email "
            "LIKE ? ESCAPE '\\')";
        for (int i = 0; i < 3; ++i)
            values.emplace_back("%" + escaped + "%");
    }
    if (filter.needs_attention) where += " AND attention <> ''";
    if (filter.deadline != DeadlineFilter::kAny) {
        const std::vector<std::int64_t> open = OpenForDespatch();
        where += " AND despatch_by IS NOT NULL AND status IN (?";
        for (std::size_t i = 1; i < open.size(); ++i)
            where += ", ?";
        where += ")";
        values.insert(values.end(), open.begin(), open.end());
    }
    if (filter.deadline == DeadlineFilter::kOverdue) {
        where += " AND despatch_by < ?";
        values.emplace_back(filter.now);
    }
    if (filter.status) {
        where += " AND status = ?";
        values.emplace_back(static_cast<std::int64_t>(*filter.status));
    }
    return where;
}

}  // namespace

Result<std::vector<OrderListEntry>> ListOrders(store::Database& db, const OrderListFilter& filter) {
    std::vector<Value> values;
    const std::string sql = fmt::format(
        "SELECT id, number, channel, external_id, status, total_minor, currency, despatch_by, "
        "attention FROM orders WHERE {} ORDER BY coalesce(despatch_by, placed_at), placed_seq "
        "LIMIT ?",
        Where(filter, values));
    values.emplace_back(kOrderListLimit);
    auto q = db.Prepare(sql);
    if (!q) return std::unexpected(q.error());
    int index = 0;
    for (const Value& value : values)
        std::visit([&](const auto& v) { q->Bind(++index, v); }, value);
    std::vector<OrderListEntry> list;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        OrderListEntry entry{q->Text(0),
                             q->Text(1),
                             q->Text(2),
                             q->Text(3),
                             static_cast<orders::OrderStatus>(q->Int64(4)),
                             q->Int64(5),
                             q->Text(6),
                             q->OptionalInt64(7),
                             false,
                             !q->Text(8).empty()};
        entry.overdue = entry.despatch_by && *entry.despatch_by < filter.now &&
                        orders::IsOpenForDespatch(entry.status);
        list.push_back(std::move(entry));
    }
    return list;
}

}  // namespace tillbook::queries
