#include "tillbook/orders/gift_card_line.hpp"

#include <algorithm>

#include "tillbook/credit/card_number.hpp"

namespace tillbook::orders {

SaleItem GiftCardItem(std::string card_number, const money::Money& amount) {
    SaleItem item;
    item.kind = LineKind::kGiftCard;
    item.sku.product_name = GiftCardDescription(card_number);
    item.sku.code = std::move(card_number);
    item.sku.price = amount;
    item.sku.cost_price = money::Money(0, amount.GetCurrency());
    item.quantity = kMilliPerUnit;
    return item;
}

OrderLine GiftCardLine(int line_no, const SaleItem& item) {
    OrderLine line;
    line.line_no = line_no;
    line.kind = LineKind::kGiftCard;
    line.sku = item.sku.code;
    line.description = GiftCardDescription(item.sku.code);
    line.quantity = kMilliPerUnit;
    line.unit_price = item.sku.price;
    line.discount = money::Money(0, item.sku.price.GetCurrency());
    line.tax_rate = 0;
    line.tax_mode = money::TaxMode::kInclusive;
    return line;
}

std::string GiftCardDescription(std::string_view card_number) {
    return "Gift card " + credit::CardNumberTail(card_number);
}

bool LoadsOurGiftCards(const Order& order) {
    return order.channel.starts_with("store:");
}

bool SellsGiftCard(const Order& order) {
    return LoadsOurGiftCards(order) &&
           std::any_of(order.lines.begin(), order.lines.end(),
                       [](const OrderLine& line) { return line.kind == LineKind::kGiftCard; });
}

}  // namespace tillbook::orders
