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
// - A line whose current_quantity is below its quantity (edited or refunded) is imported as
//   ordered, with a reason, so nobody ships the original quantity unseen.
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

constexpr std::int64_t kMaxUnits = 1'000'000'000;              // milli-units fit in int64
constexpr std::int64_t kMaxLineMinor = 1'000'000'000'000'000;  // far inside int64

// What one payload needs while its parts are read.
struct Reading {
    money::Currency currency;
    bool taxes_included = false;
    bool needs_shipping = false;
    ImportedOrder out;
    AttentionList attention;
};

// A line before it is split into unit price and discount.
struct LineDraft {
    orders::LineKind kind = orders::LineKind::kGoods;
    std::string sku;
    std::string description;
    std::int64_t units = 1;
    Money gross;  // before discount, including tax
    Money discount;
    Money tax;
};

// Set, not null and not "".
bool Present(const json& object, std::string_view path) {
    const json* at = Find(object, path);
    return at != nullptr && !at->is_null() &&
           !(at->is_string() && at->get_ref<const std::string&>().empty());
}

Money OrZero(const Result<Money>& result, const money::Currency& currency, std::string_view what,
             AttentionList& attention) {
    if (result) return *result;
    attention.Add(fmt::format("{}: {}", what, result.error().message));
    return Money(0, currency);
}

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

void AddLine(Reading& r, LineDraft draft) {
    const int line_no = static_cast<int>(r.out.order.lines.size()) + 1;
    for (Money* amount : {&draft.gross, &draft.discount, &draft.tax}) {
        if (amount->Minor() > kMaxLineMinor || amount->Minor() < -kMaxLineMinor) {
            r.attention.Add(fmt::format("line {}: amount {} is out of range; taken as zero",
                                        line_no, money::FormatMoney(*amount)));
            *amount = Money(0, r.currency);
        }
    }
    const GrossLinePrice price = SplitLineTotal(draft.gross, draft.discount, draft.units);
    orders::OrderLine line;
    line.line_no = line_no;
    line.kind = draft.kind;
    line.sku = std::move(draft.sku);
    line.description = std::move(draft.description);
    line.quantity = draft.units * orders::kMilliPerUnit;
    line.unit_price = price.unit_price;
    line.discount = price.discount;
    line.tax_mode = money::TaxMode::kInclusive;
    line.tax_given_minor = draft.tax.Minor();
    if (auto amounts = orders::ComputeLineAmounts(line); !amounts) {
        r.attention.Add(amounts.error().message);
    }
    r.out.order.lines.push_back(std::move(line));
}

// "variant 808950810" or "custom item": what a person can map the line by.
std::string ChannelKey(const json& item) {
    if (auto variant = FindText(item, "variant_id"); variant && !variant->empty()) {
        return "variant " + *variant;
    }
    if (!Present(item, "product_id")) return "custom item";
    return "product " + FindText(item, "product_id").value_or("?");
}

void ReadLineItem(const json& item, std::size_t position, Reading& r) {
    const std::string title = FindText(item, "title").value_or(FindText(item, "name").value_or(""));
    const auto units = FindInteger(item, "quantity");
    if (!units || *units <= 0 || *units > kMaxUnits) {
        const json* quantity = Find(item, "quantity");
        r.attention.Add(fmt::format(
            "line item {} {}: quantity {} is not a whole number above zero; not imported", position,
            text::QuoteForMessage(title, 60),
            quantity == nullptr ? "missing" : text::QuoteForMessage(quantity->dump(), 20)));
        return;
    }
    const std::string where = fmt::format("line {}", r.out.order.lines.size() + 1);
    const bool gift_card = FindBool(item, "gift_card").value_or(false);
    LineDraft draft;
    draft.kind = gift_card ? orders::LineKind::kGiftCard : orders::LineKind::kGoods;
    draft.units = *units;
    draft.sku = FindText(item, "sku").value_or("");
    draft.description = FindText(item, "name").value_or(title);
    if (draft.description.empty()) draft.description = title;
    const Money price = ShopMoney(item, "price", r, where + ": price");
    draft.discount = SumShopMoney(item, "discount_allocations", "amount", r, where + ": discount");
    draft.tax = SumShopMoney(item, "tax_lines", "price", r, where + ": tax");
    draft.gross = OrZero(price.Times(*units), r.currency, where, r.attention);
    if (!r.taxes_included) {
        draft.gross = OrZero(draft.gross.Plus(draft.tax), r.currency, where, r.attention);
    }
    if (draft.sku.empty() && !gift_card) {
        r.attention.Add(fmt::format("{} {}: no SKU ({}); map it to a SKU by hand", where,
                                    text::QuoteForMessage(title, 60), ChannelKey(item)));
    }
    if (!gift_card && FindBool(item, "requires_shipping").value_or(true)) r.needs_shipping = true;
    const auto current = FindInteger(item, "current_quantity");
    if (current && *current < *units) {
        r.attention.Add(fmt::format("{} {}: {} of {} still ordered (edited or refunded)", where,
                                    text::QuoteForMessage(title, 60), *current, *units));
    }
    AddLine(r, std::move(draft));
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
    AddLine(r, LineDraft{orders::LineKind::kShipping, "", titles.empty() ? "Shipping" : titles, 1,
                         gross, Money(0, r.currency), tax});
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

void CompareWithChannelTotal(Reading& r) {
    if (!r.out.channel_total) return;
    Money sum(0, r.currency);
    for (const orders::OrderLine& line : r.out.order.lines) {
        auto amounts = orders::ComputeLineAmounts(line);
        if (!amounts) continue;  // already a reason
        auto next = sum.Plus(amounts->total);
        if (!next) return;
        sum = *next;
    }
    const auto difference = r.out.channel_total->Minus(sum);
    if (!difference || difference->IsZero()) return;
    if (difference->Minor() == 1 || difference->Minor() == -1) {
        r.attention.Add(fmt::format("total differs from lines by {}",
                                    money::FormatMoney(Money(1, r.currency))));
        return;
    }
    r.attention.Add(fmt::format("total {} differs from the lines' {} by {}",
                                money::FormatMoney(*r.out.channel_total), money::FormatMoney(sum),
                                money::FormatMoney(*difference)));
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
    if (!Present(order, "total_price") && !Present(order, "total_price_set/shop_money/amount")) {
        r.attention.Add("total_price: missing");
        return;
    }
    const std::size_t reasons = r.attention.Reasons().size();
    const Money total = ShopMoney(order, "total_price", r, "total_price");
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

    Reading r{*currency, false, false, {}, {}};
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
    CompareWithChannelTotal(r);
    ReadRefunds(order, r);
    r.out.order.attention = r.attention.Take();
    return std::move(r.out);
}

}  // namespace tillbook::office::channels
