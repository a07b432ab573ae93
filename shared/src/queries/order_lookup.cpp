#include "tillbook/queries/order_lookup.hpp"

#include "queries/each_row.hpp"

namespace tillbook::queries {

Result<std::optional<OrderRef>> FindOrderByCode(store::Database& db, std::string_view code) {
    auto q = db.Prepare(
        "SELECT id, currency FROM orders WHERE number = ?1 OR external_id = ?1 OR id = ?1 "
        "ORDER BY placed_seq LIMIT 1");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, code);
    return FirstRow(*q, [](const store::StatementUse& row) {
        return OrderRef{row.Text(0), row.Text(1)};
    });
}

Result<std::optional<std::string>> FindOrderLineSku(store::Database& db, std::string_view order_id,
                                                    std::int64_t line_no) {
    auto q = db.Prepare("SELECT sku FROM order_lines WHERE order_id = ? AND line_no = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, order_id).Bind(2, line_no);
    return FirstRow(*q, [](const store::StatementUse& row) { return row.Text(0); });
}

Result<std::int64_t> HighestOrderSequence(store::Database& db, std::string_view prefix) {
    // Every number of the series sorts between the prefix and the prefix followed by ':', the
    // character after '9'; the index on number serves the range.
    auto q = db.Prepare(
        "SELECT coalesce(max(CAST(substr(number, ?2) AS INTEGER)), 0) FROM orders "
        "WHERE number > ?1 AND number < ?1 || ':'");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, prefix).Bind(2, static_cast<std::int64_t>(prefix.size() + 1));
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    return q->Int64(0);
}

}  // namespace tillbook::queries
