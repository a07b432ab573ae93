#pragma once
// How far a cashier may discount on their own, from the office's settings
// `till.discount_limit_percent` (default 20) and `till.discount_limit_amount` (default "10.00"):
// no discount above the percentage of what it is taken off, and no more than the amount off a
// sale in all. A manager (or admin) signed in is not limited; beyond the limits a cashier's
// discount needs a manager's PIN (SaleController, ApprovalController).
#include <cstdint>
#include <optional>
#include <string>

#include "cart.hpp"
#include "tillbook/staff/staff.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::pos::app {

struct DiscountLimits {
    std::int64_t percent_basis_points = 2000;
    money::Money amount{1000, money::Currency{"GBP", 2}};

    // The settings as pulled; a missing or unreadable one keeps its default.
    [[nodiscard]] static DiscountLimits Load(store::Database& db, const money::Currency& currency);
    // "Discounts up to 20% or £10.00".
    [[nodiscard]] std::string Text() const;
    // Why `cart` needs a manager ("Discount above 20% needs a manager"), or nullopt.
    [[nodiscard]] std::optional<std::string> Refusal(const Cart& cart, const PricedCart& priced,
                                                     staff::Role role) const;
};

}  // namespace tillbook::pos::app
