#include "tillbook/orders/till_sale.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "tillbook/orders/gift_card_line.hpp"

namespace tillbook::orders {

std::string TillOrderNumber(std::string_view store_code, std::string_view terminal,
                            std::int64_t sale_number) {
    return fmt::format("{}-{}-{:06}", store_code, terminal, sale_number);
}

std::string StoreChannel(std::string_view store_code) {
    return fmt::format("store:{}", store_code);
}

Result<std::vector<OrderLine>> PriceSaleItems(std::span<const SaleItem> items,
                                              std::span<const catalogue::TaxClass> tax_classes) {
    if (items.empty())
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "a sale needs at least one item", "items"));
    std::vector<OrderLine> lines;
    int line_no = 0;
    for (const SaleItem& item : items) {
        ++line_no;
        if (item.kind == LineKind::kGiftCard) {
            lines.push_back(GiftCardLine(line_no, item));
            continue;
        }
        const auto where = fmt::format("item {} ({})", line_no, item.sku.code);
        if (!item.sku.active) {
            return std::unexpected(
                MakeError(ErrorCode::kInvalidInput, where + ": no longer sold (inactive)", "sku"));
        }
        if (item.quantity <= 0)
            return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                             where + ": quantity must be above zero", "quantity"));
        const auto tax = std::find_if(
            tax_classes.begin(), tax_classes.end(),
            [&](const catalogue::TaxClass& t) { return t.code == item.sku.tax_class; });
        if (tax == tax_classes.end()) {
            return std::unexpected(MakeError(ErrorCode::kNotFound,
                                             where + ": unknown tax class " + item.sku.tax_class,
                                             "tax_class"));
        }
        OrderLine line;
        line.line_no = line_no;
        line.kind = LineKind::kGoods;
        line.sku = item.sku.code;
        line.description = item.sku.variant_name.empty()
                               ? item.sku.product_name
                               : item.sku.product_name + " " + item.sku.variant_name;
        line.quantity = item.quantity;
        line.tax_rate = tax->rate;
        line.tax_mode = tax->mode;
        line.discount = money::Money(0, item.sku.price.GetCurrency());
        if (item.line_price) {
            // A price-embedded label: one item at the printed price.
            line.quantity = kMilliPerUnit;
            line.unit_price = *item.line_price;
        } else {
            line.unit_price = item.sku.price;
        }
        if (item.price_override) {
            if (item.price_override->GetCurrency() != line.unit_price.GetCurrency() ||
                item.price_override->Minor() <= 0) {
                return std::unexpected(
                    MakeError(ErrorCode::kInvalidInput,
                              where + ": a price set at the till must be above zero, in " +
                                  line.unit_price.GetCurrency().code,
                              "price_override"));
            }
            line.price_overridden_from = line.unit_price;
            line.unit_price = *item.price_override;
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

Result<Order> BuildStoreSale(const StoreSale& sale, std::span<const SaleItem> items,
                             std::span<const catalogue::TaxClass> tax_classes) {
    auto lines = PriceSaleItems(items, tax_classes);
    if (!lines) return std::unexpected(lines.error());
    Order order;
    order.id = sale.order_id;
    order.number = sale.number;
    order.channel = StoreChannel(sale.location_code);
    order.location_id = sale.location_id;
    order.currency = items.front().sku.price.GetCurrency().code;
    order.placed_at = sale.placed_at;
    order.lines = std::move(*lines);
    if (auto ok = CheckWellFormed(order); !ok) return std::unexpected(ok.error());
    return order;
}

Result<Order> BuildTillSale(const TillSaleContext& context, std::span<const SaleItem> items,
                            std::span<const catalogue::TaxClass> tax_classes) {
    return BuildStoreSale(
        {context.order_id,
         TillOrderNumber(context.store_code, context.terminal, context.sale_number),
         context.store_code, context.store_location_id, context.placed_at},
        items, tax_classes);
}

}  // namespace tillbook::orders
