#include "routes/order_json.hpp"

#include "tillbook/ids/clock.hpp"
#include "tillbook/ledger/event.hpp"
#include "tillbook/orders/order.hpp"

namespace tillbook::office::routes {

using nlohmann::json;

std::optional<nlohmann::json> OrderJson(store::Database& db, const std::string& id) {
    auto q = db.Prepare(
        "SELECT id, channel, external_id, number, currency, total_minor, tax_minor, paid_minor, "
        "refunded_minor, status, "
        "despatch_by, deliver_by, attention, location_id FROM orders WHERE id = ?");
    if (!q) return std::nullopt;
    q->Bind(1, id);
    auto row = q->Step();
    if (!row || !*row) return std::nullopt;
    const auto time = [&](int column) -> json {
        if (q->IsNull(column)) return nullptr;
        return ids::FormatIso8601(q->Int64(column));
    };
    json attention = json::array();
    const std::string reasons = q->Text(12);
    for (std::size_t start = 0; start < reasons.size();) {
        const auto end = reasons.find('\n', start);
        attention.push_back(
            reasons.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    json order{
        {"id", q->Text(0)},
        {"channel", q->Text(1)},
        {"external_id", q->Text(2)},
        {"number", q->Text(3)},
        {"currency", q->Text(4)},
        {"total_minor", q->Int64(5)},
        {"tax_minor", q->Int64(6)},
        {"paid_minor", q->Int64(7)},
        {"refunded_minor", q->Int64(8)},
        {"status", std::string(orders::ToString(static_cast<orders::OrderStatus>(q->Int64(9))))},
        {"despatch_by", time(10)},
        {"deliver_by", time(11)},
        {"attention", attention},
        {"location_id", q->Text(13)},
        {"lines", json::array()},
        {"reservations", json::array()}};
    auto lines = db.Prepare(
        "SELECT line_no, kind, sku, description, quantity, unit_price_minor, discount_minor, "
        "total_minor, tax_minor, returned_quantity "
        "FROM order_lines WHERE order_id = ? ORDER BY line_no");
    if (!lines) return std::nullopt;
    lines->Bind(1, id);
    while (*lines->Step()) {
        order["lines"].push_back({{"line_no", lines->Int64(0)},
                                  {"kind", lines->Int64(1)},
                                  {"sku", lines->Text(2)},
                                  {"description", lines->Text(3)},
                                  {"quantity", lines->Int64(4) / 1000},
                                  {"quantity_milli", lines->Int64(4)},
                                  {"unit_price_minor", lines->Int64(5)},
                                  {"discount_minor", lines->Int64(6)},
                                  {"total_minor", lines->Int64(7)},
                                  {"tax_minor", lines->Int64(8)},
                                  {"returned_quantity_milli", lines->Int64(9)}});
    }
    auto held = db.Prepare(
        "SELECT location_id, sku, quantity FROM reservations WHERE order_id = ? ORDER BY "
        "location_id, sku");
    if (!held) return std::nullopt;
    held->Bind(1, id);
    while (*held->Step()) {
        order["reservations"].push_back({{"location_id", held->Text(0)},
                                         {"sku", held->Text(1)},
                                         {"quantity", held->Int64(2) / 1000}});
    }
    auto history = db.Prepare(
        "SELECT l.seq, l.kind, l.actor, l.origin, l.occurred_at FROM order_events e JOIN ledger l "
        "ON l.seq = e.seq "
        "WHERE e.order_id = ? ORDER BY l.seq");
    if (!history) return std::nullopt;
    history->Bind(1, id);
    order["history"] = json::array();
    while (*history->Step()) {
        order["history"].push_back(
            {{"seq", history->Int64(0)},
             {"event",
              std::string(ledger::ToString(static_cast<ledger::EventKind>(history->Int64(1))))},
             {"actor", history->Text(2)},
             {"origin", history->Text(3)},
             {"occurred_at", ids::FormatIso8601(history->Int64(4))}});
    }
    return order;
}

Result<std::optional<OrderRef>> FindOrderByCode(store::Database& db, std::string_view code) {
    auto q = db.Prepare(
        "SELECT id, currency FROM orders WHERE number = ?1 OR external_id = ?1 OR id = ?1 "
        "ORDER BY placed_seq LIMIT 1");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, code);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<OrderRef>{};
    return std::optional<OrderRef>{OrderRef{q->Text(0), q->Text(1)}};
}

}  // namespace tillbook::office::routes
