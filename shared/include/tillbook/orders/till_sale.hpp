#pragma once
// Building a till sale: an order of the store's channel, placed and handed over at once.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tillbook/catalogue/catalogue.hpp"
#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/orders/order.hpp"

namespace tillbook::orders {

struct SaleItem {
    catalogue::Sku sku;
    std::int64_t quantity = kMilliPerUnit;   // milli-units; grams for weighed goods
    std::optional<money::Money> line_price;  // a price-embedded label: the line's price as printed
    // A unit price set at the till in place of the catalogue's (per kg when weighed) or the
    // label's: the line is priced at it and remembers the price it replaced.
    std::optional<money::Money> price_override = std::nullopt;
    // kGiftCard: a gift card loaded at the till (orders::GiftCardItem): sku.code is the card's
    // number, sku.price the amount loaded, and it has no tax class.
    LineKind kind = LineKind::kGoods;
};

struct TillSaleContext {
    std::string order_id;
    std::string store_location_id;
    std::string store_code;        // "S01"
    std::string terminal;          // "T1"
    std::int64_t sale_number = 0;  // per terminal, from 1
    ids::UtcMillis placed_at = 0;
};

// "S01-T1-000042": read aloud, printed as a barcode on the receipt, scanned at the returns desk.
[[nodiscard]] std::string TillOrderNumber(std::string_view store_code, std::string_view terminal,
                                          std::int64_t sale_number);
// The channel of a store's till sales: "store:S01".
[[nodiscard]] std::string StoreChannel(std::string_view store_code);

// One line per item, numbered from 1, priced from the catalogue and taxed by the SKU's tax class
// at the time; an item with a price override at that price, the price it replaced kept on the
// line (OrderLine::price_overridden_from); a gift card's item becomes its line
// (orders::GiftCardLine). Errors: no items, an inactive SKU, an unknown tax class, a quantity
// <= 0, an override of zero or less or in another currency.
[[nodiscard]] Result<std::vector<OrderLine>> PriceSaleItems(
    std::span<const SaleItem> items, std::span<const catalogue::TaxClass> tax_classes);

// A sale handed over at a location: PriceSaleItems' lines in an order of the location's store
// channel, under the number its maker gave it (a till's, or the back office's series).
struct StoreSale {
    std::string order_id;
    std::string number;
    std::string location_code;  // "S01"
    std::string location_id;
    ids::UtcMillis placed_at = 0;
};
[[nodiscard]] Result<Order> BuildStoreSale(const StoreSale& sale, std::span<const SaleItem> items,
                                           std::span<const catalogue::TaxClass> tax_classes);

// A till sale: PriceSaleItems' lines in an order of the store's channel, numbered by the till.
[[nodiscard]] Result<Order> BuildTillSale(const TillSaleContext& context,
                                          std::span<const SaleItem> items,
                                          std::span<const catalogue::TaxClass> tax_classes);

}  // namespace tillbook::orders
