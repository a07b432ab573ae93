#include "tillbook/queries/order_detail.hpp"

#include "queries/each_row.hpp"
#include "tillbook/ledger/sqlite_state.hpp"

namespace tillbook::queries {

namespace {

// The reasons are stored one to a line.
std::vector<std::string> SplitLines(const std::string& text) {
    std::vector<std::string> lines;
    for (std::size_t start = 0; start < text.size();) {
        const auto end = text.find('\n', start);
        lines.push_back(text.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return lines;
}

Status ReadLines(store::Database& db, OrderDetail& order) {
    auto q = db.Prepare(
        "SELECT line_no, kind, sku, description, quantity, unit_price_minor, discount_minor, "
        "total_minor, tax_minor, returned_quantity "
        "FROM order_lines WHERE order_id = ? ORDER BY line_no");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, order.id);
    return EachRow(*q, [&](const store::StatementUse& row) {
        order.lines.push_back({static_cast<int>(row.Int64(0)),
                               static_cast<orders::LineKind>(row.Int64(1)), row.Text(2),
                               row.Text(3), row.Int64(4), row.Int64(5), row.Int64(6), row.Int64(7),
                               row.Int64(8), row.Int64(9)});
    });
}

Status ReadPayments(store::Database& db, OrderDetail& order) {
    auto q = db.Prepare(
        "SELECT p.seq, p.tender, p.amount_minor, p.tendered_minor, p.reference, "
        "coalesce(l.occurred_at, 0) FROM payments p LEFT JOIN ledger l ON l.seq = p.seq "
        "WHERE p.order_id = ? ORDER BY p.seq, p.position");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, order.id);
    return EachRow(*q, [&](const store::StatementUse& row) {
        order.payments.push_back({row.Int64(0), static_cast<orders::Tender>(row.Int64(1)),
                                  row.Int64(2), row.Int64(3), row.Text(4), row.Int64(5)});
    });
}

Status ReadRefunds(store::Database& db, OrderDetail& order) {
    auto q = db.Prepare(
        "SELECT r.seq, r.return_id, r.tender, r.amount_minor, r.reference, "
        "coalesce(l.occurred_at, 0) FROM refunds r LEFT JOIN ledger l ON l.seq = r.seq "
        "WHERE r.order_id = ? ORDER BY r.seq, r.position");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, order.id);
    return EachRow(*q, [&](const store::StatementUse& row) {
        order.refunds.push_back({row.Int64(0), row.Text(1),
                                 static_cast<orders::Tender>(row.Int64(2)), row.Int64(3),
                                 row.Text(4), row.Int64(5)});
    });
}

Status ReadHistory(store::Database& db, OrderDetail& order) {
    auto q = db.Prepare(
        "SELECT l.seq, l.kind, l.actor, l.origin, l.occurred_at, l.approver, "
        "CASE l.kind WHEN ?2 THEN json_extract(l.payload, '$.to') END, "
        "CASE l.kind WHEN ?3 THEN json_extract(l.payload, '$.tracking') END, "
        "(SELECT code FROM locations WHERE id = CASE l.kind "
        "WHEN ?4 THEN json_extract(l.payload, '$.ret.location_id') "
        "WHEN ?5 THEN json_extract(l.payload, '$.ret.location_id') "
        "WHEN ?6 THEN json_extract(l.payload, '$.location_id') END), l.via "
        "FROM order_events e JOIN ledger l ON l.seq = e.seq "
        "WHERE e.order_id = ?1 ORDER BY l.seq");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, order.id)
        .Bind(2, static_cast<std::int64_t>(ledger::EventKind::kOrderStatusChanged))
        .Bind(3, static_cast<std::int64_t>(ledger::EventKind::kOrderDispatched))
        .Bind(4, static_cast<std::int64_t>(ledger::EventKind::kReturnReceived))
        .Bind(5, static_cast<std::int64_t>(ledger::EventKind::kExchangeCompleted))
        .Bind(6, static_cast<std::int64_t>(ledger::EventKind::kStockReserved));
    return EachRow(*q, [&](const store::StatementUse& row) {
        OrderHistoryEntry entry{row.Int64(0), static_cast<ledger::EventKind>(row.Int64(1)),
                                row.Text(2),  row.Text(3),
                                row.Int64(4), row.Text(5),
                                std::nullopt, ""};
        if (const auto to = row.OptionalInt64(6)) entry.to = static_cast<orders::OrderStatus>(*to);
        if (!row.IsNull(7)) entry.tracking = row.Text(7);
        if (!row.IsNull(8)) entry.location = row.Text(8);
        entry.via = row.Text(9);
        order.history.push_back(std::move(entry));
    });
}

}  // namespace

Result<std::optional<OrderDetail>> FindOrderDetail(store::Database& db, std::string_view id) {
    auto q = db.Prepare(
        "SELECT id, channel, external_id, number, currency, total_minor, tax_minor, paid_minor, "
        "refunded_minor, status, "
        "despatch_by, deliver_by, attention, location_id, placed_at FROM orders WHERE id = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, id);
    auto found = FirstRow(*q, [](const store::StatementUse& row) {
        OrderDetail read;
        read.id = row.Text(0);
        read.channel = row.Text(1);
        read.external_id = row.Text(2);
        read.number = row.Text(3);
        read.currency = row.Text(4);
        read.total_minor = row.Int64(5);
        read.tax_minor = row.Int64(6);
        read.paid_minor = row.Int64(7);
        read.refunded_minor = row.Int64(8);
        read.status = static_cast<orders::OrderStatus>(row.Int64(9));
        read.despatch_by = row.OptionalInt64(10);
        read.deliver_by = row.OptionalInt64(11);
        read.attention = SplitLines(row.Text(12));
        read.location_id = row.Text(13);
        read.placed_at = row.Int64(14);
        return read;
    });
    if (!found || !*found) return found;
    OrderDetail& order = **found;
    if (auto ok = ReadLines(db, order); !ok) return std::unexpected(ok.error());
    auto held = ledger::SqliteLedgerState(db).Reservations(order.id);
    if (!held) return std::unexpected(held.error());
    order.reservations = std::move(*held);
    if (auto ok = ReadPayments(db, order); !ok) return std::unexpected(ok.error());
    if (auto ok = ReadRefunds(db, order); !ok) return std::unexpected(ok.error());
    if (auto ok = ReadHistory(db, order); !ok) return std::unexpected(ok.error());
    return found;
}

}  // namespace tillbook::queries
