#pragma once
// One order type for every channel. A till sale is an order of the store's channel, placed and
// handed over at once. Quantities are milli-units (1 unit = 1000; grams for weighed goods).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/money/money.hpp"
#include "tillbook/money/tax.hpp"

namespace tillbook::orders {

inline constexpr std::int64_t kMilliPerUnit = 1000;

// Stored: explicit values, never reused.
enum class OrderStatus : int {
    kPlaced = 1,
    kAllocated = 2,  // stock reserved
    kPicking = 3,
    kPacked = 4,
    kDispatched = 5,
    kDelivered = 6,  // also: a till sale handed over at the counter
    kCancelled = 7,
    kLost = 8,  // lost in transit; a replacement is a new order
};

enum class LineKind : int {
    kGoods = 1,  // a SKU that moves stock
    kShipping = 2,
    kGiftCard = 3,  // never reserved or shipped
    kService = 4,   // fees, custom items without stock
};

enum class Tender : int {
    kCash = 1,
    kCard = 2,
    kStoreCredit = 3,
    kGiftCard = 4,
    kChannel = 5,  // paid on the marketplace / web shop
    kOther = 6,
    kExchangeCredit = 7,  // the value of goods returned in an exchange, carried to the new order
};

struct OrderLine {
    int line_no = 0;  // 1-based, unique within the order
    LineKind kind = LineKind::kGoods;
    std::string sku;  // empty for lines without SKU (needs attention if goods)
    std::string description;
    std::int64_t quantity = 0;  // milli-units
    money::Money unit_price;    // per unit (per kg when weighed), as the customer sees it
    money::Money discount;      // total discount on this line (>= 0)
    money::TaxRateBasisPoints tax_rate = 0;
    money::TaxMode tax_mode = money::TaxMode::kInclusive;
    // The tax a channel computed for the line, in minor units. When set, the line is gross
    // (unit_price x quantity - discount includes the tax) and this amount is kept as given
    // instead of being recomputed from tax_rate: the channel's totals are the truth.
    std::optional<std::int64_t> tax_given_minor = std::nullopt;
    // A price changed at the till (a manager's approval): the unit price the line had before,
    // the catalogue's or a price-embedded label's; unit_price is what the customer paid. Empty
    // when the price was not changed.
    std::optional<money::Money> price_overridden_from = std::nullopt;
    friend bool operator==(const OrderLine&, const OrderLine&) = default;
};

struct Payment {
    Tender tender = Tender::kCash;
    money::Money amount;    // what the shop keeps: cash tendered minus change given
    money::Money tendered;  // cash handed over (for the receipt); equals amount otherwise
    std::string reference;  // card terminal reference, channel transaction id
    std::string shift_id;   // the till shift whose drawer holds cash; empty off-till
    friend bool operator==(const Payment&, const Payment&) = default;
};

// An online order paid in another currency than the shop's (Shopify Markets): the channel's own
// figures for it in the shop's currency, kept beside the order for the accounts. Everything else
// on the order (lines, totals, payments, refunds) is in the currency the customer paid.
struct ShopCurrencyTotals {
    money::Money total;  // the channel's order total, converted by the channel
    money::Money tax;    // the channel's tax on the order, converted likewise
    friend bool operator==(const ShopCurrencyTotals&, const ShopCurrencyTotals&) = default;
};

struct Order {
    std::string id;           // UUIDv7
    std::string number;       // read aloud and scanned: "S01-T2-004217" or the channel's number
    std::string channel;      // "store:S01", "shopify", "woocommerce", "ebay", "amazon"
    std::string external_id;  // the channel's id; empty for till sales
    std::string location_id;  // selling store for till sales; empty until allocated online
    std::string currency;     // ISO 4217
    ids::UtcMillis placed_at = 0;
    std::optional<ids::UtcMillis> despatch_by;
    std::optional<ids::UtcMillis> deliver_by;
    std::string customer_email;
    std::string customer_name;  // the buyer's or the shipping name as the channel gives it; ""
                                // for till sales (and for orders stored before it was kept)
    std::vector<OrderLine> lines;
    std::vector<std::string> attention;  // needs-attention reasons (unknown SKU, no address, ...)
    std::optional<ShopCurrencyTotals> shop_currency;  // empty when paid in the shop's currency
    friend bool operator==(const Order&, const Order&) = default;
};

struct LineAmounts {
    money::Money total;  // what the customer pays for the line (after discount, incl. tax)
    money::Money tax;
};

struct OrderTotals {
    money::Money total;
    money::Money tax;
    std::vector<LineAmounts> lines;  // same order as Order::lines
};

// Line total = unit_price x quantity (rounded half away from zero for weighed quantities) minus
// discount, plus tax when tax-exclusive. Errors: negative quantity or discount, a discount above
// the line amount, mixed currencies, overflow.
[[nodiscard]] Result<LineAmounts> ComputeLineAmounts(const OrderLine& line);
[[nodiscard]] Result<OrderTotals> ComputeTotals(const Order& order);

// Checks an order is well-formed: ids, currency known, lines numbered uniquely, quantities > 0;
// shop-currency totals, when given, in one currency other than the order's and not negative.
[[nodiscard]] Status CheckWellFormed(const Order& order);

// The status lifecycle: which moves are allowed.
[[nodiscard]] bool CanMove(OrderStatus from, OrderStatus to);
[[nodiscard]] std::string_view ToString(OrderStatus status);
// Every status, in the order of the lifecycle.
inline constexpr OrderStatus kOrderStatuses[] = {OrderStatus::kPlaced,     OrderStatus::kAllocated,
                                                 OrderStatus::kPicking,    OrderStatus::kPacked,
                                                 OrderStatus::kDispatched, OrderStatus::kDelivered,
                                                 OrderStatus::kCancelled,  OrderStatus::kLost};
// Still to be despatched (placed, allocated, picking, packed): only these can be due or overdue.
[[nodiscard]] bool IsOpenForDespatch(OrderStatus status);
// Has reached the customer (dispatched, delivered, lost): only such an order's goods can come back.
[[nodiscard]] bool HasReachedCustomer(OrderStatus status);

// The value of returning `quantity` of a line of which `already_returned` came back before:
// value(k) = round(line_total x k / line_quantity), and a return is value(before+q) -
// value(before), so returning every unit in any number of steps refunds exactly the line total.
[[nodiscard]] Result<money::Money> ReturnValue(const money::Money& line_total,
                                               std::int64_t line_quantity,
                                               std::int64_t already_returned,
                                               std::int64_t quantity);

}  // namespace tillbook::orders
