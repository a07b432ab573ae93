#pragma once
// Sales parked at this till (the `parked_sales` table, till migration 4): a cart put aside for a
// customer who stepped away, kept in the till's own database so it survives a restart. Not money
// and not a ledger event: only the completed sale is journalled. Plain rows; no pricing here.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/money/money.hpp"
#include "tillbook/orders/discount.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::pos::app {

struct ParkedLine {
    std::string sku;                               // the SKU code
    std::string description;                       // as the cart showed it, for messages
    std::int64_t quantity = 0;                     // milli-units; grams for weighed goods
    std::int64_t unit_price_minor = 0;             // the unit price as priced when parked
    std::optional<std::int64_t> line_price_minor;  // a price-embedded label's price
    std::optional<orders::Discount> discount;      // the line's own, as typed
    // A price changed at the till (minor units); its approval is not kept: asked again at "Pay".
    std::optional<std::int64_t> price_override_minor = std::nullopt;
    bool gift_card = false;  // a gift card (orders::GiftCardItem): `sku` is its number
};

struct ParkedCart {
    std::vector<ParkedLine> lines;
    std::optional<orders::Discount> order_discount;  // as typed
};

struct ParkedSale {
    std::int64_t id = 0;
    ids::UtcMillis parked_at = 0;
    std::string staff_id;
    std::string staff_name;
    std::string label;  // "3 items, £11.45, parked 14:05 by Zoë"
    ParkedCart cart;
};

// The cart as the `cart` column holds it, and back (amounts in `currency`'s minor units).
[[nodiscard]] std::string ParkedCartJson(const ParkedCart& cart);
[[nodiscard]] Result<ParkedCart> ParkedCartFromJson(std::string_view text,
                                                    const money::Currency& currency);

// Adds a parked sale; its id.
[[nodiscard]] Result<std::int64_t> InsertParkedSale(store::Database& db, const ParkedSale& sale);
// The parked sales, oldest first; the carts are not read.
[[nodiscard]] Result<std::vector<ParkedSale>> ListParkedSales(store::Database& db);
// Reads parked sale `id`, hands it to `restore` and deletes it, in one transaction: when
// `restore` fails the row stays. kNotFound when there is no such row (recalled already).
[[nodiscard]] Status TakeParkedSale(store::Database& db, std::int64_t id,
                                    const money::Currency& currency,
                                    const std::function<Status(const ParkedSale&)>& restore);

}  // namespace tillbook::pos::app
