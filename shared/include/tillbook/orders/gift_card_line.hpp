#pragma once
// A gift card sold at a till (issue 14, point 4): a line of kind LineKind::kGiftCard in a sale of
// the store's channel. The line's `sku` holds the 16-digit number of the card it loads
// (credit::IsCardNumber), its unit price the amount loaded: one unit, no discount, tax rate 0 (a
// multi-purpose voucher is taxed when it is spent, not when it is sold). The card is credited when
// the sale is handed over (credit::MovementKind::kSold); the line never moves stock, is never
// returned and takes no share of an order discount. A channel's own gift-card lines (a web shop's
// cards) are left as they came: they load none of ours.
#include <string>
#include <string_view>

#include "tillbook/money/money.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/orders/till_sale.hpp"

namespace tillbook::orders {

// The cart's item for a card loaded with `amount`: priced as given, with no tax class.
[[nodiscard]] SaleItem GiftCardItem(std::string card_number, const money::Money& amount);

// The order line of such an item, numbered `line_no`: "Gift card …1234".
[[nodiscard]] OrderLine GiftCardLine(int line_no, const SaleItem& item);

// "Gift card …1234": the line's description, never the whole bearer number.
[[nodiscard]] std::string GiftCardDescription(std::string_view card_number);

// Whether `order` is a sale of a store's channel, whose gift-card lines load our cards.
[[nodiscard]] bool LoadsOurGiftCards(const Order& order);

// Whether `order` sells one of our gift cards.
[[nodiscard]] bool SellsGiftCard(const Order& order);

}  // namespace tillbook::orders
