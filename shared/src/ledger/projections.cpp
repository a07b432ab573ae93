#include "ledger/projections.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "tillbook/credit/card_number.hpp"
#include "tillbook/credit/movement.hpp"
#include "tillbook/ledger/sqlite_state.hpp"
#include "tillbook/ledger/validate.hpp"
#include "tillbook/orders/gift_card_line.hpp"

namespace tillbook::ledger {

namespace {

using orders::Tender;

// Writes the rows of one event; `position` numbers the rows an event adds to one table.
class Projector {
  public:
    Projector(store::Database& db, std::int64_t seq, const Event& event)
        : m_db(db), m_seq(seq), m_event(event), m_state(db) {}

    Status Apply(const OrderPlaced& e) {
        // The order row starts with what was paid with it: no second write to it per payment.
        std::int64_t paid = 0;
        for (const orders::Payment& payment : e.payments)
            paid += payment.amount.Minor();
        if (auto ok = PlaceOrder(e.order, e.handed_over, "", paid); !ok) return ok;
        for (const orders::Payment& payment : e.payments) {
            if (auto ok = AddPayment(e.order.id, payment, false); !ok) return ok;
        }
        return LoadGiftCards(e.order, e.handed_over);
    }

    Status Apply(const PaymentTaken& e) { return AddPayment(e.order_id, e.payment, true); }

    Status Apply(const StockReserved& e) {
        for (const SkuQuantity& line : e.lines) {
            auto q = m_db.Prepare(
                "INSERT INTO reservations (order_id, location_id, sku, quantity) VALUES (?, ?, ?, "
                "?) "
                "ON CONFLICT (order_id, location_id, sku) DO UPDATE SET quantity = quantity + "
                "excluded.quantity");
            if (!q) return std::unexpected(q.error());
            if (auto ok = q->Bind(1, e.order_id)
                              .Bind(2, e.location_id)
                              .Bind(3, line.sku)
                              .Bind(4, line.quantity)
                              .Run();
                !ok)
                return ok;
            if (auto ok = MoveStock(e.location_id, line.sku, 0, line.quantity); !ok) return ok;
        }
        return Exec(
            "UPDATE orders SET status = ?3, location_id = CASE location_id WHEN '' THEN ?2 ELSE "
            "location_id END "
            "WHERE id = ?1 AND status = ?4",
            e.order_id, e.location_id, static_cast<std::int64_t>(orders::OrderStatus::kAllocated),
            static_cast<std::int64_t>(orders::OrderStatus::kPlaced));
    }

    Status Apply(const OrderStatusChanged& e) {
        return Exec("UPDATE orders SET status = ?2 WHERE id = ?1", e.order_id,
                    static_cast<std::int64_t>(e.to));
    }

    Status Apply(const OrderDispatched& e) {
        return ReleaseReservations(e.order_id, true, orders::OrderStatus::kDispatched);
    }

    Status Apply(const OrderCancelled& e) {
        return ReleaseReservations(e.order_id, false, orders::OrderStatus::kCancelled);
    }

    Status Apply(const ReturnReceived& e) {
        auto value = ReceiveReturn(e.ret);
        if (!value) return std::unexpected(value.error());
        return {};
    }

    Status Apply(const RefundIssued& e) { return AddRefund(e.order_id, e.return_id, e.refund); }

    Status Apply(const ExchangeCompleted& e) {
        auto value = ReceiveReturn(e.ret);
        if (!value) return std::unexpected(value.error());
        if (auto ok = PlaceOrder(e.new_order, true, e.ret.order_id); !ok) return ok;
        auto totals = orders::ComputeTotals(e.new_order);
        if (!totals) return std::unexpected(totals.error());
        // The returned goods pay for the new ones up to their value; the rest is settled below.
        const std::int64_t credit = std::min(value->Minor(), totals->total.Minor());
        if (credit > 0) {
            const money::Money amount(credit, value->GetCurrency());
            if (auto ok = AddPayment(
                    e.new_order.id,
                    orders::Payment{Tender::kExchangeCredit, amount, amount, e.ret.id, ""}, true);
                !ok)
                return ok;
            if (auto ok =
                    AddRefund(e.ret.order_id, e.ret.id,
                              orders::Refund{Tender::kExchangeCredit, amount, e.new_order.id, ""});
                !ok)
                return ok;
        }
        for (const orders::Payment& p : e.payments) {
            if (auto ok = AddPayment(e.new_order.id, p, true); !ok) return ok;
        }
        for (const orders::Refund& r : e.refunds) {
            if (auto ok = AddRefund(e.ret.order_id, e.ret.id, r); !ok) return ok;
        }
        return {};
    }

    Status Apply(const StockAdjusted& e) { return MoveStock(e.location_id, e.sku, e.delta, 0); }

    Status Apply(const StockTransferred& e) {
        for (const SkuQuantity& line : e.lines) {
            if (auto ok = MoveStock(e.from_location_id, line.sku, -line.quantity, 0); !ok)
                return ok;
            if (auto ok = MoveStock(e.to_location_id, line.sku, line.quantity, 0); !ok) return ok;
        }
        return {};
    }

    Status Apply(const ShiftOpened& e) {
        auto q = m_db.Prepare(
            "INSERT INTO shifts (id, location_id, terminal, currency, opened_seq, opened_by, "
            "float_minor, "
            "expected_cash_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        if (!q) return std::unexpected(q.error());
        return q->Bind(1, e.shift_id)
            .Bind(2, e.location_id)
            .Bind(3, e.terminal)
            .Bind(4, e.opening_float.GetCurrency().code)
            .Bind(5, m_seq)
            .Bind(6, m_event.actor)
            .Bind(7, e.opening_float.Minor())
            .Bind(8, e.opening_float.Minor())
            .Run();
    }

    Status Apply(const CashMoved& e) {
        auto q = m_db.Prepare(
            "INSERT INTO cash_movements (seq, position, shift_id, kind, amount_minor, reason) "
            "VALUES (?, ?, ?, ?, ?, ?)");
        if (!q) return std::unexpected(q.error());
        if (auto ok = q->Bind(1, m_seq)
                          .Bind(2, 0)
                          .Bind(3, e.shift_id)
                          .Bind(4, static_cast<std::int64_t>(e.kind))
                          .Bind(5, e.amount.Minor())
                          .Bind(6, e.reason)
                          .Run();
            !ok)
            return ok;
        const std::int64_t delta =
            e.kind == CashMovementKind::kPaidIn ? e.amount.Minor() : -e.amount.Minor();
        return AddExpectedCash(e.shift_id, delta);
    }

    Status Apply(const OrderFlagged& e) {
        for (const std::string& reason : e.reasons) {
            if (auto ok = Exec("UPDATE orders SET attention = CASE attention WHEN '' THEN ?2 ELSE "
                               "attention || char(10) || ?2 END "
                               "WHERE id = ?1",
                               e.order_id, reason);
                !ok) {
                return ok;
            }
        }
        return {};
    }

    // The order takes the new version; reservations above what its goods lines now want are
    // released (in location order), and an order left with none is placed again, not allocated.
    Status Apply(const OrderAmended& e) {
        const orders::Order& order = e.order;
        auto totals = orders::ComputeTotals(order);
        if (!totals) return std::unexpected(totals.error());
        auto attention = m_db.Prepare("SELECT attention FROM orders WHERE id = ?");
        if (!attention) return std::unexpected(attention.error());
        attention->Bind(1, order.id);
        auto row = attention->Step();
        if (!row) return std::unexpected(row.error());
        std::string reasons = *row ? attention->Text(0) : std::string();
        for (const std::string& reason : order.attention) {
            if (("\n" + reasons + "\n").find("\n" + reason + "\n") != std::string::npos) continue;
            if (!reasons.empty()) reasons += '\n';
            reasons += reason;
        }
        auto q = m_db.Prepare(
            "UPDATE orders SET despatch_by = ?2, deliver_by = ?3, customer_email = ?4, "
            "total_minor = ?5, tax_minor = ?6, attention = ?7, customer_name = ?8 WHERE id = ?1");
        if (!q) return std::unexpected(q.error());
        if (auto ok = q->Bind(1, order.id)
                          .Bind(2, order.despatch_by)
                          .Bind(3, order.deliver_by)
                          .Bind(4, order.customer_email)
                          .Bind(5, totals->total.Minor())
                          .Bind(6, totals->tax.Minor())
                          .Bind(7, reasons)
                          .Bind(8, order.customer_name)
                          .Run();
            !ok)
            return ok;
        if (auto ok = Exec("DELETE FROM order_lines WHERE order_id = ?1", order.id); !ok) return ok;
        if (auto ok = InsertLines(order, *totals); !ok) return ok;

        std::map<std::string, std::int64_t> wanted;
        for (const orders::OrderLine& line : order.lines) {
            if (line.kind == orders::LineKind::kGoods) wanted[line.sku] += line.quantity;
        }
        auto held = m_state.Reservations(order.id);
        if (!held) return std::unexpected(held.error());
        bool any_left = false;
        for (const ReservationState& r : *held) {
            const std::int64_t keep = std::min(r.quantity, wanted[r.sku]);
            wanted[r.sku] -= keep;
            any_left = any_left || keep > 0;
            if (keep == r.quantity) continue;
            if (auto ok = MoveStock(r.location_id, r.sku, 0, keep - r.quantity); !ok) return ok;
            auto ok = keep == 0 ? Exec(
                                      "DELETE FROM reservations WHERE order_id = ?1 AND "
                                      "location_id = ?2 AND sku = ?3",
                                      order.id, r.location_id, r.sku)
                                : Exec(
                                      "UPDATE reservations SET quantity = ?4 WHERE order_id = ?1 "
                                      "AND location_id = ?2 AND sku = ?3",
                                      order.id, r.location_id, r.sku, keep);
            if (!ok) return ok;
        }
        if (any_left) return {};
        return Exec("UPDATE orders SET status = ?2 WHERE id = ?1 AND status = ?3", order.id,
                    static_cast<std::int64_t>(orders::OrderStatus::kPlaced),
                    static_cast<std::int64_t>(orders::OrderStatus::kAllocated));
    }

    // The audit record only: the reference tables were written with it.
    Status Apply(const ReferenceChanged&) { return {}; }

    Status Apply(const CreditIssued& e) {
        const credit::MovementKind kind = e.cancels_redemption_id.empty()
                                              ? credit::MovementKind::kIssued
                                              : credit::MovementKind::kRedemptionGivenBack;
        if (auto ok = MoveCredit(e.card_number, e.amount, kind, e.order_id, "",
                                 e.cancels_redemption_id, e.note);
            !ok)
            return ok;
        if (e.cancels_redemption_id.empty()) return {};
        return Exec("UPDATE credit_redemptions SET cancelled_seq = ?2 WHERE id = ?1",
                    e.cancels_redemption_id, m_seq);
    }

    Status Apply(const CreditRedeemed& e) {
        auto taken = e.amount.Negated();
        if (!taken) return std::unexpected(taken.error());
        if (auto ok = MoveCredit(e.card_number, *taken, credit::MovementKind::kRedeemed, "", "",
                                 e.redemption_id, e.note);
            !ok)
            return ok;
        return Exec(
            "INSERT INTO credit_redemptions (id, card_number, amount_minor, redeemed_seq) "
            "VALUES (?, ?, ?, ?)",
            e.redemption_id, e.card_number, e.amount.Minor(), m_seq);
    }

    Status Apply(const ShiftClosed& e) {
        return Exec("UPDATE shifts SET counted_minor = ?2, closed_seq = ?3 WHERE id = ?1",
                    e.shift_id, e.counted.Minor(), m_seq);
    }

    Status Apply(const DrawerOpened& e) {
        return Exec("UPDATE shifts SET no_sales = no_sales + 1 WHERE id = ?1", e.shift_id);
    }

  private:
    // A store's sale handed over puts each gift card's amount on its card (the line's sku).
    Status LoadGiftCards(const orders::Order& order, bool handed_over) {
        if (!handed_over || !orders::LoadsOurGiftCards(order)) return {};
        for (const orders::OrderLine& line : order.lines) {
            if (line.kind != orders::LineKind::kGiftCard) continue;
            if (auto ok = MoveCredit(line.sku, line.unit_price, credit::MovementKind::kSold,
                                     order.id, "", "", "");
                !ok)
                return ok;
        }
        return {};
    }

    // `amount` onto (> 0) or off (< 0) a card; the card is made by the first credit put on it.
    Status MoveCredit(const std::string& card_number, const money::Money& amount,
                      credit::MovementKind kind, const std::string& order_id,
                      const std::string& return_id, const std::string& redemption_id,
                      const std::string& note) {
        const std::int64_t minor = amount.Minor();
        const std::int64_t issued = minor > 0 ? minor : 0;
        const std::int64_t redeemed = minor < 0 ? -minor : 0;
        auto ok = UpdateElseInsert(
            "UPDATE credit_cards SET balance_minor = balance_minor + ?2, issued_minor = "
            "issued_minor + ?3, redeemed_minor = redeemed_minor + ?4 WHERE card_number = ?1",
            std::tuple{card_number, minor, issued, redeemed},
            "INSERT INTO credit_cards (card_number, currency, balance_minor, issued_minor, "
            "redeemed_minor, first_seq) VALUES (?, ?, ?, ?, ?, ?)",
            std::tuple{card_number, amount.GetCurrency().code, minor, issued, redeemed, m_seq});
        if (!ok) {
            return std::unexpected(ok.error().WithContext(
                fmt::format("card {}", credit::CardNumberTail(card_number))));
        }
        return Exec(
            "INSERT INTO credit_movements (seq, position, card_number, kind, amount_minor, "
            "order_id, return_id, redemption_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            m_seq, m_credit++, card_number, static_cast<std::int64_t>(kind), minor, order_id,
            return_id, redemption_id, note);
    }

    template <class... Args>
    Status Exec(std::string_view sql, const Args&... args) {
        auto q = m_db.Prepare(sql);
        if (!q) return std::unexpected(q.error());
        int index = 0;
        (q->Bind(++index, args), ...);
        return q->Run();
    }

    // The row the UPDATE changes, or else the row the INSERT makes. UPDATE first, not an upsert:
    // SQLite checks an upsert's CHECK constraints on the row it would insert.
    template <class... U, class... I>
    Status UpdateElseInsert(std::string_view update, const std::tuple<U...>& update_args,
                            std::string_view insert, const std::tuple<I...>& insert_args) {
        auto ok = std::apply([&](const auto&... a) { return Exec(update, a...); }, update_args);
        if (!ok || sqlite3_changes(m_db.Handle()) != 0) return ok;
        return std::apply([&](const auto&... a) { return Exec(insert, a...); }, insert_args);
    }

    Status MoveStock(const std::string& location_id, const std::string& sku,
                     std::int64_t on_hand_delta, std::int64_t reserved_delta) {
        auto ok = UpdateElseInsert(
            "UPDATE stock_levels SET on_hand = on_hand + ?3, reserved = reserved + ?4 "
            "WHERE location_id = ?1 AND sku = ?2",
            std::tuple{location_id, sku, on_hand_delta, reserved_delta},
            "INSERT INTO stock_levels (location_id, sku, on_hand, reserved) VALUES (?, ?, ?, ?)",
            std::tuple{location_id, sku, on_hand_delta, reserved_delta});
        if (!ok)
            return std::unexpected(
                ok.error().WithContext(fmt::format("stock of {} at {}", sku, location_id)));
        return Exec(
            "INSERT INTO stock_movements (seq, position, location_id, sku, on_hand_delta, "
            "reserved_delta) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            m_seq, m_movement++, location_id, sku, on_hand_delta, reserved_delta);
    }

    Status AddExpectedCash(const std::string& shift_id, std::int64_t delta) {
        return Exec(
            "UPDATE shifts SET expected_cash_minor = expected_cash_minor + ?2 WHERE id = ?1",
            shift_id, delta);
    }

    Status PlaceOrder(const orders::Order& order, bool handed_over, const std::string& exchange_of,
                      std::int64_t paid_minor = 0) {
        auto totals = orders::ComputeTotals(order);
        if (!totals) return std::unexpected(totals.error());
        std::string attention;
        for (const std::string& reason : order.attention) {
            if (!attention.empty()) attention += '\n';
            attention += reason;
        }
        auto q = m_db.Prepare(
            "INSERT INTO orders (id, number, channel, external_id, location_id, currency, status, "
            "placed_at, "
            "despatch_by, deliver_by, customer_email, total_minor, tax_minor, attention, "
            "exchange_of, placed_seq, paid_minor, customer_name) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!q) return std::unexpected(q.error());
        const auto status =
            handed_over ? orders::OrderStatus::kDelivered : orders::OrderStatus::kPlaced;
        q->Bind(1, order.id)
            .Bind(2, order.number)
            .Bind(3, order.channel)
            .Bind(4, order.external_id)
            .Bind(5, order.location_id)
            .Bind(6, order.currency)
            .Bind(7, static_cast<std::int64_t>(status))
            .Bind(8, order.placed_at)
            .Bind(9, order.despatch_by)
            .Bind(10, order.deliver_by)
            .Bind(11, order.customer_email)
            .Bind(12, totals->total.Minor())
            .Bind(13, totals->tax.Minor())
            .Bind(14, attention)
            .Bind(16, m_seq)
            .Bind(17, paid_minor)
            .Bind(18, order.customer_name);
        if (exchange_of.empty()) {
            q->BindNull(15);
        } else {
            q->Bind(15, exchange_of);
        }
        if (auto ok = q->Run(); !ok) return ok;
        if (auto ok = InsertLines(order, *totals); !ok) return ok;
        for (const orders::OrderLine& line : order.lines) {
            if (handed_over && line.kind == orders::LineKind::kGoods && !line.sku.empty()) {
                if (auto ok = MoveStock(order.location_id, line.sku, -line.quantity, 0); !ok)
                    return ok;
            }
        }
        return {};
    }

    Status InsertLines(const orders::Order& order, const orders::OrderTotals& totals) {
        for (std::size_t i = 0; i < order.lines.size(); ++i) {
            const orders::OrderLine& line = order.lines[i];
            auto l = m_db.Prepare(
                "INSERT INTO order_lines (order_id, line_no, kind, sku, description, quantity, "
                "unit_price_minor, "
                "discount_minor, tax_rate_bp, tax_mode, total_minor, tax_minor) VALUES (?, ?, ?, "
                "?, ?, ?, ?, ?, ?, ?, ?, ?)");
            if (!l) return std::unexpected(l.error());
            if (auto ok = l->Bind(1, order.id)
                              .Bind(2, line.line_no)
                              .Bind(3, static_cast<std::int64_t>(line.kind))
                              .Bind(4, line.sku)
                              .Bind(5, line.description)
                              .Bind(6, line.quantity)
                              .Bind(7, line.unit_price.Minor())
                              .Bind(8, line.discount.Minor())
                              .Bind(9, static_cast<std::int64_t>(line.tax_rate))
                              .Bind(10, static_cast<std::int64_t>(line.tax_mode))
                              .Bind(11, totals.lines[i].total.Minor())
                              .Bind(12, totals.lines[i].tax.Minor())
                              .Run();
                !ok) {
                return ok;
            }
        }
        return {};
    }

    // add_to_order: false when the order row was written with this payment already counted.
    Status AddPayment(const std::string& order_id, const orders::Payment& p, bool add_to_order) {
        if (auto ok = Exec("INSERT INTO payments (seq, position, order_id, tender, amount_minor, "
                           "tendered_minor, "
                           "reference, shift_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           m_seq, m_payment++, order_id, static_cast<std::int64_t>(p.tender),
                           p.amount.Minor(), p.tendered.Minor(), p.reference, p.shift_id);
            !ok) {
            return ok;
        }
        if (add_to_order) {
            if (auto ok = Exec("UPDATE orders SET paid_minor = paid_minor + ?2 WHERE id = ?1",
                               order_id, p.amount.Minor());
                !ok)
                return ok;
        }
        if (p.tender == Tender::kCash && !p.shift_id.empty())
            return AddExpectedCash(p.shift_id, p.amount.Minor());
        return {};
    }

    Status AddRefund(const std::string& order_id, const std::string& return_id,
                     const orders::Refund& r) {
        if (auto ok =
                Exec("INSERT INTO refunds (seq, position, order_id, return_id, tender, "
                     "amount_minor, reference, "
                     "shift_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     m_seq, m_refund++, order_id, return_id, static_cast<std::int64_t>(r.tender),
                     r.amount.Minor(), r.reference, r.shift_id);
            !ok) {
            return ok;
        }
        if (!order_id.empty()) {
            if (auto ok =
                    Exec("UPDATE orders SET refunded_minor = refunded_minor + ?2 WHERE id = ?1",
                         order_id, r.amount.Minor());
                !ok)
                return ok;
        }
        if (!return_id.empty()) {
            if (auto ok =
                    Exec("UPDATE returns SET refunded_minor = refunded_minor + ?2 WHERE id = ?1",
                         return_id, r.amount.Minor());
                !ok)
                return ok;
        }
        // Store credit goes onto the card the reference names. Refunds to store credit recorded
        // before cards existed name none, and credit no card.
        if (r.tender == Tender::kStoreCredit && credit::IsCardNumber(r.reference)) {
            return MoveCredit(r.reference, r.amount, credit::MovementKind::kRefunded, order_id,
                              return_id, "", "");
        }
        if (r.tender == Tender::kCash && !r.shift_id.empty())
            return AddExpectedCash(r.shift_id, -r.amount.Minor());
        return {};
    }

    Status ReleaseReservations(const std::string& order_id, bool goods_leave,
                               orders::OrderStatus to) {
        auto held = m_state.Reservations(order_id);
        if (!held) return std::unexpected(held.error());
        for (const ReservationState& r : *held) {
            if (auto ok =
                    MoveStock(r.location_id, r.sku, goods_leave ? -r.quantity : 0, -r.quantity);
                !ok)
                return ok;
        }
        if (auto ok = Exec("DELETE FROM reservations WHERE order_id = ?1", order_id); !ok)
            return ok;
        return Exec("UPDATE orders SET status = ?2 WHERE id = ?1", order_id,
                    static_cast<std::int64_t>(to));
    }

    // Records the return and puts restocked goods back; answers the goods' value.
    Result<money::Money> ReceiveReturn(const orders::Return& ret) {
        auto values = ValuesOfReturnLines(ret, m_state);
        if (!values) return std::unexpected(values.error());
        auto total = ValueOfReturn(ret, m_state);
        if (!total) return std::unexpected(total.error());
        if (auto ok = Exec("INSERT INTO returns (id, order_id, location_id, no_receipt, currency, "
                           "value_minor, received_seq) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)",
                           ret.id, ret.order_id, ret.location_id,
                           static_cast<std::int64_t>(ret.no_receipt ? 1 : 0), ret.currency,
                           total->Minor(), m_seq);
            !ok) {
            return std::unexpected(ok.error());
        }
        for (std::size_t i = 0; i < ret.lines.size(); ++i) {
            const orders::ReturnLine& line = ret.lines[i];
            std::string sku = line.sku;
            if (!ret.no_receipt) {
                if (auto ok = Exec(
                        "UPDATE order_lines SET returned_quantity = returned_quantity + ?3 "
                        "WHERE order_id = ?1 AND line_no = ?2",
                        ret.order_id, static_cast<std::int64_t>(line.order_line_no), line.quantity);
                    !ok) {
                    return std::unexpected(ok.error());
                }
            }
            if (auto ok = Exec("INSERT INTO return_lines (return_id, position, order_line_no, sku, "
                               "quantity, value_minor, "
                               "reason, condition) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               ret.id, static_cast<std::int64_t>(i),
                               static_cast<std::int64_t>(line.order_line_no), sku, line.quantity,
                               (*values)[i].Minor(), static_cast<std::int64_t>(line.reason),
                               static_cast<std::int64_t>(line.condition));
                !ok) {
                return std::unexpected(ok.error());
            }
            if (line.condition == orders::ItemCondition::kRestock) {
                if (auto ok = MoveStock(ret.location_id, sku, line.quantity, 0); !ok)
                    return std::unexpected(ok.error());
            }
        }
        return *total;
    }

    store::Database& m_db;
    std::int64_t m_seq;
    const Event& m_event;
    SqliteLedgerState m_state;
    std::int64_t m_movement = 0;
    std::int64_t m_payment = 0;
    std::int64_t m_refund = 0;
    std::int64_t m_credit = 0;
};

// The orders an event concerns, for their audit trail.
std::vector<std::string> OrdersOf(const EventPayload& payload) {
    return std::visit(
        [](const auto& e) -> std::vector<std::string> {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, OrderPlaced>) {
                return {e.order.id};
            } else if constexpr (std::is_same_v<T, ReturnReceived>) {
                return {e.ret.order_id};
            } else if constexpr (std::is_same_v<T, OrderAmended>) {
                return {e.order.id};
            } else if constexpr (std::is_same_v<T, ExchangeCompleted>) {
                return {e.ret.order_id, e.new_order.id};
            } else if constexpr (requires { e.order_id; }) {
                return {e.order_id};
            } else {
                return {};
            }
        },
        payload);
}

}  // namespace

Status ApplyToProjections(store::Database& db, std::int64_t seq, const Event& event) {
    Projector projector(db, seq, event);
    if (auto ok = std::visit([&](const auto& payload) { return projector.Apply(payload); },
                             event.payload);
        !ok)
        return ok;
    for (const std::string& order_id : OrdersOf(event.payload)) {
        if (order_id.empty()) continue;
        auto q = db.Prepare(
            "INSERT INTO order_events (order_id, seq) VALUES (?, ?) ON CONFLICT DO NOTHING");
        if (!q) return std::unexpected(q.error());
        if (auto ok = q->Bind(1, order_id).Bind(2, seq).Run(); !ok) return ok;
    }
    return {};
}

}  // namespace tillbook::ledger
