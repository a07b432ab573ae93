#include "tillbook/queries/return_detail.hpp"

#include "queries/each_row.hpp"
#include "tillbook/ledger/event.hpp"

namespace tillbook::queries {

namespace {

// An exchange's return was received by the same event that placed its new order.
Result<std::optional<ExchangeOrder>> FindExchangeOrder(store::Database& db,
                                                       std::int64_t received_seq) {
    auto q = db.Prepare("SELECT id, number FROM orders WHERE placed_seq = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, received_seq);
    return FirstRow(*q, [](const store::StatementUse& row) {
        return ExchangeOrder{row.Text(0), row.Text(1)};
    });
}

Status ReadLines(store::Database& db, ReturnDetail& ret) {
    auto q = db.Prepare(
        "SELECT order_line_no, sku, quantity, value_minor, reason, condition FROM return_lines "
        "WHERE return_id = ? ORDER BY position");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, ret.id);
    return EachRow(*q, [&](const store::StatementUse& row) {
        ret.lines.push_back({static_cast<int>(row.Int64(0)), row.Text(1), row.Int64(2),
                             row.Int64(3), static_cast<orders::ReturnReason>(row.Int64(4)),
                             static_cast<orders::ItemCondition>(row.Int64(5))});
    });
}

Status ReadRefunds(store::Database& db, ReturnDetail& ret) {
    auto q = db.Prepare(
        "SELECT seq, tender, amount_minor, reference FROM refunds WHERE return_id = ? "
        "ORDER BY seq, position");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, ret.id);
    return EachRow(*q, [&](const store::StatementUse& row) {
        ret.refunds.push_back(
            {row.Int64(0), static_cast<orders::Tender>(row.Int64(1)), row.Int64(2), row.Text(3)});
    });
}

}  // namespace

Result<std::optional<ReturnDetail>> FindReturnDetail(store::Database& db, std::string_view id) {
    auto q = db.Prepare(
        "SELECT r.id, r.order_id, coalesce(o.number, ''), r.location_id, coalesce(l.code, ''), "
        "r.no_receipt, r.currency, r.value_minor, r.refunded_minor, r.received_seq, g.kind, "
        "g.actor, g.occurred_at FROM returns r LEFT JOIN orders o ON o.id = r.order_id "
        "LEFT JOIN locations l ON l.id = r.location_id JOIN ledger g ON g.seq = r.received_seq "
        "WHERE r.id = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, id);
    bool by_exchange = false;
    auto found = FirstRow(*q, [&](const store::StatementUse& row) {
        by_exchange =
            row.Int64(10) == static_cast<std::int64_t>(ledger::EventKind::kExchangeCompleted);
        ReturnDetail read;
        read.id = row.Text(0);
        read.order_id = row.Text(1);
        read.order_number = row.Text(2);
        read.location_id = row.Text(3);
        read.location_code = row.Text(4);
        read.no_receipt = row.Int64(5) != 0;
        read.currency = row.Text(6);
        read.value_minor = row.Int64(7);
        read.refunded_minor = row.Int64(8);
        read.received_seq = row.Int64(9);
        read.received_by = row.Text(11);
        read.received_at = row.Int64(12);
        return read;
    });
    if (!found || !*found) return found;
    ReturnDetail& ret = **found;
    if (by_exchange) {
        auto exchange = FindExchangeOrder(db, ret.received_seq);
        if (!exchange) return std::unexpected(exchange.error());
        ret.exchange_order = std::move(*exchange);
    }
    if (auto ok = ReadLines(db, ret); !ok) return std::unexpected(ok.error());
    if (auto ok = ReadRefunds(db, ret); !ok) return std::unexpected(ok.error());
    return found;
}

Result<std::vector<ReturnDetail>> ReturnsOfOrder(store::Database& db, std::string_view order_id) {
    std::vector<std::string> ids;
    {
        auto q = db.Prepare("SELECT id FROM returns WHERE order_id = ? ORDER BY received_seq");
        if (!q) return std::unexpected(q.error());
        q->Bind(1, order_id);
        if (auto ok =
                EachRow(*q, [&](const store::StatementUse& row) { ids.push_back(row.Text(0)); });
            !ok)
            return std::unexpected(ok.error());
    }
    std::vector<ReturnDetail> returns;
    for (const std::string& id : ids) {
        auto ret = FindReturnDetail(db, id);
        if (!ret) return std::unexpected(ret.error());
        if (*ret) returns.push_back(std::move(**ret));
    }
    return returns;
}

}  // namespace tillbook::queries
