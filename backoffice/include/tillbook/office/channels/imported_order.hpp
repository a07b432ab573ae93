#pragma once
// What a channel importer makes of one order in the channel's own JSON: our Order plus what the
// import service needs to decide (is it newer than what we have, cancelled, refunded, complete).
// Importers are pure functions of the payload: no database, no clock, no catalogue.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/money/money.hpp"
#include "tillbook/orders/order.hpp"

namespace tillbook::office::channels {

// Stored and sent: explicit values, never reused.
enum class Channel : int {
    kShopify = 1,
    kWooCommerce = 2,
    kEbay = 3,
    kAmazon = 4,
};

// Every channel, in the order the back office lists them.
inline constexpr std::array kChannels{Channel::kShopify, Channel::kWooCommerce, Channel::kEbay,
                                      Channel::kAmazon};

// "shopify", "woocommerce", "ebay", "amazon": the order's channel and the URL segment.
[[nodiscard]] std::string_view ChannelCode(Channel channel);
[[nodiscard]] std::optional<Channel> ParseChannel(std::string_view code);

struct ChannelRefund {
    std::string external_id;  // the channel's refund id
    money::Money amount;      // > 0, in the order's currency
};

struct ImportedOrder {
    // Filled by the importer: channel, external_id, number, currency, placed_at, despatch_by and
    // deliver_by where the channel gives them, customer_email, lines, attention, shop_currency.
    // Left empty for the import service: id, location_id.
    //
    // Money: what the customer paid, in the currency they paid in (currency); every amount here,
    // refunds and the channel total too, is in it. When that is not the shop's own currency, the
    // channel's total and tax in the shop's currency go in shop_currency, as the channel states
    // them.
    //
    // Lines: one per channel line, in the channel's order, numbered from 1. Goods lines carry the
    // SKU (empty when the channel has none: a reason is added to attention), quantity in
    // milli-units, and are stored gross: unit_price x quantity - discount = what the customer paid
    // for the line including tax; tax_given_minor = the channel's tax for the line (0 when the
    // channel gives none); tax_mode kInclusive. When a line total does not divide by its quantity,
    // unit_price is rounded up and the difference goes into discount. Shipping is one kShipping
    // line (sku empty) when it costs anything; gift cards bought are kGiftCard lines.
    orders::Order order;
    std::optional<ids::UtcMillis> updated_at;  // the channel's last-modified time
    bool cancelled = false;
    bool paid = false;  // the channel says the customer has paid
    bool has_shipping_address = false;
    // The channel ships it from its own stock (Amazon's AFN): nothing of ours is reserved for it
    // and it has no despatch deadline of ours.
    bool shipped_by_channel = false;
    std::optional<money::Money> channel_total;  // the order total as the channel states it
    std::vector<ChannelRefund> refunds;         // refunds inside the payload
};

// Each returns kInvalidInput only when the payload is not usable at all (not JSON, not an object,
// no order id, no currency). Anything else odd — a line without SKU, money that does not parse,
// no address, a total that differs from the lines by a minor unit — is imported, with the reason
// in order.attention ("line 2: price \"abc\" is not money"), never dropped.
[[nodiscard]] Result<ImportedOrder> ParseShopifyOrder(std::string_view body);
[[nodiscard]] Result<ImportedOrder> ParseWooCommerceOrder(std::string_view body);
[[nodiscard]] Result<ImportedOrder> ParseEbayOrder(std::string_view body);
// Amazon: {"order": {...Orders v0 Order...}, "items": [...Orders v0 OrderItem...]}.
[[nodiscard]] Result<ImportedOrder> ParseAmazonOrder(std::string_view body);

}  // namespace tillbook::office::channels
