#include <fmt/format.h>

#include <set>

#include "ledger/validate_credit.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/orders/gift_card_line.hpp"

namespace tillbook::ledger {

namespace {

std::unexpected<Error> Invalid(std::string message, std::string field) {
    return std::unexpected(
        MakeError(ErrorCode::kInvalidInput, std::move(message), std::move(field)));
}

// One gift-card line's own shape, before its card is read.
Status CheckGiftCardLine(const orders::OrderLine& line, std::string_view currency) {
    const std::string where = fmt::format("line {} (a gift card)", line.line_no);
    if (!credit::IsCardNumber(line.sku)) {
        return Invalid(where +
                           ": the line names the card it loads: its 16-digit number with a "
                           "valid check digit",
                       "order.lines.sku");
    }
    if (line.quantity != orders::kMilliPerUnit)
        return Invalid(where + ": a gift card is sold one at a time", "order.lines.quantity");
    if (!line.discount.IsZero())
        return Invalid(where + ": a gift card is not discounted", "order.lines.discount");
    if (line.tax_rate != 0 || line.tax_given_minor.value_or(0) != 0) {
        return Invalid(where + ": a gift card is not taxed when it is sold, only when it is spent",
                       "order.lines.tax_rate");
    }
    if (line.unit_price.GetCurrency().code != currency) {
        return std::unexpected(MakeError(ErrorCode::kCurrencyMismatch,
                                         fmt::format("{}: {} on a sale in {}", where,
                                                     line.unit_price.GetCurrency().code, currency),
                                         "order.lines.unit_price"));
    }
    if (line.unit_price.Minor() <= 0)
        return Invalid(where + ": a gift card is loaded with more than nothing",
                       "order.lines.unit_price");
    return {};
}

}  // namespace

Status CheckCreditGoesOn(const std::string& card_number, const money::Money& amount,
                         std::string_view field, LedgerState& state) {
    if (!credit::IsCardNumber(card_number)) {
        return Invalid(fmt::format("{}: store credit goes onto a card: its 16-digit number with a "
                                   "valid check digit",
                                   field),
                       std::string(field));
    }
    auto card = state.FindCreditCard(card_number);
    if (!card) return std::unexpected(card.error());
    if (!*card) return {};
    if ((*card)->currency != amount.GetCurrency().code) {
        return std::unexpected(
            MakeError(ErrorCode::kCurrencyMismatch,
                      fmt::format("card {} holds {}, not {}", credit::CardNumberTail(card_number),
                                  (*card)->currency, amount.GetCurrency().code),
                      std::string(field)));
    }
    std::int64_t after = 0;
    if (__builtin_add_overflow((*card)->balance_minor, amount.Minor(), &after) ||
        __builtin_add_overflow((*card)->issued_minor, amount.Minor(), &after)) {
        return std::unexpected(MakeError(
            ErrorCode::kOverflow,
            fmt::format("card {}: the balance would overflow", credit::CardNumberTail(card_number)),
            "amount"));
    }
    return {};
}

Status CheckGiftCardLines(const orders::Order& order, bool handed_over, LedgerState& state) {
    if (!orders::LoadsOurGiftCards(order)) return {};
    std::set<std::string> cards;
    for (const orders::OrderLine& line : order.lines) {
        if (line.kind != orders::LineKind::kGiftCard) continue;
        if (auto ok = CheckGiftCardLine(line, order.currency); !ok) return ok;
        if (!handed_over) {
            return Invalid(fmt::format("line {}: a gift card is loaded when the sale is handed "
                                       "over at the counter",
                                       line.line_no),
                           "handed_over");
        }
        if (!cards.insert(line.sku).second) {
            return Invalid(fmt::format("line {}: card {} is loaded twice in one sale", line.line_no,
                                       credit::CardNumberTail(line.sku)),
                           "order.lines.sku");
        }
        if (auto ok = CheckCreditGoesOn(line.sku, line.unit_price, "order.lines.sku", state); !ok)
            return std::unexpected(ok.error().WithContext(fmt::format("line {}", line.line_no)));
    }
    return {};
}

Status CheckCreditBuysNoCredit(const orders::Order& order,
                               const std::vector<orders::Payment>& payments) {
    if (!orders::SellsGiftCard(order)) return {};
    for (const orders::Payment& payment : payments) {
        if (payment.tender == orders::Tender::kStoreCredit) {
            return Invalid(
                "store credit cannot pay for a gift card: credit is not bought with credit",
                "payments.tender");
        }
    }
    return {};
}

Status CheckNoGiftCardSold(const orders::Order& new_order) {
    if (!orders::SellsGiftCard(new_order)) return {};
    return Invalid("an exchange's new goods cannot load a gift card: sell it as a sale of its own",
                   "new_order.lines.kind");
}

Status CheckReturnable(const OrderLineState& line) {
    if (line.kind != orders::LineKind::kGiftCard) return {};
    return std::unexpected(MakeError(
        ErrorCode::kInvariantViolated,
        fmt::format("line {} is a gift card: it cannot be returned; its credit stays on the card",
                    line.line_no),
        "ret.lines.order_line_no"));
}

}  // namespace tillbook::ledger
