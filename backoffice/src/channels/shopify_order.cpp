// Shopify: a REST Admin order, or an orders/* webhook body (the same JSON, sometimes wrapped as
// {"order": {...}}). See docs/channels.md section 1.
//
// Decisions:
// - Money is the shop currency (`currency`): `*_set.shop_money` where present, else the top-level
//   strings, which Shopify also gives in shop currency. A presentment currency that differs adds
//   nothing to attention, since nothing is read in it; only a refund transaction that is in the
//   presentment currency (and has no shop money) is left out with a reason.
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
// - Refunds: one ChannelRefund per refund, the sum of its successful "refund" transactions.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "channels/channel_json.hpp"
#include "channels/imported_order.hpp"
#include "tillbook/core/text.hpp"
#include "tillbook/money/currency.hpp"

namespace tillbook::office::channels {

namespace {

using money::Money;
using nlohmann::json;

// Out-of-range amounts are taken as zero; a line that still does not compute is a reason.
constexpr GrossLineChecks kLineChecks{
    .zero_out_of_range = true, .clamp_to_line = false, .report_invalid = true};

// What one payload needs while its parts are read.
struct Reading {
    money::Currency currency;
    bool taxes_included = false;
    bool needs_shipping = false;
    bool edited = false;  // some line's current_quantity is below its quantity
    ImportedOrder out;
    AttentionList attention;
};

// The shop-currency amount of `key`: `<key>_set/shop_money/amount` where present, else `key`.
Money ShopMoney(const json& object, std::string_view key, Reading& r, std::string_view what,
                bool required = true) {
    const std::string shop = fmt::format("{}_set/shop_money", key);
    if (!Present(object, shop + "/amount")) {
        return ReadMoney(object, key, r.currency, what, r.attention, required);
    }
    const auto code = FindText(object, shop + "/currency_code");
    if (code && *code != r.currency.code) {
        r.attention.Add(fmt::format("{}: shop money is in {}, not the shop currency {}", what,
                                    text::QuoteForMessage(*code, 8), r.currency.code));
        return Money(0, r.currency);
    }
    return ReadMoney(object, shop + "/amount", r.currency, what, r.attention, required);
}

// The sum of the shop money `key` over the objects in the array `array`.
Money SumShopMoney(const json& object, std::string_view array, std::string_view key, Reading& r,
                   std::string_view what) {
    Money sum(0, r.currency);
    const json* items = Find(object, array);
    if (items == nullptr || !items->is_array()) return sum;
    for (const json& item : *items) {
        sum = OrZero(sum.Plus(ShopMoney(item, key, r, what)), r.currency, what, r.attention);
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
    const Money price = ShopMoney(item, "price", r, where + ": price");
    draft.discount = SumShopMoney(item, "discount_allocations", "amount", r, where + ": discount");
    draft.tax = SumShopMoney(item, "tax_lines", "price", r, where + ": tax");
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
        const bool discounted = Present(line, "discounted_price_set/shop_money/amount") ||
                                Present(line, "discounted_price");
        const Money price = ShopMoney(line, discounted ? "discounted_price" : "price", r, what);
        amount = OrZero(amount.Plus(price), r.currency, what, r.attention);
        tax = OrZero(tax.Plus(SumShopMoney(line, "tax_lines", "price", r, what + ": tax")),
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

// Successful refund transactions in shop currency; nullopt (with a reason) when one is not.
std::optional<Money> RefundAmount(const json& refund, const std::string& what, Reading& r) {
    Money amount(0, r.currency);
    const json* transactions = Find(refund, "transactions");
    if (transactions == nullptr || !transactions->is_array()) return amount;
    for (const json& transaction : *transactions) {
        if (FindText(transaction, "kind") != "refund") continue;
        const auto status = FindText(transaction, "status");
        if (status && *status != "success") continue;
        const auto code = FindText(transaction, "currency");
        if (!Present(transaction, "amount_set/shop_money/amount") && code &&
            *code != r.currency.code) {
            r.attention.Add(
                fmt::format("{}: paid back in {}, not the shop currency {}; not imported", what,
                            text::QuoteForMessage(*code, 8), r.currency.code));
            return std::nullopt;
        }
        amount = OrZero(amount.Plus(ShopMoney(transaction, "amount", r, what)), r.currency, what,
                        r.attention);
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
    if (r.edited) {
        key = "current_total_price";
        if (!Present(order, key) && !Present(order, "current_total_price_set/shop_money/amount"))
            return;
    }
    if (!Present(order, key) && !Present(order, fmt::format("{}_set/shop_money/amount", key))) {
        r.attention.Add("total_price: missing");
        return;
    }
    const std::size_t reasons = r.attention.Reasons().size();
    const Money total = ShopMoney(order, key, r, key);
    if (r.attention.Reasons().size() == reasons) r.out.channel_total = total;
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

    Reading r{*currency, false, false, false, {}, {}};
    r.out.order.channel = std::string(ChannelCode(Channel::kShopify));
    r.out.order.external_id = id;
    r.out.order.currency = currency->code;
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
    ReadRefunds(order, r);
    r.out.order.attention = r.attention.Take();
    return std::move(r.out);
}

}  // namespace tillbook::office::channels
