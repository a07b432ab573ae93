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
    money::Currency currency;
    ImportedOrder out;
    AttentionList attention;
};

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
    const auto units = ReadLineItemUnits(item, position, name, r.attention);
    if (!units) return;
    const std::string where = fmt::format("line {}", r.out.order.lines.size() + 1);
    GrossLine draft;
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
    AddGrossLine(r.out.order, std::move(draft), kLineChecks, r.attention);
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
    AddGrossLine(r.out.order,
                 GrossLine{orders::LineKind::kShipping, "", titles.empty() ? "Shipping" : titles, 1,
                           gross, Money(0, r.currency), tax},
                 kLineChecks, r.attention);
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
        AddGrossLine(r.out.order,
                     GrossLine{orders::LineKind::kService, "", name, 1, amounts.gross,
                               Money(0, r.currency), amounts.tax},
                     kLineChecks, r.attention);
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

void ReadStatus(const json& order, Reading& r) {
    const std::string status = FindText(order, "status").value_or("");
    r.out.cancelled = status == "cancelled" || status == "trash";
    r.out.paid = Present(order, "date_paid_gmt") || status == "processing" || status == "completed";
    if (status == "checkout-draft") {
        r.attention.Add("status checkout-draft: a checkout in progress, not a placed order");
    }
    r.out.order.customer_email = FindText(order, "billing/email").value_or("");
    r.out.order.customer_name = FindName(order, {{"billing/first_name", "billing/last_name"},
                                                 {"shipping/first_name", "shipping/last_name"}});
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
    CompareWithChannelTotal(r.out, r.currency, r.attention);
    ReadRefunds(order, r);
    r.out.order.attention = r.attention.Take();
    return std::move(r.out);
}

}  // namespace tillbook::office::channels
