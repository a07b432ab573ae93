#include "tillbook/queries/credit_card.hpp"

#include "queries/each_row.hpp"

namespace tillbook::queries {

Result<std::optional<CreditCardDetail>> FindCreditCardDetail(store::Database& db,
                                                             std::string_view card_number) {
    auto card = db.Prepare(
        "SELECT card_number, currency, balance_minor, issued_minor, redeemed_minor "
        "FROM credit_cards WHERE card_number = ?");
    if (!card) return std::unexpected(card.error());
    card->Bind(1, card_number);
    auto found = FirstRow(*card, [](const store::StatementUse& row) {
        return CreditCardDetail{row.Text(0),  row.Text(1),  row.Int64(2),
                                row.Int64(3), row.Int64(4), {}};
    });
    if (!found || !*found) return found;
    // A redemption's order is the sale whose store-credit payment (tender 3) names it.
    auto moves = db.Prepare(
        "WITH moves AS (SELECT m.*, CASE WHEN m.kind = 3 THEN coalesce((SELECT p.order_id FROM "
        "payments p WHERE p.tender = 3 AND p.reference = m.redemption_id LIMIT 1), '') ELSE "
        "m.order_id END AS for_order FROM credit_movements m WHERE m.card_number = ?) "
        "SELECT m.seq, l.occurred_at, l.actor, m.kind, m.amount_minor, m.for_order, "
        "coalesce(o.number, ''), m.return_id, m.redemption_id, m.note "
        "FROM moves m JOIN ledger l ON l.seq = m.seq LEFT JOIN orders o ON o.id = m.for_order "
        "ORDER BY m.seq, m.position");
    if (!moves) return std::unexpected(moves.error());
    moves->Bind(1, card_number);
    CreditCardDetail& detail = **found;
    auto ok = EachRow(*moves, [&](const store::StatementUse& row) {
        detail.history.push_back(CreditMovementRow{row.Int64(0), row.Int64(1), row.Text(2),
                                                   static_cast<credit::MovementKind>(row.Int64(3)),
                                                   row.Int64(4), row.Text(5), row.Text(6),
                                                   row.Text(7), row.Text(8), row.Text(9)});
    });
    if (!ok) return std::unexpected(ok.error());
    return found;
}

}  // namespace tillbook::queries
