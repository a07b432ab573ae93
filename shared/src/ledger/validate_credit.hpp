#pragma once
// The ledger's rules on credit put on a card, and on gift cards sold at a till (Validate calls
// them; validate_gift_cards.cpp). Private to the ledger.
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ledger/state.hpp"
#include "tillbook/money/money.hpp"
#include "tillbook/orders/order.hpp"

namespace tillbook::ledger {

// Credit put on `card_number` (a refund, an issue or a gift card sold) fits the card: a valid
// number, the card's currency, and its running totals within int64. `field` names it in errors.
[[nodiscard]] Status CheckCreditGoesOn(const std::string& card_number, const money::Money& amount,
                                       std::string_view field, LedgerState& state);

// The gift-card lines of an order placed (orders/gift_card_line.hpp): each names a valid card of
// the order's currency, one unit, no discount, no tax, an amount above zero, and no card twice;
// the sale is handed over. A channel's own gift-card lines (not a store's) are not checked.
[[nodiscard]] Status CheckGiftCardLines(const orders::Order& order, bool handed_over,
                                        LedgerState& state);

// A sale that loads a gift card is not paid with store credit: credit is not bought with credit.
[[nodiscard]] Status CheckCreditBuysNoCredit(const orders::Order& order,
                                             const std::vector<orders::Payment>& payments);

// An exchange's new goods load no gift card: it is sold as a sale of its own.
[[nodiscard]] Status CheckNoGiftCardSold(const orders::Order& new_order);

// A gift card's line never comes back: its credit is on the card.
[[nodiscard]] Status CheckReturnable(const OrderLineState& line);

}  // namespace tillbook::ledger
