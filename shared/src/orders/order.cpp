#include "tillbook/orders/order.hpp"

#include <fmt/format.h>

#include <set>

namespace tillbook::orders {

namespace {
Error LineError(const OrderLine& line, ErrorCode code, std::string_view what, std::string field) {
    return MakeError(code, fmt::format("line {}: {}", line.line_no, what), std::move(field));
}
}  // namespace

Result<LineAmounts> ComputeLineAmounts(const OrderLine& line) {
    if (line.quantity <= 0) {
        return std::unexpected(
            LineError(line, ErrorCode::kInvalidInput, "quantity must be above zero", "quantity"));
    }
    if (line.discount.IsNegative()) {
        return std::unexpected(
            LineError(line, ErrorCode::kInvalidInput, "discount cannot be negative", "discount"));
    }
    if (line.unit_price.IsNegative()) {
        return std::unexpected(LineError(line, ErrorCode::kInvalidInput,
                                         "unit price cannot be negative", "unit_price"));
    }
    auto gross = line.unit_price.TimesMilli(line.quantity, money::Rounding::kHalfAwayFromZero);
    if (!gross)
        return std::unexpected(gross.error().WithContext(fmt::format("line {}", line.line_no)));
    auto discounted = gross->Minus(line.discount);
    if (!discounted) {
        return std::unexpected(
            discounted.error().WithContext(fmt::format("line {}", line.line_no)));
    }
    if (discounted->IsNegative()) {
        return std::unexpected(LineError(line, ErrorCode::kInvalidInput,
                                         "discount is larger than the line amount", "discount"));
    }
    if (line.tax_given_minor) {
        if (*line.tax_given_minor < 0 || *line.tax_given_minor > discounted->Minor()) {
            return std::unexpected(LineError(line, ErrorCode::kInvalidInput,
                                             "the channel's tax is outside 0 and the line amount",
                                             "tax_given_minor"));
        }
        return LineAmounts{*discounted,
                           money::Money(*line.tax_given_minor, discounted->GetCurrency())};
    }
    auto tax = money::ComputeTax(*discounted, line.tax_rate, line.tax_mode);
    if (!tax) return std::unexpected(tax.error().WithContext(fmt::format("line {}", line.line_no)));
    return LineAmounts{tax->gross, tax->tax};
}

Result<OrderTotals> ComputeTotals(const Order& order) {
    auto currency = money::FindCurrency(order.currency);
    if (!currency) return std::unexpected(currency.error().WithContext("currency"));
    OrderTotals totals{money::Money(0, *currency), money::Money(0, *currency), {}};
    totals.lines.reserve(order.lines.size());
    for (const OrderLine& line : order.lines) {
        auto amounts = ComputeLineAmounts(line);
        if (!amounts) return std::unexpected(amounts.error());
        auto total = totals.total.Plus(amounts->total);
        auto tax = totals.tax.Plus(amounts->tax);
        if (!total)
            return std::unexpected(total.error().WithContext(fmt::format("line {}", line.line_no)));
        if (!tax)
            return std::unexpected(tax.error().WithContext(fmt::format("line {}", line.line_no)));
        totals.total = *total;
        totals.tax = *tax;
        totals.lines.push_back(*amounts);
    }
    return totals;
}

Status CheckWellFormed(const Order& order) {
    const auto bad = [](std::string message, std::string field) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, std::move(message), std::move(field)));
    };
    if (order.id.empty()) return bad("order id is missing", "id");
    if (order.channel.empty()) return bad("channel is missing", "channel");
    if (order.number.empty()) return bad("order number is missing", "number");
    auto currency = money::FindCurrency(order.currency);
    if (!currency) return std::unexpected(currency.error().WithContext("currency"));
    if (order.lines.empty()) return bad("an order needs at least one line", "lines");
    std::set<int> numbers;
    for (const OrderLine& line : order.lines) {
        if (line.line_no <= 0 || !numbers.insert(line.line_no).second) {
            return bad(fmt::format("line number {} is not positive and unique", line.line_no),
                       "lines.line_no");
        }
        if (line.unit_price.GetCurrency() != *currency ||
            line.discount.GetCurrency() != *currency) {
            return std::unexpected(
                MakeError(ErrorCode::kCurrencyMismatch,
                          fmt::format("line {}: not in {}", line.line_no, order.currency),
                          "lines.unit_price"));
        }
        if (line.price_overridden_from && (line.price_overridden_from->GetCurrency() != *currency ||
                                           line.price_overridden_from->IsNegative())) {
            return bad(fmt::format("line {}: the price it was changed from must be in {} and not "
                                   "negative",
                                   line.line_no, order.currency),
                       "lines.price_overridden_from");
        }
    }
    if (order.shop_currency) {
        const ShopCurrencyTotals& shop = *order.shop_currency;
        if (shop.total.GetCurrency() != shop.tax.GetCurrency() ||
            shop.total.GetCurrency() == *currency) {
            return std::unexpected(MakeError(
                ErrorCode::kCurrencyMismatch,
                fmt::format("shop-currency totals in {} and {}: they must be in one currency "
                            "other than the order's {}",
                            shop.total.GetCurrency().code, shop.tax.GetCurrency().code,
                            order.currency),
                "shop_currency"));
        }
        if (shop.total.IsNegative() || shop.tax.IsNegative())
            return bad("shop-currency totals cannot be negative", "shop_currency");
    }
    auto totals = ComputeTotals(order);
    if (!totals) return std::unexpected(totals.error());
    return {};
}

bool CanMove(OrderStatus from, OrderStatus to) {
    using S = OrderStatus;
    switch (from) {
        case S::kPlaced:
            return to == S::kAllocated || to == S::kCancelled;
        case S::kAllocated:
            return to == S::kPicking || to == S::kDispatched || to == S::kCancelled;
        case S::kPicking:
            return to == S::kPacked || to == S::kAllocated || to == S::kCancelled;
        case S::kPacked:
            return to == S::kDispatched || to == S::kCancelled;
        case S::kDispatched:
            return to == S::kDelivered || to == S::kLost;
        case S::kDelivered:
            return false;
        case S::kCancelled:
            return false;
        case S::kLost:
            return to == S::kDelivered;  // turned up after all
    }
    return false;
}

std::string_view ToString(OrderStatus status) {
    switch (status) {
        case OrderStatus::kPlaced:
            return "placed";
        case OrderStatus::kAllocated:
            return "allocated";
        case OrderStatus::kPicking:
            return "picking";
        case OrderStatus::kPacked:
            return "packed";
        case OrderStatus::kDispatched:
            return "dispatched";
        case OrderStatus::kDelivered:
            return "delivered";
        case OrderStatus::kCancelled:
            return "cancelled";
        case OrderStatus::kLost:
            return "lost";
    }
    return "unknown";
}

bool HasReachedCustomer(OrderStatus status) {
    return status == OrderStatus::kDispatched || status == OrderStatus::kDelivered ||
           status == OrderStatus::kLost;
}

bool IsOpenForDespatch(OrderStatus status) {
    switch (status) {
        case OrderStatus::kPlaced:
        case OrderStatus::kAllocated:
        case OrderStatus::kPicking:
        case OrderStatus::kPacked:
            return true;
        case OrderStatus::kDispatched:
        case OrderStatus::kDelivered:
        case OrderStatus::kCancelled:
        case OrderStatus::kLost:
            return false;
    }
    return false;
}

Result<money::Money> ReturnValue(const money::Money& line_total, std::int64_t line_quantity,
                                 std::int64_t already_returned, std::int64_t quantity) {
    if (line_quantity <= 0 || already_returned < 0 || quantity <= 0 ||
        already_returned + quantity > line_quantity) {
        return std::unexpected(
            MakeError(ErrorCode::kInvariantViolated,
                      fmt::format("cannot return {} of {} when {} already came back", quantity,
                                  line_quantity, already_returned),
                      "quantity"));
    }
    const auto value_of = [&](std::int64_t k) {
        return money::RoundedDivide(static_cast<money::Int128>(line_total.Minor()) * k,
                                    line_quantity, money::Rounding::kHalfAwayFromZero);
    };
    const money::Int128 value = value_of(already_returned + quantity) - value_of(already_returned);
    return money::Money(static_cast<std::int64_t>(value), line_total.GetCurrency());
}

}  // namespace tillbook::orders
