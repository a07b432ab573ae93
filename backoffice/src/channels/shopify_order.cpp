// Shopify: a REST Admin order, or an orders/* webhook body (the same JSON, sometimes wrapped as
// {"order": {...}}). See docs/channels.md section 1.
//
// Decisions:
// - Money is what the customer paid, in the currency they paid in: `presentment_currency`, read
//   from `*_set.presentment_money`. Shopify's figures add up in it and its refunds are made in it;
//   its shop-currency figures are each converted on their own and need not add up. When the
//   customer paid in the shop currency (`currency`; presentment_currency the same or missing):
//   `*_set.shop_money` where present, else the top-level strings, which are shop money.
// - Paid in another currency: nothing of the order's money is read from shop money or the
//   top-level strings; an amount without presentment money is a reason. Shopify's own total and
//   tax in the shop currency (the current ones after an edit) are kept beside the order
//   (Order::shop_currency) for the accounts.
// - paid: financial_status paid, partially_refunded or refunded. partially_paid, authorized,
//   pending and voided are not paid: the customer still owes money.
// - "no shipping address" only when some line needs shipping: a line that is not a gift card and
//   does not say requires_shipping: false. has_shipping_address itself is always filled.
// - A line whose current_quantity is below its quantity (an edit removed units, or a refund did)
//   is imported as it now stands: current_quantity units at the line's unit price, its discount
//   and tax pro rata (half away from zero); a line with current_quantity 0 is left out. The order
//   total then compared is current_total_price (when given), since total_price never changes.
//   A re-import of an edited order amends the same order (ImportService).
// - A line without a whole quantity above zero cannot be represented: left out, with a reason.
// - Shipping lines marked is_removed are skipped; the others become one kShipping line.
// - Refunds: one ChannelRefund per refund, the sum of its successful "refund" transactions, each in
//   the transaction's `currency` (`amount_set` where given); one in another currency than the
//   order's is left out with a reason.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "channels/channel_json.hpp"
#include "tillbook/core/text.hpp"
#include "tillbook/money/currency.hpp"
#include "tillbook/office/channels/imported_order.hpp"

namespace tillbook::office::channels {

namespace {

using money::Money;
using nlohmann::json;

// Out-of-range amounts are taken as zero; a line that still does not compute is a reason.
constexpr GrossLineChecks kLineChecks{
    .zero_out_of_range = true, .clamp_to_line = false, .report_invalid = true};

// What one payload needs while its parts are read.
struct Reading {
    money::Currency currency;              // the order's: what the customer paid in
    std::optional<money::Currency> shop;   // the shop's, when the customer paid in another
    std::string_view side = "shop_money";  // where *_set holds the order's money
    bool taxes_included = false;
    bool needs_shipping = false;
    bool edited = false;  // some line's current_quantity is below its quantity
    ImportedOrder out;
    AttentionList attention;
};

// "the shop currency GBP" / "the currency the order was paid in EUR": the order's currency in a
// reason.
std::string OrderCurrency(const Reading& r) {
    return fmt::format("{} {}", r.shop ? "the currency the order was paid in" : "the shop currency",
                       r.currency.code);
}

// The amount of `key` in `currency`: `<key>_set/<side>/amount`. Without it, for shop money, the
// top-level `key` (Shopify's top-level strings are shop money); for presentment money, zero and a
// reason. `paid_in` names the currency in the reasons.
Money SetAmount(const json& object, std::string_view key, std::string_view side,
                const money::Currency& currency, std::string_view paid_in, std::string_view what,
                AttentionList& attention) {
    const std::string set = fmt::format("{}_set/{}", key, side);
    const bool shop_money = side == "shop_money";
    if (!Present(object, set + "/amount")) {
        if (shop_money) return ReadMoney(object, key, currency, what, attention);
        attention.Add(fmt::format("{}: missing in {}, the currency the order was paid in", what,
                                  currency.code));
        return Money(0, currency);
    }
    const auto code = FindText(object, set + "/currency_code");
    if (code && *code != currency.code) {
        attention.Add(fmt::format("{}: {} is in {}, not {}", what,
                                  shop_money ? "shop money" : "presentment money",
                                  text::QuoteForMessage(*code, 8), paid_in));
        return Money(0, currency);
    }
    return ReadMoney(object, set + "/amount", currency, what, attention);
}

// The amount of `key` in the order's currency.
Money OrderMoney(const json& object, std::string_view key, Reading& r, std::string_view what) {
    return SetAmount(object, key, r.side, r.currency, OrderCurrency(r), what, r.attention);
}

// The sum of the order's money `key` over the objects in the array `array`.
Money SumOrderMoney(const json& object, std::string_view array, std::string_view key, Reading& r,
                    std::string_view what) {
    Money sum(0, r.currency);
    const json* items = Find(object, array);
    if (items == nullptr || !items->is_array()) return sum;
    for (const json& item : *items) {
        sum = OrZero(sum.Plus(OrderMoney(item, key, r, what)), r.currency, what, r.attention);
    }
    return sum;
}

// "variant 808950810" or "custom item": what a person can map the line by.
std::string ChannelKey(const json& item) {
    if (auto variant = FindText(item, "variant_id"); variant && !variant->empty()) {
        return "variant " + *variant;
    }
    if (!Present(item, "product_id")) return "custom item";
    return "product " + FindText(item, "product_id").value_or("?");
}

// `amount` x part / whole, half away from zero: a line's discount or tax for the units left.
Money ProRata(const Money& amount, std::int64_t part, std::int64_t whole) {
    const auto share = money::RoundedDivide(static_cast<money::Int128>(amount.Minor()) * part,
                                            whole, money::Rounding::kHalfAwayFromZero);
    return Money(static_cast<std::int64_t>(share), amount.GetCurrency());
}

void ReadLineItem(const json& item, std::size_t position, Reading& r) {
    const std::string title = FindText(item, "title").value_or(FindText(item, "name").value_or(""));
    const auto units = ReadLineItemUnits(item, position, title, r.attention);
    if (!units) return;
    const std::string where = fmt::format("line {}", r.out.order.lines.size() + 1);
    const bool gift_card = FindBool(item, "gift_card").value_or(false);
    GrossLine draft;
    draft.kind = gift_card ? orders::LineKind::kGiftCard : orders::LineKind::kGoods;
    draft.units = *units;
    draft.sku = FindText(item, "sku").value_or("");
    draft.description = FindText(item, "name").value_or(title);
    if (draft.description.empty()) draft.description = title;
    const Money price = OrderMoney(item, "price", r, where + ": price");
    draft.discount = SumOrderMoney(item, "discount_allocations", "amount", r, where + ": discount");
    draft.tax = SumOrderMoney(item, "tax_lines", "price", r, where + ": tax");
    const auto current = FindInteger(item, "current_quantity");
    if (current && *current >= 0 && *current < *units) {
        r.edited = true;
        if (*current == 0) return;  // removed from the order
        draft.discount = ProRata(draft.discount, *current, *units);
        draft.tax = ProRata(draft.tax, *current, *units);
        draft.units = *current;
    }
    draft.gross = OrZero(price.Times(draft.units), r.currency, where, r.attention);
    if (!r.taxes_included) {
        draft.gross = OrZero(draft.gross.Plus(draft.tax), r.currency, where, r.attention);
    }
    if (draft.sku.empty() && !gift_card) {
        r.attention.Add(fmt::format("{} {}: no SKU ({}); map it to a SKU by hand", where,
                                    text::QuoteForMessage(title, 60), ChannelKey(item)));
    }
    if (!gift_card && FindBool(item, "requires_shipping").value_or(true)) r.needs_shipping = true;
    AddGrossLine(r.out.order, std::move(draft), kLineChecks, r.attention);
}

void ReadShippingLines(const json& order, Reading& r) {
    const json* lines = Find(order, "shipping_lines");
    if (lines == nullptr || !lines->is_array()) return;
    Money amount(0, r.currency);
    Money tax(0, r.currency);
    std::string titles;
    for (std::size_t i = 0; i < lines->size(); ++i) {
        const json& line = (*lines)[i];
        if (FindBool(line, "is_removed").value_or(false)) continue;
        const std::string what = fmt::format("shipping line {}", i + 1);
        const bool discounted =
            Present(line, fmt::format("discounted_price_set/{}/amount", r.side)) ||
            Present(line, "discounted_price");
        const Money price = OrderMoney(line, discounted ? "discounted_price" : "price", r, what);
        amount = OrZero(amount.Plus(price), r.currency, what, r.attention);
        tax = OrZero(tax.Plus(SumOrderMoney(line, "tax_lines", "price", r, what + ": tax")),
                     r.currency, what, r.attention);
        const std::string title = FindText(line, "title").value_or("");
        if (!title.empty()) titles += (titles.empty() ? "" : ", ") + title;
    }
    Money gross = amount;
    if (!r.taxes_included) gross = OrZero(gross.Plus(tax), r.currency, "shipping", r.attention);
    if (gross.IsZero()) return;
    AddGrossLine(r.out.order,
                 GrossLine{orders::LineKind::kShipping, "", titles.empty() ? "Shipping" : titles, 1,
                           gross, Money(0, r.currency), tax},
                 kLineChecks, r.attention);
}

// Successful refund transactions in the order's currency; nullopt (with a reason) when one is not.
std::optional<Money> RefundAmount(const json& refund, const std::string& what, Reading& r) {
    Money amount(0, r.currency);
    const json* transactions = Find(refund, "transactions");
    if (transactions == nullptr || !transactions->is_array()) return amount;
    for (const json& transaction : *transactions) {
        if (FindText(transaction, "kind") != "refund") continue;
        const auto status = FindText(transaction, "status");
        if (status && *status != "success") continue;
        const auto code = FindText(transaction, "currency");
        const bool in_set = Present(transaction, fmt::format("amount_set/{}/amount", r.side));
        if (!in_set && code && *code != r.currency.code) {
            r.attention.Add(fmt::format("{}: paid back in {}, not {}; not imported", what,
                                        text::QuoteForMessage(*code, 8), OrderCurrency(r)));
            return std::nullopt;
        }
        // The transaction's own amount is in its currency, just checked to be the order's.
        const Money paid_back =
            in_set ? OrderMoney(transaction, "amount", r, what)
                   : ReadMoney(transaction, "amount", r.currency, what, r.attention);
        amount = OrZero(amount.Plus(paid_back), r.currency, what, r.attention);
    }
    return amount;
}

void ReadRefunds(const json& order, Reading& r) {
    const json* refunds = Find(order, "refunds");
    if (refunds == nullptr || !refunds->is_array()) return;
    for (std::size_t i = 0; i < refunds->size(); ++i) {
        const json& refund = (*refunds)[i];
        const std::string id = FindText(refund, "id").value_or("");
        const std::string what = id.empty() ? fmt::format("refund {}", i + 1) : "refund " + id;
        const auto amount = RefundAmount(refund, what, r);
        if (!amount || amount->IsZero()) continue;
        if (id.empty() || amount->IsNegative()) {
            r.attention.Add(fmt::format("{}: {} {}; not imported", what,
                                        money::FormatMoney(*amount),
                                        id.empty() ? "has no id" : "is negative"));
            continue;
        }
        r.out.refunds.push_back(ChannelRefund{id, *amount});
    }
}

void ReadStatus(const json& order, Reading& r) {
    r.out.cancelled = Present(order, "cancelled_at");
    const std::string status = FindText(order, "financial_status").value_or("");
    r.out.paid = status == "paid" || status == "partially_refunded" || status == "refunded";
    for (const char* path : {"email", "contact_email", "customer/email"}) {
        if (auto email = FindText(order, path); email && !email->empty()) {
            r.out.order.customer_email = *email;
            break;
        }
    }
    r.out.order.customer_name =
        FindName(order, {{"shipping_address/name"},
                         {"shipping_address/first_name", "shipping_address/last_name"},
                         {"billing_address/name"},
                         {"billing_address/first_name", "billing_address/last_name"},
                         {"customer/first_name", "customer/last_name"}});
    r.out.has_shipping_address = Present(order, "shipping_address/address1");
}

void ReadTimes(const json& order, Reading& r) {
    const std::size_t reasons = r.attention.Reasons().size();
    const auto placed = ReadTime(order, "created_at", "created_at", r.attention);
    if (!placed && r.attention.Reasons().size() == reasons) r.attention.Add("created_at: missing");
    r.out.order.placed_at = placed.value_or(0);
    r.out.updated_at = ReadTime(order, "updated_at", "updated_at", r.attention);
}

void ReadTotal(const json& order, Reading& r) {
    // After an edit only current_total_price says what the lines now add up to.
    const char* key = "total_price";
    const auto given = [&](std::string_view name) {
        return Present(order, name) ||
               Present(order, fmt::format("{}_set/{}/amount", name, r.side));
    };
    if (r.edited) {
        key = "current_total_price";
        if (!given(key)) return;
    }
    if (!given(key)) {
        r.attention.Add("total_price: missing");
        return;
    }
    const std::size_t reasons = r.attention.Reasons().size();
    const Money total = OrderMoney(order, key, r, key);
    if (r.attention.Reasons().size() == reasons) r.out.channel_total = total;
}

// Paid in another currency than the shop's: Shopify's own total and tax in the shop currency, the
// current ones after an edit, kept beside the order. Not kept (a reason says why) when either
// cannot be read.
void ReadShopCurrency(const json& order, Reading& r) {
    if (!r.shop) return;
    const std::string total_key = r.edited ? "current_total_price" : "total_price";
    const std::string tax_key = r.edited ? "current_total_tax" : "total_tax";
    const std::string shop = "the shop currency " + r.shop->code;
    AttentionList reasons;
    const Money total = SetAmount(order, total_key, "shop_money", *r.shop, shop,
                                  fmt::format("{} in {}", total_key, shop), reasons);
    const Money tax = SetAmount(order, tax_key, "shop_money", *r.shop, shop,
                                fmt::format("{} in {}", tax_key, shop), reasons);
    if (reasons.Reasons().empty() && !total.IsNegative() && !tax.IsNegative()) {
        r.out.order.shop_currency = orders::ShopCurrencyTotals{total, tax};
        return;
    }
    if (reasons.Reasons().empty()) {
        reasons.Add(fmt::format("{} {} and {} {} in {}: negative", total_key,
                                money::FormatMoney(total), tax_key, money::FormatMoney(tax), shop));
    }
    for (std::string& reason : reasons.Take())
        r.attention.Add(reason + "; shop-currency figures not kept");
}

}  // namespace

Result<ImportedOrder> ParseShopifyOrder(std::string_view body) {
    auto parsed = ParseObject(body);
    if (!parsed) return std::unexpected(parsed.error());
    const json* wrapped = Find(*parsed, "order");
    const json& order = wrapped != nullptr && wrapped->is_object() ? *wrapped : *parsed;

    const std::string id = FindText(order, "id").value_or("");
    if (id.empty())
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "no order id", "id"));
    const std::string code = FindText(order, "currency").value_or("");
    if (code.empty()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "no currency", "currency"));
    }
    auto currency = money::FindCurrency(code);
    if (!currency) return std::unexpected(currency.error());

    Reading r;
    r.currency = *currency;
    const std::string presentment = FindText(order, "presentment_currency").value_or(code);
    if (!presentment.empty() && presentment != code) {
        auto paid_in = money::FindCurrency(presentment);
        if (!paid_in) return std::unexpected(paid_in.error().WithContext("presentment_currency"));
        r.shop = std::move(r.currency);
        r.currency = std::move(*paid_in);
        r.side = "presentment_money";
    }
    r.out.order.channel = std::string(ChannelCode(Channel::kShopify));
    r.out.order.external_id = id;
    r.out.order.currency = r.currency.code;
    r.out.order.number =
        FindText(order, "name").value_or(FindText(order, "order_number").value_or(id));
    if (r.out.order.number.empty()) r.out.order.number = id;
    const auto taxes_included = FindBool(order, "taxes_included");
    if (!taxes_included) r.attention.Add("taxes_included missing: prices taken as without tax");
    r.taxes_included = taxes_included.value_or(false);
    ReadTimes(order, r);

    if (const json* items = Find(order, "line_items"); items != nullptr && items->is_array()) {
        for (std::size_t i = 0; i < items->size(); ++i)
            ReadLineItem((*items)[i], i + 1, r);
    }
    ReadShippingLines(order, r);
    if (r.out.order.lines.empty()) r.attention.Add("no lines");
    ReadStatus(order, r);
    if (r.needs_shipping && !r.out.has_shipping_address) r.attention.Add("no shipping address");
    ReadTotal(order, r);
    CompareWithChannelTotal(r.out, r.currency, r.attention);
    ReadShopCurrency(order, r);
    ReadRefunds(order, r);
    r.out.order.attention = r.attention.Take();
    return std::move(r.out);
}

}  // namespace tillbook::office::channels
