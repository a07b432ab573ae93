// eBay Sell Fulfillment v1 `Order` -> ImportedOrder (docs/channels.md sections 3 and 5).
//
// Decisions:
// - number = orderId: the id eBay shows buyer and seller and the one shipping_fulfillment takes.
//   salesRecordReference is a Seller Hub counter, per seller, sometimes masked ("8**7").
// - A goods line is lineItemCost (unit x quantity: a LINE total) plus the seller's tax, less the
//   line's promotions (appliedPromotions[].discountAmount, positive). With no promotions but a
//   lower discountedLineItemCost, the difference is the discount; when both are given and
//   disagree, the promotions are kept and a reason is added.
// - Tax: ebayCollectAndRemitTaxes are collected and remitted by eBay on top of the price; they are
//   not the seller's and never go into our lines. Real payloads repeat them in taxes[], so the
//   seller's tax is sum(taxes) - sum(ebayCollectAndRemitTaxes) (at least 0); it comes on top of
//   lineItemCost and is kept as tax_given.
// - channel_total = pricingSummary.total as eBay states it. It includes the collect-and-remit
//   tax only when eBay reports pricingSummary.tax (fieldGroups=TAX_BREAKDOWN); the check of the
//   lines against it adds that tax (at most pricingSummary.tax) before comparing.
// - Shipping: one kShipping line of pricingSummary.deliveryCost with |deliveryDiscount| as its
//   discount. Line deliveryCost.shippingCost is net of combined-shipping discounts: not used.
// - despatch_by = the earliest line shipByDate. deliver_by = fulfillmentStartInstructions[0].
//   maxEstimatedDeliveryDate (the order ships as one), else the latest line estimate.
// - convertedFromValue/convertedFromCurrency: no reason. `value` is already in the order's
//   currency, which is what the seller is paid in; the buyer's currency does not matter here.
// - Refunds: paymentSummary.refunds[] with refundStatus REFUNDED (or none given). PENDING or
//   FAILED ones are a reason, not a refund. Line refunds[] repeat them and are not read.
// - cancelState IN_PROGRESS is a reason (a cancel request is open); CANCELED sets cancelled.
// - Customer e-mail: shipTo.email, else buyer.buyerRegistrationAddress.email.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>

#include "channels/channel_json.hpp"
#include "tillbook/core/text.hpp"
#include "tillbook/money/currency.hpp"
#include "tillbook/office/channels/imported_order.hpp"

namespace tillbook::office::channels {

namespace {

using money::FormatMoney;
using money::Money;
using nlohmann::json;

// An eBay Amount {value, currency}.
constexpr AmountKeys kAmountKeys{"currency", "value"};
// Ill-formed amounts are clamped to what a line can hold.
constexpr GrossLineChecks kLineChecks{
    .zero_out_of_range = false, .clamp_to_line = true, .report_invalid = false};

struct Reader {
    const money::Currency& currency;
    AttentionList& attention;

    [[nodiscard]] Money Zero() const { return Money(0, currency); }
};

// An eBay Amount {value, currency} at `path`; zero (and a reason) when it cannot be used.
Money ReadAmount(const json& at, std::string_view path, Reader& in, std::string_view what,
                 bool required = false) {
    return ReadAmountObject(at, path, kAmountKeys, in.currency, what, in.attention, required);
}

// An Amount that is given and readable; nullopt when missing or unreadable (with a reason).
std::optional<Money> ReadGivenAmount(const json& at, std::string_view path, Reader& in,
                                     std::string_view what) {
    const std::size_t before = in.attention.Reasons().size();
    const Money amount = ReadAmount(at, path, in, what, true);
    if (in.attention.Reasons().size() != before) return std::nullopt;
    return amount;
}

// The sum of `key` over the array at `array_key` ("taxes" -> taxes[i].amount).
Money SumOver(const json& at, std::string_view array_key, std::string_view key, Reader& in,
              std::string_view what) {
    Money sum = in.Zero();
    const json* array = Find(at, array_key);
    if (array == nullptr || !array->is_array()) return sum;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const auto label = fmt::format("{} {}", what, i + 1);
        sum = AddOrKeep(sum, ReadAmount((*array)[i], key, in, label, true), in.attention);
    }
    return sum;
}

struct LineFacts {
    Money marketplace_tax;  // eBay's collect-and-remit tax over all lines
    std::optional<ids::UtcMillis> ship_by;
    std::optional<ids::UtcMillis> latest_delivery;
};

// The discount of one line: its promotions, checked against discountedLineItemCost.
Money LineDiscount(const json& item, const Money& cost, Reader& in, const std::string& label) {
    const Money promotions =
        Magnitude(SumOver(item, "appliedPromotions", "discountAmount", in, label + ": promotion"));
    if (Find(item, "discountedLineItemCost") == nullptr) return promotions;
    const auto discounted =
        ReadGivenAmount(item, "discountedLineItemCost", in, label + ": discountedLineItemCost");
    if (!discounted) return promotions;
    const Money implied(cost.Minor() - discounted->Minor(), in.currency);
    if (promotions.IsZero() && implied.Minor() > 0) return implied;
    if (implied != promotions) {
        in.attention.Add(
            fmt::format("{}: promotions {} but discountedLineItemCost says {}; promotions kept",
                        label, FormatMoney(promotions), FormatMoney(implied)));
    }
    return promotions;
}

void TakeEarliest(std::optional<ids::UtcMillis>& into, std::optional<ids::UtcMillis> at) {
    if (at && (!into || *at < *into)) into = at;
}

void TakeLatest(std::optional<ids::UtcMillis>& into, std::optional<ids::UtcMillis> at) {
    if (at && (!into || *at > *into)) into = at;
}

orders::OrderLine ReadGoodsLine(const json& item, int line_no, Reader& in, LineFacts& facts) {
    const std::string label = fmt::format("line {}", line_no);
    GrossLine line;
    line.sku = FindText(item, "sku").value_or("");
    line.description = FindText(item, "title").value_or("");
    if (line.sku.empty()) {
        const auto variation = FindText(item, "legacyVariationId");
        in.attention.Add(fmt::format("{}: no SKU (eBay item {}{}, {})", label,
                                     FindText(item, "legacyItemId").value_or("unknown"),
                                     variation ? ", variation " + *variation : "",
                                     text::QuoteForMessage(line.description, 80)));
    }
    line.units = ReadUnits(item, "quantity", label, in.attention);
    const Money cost = ReadAmount(item, "lineItemCost", in, label + ": lineItemCost", true);
    const Money remitted =
        SumOver(item, "ebayCollectAndRemitTaxes", "amount", in, label + ": collect-and-remit tax");
    const Money taxes = SumOver(item, "taxes", "amount", in, label + ": tax");
    facts.marketplace_tax = AddOrKeep(facts.marketplace_tax, remitted, in.attention);
    line.tax = Money(std::max<std::int64_t>(0, taxes.Minor() - remitted.Minor()), in.currency);
    line.gross = AddOrKeep(cost, line.tax, in.attention);
    line.discount = LineDiscount(item, cost, in, label);
    const std::string when = label + ": lineItemFulfillmentInstructions";
    TakeEarliest(facts.ship_by, ReadTime(item, "lineItemFulfillmentInstructions/shipByDate",
                                         when + ".shipByDate", in.attention));
    TakeLatest(facts.latest_delivery,
               ReadTime(item, "lineItemFulfillmentInstructions/maxEstimatedDeliveryDate",
                        when + ".maxEstimatedDeliveryDate", in.attention));
    return MakeGrossLine(line_no, std::move(line), kLineChecks, in.attention);
}

void ReadShipping(const json& root, Reader& in, orders::Order& order) {
    const Money cost = ReadAmount(root, "pricingSummary/deliveryCost", in, "deliveryCost");
    const Money discount =
        Magnitude(ReadAmount(root, "pricingSummary/deliveryDiscount", in, "deliveryDiscount"));
    if (discount.Minor() > cost.Minor()) {
        in.attention.Add(fmt::format("deliveryDiscount {} is more than deliveryCost {}",
                                     FormatMoney(discount), FormatMoney(cost)));
        return;
    }
    if (cost.Minor() == discount.Minor()) return;
    const auto service = FindText(root,
                                  "fulfillmentStartInstructions/0/shippingStep/"
                                  "shippingServiceCode");
    GrossLine line;
    line.kind = orders::LineKind::kShipping;
    line.description = service.value_or("Shipping");
    line.gross = cost;
    line.discount = discount;
    line.tax = in.Zero();
    AddGrossLine(order, std::move(line), kLineChecks, in.attention);
}

void ReadRefunds(const json& root, Reader& in, ImportedOrder& imported) {
    const json* refunds = Find(root, "paymentSummary/refunds");
    if (refunds == nullptr || !refunds->is_array()) return;
    for (std::size_t i = 0; i < refunds->size(); ++i) {
        const json& refund = (*refunds)[i];
        auto id = FindText(refund, "refundId");
        if (!id || id->empty()) id = FindText(refund, "refundReferenceId");
        const std::string name = id && !id->empty() ? *id : fmt::format("#{}", i + 1);
        const std::string status = FindText(refund, "refundStatus").value_or("REFUNDED");
        if (status != "REFUNDED") {
            in.attention.Add(fmt::format("refund {}: refundStatus {}; not counted", name,
                                         text::QuoteForMessage(status, 24)));
            continue;
        }
        const Money amount = ReadAmount(refund, "amount", in, "refund " + name, true);
        if (amount.Minor() <= 0) {
            if (!amount.IsZero()) in.attention.Add("refund " + name + ": not above zero");
            continue;
        }
        if (!id || id->empty()) in.attention.Add("refund " + name + ": no refundId");
        imported.refunds.push_back(ChannelRefund{name, amount});
    }
}

// The lines plus the collect-and-remit tax inside eBay's total must make that total.
void CheckTotal(const json& root, const ImportedOrder& imported, const Money& remitted,
                Reader& in) {
    if (!imported.channel_total) return;
    auto totals = orders::ComputeTotals(imported.order);
    if (!totals) {
        in.attention.Add("lines: " + totals.error().message);
        return;
    }
    const Money reported_tax = ReadAmount(root, "pricingSummary/tax", in, "pricingSummary.tax");
    const Money inside(std::clamp<std::int64_t>(reported_tax.Minor(), 0, remitted.Minor()),
                       in.currency);
    const Money expected = AddOrKeep(totals->total, inside, in.attention);
    if (expected == *imported.channel_total) return;
    in.attention.Add(fmt::format(
        "lines add up to {}{} but pricingSummary.total is {}", FormatMoney(totals->total),
        inside.IsZero() ? "" : fmt::format(" (+ {} collect-and-remit tax)", FormatMoney(inside)),
        FormatMoney(*imported.channel_total)));
}

void ReadStatus(const json& root, Reader& in, ImportedOrder& imported) {
    const std::string cancel = FindText(root, "cancelStatus/cancelState").value_or("");
    imported.cancelled = cancel == "CANCELED";
    if (cancel == "IN_PROGRESS")
        in.attention.Add("buyer asked to cancel (cancelState IN_PROGRESS)");
    const std::string payment = FindText(root, "orderPaymentStatus").value_or("");
    imported.paid =
        payment == "PAID" || payment == "PARTIALLY_REFUNDED" || payment == "FULLY_REFUNDED";
    if (payment == "FAILED") in.attention.Add("payment failed (orderPaymentStatus FAILED)");
}

// Order-level charges that no line carries.
void ReadUnplacedCharges(const json& root, Reader& in) {
    for (const std::string_view key : {"adjustment", "fee"}) {
        const std::string what = fmt::format("pricingSummary.{}", key);
        const Money amount = ReadAmount(root, "pricingSummary/" + std::string(key), in, what);
        if (!amount.IsZero())
            in.attention.Add(fmt::format("{} {} is in no line", what, FormatMoney(amount)));
    }
}

}  // namespace

Result<ImportedOrder> ParseEbayOrder(std::string_view body) {
    auto root = ParseObject(body);
    if (!root) return std::unexpected(root.error().WithContext("eBay order"));
    const auto order_id = FindText(*root, "orderId");
    if (!order_id || order_id->empty())
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "eBay order: no orderId"));
    auto code = FindText(*root, "pricingSummary/total/currency");
    if (!code) code = FindText(*root, "lineItems/0/lineItemCost/currency");
    if (!code)
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "eBay order: no currency"));
    auto currency = money::FindCurrency(*code);
    if (!currency) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "eBay order: currency: " + currency.error().message));
    }

    AttentionList attention;
    Reader in{*currency, attention};
    ImportedOrder imported;
    orders::Order& order = imported.order;
    order.channel = std::string(ChannelCode(Channel::kEbay));
    order.external_id = *order_id;
    order.number = *order_id;
    order.currency = currency->code;
    const auto placed = ReadTime(*root, "creationDate", "creationDate", attention);
    if (FindText(*root, "creationDate").value_or("").empty())
        attention.Add("creationDate: missing");
    order.placed_at = placed.value_or(0);
    imported.updated_at = ReadTime(*root, "lastModifiedDate", "lastModifiedDate", attention);

    LineFacts facts{in.Zero(), std::nullopt, std::nullopt};
    const json* items = Find(*root, "lineItems");
    if (items == nullptr || !items->is_array() || items->empty()) attention.Add("no lineItems");
    if (items != nullptr && items->is_array()) {
        for (std::size_t i = 0; i < items->size(); ++i)
            order.lines.push_back(ReadGoodsLine((*items)[i], static_cast<int>(i) + 1, in, facts));
    }
    ReadShipping(*root, in, order);
    ReadUnplacedCharges(*root, in);
    order.despatch_by = facts.ship_by;
    order.deliver_by = ReadTime(*root, "fulfillmentStartInstructions/0/maxEstimatedDeliveryDate",
                                "maxEstimatedDeliveryDate", attention);
    if (!order.deliver_by) order.deliver_by = facts.latest_delivery;

    ReadRefunds(*root, in, imported);
    ReadStatus(*root, in, imported);
    const std::string ship_to = "fulfillmentStartInstructions/0/shippingStep/shipTo";
    order.customer_email = FindText(*root, ship_to + "/email").value_or("");
    if (order.customer_email.empty())
        order.customer_email = FindText(*root, "buyer/buyerRegistrationAddress/email").value_or("");
    order.customer_name = FindName(*root, {{ship_to + "/fullName"}});
    imported.has_shipping_address =
        !FindText(*root, ship_to + "/contactAddress/addressLine1").value_or("").empty();
    if (!imported.has_shipping_address && !imported.cancelled)
        attention.Add("no shipping address (shipTo.contactAddress.addressLine1 missing)");
    imported.channel_total =
        ReadGivenAmount(*root, "pricingSummary/total", in, "pricingSummary.total");
    CheckTotal(*root, imported, facts.marketplace_tax, in);
    order.attention = attention.Take();
    return imported;
}

}  // namespace tillbook::office::channels
