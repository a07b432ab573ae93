// WooCommerce: a REST v3 order (GET /wc/v3/orders/{id}, and the order.* webhook body). See
// docs/channels.md section 2.
//
// Decisions:
// - Line amounts come only from the dp-formatted strings subtotal/subtotal_tax/total/total_tax,
//   which are net with the tax beside them whatever prices_include_tax says; the JSON-number
//   `price` is never read. A line whose total is above its subtotal gets no negative discount:
//   the total is kept, with a reason when the gap is more than a minor unit.
// - Fees: each fee line is a kService line. A negative fee (a discount some plugins add) cannot be
//   a line: it is left out with a reason, and the total check then reports the gap. Zero fees are
//   skipped.
// - cancelled: status cancelled, or trash (deleted in the admin). refunded stays not cancelled:
//   its refunds[] carry the money. failed and pending are simply not paid. checkout-draft (a
//   Checkout block order still being filled in) is imported with a reason.
// - paid: date_paid_gmt set, or status processing or completed.
// - "no shipping address" when the order has any goods line and shipping.address_1 is empty: the
//   order does not say which products are virtual, so that is left to the person who looks.
// - A refund whose total is not negative, or that has no id, is left out with a reason.
#include <fmt/format.h>

#include <string>

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

// A net amount and its tax, both decimal strings beside each other ("total", "total_tax").
struct NetAndTax {
    Money gross;  // net + tax
    Money tax;
};

NetAndTax ReadNetAndTax(const json& object, std::string_view net, std::string_view tax,
                        const std::string& what, Reading& r) {
    const Money net_amount =
        ReadMoney(object, net, r.currency, fmt::format("{}: {}", what, net), r.attention);
    const Money tax_amount =
        ReadMoney(object, tax, r.currency, fmt::format("{}: {}", what, tax), r.attention);
    return NetAndTax{OrZero(net_amount.Plus(tax_amount), r.currency, what, r.attention),
                     tax_amount};
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

// "product 93, variation 0 (no longer exists)": what a person can map the line by.
std::string ChannelKey(const json& item) {
    std::string key =
        fmt::format("product {}, variation {}", FindText(item, "product_id").value_or("?"),
                    FindText(item, "variation_id").value_or("?"));
    const json* sku = Find(item, "sku");
    if (sku != nullptr && sku->is_null()) key += ", product no longer exists";
    return key;
}

void ReadLineItem(const json& item, std::size_t position, Reading& r) {
    const std::string name = FindText(item, "name").value_or("");
    const auto units = FindInteger(item, "quantity");
    if (!units || *units <= 0 || *units > kMaxUnits) {
        const json* quantity = Find(item, "quantity");
        r.attention.Add(fmt::format(
            "line item {} {}: quantity {} is not a whole number above zero; not imported", position,
            text::QuoteForMessage(name, 60),
            quantity == nullptr ? "missing" : text::QuoteForMessage(quantity->dump(), 20)));
        return;
    }
    const std::string where = fmt::format("line {}", r.out.order.lines.size() + 1);
    LineDraft draft;
    draft.units = *units;
    draft.sku = FindText(item, "sku").value_or("");
    draft.description = name;
    const NetAndTax before = ReadNetAndTax(item, "subtotal", "subtotal_tax", where, r);
    const NetAndTax paid = ReadNetAndTax(item, "total", "total_tax", where, r);
    draft.tax = paid.tax;
    draft.gross = before.gross;
    draft.discount = OrZero(before.gross.Minus(paid.gross), r.currency, where, r.attention);
    if (draft.discount.IsNegative()) {
        if (draft.discount.Minor() < -1) {
            r.attention.Add(fmt::format("{} {}: total {} is above the subtotal", where,
                                        text::QuoteForMessage(name, 60),
                                        money::FormatMoney(paid.gross)));
        }
        draft.gross = paid.gross;
        draft.discount = Money(0, r.currency);
    }
    if (draft.sku.empty()) {
        r.attention.Add(fmt::format("{} {}: no SKU ({}); map it to a SKU by hand", where,
                                    text::QuoteForMessage(name, 60), ChannelKey(item)));
    }
    AddLine(r, std::move(draft));
}

void ReadShippingLines(const json& order, Reading& r) {
    const json* lines = Find(order, "shipping_lines");
    if (lines == nullptr || !lines->is_array()) return;
    Money gross(0, r.currency);
    Money tax(0, r.currency);
    std::string titles;
    for (std::size_t i = 0; i < lines->size(); ++i) {
        const json& line = (*lines)[i];
        const std::string what = fmt::format("shipping line {}", i + 1);
        const NetAndTax amounts = ReadNetAndTax(line, "total", "total_tax", what, r);
        gross = OrZero(gross.Plus(amounts.gross), r.currency, what, r.attention);
        tax = OrZero(tax.Plus(amounts.tax), r.currency, what, r.attention);
        const std::string title = FindText(line, "method_title").value_or("");
        if (!title.empty()) titles += (titles.empty() ? "" : ", ") + title;
    }
    if (gross.IsZero()) return;
    AddLine(r, LineDraft{orders::LineKind::kShipping, "", titles.empty() ? "Shipping" : titles, 1,
                         gross, Money(0, r.currency), tax});
}

void ReadFeeLines(const json& order, Reading& r) {
    const json* fees = Find(order, "fee_lines");
    if (fees == nullptr || !fees->is_array()) return;
    for (std::size_t i = 0; i < fees->size(); ++i) {
        const json& fee = (*fees)[i];
        const std::string name = FindText(fee, "name").value_or("");
        const std::string what = fmt::format("fee {}", text::QuoteForMessage(name, 60));
        const NetAndTax amounts = ReadNetAndTax(fee, "total", "total_tax", what, r);
        if (amounts.gross.IsZero()) continue;
        if (amounts.gross.IsNegative()) {
            r.attention.Add(
                fmt::format("{}: {} is negative, which a line cannot hold; not imported", what,
                            money::FormatMoney(amounts.gross)));
            continue;
        }
        AddLine(r, LineDraft{orders::LineKind::kService, "", name, 1, amounts.gross,
                             Money(0, r.currency), amounts.tax});
    }
}

void ReadRefunds(const json& order, Reading& r) {
    const json* refunds = Find(order, "refunds");
    if (refunds == nullptr || !refunds->is_array()) return;
    for (std::size_t i = 0; i < refunds->size(); ++i) {
        const json& refund = (*refunds)[i];
        const std::string id = FindText(refund, "id").value_or("");
        const std::string what = id.empty() ? fmt::format("refund {}", i + 1) : "refund " + id;
        const std::size_t reasons = r.attention.Reasons().size();
        const Money total = ReadMoney(refund, "total", r.currency, what + ": total", r.attention);
        if (r.attention.Reasons().size() != reasons || total.IsZero()) continue;
        if (id.empty() || !total.IsNegative()) {
            r.attention.Add(fmt::format("{}: total {} {}; not imported", what,
                                        money::FormatMoney(total),
                                        id.empty() ? "has no id" : "is not negative"));
            continue;
        }
        const auto amount = total.Negated();
        if (amount) r.out.refunds.push_back(ChannelRefund{id, *amount});
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
    const std::string status = FindText(order, "status").value_or("");
    r.out.cancelled = status == "cancelled" || status == "trash";
    r.out.paid = Present(order, "date_paid_gmt") || status == "processing" || status == "completed";
    if (status == "checkout-draft") {
        r.attention.Add("status checkout-draft: a checkout in progress, not a placed order");
    }
    r.out.order.customer_email = FindText(order, "billing/email").value_or("");
    r.out.has_shipping_address = Present(order, "shipping/address_1");
}

void ReadTimes(const json& order, Reading& r) {
    // Never date_created: it is site-local time without an offset.
    const std::size_t reasons = r.attention.Reasons().size();
    const auto placed = ReadTime(order, "date_created_gmt", "date_created_gmt", r.attention, true);
    if (!placed && r.attention.Reasons().size() == reasons) {
        r.attention.Add("date_created_gmt: missing");
    }
    r.out.order.placed_at = placed.value_or(0);
    r.out.updated_at = ReadTime(order, "date_modified_gmt", "date_modified_gmt", r.attention, true);
}

void ReadTotal(const json& order, Reading& r) {
    const std::size_t reasons = r.attention.Reasons().size();
    const Money total = ReadMoney(order, "total", r.currency, "total", r.attention);
    if (r.attention.Reasons().size() == reasons) r.out.channel_total = total;
}

}  // namespace

Result<ImportedOrder> ParseWooCommerceOrder(std::string_view body) {
    auto parsed = ParseObject(body);
    if (!parsed) return std::unexpected(parsed.error());
    const json& order = *parsed;

    const std::string id = FindText(order, "id").value_or("");
    if (id.empty())
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "no order id", "id"));
    const std::string code = FindText(order, "currency").value_or("");
    if (code.empty()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "no currency", "currency"));
    }
    auto currency = money::FindCurrency(code);
    if (!currency) return std::unexpected(currency.error());

    Reading r{*currency, {}, {}};
    r.out.order.channel = std::string(ChannelCode(Channel::kWooCommerce));
    r.out.order.external_id = id;
    r.out.order.currency = currency->code;
    r.out.order.number = FindText(order, "number").value_or(id);
    if (r.out.order.number.empty()) r.out.order.number = id;
    ReadTimes(order, r);

    bool has_goods = false;
    if (const json* items = Find(order, "line_items"); items != nullptr && items->is_array()) {
        has_goods = !items->empty();
        for (std::size_t i = 0; i < items->size(); ++i)
            ReadLineItem((*items)[i], i + 1, r);
    }
    ReadShippingLines(order, r);
    ReadFeeLines(order, r);
    if (r.out.order.lines.empty()) r.attention.Add("no lines");
    ReadStatus(order, r);
    if (has_goods && !r.out.has_shipping_address) r.attention.Add("no shipping address");
    ReadTotal(order, r);
    CompareWithChannelTotal(r);
    ReadRefunds(order, r);
    r.out.order.attention = r.attention.Take();
    return std::move(r.out);
}

}  // namespace tillbook::office::channels
