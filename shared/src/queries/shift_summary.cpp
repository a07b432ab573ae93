#include "tillbook/queries/shift_summary.hpp"

#include "tillbook/ledger/event.hpp"
#include "tillbook/orders/order.hpp"

namespace tillbook::queries {

namespace {

Result<std::int64_t> SumOf(store::Database& db, std::string_view sql, const std::string& key,
                           std::int64_t a = 0, std::int64_t b = 0, std::int64_t c = 0) {
    auto q = db.Prepare(sql);
    if (!q) return std::unexpected(q.error());
    q->Bind(1, key).Bind(2, a).Bind(3, b).Bind(4, c);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    return q->Int64(0);
}

// The shift's row (with its no-sales), then its figures from the payments, refunds and cash
// movements.
Result<std::optional<ShiftSummary>> Summarise(store::Database& db, std::string_view where,
                                              const std::string& key) {
    auto q = db.Prepare(
        std::string("SELECT s.id, s.terminal, s.location_id, s.opened_by, s.currency, "
                    "s.float_minor, s.expected_cash_minor, s.counted_minor, s.opened_seq, "
                    "s.closed_seq, o.occurred_at, c.occurred_at, s.no_sales FROM shifts s "
                    "JOIN ledger o ON o.seq = s.opened_seq "
                    "LEFT JOIN ledger c ON c.seq = s.closed_seq WHERE ") +
        std::string(where));
    if (!q) return std::unexpected(q.error());
    q->Bind(1, key);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<ShiftSummary>{};
    auto currency = money::FindCurrency(q->Text(4));
    if (!currency) return std::unexpected(currency.error());
    const auto money = [&](std::int64_t minor) { return money::Money(minor, *currency); };
    ShiftSummary summary{
        q->Text(0),         q->Text(1), q->Text(2), q->Text(3), q->Int64(10), q->OptionalInt64(11),
        money(q->Int64(5)), money(0),   money(0),   money(0),   money(0),     money(q->Int64(6)),
        std::nullopt,       money(0),   money(0),   0,          q->Int64(12)};
    if (const auto counted = q->OptionalInt64(7)) summary.counted = money(*counted);
    const std::int64_t opened_seq = q->Int64(8);
    const std::int64_t closed_seq = q->OptionalInt64(9).value_or(INT64_MAX);
    const auto cash = static_cast<std::int64_t>(orders::Tender::kCash);
    const auto card = static_cast<std::int64_t>(orders::Tender::kCard);

    auto cash_in = SumOf(
        db,
        "SELECT coalesce(sum(amount_minor), 0) FROM payments WHERE shift_id = ?1 AND tender = ?2",
        summary.shift_id, cash);
    auto cash_out = SumOf(
        db,
        "SELECT coalesce(sum(amount_minor), 0) FROM refunds WHERE shift_id = ?1 AND tender = ?2",
        summary.shift_id, cash);
    auto paid_in =
        SumOf(db,
              "SELECT coalesce(sum(amount_minor), 0) FROM cash_movements WHERE "
              "shift_id = ?1 AND kind = ?2",
              summary.shift_id, static_cast<std::int64_t>(ledger::CashMovementKind::kPaidIn));
    auto paid_out =
        SumOf(db,
              "SELECT coalesce(sum(amount_minor), 0) FROM cash_movements WHERE "
              "shift_id = ?1 AND kind = ?2",
              summary.shift_id, static_cast<std::int64_t>(ledger::CashMovementKind::kPaidOut));
    // Card money is not in a drawer: what this till's events took or gave back by card while the
    // shift was open.
    auto card_in = SumOf(db,
                         "SELECT coalesce(sum(p.amount_minor), 0) FROM payments p JOIN ledger l ON "
                         "l.seq = p.seq WHERE l.origin = ?1 AND p.tender = ?2 AND p.seq > ?3 AND "
                         "p.seq < ?4",
                         summary.terminal, card, opened_seq, closed_seq);
    auto card_out = SumOf(db,
                          "SELECT coalesce(sum(r.amount_minor), 0) FROM refunds r JOIN ledger l ON "
                          "l.seq = r.seq WHERE l.origin = ?1 AND r.tender = ?2 AND r.seq > ?3 AND "
                          "r.seq < ?4",
                          summary.terminal, card, opened_seq, closed_seq);
    auto sales = SumOf(db,
                       "SELECT count(*) FROM orders o JOIN ledger l ON l.seq = o.placed_seq WHERE "
                       "l.origin = ?1 AND o.placed_seq > ?2 AND o.placed_seq < ?3",
                       summary.terminal, opened_seq, closed_seq);
    for (const auto* figure :
         {&cash_in, &cash_out, &paid_in, &paid_out, &card_in, &card_out, &sales}) {
        if (!*figure) return std::unexpected(figure->error());
    }
    summary.cash_sales = money(*cash_in);
    summary.cash_refunds = money(*cash_out);
    summary.paid_in = money(*paid_in);
    summary.paid_out = money(*paid_out);
    summary.card_sales = money(*card_in);
    summary.card_refunds = money(*card_out);
    summary.sales = *sales;
    return std::optional<ShiftSummary>{std::move(summary)};
}

}  // namespace

Result<std::optional<ShiftSummary>> ShiftSummaryOf(store::Database& db,
                                                   const std::string& shift_id) {
    return Summarise(db, "s.id = ?1", shift_id);
}

Result<std::optional<ShiftSummary>> OpenShiftSummary(store::Database& db,
                                                     const std::string& terminal) {
    return Summarise(db, "s.terminal = ?1 AND s.closed_seq IS NULL", terminal);
}

Result<std::optional<ShiftSummary>> LastClosedShiftSummary(store::Database& db,
                                                           const std::string& terminal) {
    return Summarise(db,
                     "s.terminal = ?1 AND s.closed_seq IS NOT NULL ORDER BY s.closed_seq DESC "
                     "LIMIT 1",
                     terminal);
}

}  // namespace tillbook::queries
