// Amazon SP-API Orders v0 -> ImportedOrder (docs/channels.md sections 4 and 5).
//
// Decisions:
// - Input {"order": Order, "items": [OrderItem...]}. Also accepted: "order" as the getOrder
//   response {"payload": Order}, and "items" as the getOrderItems response {"payload":
//   {"AmazonOrderId", "OrderItems": [...], "NextToken"}} or that payload itself. A NextToken means
//   pages were not fetched (a reason); an AmazonOrderId of another order there is a reason too.
// - Currency: OrderTotal.CurrencyCode, else the first item's ItemPrice.CurrencyCode, else the
//   MarketplaceId's currency (a Pending order may carry no money at all). The exponent comes from
//   the ISO table only: JPY "25.99" is a reason and zero, never 2599.
// - Goods line: ItemPrice is a LINE total (price x QuantityOrdered) -> SplitLineTotal.
//   QuantityOrdered is the quantity; ProductInfo.NumberOfItems (units in a multi-pack ASIN) is
//   never read. PromotionDiscount (+ PromotionDiscountTax) is the line's discount.
// - Tax: ItemTax comes on top of ItemPrice (US sales tax; OrderTotal includes it) and, less
//   PromotionDiscountTax, is tax_given. EU/UK ItemPrice includes the VAT and ItemTax is mostly
//   "0.00": the VAT then stays inside the price with tax_given 0 - normal, no reason. When
//   TaxCollection.Model is MarketplaceFacilitator, the tax is Amazon's to remit, not the seller's:
//   kept out of the lines (as eBay's collect-and-remit tax).
// - channel_total = OrderTotal as Amazon states it (it includes marketplace-facilitator tax); the
//   lines plus that tax must make it, else a reason. No OrderTotal is a reason, not an error.
// - Shipping: ShippingPrice/ShippingTax less ShippingDiscount/ShippingDiscountTax over all items
//   -> one kShipping line named by ShipServiceLevel. Gift wrap (BuyerInfo.GiftWrapPrice/Tax) and
//   CODFee - CODFeeDiscount -> one kService line each when they cost anything.
// - paid: OrderStatus not Pending/PendingAvailability, and not Canceled (Amazon charges when it
//   ships; a cancelled order was not paid for). Pending orders get "pending: wait for Unshipped".
// - Reasons also for: buyer-requested cancel on any item, a gift item (slip without prices, gift
//   message), AFN orders (Amazon ships them), an address without AddressLine1 (no RDT).
// - refunds stay empty: the Orders API carries none (they are in the Finances API).
#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>
#include <utility>

#include "channels/channel_json.hpp"
#include "tillbook/core/text.hpp"
#include "tillbook/money/currency.hpp"
#include "tillbook/office/channels/imported_order.hpp"

namespace tillbook::office::channels {

namespace {

using money::FormatMoney;
using money::Money;
using nlohmann::json;

// An Amazon Money {CurrencyCode, Amount}.
constexpr AmountKeys kAmountKeys{"CurrencyCode", "Amount"};
// Ill-formed amounts are clamped to what a line can hold.
constexpr GrossLineChecks kLineChecks{
    .zero_out_of_range = false, .clamp_to_line = true, .report_invalid = false};

// Currencies of the marketplaces, for orders that carry no amount at all.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kMarketplaceCurrency{{
    {"ATVPDKIKX0DER", "USD"},
    {"A2EUQ1WTGCTBG2", "CAD"},
    {"A1AM78C64UM0Y8", "MXN"},
    {"A1F83G8C2ARO7P", "GBP"},
    {"A1PA6795UKMFR9", "EUR"},
    {"A13V1IB3VIYZZH", "EUR"},
    {"APJ6JRA9NG5V4", "EUR"},
    {"A1RKKUPIHCS9HS", "EUR"},
    {"A1805IZSGTT6HS", "EUR"},
    {"AMEN7PMS3EDWL", "EUR"},
    {"A2NODRKZP88ZB9", "SEK"},
    {"A1C3SOZRARQ6R3", "PLN"},
    {"A1VC38T7YXB528", "JPY"},
    {"A39IBJ37TRP1C6", "AUD"},
}};

struct Reader {
    const money::Currency& currency;
    AttentionList& attention;

    [[nodiscard]] Money Zero() const { return Money(0, currency); }
};

// An Amazon Money {CurrencyCode, Amount} at `path`; zero (and a reason) when it cannot be used.
Money ReadAmount(const json& at, std::string_view path, Reader& in, std::string_view what,
                 bool required = false) {
    return ReadAmountObject(at, path, kAmountKeys, in.currency, what, in.attention, required);
}

// A charge as Amazon splits it, summed over items, with the tax sorted by whose it is.
struct Charge {
    Money price;            // ItemPrice, ShippingPrice, ...: a line total
    Money discount;         // positive, including the discount's share of the seller's tax
    Money seller_tax;       // tax on top of the price that the seller remits
    Money marketplace_tax;  // tax Amazon collects and remits: in OrderTotal, not in our lines
};

struct ChargeKeys {
    std::string_view price, tax, discount, discount_tax;  // empty: not part of this charge
};

Charge ZeroCharge(const Reader& in) {
    return Charge{in.Zero(), in.Zero(), in.Zero(), in.Zero()};
}

Charge ReadCharge(const json& item, const ChargeKeys& keys, bool facilitator, Reader& in,
                  const std::string& label, bool price_required = false) {
    const auto read = [&](std::string_view key, bool required = false) {
        if (key.empty()) return in.Zero();
        return ReadAmount(item, key, in, label + ": " + std::string(key), required);
    };
    const Money tax = read(keys.tax);
    const Money discount_tax = Magnitude(read(keys.discount_tax));
    const Money net_tax(tax.Minor() - discount_tax.Minor(), in.currency);
    Charge charge{read(keys.price, price_required), Magnitude(read(keys.discount)), in.Zero(),
                  in.Zero()};
    if (facilitator) {
        charge.marketplace_tax = net_tax;
    } else {
        charge.seller_tax = net_tax;
        charge.price = AddOrKeep(charge.price, tax, in.attention);
        charge.discount = AddOrKeep(charge.discount, discount_tax, in.attention);
    }
    return charge;
}

void AddCharge(Charge& into, const Charge& charge, AttentionList& attention) {
    into.price = AddOrKeep(into.price, charge.price, attention);
    into.discount = AddOrKeep(into.discount, charge.discount, attention);
    into.seller_tax = AddOrKeep(into.seller_tax, charge.seller_tax, attention);
    into.marketplace_tax = AddOrKeep(into.marketplace_tax, charge.marketplace_tax, attention);
}

// The line of `charge`: gross its price, tax_given its seller's tax.
orders::OrderLine MakeLine(int line_no, orders::LineKind kind, std::string sku,
                           std::string description, std::int64_t units, const Charge& charge,
                           AttentionList& attention) {
    return MakeGrossLine(line_no,
                         GrossLine{kind, std::move(sku), std::move(description), units,
                                   charge.price, charge.discount, charge.seller_tax},
                         kLineChecks, attention);
}

struct Totals {
    Charge shipping, gift_wrap, cod_fee;
    Money marketplace_tax;  // of all charges, for the check against OrderTotal
};

void NoteRequests(const json& item, const std::string& label, AttentionList& attention) {
    if (FindBool(item, "BuyerRequestedCancel/IsBuyerRequestedCancel").value_or(false)) {
        const auto reason = FindText(item, "BuyerRequestedCancel/BuyerCancelReason");
        attention.Add(fmt::format(
            "{}: buyer asked to cancel{}", label,
            reason && !reason->empty() ? " (" + text::QuoteForMessage(*reason, 80) + ")" : ""));
    }
    if (FindBool(item, "IsGift").value_or(false)) {
        const auto message = FindText(item, "BuyerInfo/GiftMessageText");
        attention.Add(fmt::format("{}: gift, no prices on the slip{}", label,
                                  message && !message->empty()
                                      ? "; message " + text::QuoteForMessage(*message, 200)
                                      : ""));
    }
}

// `prices_optional`: a Pending or Canceled order, whose items may lack prices and quantities.
orders::OrderLine ReadItem(const json& item, int line_no, bool prices_optional, Reader& in,
                           Totals& totals) {
    const std::string label = fmt::format("line {}", line_no);
    std::string sku = FindText(item, "SellerSKU").value_or("");
    if (sku.empty()) {
        in.attention.Add(fmt::format("{}: no SellerSKU (ASIN {})", label,
                                     FindText(item, "ASIN").value_or("unknown")));
    }
    AttentionList ignored;
    const std::int64_t units =
        ReadUnits(item, "QuantityOrdered", label, prices_optional ? ignored : in.attention);
    const bool facilitator = FindText(item, "TaxCollection/Model") == "MarketplaceFacilitator";
    const auto charge = [&](const ChargeKeys& keys, bool required = false) {
        Charge read = ReadCharge(item, keys, facilitator, in, label, required);
        totals.marketplace_tax =
            AddOrKeep(totals.marketplace_tax, read.marketplace_tax, in.attention);
        return read;
    };
    const Charge goods = charge(
        {"ItemPrice", "ItemTax", "PromotionDiscount", "PromotionDiscountTax"}, !prices_optional);
    AddCharge(totals.shipping,
              charge({"ShippingPrice", "ShippingTax", "ShippingDiscount", "ShippingDiscountTax"}),
              in.attention);
    AddCharge(totals.gift_wrap,
              charge({"BuyerInfo/GiftWrapPrice", "BuyerInfo/GiftWrapTax", "", ""}), in.attention);
    AddCharge(totals.cod_fee, charge({"CODFee", "", "CODFeeDiscount", ""}), in.attention);
    NoteRequests(item, label, in.attention);
    return MakeLine(line_no, orders::LineKind::kGoods, std::move(sku),
                    FindText(item, "Title").value_or(""), units, goods, in.attention);
}

void AddChargeLine(orders::Order& order, orders::LineKind kind, std::string description,
                   const Charge& charge, AttentionList& attention) {
    if (charge.price.Minor() == charge.discount.Minor() && charge.seller_tax.IsZero()) return;
    const int line_no = static_cast<int>(order.lines.size()) + 1;
    order.lines.push_back(
        MakeLine(line_no, kind, "", std::move(description), 1, charge, attention));
}

// The OrderItem array in any of the accepted shapes; nullptr (with a reason) when there is none.
const json* FindItems(const json& root, std::string_view order_id, AttentionList& attention) {
    const json* items = Find(root, "items");
    if (items != nullptr && items->is_object()) {
        const json* page = Find(*items, "payload");
        if (page != nullptr && page->is_object()) items = page;
        const auto other = FindText(*items, "AmazonOrderId");
        if (other && *other != order_id)
            attention.Add("items: they belong to order " + text::QuoteForMessage(*other, 40));
        if (!FindText(*items, "NextToken").value_or("").empty())
            attention.Add("items: NextToken present: more OrderItems pages were not fetched");
        items = Find(*items, "OrderItems");
    }
    if (items == nullptr || !items->is_array() || items->empty()) {
        attention.Add("no order items");
        return nullptr;
    }
    return items;
}

std::optional<std::string> FindCurrencyCode(const json& order, const json* items) {
    if (auto code = FindText(order, "OrderTotal/CurrencyCode")) return code;
    if (items != nullptr) {
        for (const json& item : *items) {
            if (auto code = FindText(item, "ItemPrice/CurrencyCode")) return code;
        }
    }
    const auto marketplace = FindText(order, "MarketplaceId").value_or("");
    for (const auto& [id, code] : kMarketplaceCurrency) {
        if (id == marketplace) return std::string(code);
    }
    return std::nullopt;
}

void ReadTimes(const json& order, ImportedOrder& imported, AttentionList& attention) {
    const auto placed = ReadTime(order, "PurchaseDate", "PurchaseDate", attention);
    if (FindText(order, "PurchaseDate").value_or("").empty())
        attention.Add("PurchaseDate: missing");
    imported.order.placed_at = placed.value_or(0);
    imported.updated_at = ReadTime(order, "LastUpdateDate", "LastUpdateDate", attention);
    imported.order.despatch_by = ReadTime(order, "LatestShipDate", "LatestShipDate", attention);
    imported.order.deliver_by =
        ReadTime(order, "LatestDeliveryDate", "LatestDeliveryDate", attention);
}

void ReadTotal(const json& order, const Money& marketplace_tax, Reader& in,
               ImportedOrder& imported) {
    if (Find(order, "OrderTotal") == nullptr) {
        if (!imported.cancelled) in.attention.Add("OrderTotal: missing");
        return;
    }
    const std::size_t before = in.attention.Reasons().size();
    const Money total = ReadAmount(order, "OrderTotal", in, "OrderTotal", true);
    if (in.attention.Reasons().size() != before) return;  // the reason says why
    imported.channel_total = total;
    auto totals = orders::ComputeTotals(imported.order);
    if (!totals) {
        in.attention.Add("lines: " + totals.error().message);
        return;
    }
    const Money expected = AddOrKeep(totals->total, marketplace_tax, in.attention);
    if (expected == total) return;
    in.attention.Add(fmt::format(
        "lines add up to {}{} but OrderTotal is {}", FormatMoney(totals->total),
        marketplace_tax.IsZero()
            ? ""
            : fmt::format(" (+ {} marketplace facilitator tax)", FormatMoney(marketplace_tax)),
        FormatMoney(total)));
}

void ReadAddress(const json& order, bool quiet, ImportedOrder& imported, AttentionList& attention) {
    imported.has_shipping_address =
        !FindText(order, "ShippingAddress/AddressLine1").value_or("").empty();
    if (imported.has_shipping_address || quiet) return;
    attention.Add(Find(order, "ShippingAddress") != nullptr
                      ? "no shipping address (restricted data)"
                      : "no shipping address");
}

}  // namespace

Result<ImportedOrder> ParseAmazonOrder(std::string_view body) {
    auto root = ParseObject(body);
    if (!root) return std::unexpected(root.error().WithContext("Amazon order"));
    const json* order = Find(*root, "order");
    if (order != nullptr && order->is_object() && Find(*order, "payload") != nullptr)
        order = Find(*order, "payload");
    if (order == nullptr || !order->is_object()) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "Amazon order: no \"order\" object", "order"));
    }
    const auto order_id = FindText(*order, "AmazonOrderId");
    if (!order_id || order_id->empty()) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "Amazon order: no AmazonOrderId", "AmazonOrderId"));
    }
    AttentionList attention;
    const json* items = FindItems(*root, *order_id, attention);
    const auto code = FindCurrencyCode(*order, items);
    if (!code)
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "Amazon order: no currency"));
    auto currency = money::FindCurrency(*code);
    if (!currency) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "Amazon order: currency: " + currency.error().message));
    }

    Reader in{*currency, attention};
    ImportedOrder imported;
    orders::Order& out = imported.order;
    out.channel = std::string(ChannelCode(Channel::kAmazon));
    out.external_id = *order_id;
    out.number = *order_id;
    out.currency = currency->code;
    out.customer_email = FindText(*order, "BuyerInfo/BuyerEmail").value_or("");
    out.customer_name = FindName(*order, {{"BuyerInfo/BuyerName"}, {"ShippingAddress/Name"}});
    const std::string status = FindText(*order, "OrderStatus").value_or("");
    const bool pending = status == "Pending" || status == "PendingAvailability";
    imported.cancelled = status == "Canceled";
    imported.paid = !pending && !imported.cancelled && !status.empty();
    if (pending) attention.Add("pending: wait for Unshipped");
    imported.shipped_by_channel = FindText(*order, "FulfillmentChannel") == "AFN";
    if (imported.shipped_by_channel)
        attention.Add("fulfilled by Amazon (AFN): Amazon ships it, not us");
    ReadTimes(*order, imported, attention);

    Totals totals{ZeroCharge(in), ZeroCharge(in), ZeroCharge(in), in.Zero()};
    if (items != nullptr) {
        for (std::size_t i = 0; i < items->size(); ++i)
            out.lines.push_back(ReadItem((*items)[i], static_cast<int>(i) + 1,
                                         pending || imported.cancelled, in, totals));
    }
    AddChargeLine(out, orders::LineKind::kShipping,
                  FindText(*order, "ShipServiceLevel").value_or("Shipping"), totals.shipping,
                  attention);
    AddChargeLine(out, orders::LineKind::kService, "Gift wrap", totals.gift_wrap, attention);
    AddChargeLine(out, orders::LineKind::kService, "Cash on delivery fee", totals.cod_fee,
                  attention);
    ReadTotal(*order, totals.marketplace_tax, in, imported);
    ReadAddress(*order, pending || imported.cancelled || imported.shipped_by_channel, imported,
                attention);
    out.attention = attention.Take();
    return imported;
}

}  // namespace tillbook::office::channels
