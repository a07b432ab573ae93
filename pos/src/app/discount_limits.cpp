#include "discount_limits.hpp"

#include "shop_text.hpp"
#include "tillbook/orders/discount.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::pos::app {

namespace {

// The share of `whole` a discount takes, as typed for a percentage (so "20%" is 20% whatever the
// rounding of the pence) and as worked out for an amount.
std::int64_t ShareOf(const std::optional<orders::Discount>& typed, const money::Money& off,
                     const money::Money& whole) {
    if (typed && typed->kind == orders::DiscountKind::kPercent) return typed->basis_points;
    return orders::PercentOf(off, whole);
}

}  // namespace

DiscountLimits DiscountLimits::Load(store::Database& db, const money::Currency& currency) {
    DiscountLimits limits{2000, money::Money(10 * money::MinorPerMajor(currency), currency)};
    if (auto percent = store::GetSetting(db, "till.discount_limit_percent"); percent && *percent) {
        auto parsed = orders::ParseDiscount(**percent + "%", currency);
        if (parsed) limits.percent_basis_points = parsed->basis_points;
    }
    if (auto amount = store::GetSetting(db, "till.discount_limit_amount"); amount && *amount) {
        auto parsed = money::ParseMoney(**amount, currency);
        if (parsed && !parsed->IsNegative()) limits.amount = *parsed;
    }
    return limits;
}

std::string DiscountLimits::Text() const {
    return "Discounts up to " + orders::FormatPercent(percent_basis_points) + " or " +
           Amount(amount);
}

std::optional<std::string> DiscountLimits::Refusal(const Cart& cart, const PricedCart& priced,
                                                   staff::Role role) const {
    if (role == staff::Role::kManager || role == staff::Role::kAdmin) return std::nullopt;
    const std::string above_percent =
        "Discount above " + orders::FormatPercent(percent_basis_points) + " needs a manager";
    money::Money after_own(0, priced.subtotal.GetCurrency());
    for (std::size_t i = 0; i < priced.lines.size(); ++i) {
        const PricedLine& line = priced.lines[i];
        after_own = money::Money(after_own.Minor() + line.gross.Minor() - line.own_discount.Minor(),
                                 after_own.GetCurrency());
        if (line.own_discount.IsZero()) continue;
        if (ShareOf(cart.Lines()[i].discount, line.own_discount, line.gross) > percent_basis_points)
            return above_percent;
    }
    if (!priced.order_discount.IsZero() &&
        ShareOf(cart.order_discount, priced.order_discount, after_own) > percent_basis_points)
        return above_percent;
    if (priced.AllDiscounts().Minor() > amount.Minor())
        return "Discount above " + Amount(amount) + " needs a manager";
    return std::nullopt;
}

}  // namespace tillbook::pos::app
