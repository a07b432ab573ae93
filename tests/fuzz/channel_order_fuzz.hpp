#pragma once
// The property every channel parser keeps for any payload: it never crashes; an order it accepts
// has its lines numbered from 1 in order, in positive quantities, refunds above zero, all in the
// order's currency; a line with a negative discount, or totals that do not compute, never pass
// silently: the order then carries a reason in attention (Shopify and WooCommerce keep such a
// line with its reason, GrossLineChecks::report_invalid); and the same payload parses to the same
// order twice.
#include <string_view>

#include "fuzz_check.hpp"
#include "tillbook/office/channels/imported_order.hpp"
#include "tillbook/orders/order.hpp"

namespace tillbook::fuzz {

template <typename Parse>
void CheckChannelOrder(std::string_view body, Parse parse) {
    const auto imported = parse(body);
    if (!imported) return;
    const orders::Order& order = imported->order;
    for (std::size_t i = 0; i < order.lines.size(); ++i) {
        const orders::OrderLine& line = order.lines[i];
        FUZZ_CHECK(line.line_no == static_cast<int>(i + 1));
        FUZZ_CHECK(line.quantity > 0);
        FUZZ_CHECK(!line.discount.IsNegative() || !order.attention.empty());
        FUZZ_CHECK(line.unit_price.GetCurrency().code == order.currency);
    }
    FUZZ_CHECK(orders::ComputeTotals(order).has_value() || !order.attention.empty());
    for (const auto& refund : imported->refunds) {
        FUZZ_CHECK(refund.amount.Minor() > 0);
        FUZZ_CHECK(refund.amount.GetCurrency().code == order.currency);
    }
    const auto again = parse(body);
    FUZZ_CHECK(again.has_value() && again->order == order);
}

}  // namespace tillbook::fuzz
