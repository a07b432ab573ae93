#include "tillbook/ledger/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "ledger/running_totals.hpp"
#include "ledger/validate_credit.hpp"
#include "ledger/validate_drawer.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/ledger/origin.hpp"

namespace tillbook::ledger {

namespace {

using orders::OrderStatus;

std::unexpected<Error> Broken(std::string message, std::string field = {}) {
    return std::unexpected(
        MakeError(ErrorCode::kInvariantViolated, std::move(message), std::move(field)));
}
std::unexpected<Error> Invalid(std::string message, std::string field = {}) {
    return std::unexpected(
        MakeError(ErrorCode::kInvalidInput, std::move(message), std::move(field)));
}
std::unexpected<Error> Missing(std::string message, std::string field = {}) {
    return std::unexpected(MakeError(ErrorCode::kNotFound, std::move(message), std::move(field)));
}

Result<OrderState> NeedOrder(LedgerState& state, std::string_view order_id) {
    auto order = state.FindOrder(order_id);
    if (!order) return std::unexpected(order.error());
    if (!*order) return Missing(fmt::format("order {} does not exist", order_id), "order_id");
    return std::move(**order);
}

Status NeedLocation(LedgerState& state, std::string_view location_id, std::string_view field) {
    auto exists = state.LocationExists(location_id);
    if (!exists) return std::unexpected(exists.error());
    if (!*exists)
        return Missing(fmt::format("location \"{}\" does not exist", location_id),
                       std::string(field));
    return {};
}

Result<ShiftState> NeedOpenShift(LedgerState& state, std::string_view shift_id,
                                 std::string_view currency) {
    auto shift = state.FindShift(shift_id);
    if (!shift) return std::unexpected(shift.error());
    if (!*shift) return Missing(fmt::format("shift {} does not exist", shift_id), "shift_id");
    if ((*shift)->closed) return Broken(fmt::format("shift {} is closed", shift_id), "shift_id");
    if ((*shift)->currency != currency) {
        return std::unexpected(MakeError(
            ErrorCode::kCurrencyMismatch,
            fmt::format("shift {} counts {}, not {}", shift_id, (*shift)->currency, currency),
            "shift_id"));
    }
    return std::move(**shift);
}

// Cash goes into or out of a drawer, and a drawer's cash is counted by its open shift: cash with no
// shift would be money the cash-up never sees. The same rule for the till and the back office.
std::unexpected<Error> NoDrawer(std::string_view what) {
    return Broken(
        fmt::format("{} needs an open shift for the drawer it goes through; open a shift first",
                    what),
        "shift_id");
}

Status CheckAmount(const money::Money& amount, std::string_view currency, std::string_view field) {
    if (amount.GetCurrency().code != currency) {
        return std::unexpected(MakeError(
            ErrorCode::kCurrencyMismatch,
            fmt::format("{}: {} where {} was expected", field, amount.GetCurrency().code, currency),
            std::string(field)));
    }
    if (amount.Minor() <= 0)
        return Invalid(fmt::format("{}: must be above zero", field), std::string(field));
    return {};
}

// Sums quantities per SKU; rejects non-positive quantities and empty SKUs.
Result<std::map<std::string, std::int64_t>> SumBySku(const std::vector<SkuQuantity>& lines) {
    if (lines.empty()) return Invalid("no lines", "lines");
    std::map<std::string, std::int64_t> sums;
    for (const SkuQuantity& line : lines) {
        if (line.sku.empty()) return Invalid("a line has no SKU", "lines.sku");
        if (line.quantity <= 0) {
            return Invalid(fmt::format("{}: quantity must be above zero", line.sku),
                           "lines.quantity");
        }
        if (__builtin_add_overflow(sums[line.sku], line.quantity, &sums[line.sku])) {
            return std::unexpected(
                MakeError(ErrorCode::kOverflow, "quantity overflows", "lines.quantity"));
        }
    }
    return sums;
}

std::string Amount(std::int64_t minor, std::string_view currency) {
    auto found = money::FindCurrency(currency);
    if (!found) return fmt::format("{} minor units", minor);
    return fmt::format("{} {}", money::FormatMoney(money::Money(minor, *found)), currency);
}

std::string Amount(const money::Money& amount) {
    return fmt::format("{} {}", money::FormatMoney(amount), amount.GetCurrency().code);
}

// A payment by store credit spends a redemption made at the back office (CreditRedeemed), named
// as its reference; the redemption took the balance, so the payment moves no balance. A till
// does not hold the office's redemptions: where the redemption is known (the back office), the
// payment must match it, unspent and not given back; the office's push policy requires it known.
Status CheckStoreCreditPayment(const orders::Payment& payment, LedgerState& state) {
    if (payment.reference.empty()) {
        return Invalid("a payment by store credit names the redemption made at the back office",
                       "reference");
    }
    auto redemption = state.FindRedemption(payment.reference);
    if (!redemption) return std::unexpected(redemption.error());
    if (!*redemption) return {};
    const RedemptionState& r = **redemption;
    if (r.cancelled) {
        return Broken(fmt::format("redemption {} was given back to card {}; it pays for nothing",
                                  r.id, credit::CardNumberTail(r.card_number)),
                      "reference");
    }
    if (r.paid_with) {
        return Broken(fmt::format("redemption {} has paid for a sale already", r.id), "reference");
    }
    if (r.currency != payment.amount.GetCurrency().code ||
        r.amount_minor != payment.amount.Minor()) {
        return Broken(fmt::format("redemption {} took {} off card {}, not {}", r.id,
                                  Amount(r.amount_minor, r.currency),
                                  credit::CardNumberTail(r.card_number), Amount(payment.amount)),
                      "amount");
    }
    return {};
}

// One event's payments spend each redemption once.
Status CheckRedemptionsSpentOnce(const std::vector<orders::Payment>& payments) {
    std::set<std::string_view> named;
    for (const orders::Payment& payment : payments) {
        if (payment.tender != orders::Tender::kStoreCredit) continue;
        if (!named.insert(payment.reference).second) {
            return Broken(fmt::format("redemption {} pays twice", payment.reference),
                          "payments.reference");
        }
    }
    return {};
}

Status CheckPayment(const orders::Payment& payment, std::string_view currency, LedgerState& state) {
    if (auto ok = CheckAmount(payment.amount, currency, "amount"); !ok) return ok;
    if (payment.tendered.GetCurrency().code != currency ||
        payment.tendered.Minor() < payment.amount.Minor()) {
        return Invalid("tendered must be at least the amount, in the same currency", "tendered");
    }
    if (payment.tender == orders::Tender::kStoreCredit)
        return CheckStoreCreditPayment(payment, state);
    if (payment.tender == orders::Tender::kCash) {
        if (payment.shift_id.empty()) return NoDrawer("cash");
        auto shift = NeedOpenShift(state, payment.shift_id, currency);
        if (!shift) return std::unexpected(shift.error());
    }
    return {};
}

Status CheckRefundTender(const orders::Refund& refund, std::string_view currency,
                         LedgerState& state) {
    if (auto ok = CheckAmount(refund.amount, currency, "amount"); !ok) return ok;
    if (refund.tender == orders::Tender::kStoreCredit)
        return CheckCreditGoesOn(refund.reference, refund.amount, "reference", state);
    if (refund.tender == orders::Tender::kCash) {
        if (refund.shift_id.empty()) return NoDrawer("a cash refund");
        auto shift = NeedOpenShift(state, refund.shift_id, currency);
        if (!shift) return std::unexpected(shift.error());
        if (shift->expected_cash_minor < refund.amount.Minor()) {
            return Broken(fmt::format("the drawer of shift {} does not hold {} in cash",
                                      refund.shift_id, money::FormatMoney(refund.amount)),
                          "amount");
        }
    }
    return {};
}

Status CheckNewOrder(const orders::Order& order, bool handed_over, LedgerState& state) {
    if (auto ok = orders::CheckWellFormed(order); !ok) return ok;
    auto existing = state.FindOrder(order.id);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) {
        return std::unexpected(MakeError(
            ErrorCode::kConflict, fmt::format("order {} already exists", order.id), "order.id"));
    }
    if (handed_over || !order.location_id.empty()) {
        if (order.location_id.empty())
            return Invalid("a till sale needs its store", "order.location_id");
        if (auto ok = NeedLocation(state, order.location_id, "order.location_id"); !ok) return ok;
    }
    return {};
}

Status CheckReturn(const orders::Return& ret, LedgerState& state) {
    if (ret.id.empty()) return Invalid("return id is missing", "ret.id");
    auto existing = state.FindReturn(ret.id);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) {
        return std::unexpected(MakeError(
            ErrorCode::kConflict, fmt::format("return {} already exists", ret.id), "ret.id"));
    }
    if (auto ok = NeedLocation(state, ret.location_id, "ret.location_id"); !ok) return ok;
    if (ret.lines.empty()) return Invalid("a return needs at least one line", "ret.lines");
    for (const orders::ReturnLine& line : ret.lines) {
        if (line.quantity <= 0)
            return Invalid("a returned quantity must be above zero", "ret.lines.quantity");
        if (line.condition == orders::ItemCondition::kRestock && line.sku.empty()) {
            return Invalid("goods put back on the shelf need their SKU", "ret.lines.sku");
        }
        if (line.condition == orders::ItemCondition::kRestock) {
            if (auto ok = CheckStockMoves(ret.location_id, line.sku, line.quantity,
                                          "ret.lines.quantity", state);
                !ok)
                return ok;
        }
    }
    if (ret.no_receipt) {
        if (!ret.order_id.empty())
            return Invalid("a no-receipt return cannot name an order", "ret.order_id");
        for (const orders::ReturnLine& line : ret.lines) {
            if (line.unit_value.GetCurrency().code != ret.currency ||
                line.unit_value.IsNegative()) {
                return Invalid("a no-receipt line needs a unit value in the return's currency",
                               "ret.lines.unit_value");
            }
        }
        auto currency = money::FindCurrency(ret.currency);
        if (!currency) return std::unexpected(currency.error().WithContext("ret.currency"));
        return {};
    }
    auto order = NeedOrder(state, ret.order_id);
    if (!order) return std::unexpected(order.error());
    if (ret.currency != order->currency) {
        return std::unexpected(MakeError(
            ErrorCode::kCurrencyMismatch,
            fmt::format("the order was in {}, the return in {}", order->currency, ret.currency),
            "ret.currency"));
    }
    if (!orders::HasReachedCustomer(order->status)) {
        return Broken(fmt::format("order {} is {}: nothing has reached the customer to return",
                                  order->id, orders::ToString(order->status)),
                      "ret.order_id");
    }
    std::map<int, std::int64_t> returning;
    for (const orders::ReturnLine& line : ret.lines) {
        const auto found =
            std::find_if(order->lines.begin(), order->lines.end(),
                         [&](const OrderLineState& l) { return l.line_no == line.order_line_no; });
        if (found == order->lines.end()) {
            return Missing(fmt::format("order {} has no line {}", order->id, line.order_line_no),
                           "ret.lines.order_line_no");
        }
        if (auto ok = CheckReturnable(*found); !ok) return ok;
        if (!line.sku.empty() && line.sku != found->sku) {
            return Invalid(
                fmt::format("line {} sold {}, not {}", found->line_no, found->sku, line.sku),
                "ret.lines.sku");
        }
        // Summed without overflow: quantities near int64 together must not wrap below the sale.
        std::int64_t& back = returning[line.order_line_no];
        std::int64_t sum = 0;
        std::int64_t after = 0;
        const bool wraps = __builtin_add_overflow(back, line.quantity, &sum) ||
                           __builtin_add_overflow(found->returned_quantity, sum, &after);
        if (wraps || after > found->quantity) {
            return Broken(
                fmt::format("line {} ({}): {} sold, {} already returned, {} more cannot come back",
                            found->line_no, found->sku, found->quantity, found->returned_quantity,
                            wraps ? line.quantity : sum),
                "ret.lines.quantity");
        }
        back = sum;
    }
    return {};
}

const money::Money& AmountOf(const money::Money& m) {
    return m;
}
const money::Money& AmountOf(const orders::Payment& p) {
    return p.amount;
}
const money::Money& AmountOf(const orders::Refund& r) {
    return r.amount;
}

Result<money::Money> SumAmounts(const money::Money& zero, const auto& items) {
    money::Money sum = zero;
    for (const auto& item : items) {
        auto next = sum.Plus(AmountOf(item));
        if (!next) return std::unexpected(next.error());
        sum = *next;
    }
    return sum;
}

Status ValidateOne(const OrderPlaced& e, LedgerState& state) {
    if (auto ok = CheckNewOrder(e.order, e.handed_over, state); !ok) return ok;
    if (auto ok = CheckGiftCardLines(e.order, e.handed_over, state); !ok) return ok;
    if (auto ok = CheckCreditBuysNoCredit(e.order, e.payments); !ok) return ok;
    if (e.payments.empty()) return {};
    auto totals = orders::ComputeTotals(e.order);
    if (!totals) return std::unexpected(totals.error());
    auto paid = SumAmounts(money::Money(0, totals->total.GetCurrency()), e.payments);
    if (!paid) return std::unexpected(paid.error());
    for (const orders::Payment& payment : e.payments) {
        if (auto ok = CheckPayment(payment, e.order.currency, state); !ok)
            return std::unexpected(ok.error().WithContext("payments"));
    }
    if (auto ok = CheckDrawersTake(e.payments, state); !ok) return ok;
    if (auto ok = CheckRedemptionsSpentOnce(e.payments); !ok) return ok;
    if (paid->Minor() > totals->total.Minor()) {
        return Broken(fmt::format("order {} totals {} and {} is paid: too much", e.order.id,
                                  money::FormatMoney(totals->total), money::FormatMoney(*paid)),
                      "payments");
    }
    return {};
}

Status ValidateOne(const PaymentTaken& e, LedgerState& state) {
    auto order = NeedOrder(state, e.order_id);
    if (!order) return std::unexpected(order.error());
    if (order->status == OrderStatus::kCancelled)
        return Broken("the order is cancelled", "order_id");
    if (auto ok = CheckPayment(e.payment, order->currency, state); !ok) return ok;
    if (auto ok = CheckDrawersTake(std::span(&e.payment, 1), state); !ok) return ok;
    std::int64_t paid_after = 0;
    if (__builtin_add_overflow(order->paid_minor, e.payment.amount.Minor(), &paid_after) ||
        paid_after > order->total_minor) {
        return Broken(
            fmt::format("order {} totals {} minor units and {} are paid: {} more is too much",
                        order->id, order->total_minor, order->paid_minor, e.payment.amount.Minor()),
            "amount");
    }
    return {};
}

Status ValidateOne(const StockReserved& e, LedgerState& state) {
    auto order = NeedOrder(state, e.order_id);
    if (!order) return std::unexpected(order.error());
    if (order->status != OrderStatus::kPlaced && order->status != OrderStatus::kAllocated) {
        return Broken(fmt::format("order {} is {}; only placed orders reserve stock", order->id,
                                  orders::ToString(order->status)),
                      "order_id");
    }
    if (auto ok = NeedLocation(state, e.location_id, "location_id"); !ok) return ok;
    auto wanted = SumBySku(e.lines);
    if (!wanted) return std::unexpected(wanted.error());
    auto held = state.Reservations(e.order_id);
    if (!held) return std::unexpected(held.error());
    for (const auto& [sku, quantity] : *wanted) {
        std::int64_t ordered = 0;
        for (const OrderLineState& line : order->lines) {
            if (line.sku == sku && line.kind == orders::LineKind::kGoods) ordered += line.quantity;
        }
        std::int64_t already = 0;
        for (const ReservationState& r : *held) {
            if (r.sku == sku) already += r.quantity;
        }
        if (already + quantity > ordered) {
            return Broken(fmt::format("{}: order {} wants {}, {} already reserved", sku, order->id,
                                      ordered, already),
                          "lines.quantity");
        }
        auto stock = state.Stock(e.location_id, sku);
        if (!stock) return std::unexpected(stock.error());
        if (stock->Available() < quantity) {
            return Broken(fmt::format("{} at {}: {} available, {} wanted", sku, e.location_id,
                                      stock->Available(), quantity),
                          "lines.quantity");
        }
    }
    return {};
}

Status ValidateOne(const OrderStatusChanged& e, LedgerState& state) {
    if (e.to == OrderStatus::kAllocated || e.to == OrderStatus::kDispatched ||
        e.to == OrderStatus::kCancelled || e.to == OrderStatus::kPlaced) {
        return Invalid(fmt::format("{} has its own event", orders::ToString(e.to)), "to");
    }
    auto order = NeedOrder(state, e.order_id);
    if (!order) return std::unexpected(order.error());
    if (!orders::CanMove(order->status, e.to)) {
        return Broken(fmt::format("order {} cannot go from {} to {}", order->id,
                                  orders::ToString(order->status), orders::ToString(e.to)),
                      "to");
    }
    return {};
}

Status ValidateOne(const OrderDispatched& e, LedgerState& state) {
    auto order = NeedOrder(state, e.order_id);
    if (!order) return std::unexpected(order.error());
    if (!orders::CanMove(order->status, OrderStatus::kDispatched)) {
        return Broken(fmt::format("order {} is {} and cannot be dispatched", order->id,
                                  orders::ToString(order->status)),
                      "order_id");
    }
    auto held = state.Reservations(e.order_id);
    if (!held) return std::unexpected(held.error());
    std::map<std::string, std::int64_t> open;
    for (const OrderLineState& line : order->lines) {
        if (line.kind == orders::LineKind::kGoods) open[line.sku] += line.quantity;
    }
    for (const ReservationState& r : *held)
        open[r.sku] -= r.quantity;
    for (const auto& [sku, quantity] : open) {
        if (quantity != 0) {
            return Broken(
                fmt::format("order {}: {} of {} is not reserved; reserve all goods before dispatch",
                            order->id, quantity, sku.empty() ? "a line without SKU" : sku),
                "order_id");
        }
    }
    return {};
}

Status ValidateOne(const OrderCancelled& e, LedgerState& state) {
    auto order = NeedOrder(state, e.order_id);
    if (!order) return std::unexpected(order.error());
    return CanCancel(*order);
}

Status ValidateOne(const ReturnReceived& e, LedgerState& state) {
    return CheckReturn(e.ret, state);
}

Status ValidateOne(const RefundIssued& e, LedgerState& state) {
    if (e.order_id.empty() && e.return_id.empty()) {
        return Invalid("a refund names its order or its return", "order_id");
    }
    if (!state.HoldsEveryOrder() && !e.order_id.empty()) {
        // A till refunding an order it did not make (received back at the office's word): the
        // back office checks the order and the return when the till pushes it; here, the drawer.
        auto held = state.FindOrder(e.order_id);
        if (!held) return std::unexpected(held.error());
        if (!*held) return CheckRefundTender(e.refund, e.refund.amount.GetCurrency().code, state);
    }
    std::string currency = e.refund.amount.GetCurrency().code;
    if (!e.order_id.empty()) {
        auto order = NeedOrder(state, e.order_id);
        if (!order) return std::unexpected(order.error());
        currency = order->currency;
        if (auto ok = CanRefund(*order, e.refund.amount.Minor()); !ok) return ok;
    }
    if (!e.return_id.empty()) {
        auto ret = state.FindReturn(e.return_id);
        if (!ret) return std::unexpected(ret.error());
        if (!*ret)
            return Missing(fmt::format("return {} does not exist", e.return_id), "return_id");
        if ((*ret)->order_id != e.order_id) {
            return Invalid(
                fmt::format("return {} belongs to order \"{}\"", e.return_id, (*ret)->order_id),
                "return_id");
        }
        std::int64_t refunded_after = 0;
        if (__builtin_add_overflow((*ret)->refunded_minor, e.refund.amount.Minor(),
                                   &refunded_after) ||
            refunded_after > (*ret)->value_minor) {
            return Broken(
                fmt::format("return {} is worth {}; {} refunded already; {} more is too much",
                            e.return_id, (*ret)->value_minor, (*ret)->refunded_minor,
                            e.refund.amount.Minor()),
                "amount");
        }
    }
    return CheckRefundTender(e.refund, currency, state);
}

Status ValidateOne(const ExchangeCompleted& e, LedgerState& state) {
    if (auto ok = CheckReturn(e.ret, state); !ok)
        return std::unexpected(ok.error().WithContext("return"));
    if (auto ok = CheckNewOrder(e.new_order, true, state); !ok) {
        return std::unexpected(ok.error().WithContext("new order"));
    }
    if (auto ok = CheckNoGiftCardSold(e.new_order); !ok) return ok;
    if (e.new_order.currency != e.ret.currency) {
        return std::unexpected(MakeError(ErrorCode::kCurrencyMismatch,
                                         "an exchange is settled in one currency",
                                         "new_order.currency"));
    }
    auto value = ValueOfReturn(e.ret, state);
    if (!value) return std::unexpected(value.error());
    auto totals = orders::ComputeTotals(e.new_order);
    if (!totals) return std::unexpected(totals.error());
    if (!e.ret.no_receipt) {
        auto order = NeedOrder(state, e.ret.order_id);
        if (!order) return std::unexpected(order.error());
        if (order->refunded_minor + value->Minor() > order->paid_minor) {
            return Broken(
                fmt::format(
                    "order {}: {} paid, {} refunded already; the returned goods are worth {}",
                    order->id, order->paid_minor, order->refunded_minor, value->Minor()),
                "ret");
        }
    }
    const money::Money zero(0, value->GetCurrency());
    auto paid = SumAmounts(zero, e.payments);
    auto refunded = SumAmounts(zero, e.refunds);
    if (!paid) return std::unexpected(paid.error());
    if (!refunded) return std::unexpected(refunded.error());
    for (const orders::Payment& p : e.payments) {
        if (auto ok = CheckPayment(p, e.ret.currency, state); !ok)
            return std::unexpected(ok.error().WithContext("payments"));
    }
    if (auto ok = CheckDrawersTake(e.payments, state); !ok) return ok;
    if (auto ok = CheckRedemptionsSpentOnce(e.payments); !ok) return ok;
    for (const orders::Refund& r : e.refunds) {
        if (auto ok = CheckRefundTender(r, e.ret.currency, state); !ok)
            return std::unexpected(ok.error().WithContext("refunds"));
    }
    const money::Int128 difference =
        static_cast<money::Int128>(totals->total.Minor()) - value->Minor();
    const money::Int128 settled = static_cast<money::Int128>(paid->Minor()) - refunded->Minor();
    if ((difference > 0 && !e.refunds.empty()) || (difference < 0 && !e.payments.empty()) ||
        settled != difference) {
        return Broken(
            fmt::format("the new goods cost {} and the returned goods are worth {}: the customer "
                        "pays {} and is refunded {}, which does not settle the difference",
                        money::FormatMoney(totals->total), money::FormatMoney(*value),
                        money::FormatMoney(*paid), money::FormatMoney(*refunded)),
            "payments");
    }
    return {};
}

Status ValidateOne(const StockAdjusted& e, LedgerState& state) {
    if (e.sku.empty()) return Invalid("an adjustment needs a SKU", "sku");
    if (e.delta == 0) return Invalid("an adjustment of zero changes nothing", "delta");
    if (auto ok = NeedLocation(state, e.location_id, "location_id"); !ok) return ok;
    return CheckStockMoves(e.location_id, e.sku, e.delta, "delta", state);
}

Status ValidateOne(const StockTransferred& e, LedgerState& state) {
    if (e.from_location_id == e.to_location_id)
        return Invalid("a transfer needs two different locations", "to_location_id");
    if (auto ok = NeedLocation(state, e.from_location_id, "from_location_id"); !ok) return ok;
    if (auto ok = NeedLocation(state, e.to_location_id, "to_location_id"); !ok) return ok;
    auto wanted = SumBySku(e.lines);
    if (!wanted) return std::unexpected(wanted.error());
    for (const auto& [sku, quantity] : *wanted) {
        auto stock = state.Stock(e.from_location_id, sku);
        if (!stock) return std::unexpected(stock.error());
        if (stock->Available() < quantity) {
            return Broken(fmt::format("{} at {}: {} available to move, {} wanted", sku,
                                      e.from_location_id, stock->Available(), quantity),
                          "lines.quantity");
        }
        if (auto ok = CheckStockMoves(e.to_location_id, sku, quantity, "lines.quantity", state);
            !ok)
            return ok;
    }
    return {};
}

Status ValidateOne(const ShiftOpened& e, LedgerState& state) {
    if (e.shift_id.empty() || e.terminal.empty())
        return Invalid("a shift needs an id and a terminal", "shift_id");
    auto existing = state.FindShift(e.shift_id);
    if (!existing) return std::unexpected(existing.error());
    if (*existing)
        return std::unexpected(MakeError(
            ErrorCode::kConflict, fmt::format("shift {} already exists", e.shift_id), "shift_id"));
    auto open = state.OpenShiftOf(e.terminal);
    if (!open) return std::unexpected(open.error());
    if (*open) {
        return Broken(fmt::format("terminal {} still has shift {} open; close it first", e.terminal,
                                  (*open)->id),
                      "terminal");
    }
    if (e.opening_float.IsNegative())
        return Invalid("the opening float cannot be negative", "opening_float");
    return NeedLocation(state, e.location_id, "location_id");
}

Status ValidateOne(const CashMoved& e, LedgerState& state) {
    if (e.reason.empty()) return Invalid("paid in and paid out need a reason", "reason");
    auto shift = NeedOpenShift(state, e.shift_id, e.amount.GetCurrency().code);
    if (!shift) return std::unexpected(shift.error());
    if (auto ok = CheckAmount(e.amount, shift->currency, "amount"); !ok) return ok;
    if (e.kind == CashMovementKind::kPaidOut && e.amount.Minor() > shift->expected_cash_minor) {
        return Broken(fmt::format("the drawer should hold {} minor units; {} cannot be paid out",
                                  shift->expected_cash_minor, e.amount.Minor()),
                      "amount");
    }
    if (e.kind == CashMovementKind::kPaidIn) return CheckDrawerTakes(e.shift_id, e.amount, state);
    return {};
}

Status ValidateOne(const ShiftClosed& e, LedgerState& state) {
    auto shift = NeedOpenShift(state, e.shift_id, e.counted.GetCurrency().code);
    if (!shift) return std::unexpected(shift.error());
    if (e.counted.IsNegative()) return Invalid("counted cash cannot be negative", "counted");
    return {};
}

Status ValidateOne(const OrderFlagged& e, LedgerState& state) {
    if (e.reasons.empty()) return Invalid("a flag needs at least one reason", "reasons");
    auto order = NeedOrder(state, e.order_id);
    if (!order) return std::unexpected(order.error());
    return {};
}

// Amendable: an online order nothing of which has been picked, packed, dispatched, delivered,
// cancelled or returned. The new version is well formed like a new order, stays the same order
// (channel, external id, currency) and keeps money consistent: what was paid less what was
// refunded never exceeds the new total (a channel's refund is recorded before the amendment).
Status ValidateOne(const OrderAmended& e, LedgerState& state) {
    if (e.reason.empty()) return Invalid("an amendment says what changed", "reason");
    auto order = NeedOrder(state, e.order.id);
    if (!order) return std::unexpected(order.error());
    if (auto ok = CanAmend(*order); !ok) return ok;
    if (auto ok = orders::CheckWellFormed(e.order); !ok)
        return std::unexpected(ok.error().WithContext("order"));
    if (e.order.channel != order->channel || e.order.external_id != order->external_id) {
        return Invalid(fmt::format("order {} is {} {}, not {} {}", order->id, order->channel,
                                   order->external_id, e.order.channel, e.order.external_id),
                       "order.external_id");
    }
    if (e.order.currency != order->currency) {
        return std::unexpected(MakeError(
            ErrorCode::kCurrencyMismatch,
            fmt::format("order {} is in {}, not {}", order->id, order->currency, e.order.currency),
            "order.currency"));
    }
    if (!e.order.location_id.empty() && e.order.location_id != order->location_id) {
        return Invalid("an amendment does not move the order to another location",
                       "order.location_id");
    }
    auto totals = orders::ComputeTotals(e.order);
    if (!totals) return std::unexpected(totals.error().WithContext("order"));
    return CanAmendTo(*order, totals->total.Minor());
}

Status ValidateOne(const ReferenceChanged& e, LedgerState&) {
    if (e.entity.empty()) return Invalid("a reference change names what changed", "entity");
    if (e.key.empty()) return Invalid("a reference change names which one changed", "key");
    if (e.change.empty()) return Invalid("a reference change says how it changed", "change");
    return {};
}

Status ValidateOne(const CreditIssued& e, LedgerState& state) {
    if (auto ok = CheckAmount(e.amount, e.amount.GetCurrency().code, "amount"); !ok) return ok;
    if (auto ok = CheckCreditGoesOn(e.card_number, e.amount, "card_number", state); !ok) return ok;
    if (!e.order_id.empty()) {
        auto order = NeedOrder(state, e.order_id);
        if (!order) return std::unexpected(order.error());
        if (order->currency != e.amount.GetCurrency().code) {
            return std::unexpected(
                MakeError(ErrorCode::kCurrencyMismatch,
                          fmt::format("order {} is in {}, the credit in {}", order->id,
                                      order->currency, e.amount.GetCurrency().code),
                          "amount"));
        }
    }
    if (e.cancels_redemption_id.empty()) return {};
    auto redemption = state.FindRedemption(e.cancels_redemption_id);
    if (!redemption) return std::unexpected(redemption.error());
    if (!*redemption) {
        return Missing(fmt::format("redemption {} does not exist", e.cancels_redemption_id),
                       "cancels_redemption_id");
    }
    const RedemptionState& r = **redemption;
    if (r.cancelled) {
        return std::unexpected(MakeError(ErrorCode::kConflict,
                                         fmt::format("redemption {} was given back already", r.id),
                                         "cancels_redemption_id"));
    }
    if (r.paid_with) {
        return Broken(
            fmt::format("redemption {} has paid for a sale; it cannot be given back", r.id),
            "cancels_redemption_id");
    }
    if (r.card_number != e.card_number || r.amount_minor != e.amount.Minor()) {
        return Invalid(
            fmt::format("redemption {} took {} off card {}: exactly that goes back", r.id,
                        Amount(r.amount_minor, r.currency), credit::CardNumberTail(r.card_number)),
            "amount");
    }
    return {};
}

// Never more than the balance: the back office appends one event at a time, each read against the
// balance the one before it left, so two tills redeeming the same card at once cannot both take it.
Status ValidateOne(const CreditRedeemed& e, LedgerState& state) {
    if (e.redemption_id.empty()) return Invalid("a redemption needs its id", "redemption_id");
    auto existing = state.FindRedemption(e.redemption_id);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) {
        return std::unexpected(MakeError(
            ErrorCode::kConflict, fmt::format("redemption {} already exists", e.redemption_id),
            "redemption_id"));
    }
    if (!credit::IsCardNumber(e.card_number)) {
        return Invalid("a card number has 16 digits with a valid check digit", "card_number");
    }
    auto card = state.FindCreditCard(e.card_number);
    if (!card) return std::unexpected(card.error());
    if (!*card) {
        return Missing(fmt::format("card {} is not known: no credit was issued on it",
                                   credit::CardNumberTail(e.card_number)),
                       "card_number");
    }
    if (auto ok = CheckAmount(e.amount, (*card)->currency, "amount"); !ok) return ok;
    if (e.amount.Minor() > (*card)->balance_minor) {
        return Broken(
            fmt::format("card {} holds {}; {} cannot be taken",
                        credit::CardNumberTail(e.card_number),
                        Amount((*card)->balance_minor, (*card)->currency), Amount(e.amount)),
            "amount");
    }
    return {};
}

Status ValidateOne(const DrawerOpened& e, LedgerState& state) {
    return ValidateDrawerOpened(e, state);
}

}  // namespace

Result<std::vector<money::Money>> ValuesOfReturnLines(const orders::Return& ret,
                                                      LedgerState& state) {
    auto currency = money::FindCurrency(ret.currency);
    if (!currency) return std::unexpected(currency.error());
    std::optional<OrderState> order;
    if (!ret.no_receipt) {
        auto found = NeedOrder(state, ret.order_id);
        if (!found) return std::unexpected(found.error());
        order = std::move(*found);
    }
    std::vector<money::Money> values;
    std::map<int, std::int64_t> returning;
    for (const orders::ReturnLine& line : ret.lines) {
        Result<money::Money> value = money::Money(0, *currency);
        if (ret.no_receipt) {
            value = line.unit_value.TimesMilli(line.quantity, money::Rounding::kHalfAwayFromZero);
        } else {
            const auto found = std::find_if(
                order->lines.begin(), order->lines.end(),
                [&](const OrderLineState& l) { return l.line_no == line.order_line_no; });
            if (found == order->lines.end()) {
                return Missing(
                    fmt::format("order {} has no line {}", order->id, line.order_line_no));
            }
            const std::int64_t before = found->returned_quantity + returning[line.order_line_no];
            value = orders::ReturnValue(money::Money(found->total_minor, *currency),
                                        found->quantity, before, line.quantity);
            returning[line.order_line_no] += line.quantity;
        }
        if (!value) return std::unexpected(value.error());
        values.push_back(*value);
    }
    return values;
}

Result<money::Money> ValueOfReturn(const orders::Return& ret, LedgerState& state) {
    auto values = ValuesOfReturnLines(ret, state);
    if (!values) return std::unexpected(values.error());
    auto currency = money::FindCurrency(ret.currency);
    if (!currency) return std::unexpected(currency.error());
    return SumAmounts(money::Money(0, *currency), *values);
}

Status CanCancel(const OrderState& order) {
    if (!orders::CanMove(order.status, OrderStatus::kCancelled)) {
        return Broken(fmt::format("order {} is {} and can no longer be cancelled", order.id,
                                  orders::ToString(order.status)),
                      "order_id");
    }
    return {};
}

Status CanRefund(const OrderState& order, std::int64_t amount_minor) {
    std::int64_t after = 0;
    if (__builtin_add_overflow(order.refunded_minor, amount_minor, &after) ||
        after > order.paid_minor) {
        return Broken(fmt::format("order {}: {} paid, {} refunded already; {} more would refund "
                                  "more than was paid",
                                  order.id, order.paid_minor, order.refunded_minor, amount_minor),
                      "amount");
    }
    return {};
}

Status CanAmend(const OrderState& order) {
    if (order.channel.starts_with("store:")) {
        return Broken(
            fmt::format("order {} is a till sale; only online orders are amended", order.id),
            "order.id");
    }
    if (order.status != OrderStatus::kPlaced && order.status != OrderStatus::kAllocated) {
        return Broken(fmt::format("order {} is {}: too late to amend; flag it instead", order.id,
                                  orders::ToString(order.status)),
                      "order.id");
    }
    for (const OrderLineState& line : order.lines) {
        if (line.returned_quantity > 0) {
            return Broken(fmt::format("order {}: line {} has come back; it cannot be amended",
                                      order.id, line.line_no),
                          "order.id");
        }
    }
    return {};
}

Status CanAmendTo(const OrderState& order, std::int64_t new_total_minor) {
    if (order.paid_minor - order.refunded_minor > new_total_minor) {
        return Broken(
            fmt::format("order {}: {} paid and {} refunded, more than the new total {}; record "
                        "the refund first",
                        order.id, order.paid_minor, order.refunded_minor, new_total_minor),
            "order.lines");
    }
    return {};
}

Status Validate(const Event& event, LedgerState& state) {
    if (event.id.empty()) return Invalid("an event needs an id", "id");
    if (event.origin.empty()) return Invalid("an event needs its origin", "origin");
    if (event.origin_seq <= 0) return Invalid("origin_seq starts at 1", "origin_seq");
    if (event.actor.empty()) return Invalid("an event needs its actor", "actor");
    if (!event.approver.empty() && event.approver == event.actor)
        return Invalid("an approval comes from someone other than the actor", "approver");
    if (!event.via.empty() && (event.origin != kOfficeOrigin || !IsTerminalOrigin(event.via)))
        return Invalid("only the back office records at a till's word (via a terminal:)", "via");
    return ValidatePayload(event.payload, state);
}

Status ValidatePayload(const EventPayload& payload, LedgerState& state) {
    auto result = std::visit([&](const auto& one) { return ValidateOne(one, state); }, payload);
    if (!result) return std::unexpected(result.error().WithContext(ToString(KindOf(payload))));
    return {};
}

}  // namespace tillbook::ledger
