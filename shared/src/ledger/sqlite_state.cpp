#include "tillbook/ledger/sqlite_state.hpp"

namespace tillbook::ledger {

Result<std::optional<OrderState>> SqliteLedgerState::FindOrder(std::string_view id) {
    auto q = m_db.Prepare(
        "SELECT id, currency, location_id, status, total_minor, paid_minor, refunded_minor, "
        "channel, external_id FROM orders WHERE id = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, id);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<OrderState>{};
    OrderState order;
    order.id = q->Text(0);
    order.currency = q->Text(1);
    order.location_id = q->Text(2);
    order.status = static_cast<orders::OrderStatus>(q->Int64(3));
    order.total_minor = q->Int64(4);
    order.paid_minor = q->Int64(5);
    order.refunded_minor = q->Int64(6);
    order.channel = q->Text(7);
    order.external_id = q->Text(8);
    auto lines = m_db.Prepare(
        "SELECT line_no, kind, sku, quantity, total_minor, returned_quantity FROM order_lines "
        "WHERE order_id = ? ORDER BY line_no");
    if (!lines) return std::unexpected(lines.error());
    lines->Bind(1, id);
    while (true) {
        auto next = lines->Step();
        if (!next) return std::unexpected(next.error());
        if (!*next) break;
        order.lines.push_back(OrderLineState{
            static_cast<int>(lines->Int64(0)), static_cast<orders::LineKind>(lines->Int64(1)),
            lines->Text(2), lines->Int64(3), lines->Int64(4), lines->Int64(5)});
    }
    return std::optional<OrderState>{std::move(order)};
}

Result<StockState> SqliteLedgerState::Stock(std::string_view location_id, std::string_view sku) {
    auto q = m_db.Prepare(
        "SELECT on_hand, reserved FROM stock_levels WHERE location_id = ? AND sku = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, location_id).Bind(2, sku);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return StockState{};
    return StockState{q->Int64(0), q->Int64(1)};
}

Result<std::vector<ReservationState>> SqliteLedgerState::Reservations(std::string_view order_id) {
    auto q = m_db.Prepare(
        "SELECT location_id, sku, quantity FROM reservations WHERE order_id = ? ORDER BY "
        "location_id, sku");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, order_id);
    std::vector<ReservationState> out;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        out.push_back(ReservationState{q->Text(0), q->Text(1), q->Int64(2)});
    }
    return out;
}

Result<std::optional<ShiftState>> SqliteLedgerState::ShiftWhere(std::string_view sql,
                                                                std::string_view key) {
    auto q = m_db.Prepare(sql);
    if (!q) return std::unexpected(q.error());
    q->Bind(1, key);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<ShiftState>{};
    return std::optional<ShiftState>{
        ShiftState{q->Text(0), q->Text(1), q->Text(2), !q->IsNull(3), q->Int64(4)}};
}

Result<std::optional<ShiftState>> SqliteLedgerState::FindShift(std::string_view id) {
    return ShiftWhere(
        "SELECT id, currency, terminal, closed_seq, expected_cash_minor FROM shifts WHERE id = ?",
        id);
}

Result<std::optional<ShiftState>> SqliteLedgerState::OpenShiftOf(std::string_view terminal) {
    return ShiftWhere(
        "SELECT id, currency, terminal, closed_seq, expected_cash_minor FROM shifts "
        "WHERE terminal = ? AND closed_seq IS NULL",
        terminal);
}

Result<std::optional<ReturnState>> SqliteLedgerState::FindReturn(std::string_view id) {
    auto q = m_db.Prepare(
        "SELECT id, order_id, value_minor, refunded_minor, location_id FROM returns WHERE id = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, id);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<ReturnState>{};
    return std::optional<ReturnState>{
        ReturnState{q->Text(0), q->Text(1), q->Int64(2), q->Int64(3), q->Text(4)}};
}

Result<bool> SqliteLedgerState::LocationExists(std::string_view id) {
    auto q = m_db.Prepare("SELECT 1 FROM locations WHERE id = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, id);
    return q->Step();
}

Result<std::optional<CreditCardState>> SqliteLedgerState::FindCreditCard(
    std::string_view card_number) {
    auto q = m_db.Prepare(
        "SELECT card_number, currency, balance_minor, issued_minor FROM credit_cards "
        "WHERE card_number = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, card_number);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<CreditCardState>{};
    return std::optional<CreditCardState>{
        CreditCardState{q->Text(0), q->Text(1), q->Int64(2), q->Int64(3)}};
}

Result<std::optional<RedemptionState>> SqliteLedgerState::FindRedemption(std::string_view id) {
    // tender 3 is orders::Tender::kStoreCredit (the partial index payments_by_redemption).
    auto q = m_db.Prepare(
        "SELECT r.id, r.card_number, c.currency, r.amount_minor, r.cancelled_seq, "
        "EXISTS (SELECT 1 FROM payments p WHERE p.tender = 3 AND p.reference = r.id) "
        "FROM credit_redemptions r JOIN credit_cards c ON c.card_number = r.card_number "
        "WHERE r.id = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, id);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<RedemptionState>{};
    return std::optional<RedemptionState>{RedemptionState{
        q->Text(0), q->Text(1), q->Text(2), q->Int64(3), !q->IsNull(4), q->Int64(5) != 0}};
}

}  // namespace tillbook::ledger
