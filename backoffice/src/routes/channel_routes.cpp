// Orders from the channels and the order list:
//   POST /api/v1/channels/{shopify|woocommerce|ebay|amazon}/orders   one order in the channel's
//   format POST /api/v1/webhooks/shopify, /api/v1/webhooks/woocommerce       signed deliveries GET
//   /api/v1/orders/{id}                                           the normalised order
#include <fmt/format.h>

#include <memory>

#include "channels/import_service.hpp"
#include "channels/webhook_signature.hpp"
#include "routes/routes.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

std::optional<json> OrderJson(store::Database& db, const std::string& id) {
    auto q = db.Prepare(
        "SELECT id, channel, external_id, number, currency, total_minor, tax_minor, paid_minor, "
        "refunded_minor, status, "
        "despatch_by, deliver_by, attention, location_id FROM orders WHERE id = ?");
    if (!q) return std::nullopt;
    q->Bind(1, id);
    auto row = q->Step();
    if (!row || !*row) return std::nullopt;
    const auto time = [&](int column) -> json {
        if (q->IsNull(column)) return nullptr;
        return ids::FormatIso8601(q->Int64(column));
    };
    json attention = json::array();
    const std::string reasons = q->Text(12);
    for (std::size_t start = 0; start < reasons.size();) {
        const auto end = reasons.find('\n', start);
        attention.push_back(
            reasons.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    json order{
        {"id", q->Text(0)},
        {"channel", q->Text(1)},
        {"external_id", q->Text(2)},
        {"number", q->Text(3)},
        {"currency", q->Text(4)},
        {"total_minor", q->Int64(5)},
        {"tax_minor", q->Int64(6)},
        {"paid_minor", q->Int64(7)},
        {"refunded_minor", q->Int64(8)},
        {"status", std::string(orders::ToString(static_cast<orders::OrderStatus>(q->Int64(9))))},
        {"despatch_by", time(10)},
        {"deliver_by", time(11)},
        {"attention", attention},
        {"location_id", q->Text(13)},
        {"lines", json::array()},
        {"reservations", json::array()}};
    auto lines = db.Prepare(
        "SELECT line_no, kind, sku, description, quantity, unit_price_minor, discount_minor, "
        "total_minor, tax_minor "
        "FROM order_lines WHERE order_id = ? ORDER BY line_no");
    if (!lines) return std::nullopt;
    lines->Bind(1, id);
    while (*lines->Step()) {
        order["lines"].push_back({{"line_no", lines->Int64(0)},
                                  {"kind", lines->Int64(1)},
                                  {"sku", lines->Text(2)},
                                  {"description", lines->Text(3)},
                                  {"quantity", lines->Int64(4) / 1000},
                                  {"quantity_milli", lines->Int64(4)},
                                  {"unit_price_minor", lines->Int64(5)},
                                  {"discount_minor", lines->Int64(6)},
                                  {"total_minor", lines->Int64(7)},
                                  {"tax_minor", lines->Int64(8)}});
    }
    auto held = db.Prepare(
        "SELECT location_id, sku, quantity FROM reservations WHERE order_id = ? ORDER BY "
        "location_id, sku");
    if (!held) return std::nullopt;
    held->Bind(1, id);
    while (*held->Step()) {
        order["reservations"].push_back({{"location_id", held->Text(0)},
                                         {"sku", held->Text(1)},
                                         {"quantity", held->Int64(2) / 1000}});
    }
    return order;
}

ApiResponse ImportAndAnswer(OfficeContext& context, channels::ImportService& imports,
                            channels::Channel channel, const ApiRequest& request,
                            const std::string& actor, const std::string& delivery_id) {
    auto outcome = imports.Import(channel, request.body, actor, delivery_id);
    if (!outcome) return http::ErrorResponse(outcome.error());
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto order = OrderJson(**db, outcome->order_id);
    if (!order)
        return http::ErrorResponse(
            MakeError(ErrorCode::kStorage, "the imported order cannot be read back"));
    return http::JsonResponse(*order, outcome->created ? 201 : 200);
}

ApiResponse Webhook(OfficeContext& context, channels::ImportService& imports,
                    channels::Channel channel, const ApiRequest& request) {
    const bool shopify = channel == channels::Channel::kShopify;
    const auto signature =
        request.Header(shopify ? "x-shopify-hmac-sha256" : "x-wc-webhook-signature");
    // WooCommerce pings a new webhook with a form body "webhook_id=N" and no signature.
    if (!shopify && !signature && request.body.starts_with("webhook_id="))
        return http::JsonResponse({{"status", "ok"}});
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto secret = store::GetSetting(
        **db, fmt::format("channel.{}.webhook_secret", channels::ChannelCode(channel)));
    if (!secret) return http::ErrorResponse(secret.error());
    if (!*secret || !signature ||
        !channels::WebhookSignatureMatches(**secret, request.body, *signature)) {
        return http::ErrorResponse(
            MakeError(ErrorCode::kUnauthorized,
                      "the webhook signature does not match; nothing was recorded"));
    }
    const std::string delivery =
        request.Header(shopify ? "x-shopify-webhook-id" : "x-wc-webhook-delivery-id").value_or("");
    return ImportAndAnswer(context, imports, channel, request,
                           fmt::format("webhook:{}", channels::ChannelCode(channel)), delivery);
}

}  // namespace

std::vector<http::Route> ChannelRoutes(OfficeContext& context) {
    auto imports = std::make_shared<channels::ImportService>(context);
    std::vector<http::Route> routes;
    routes.push_back(
        {"POST", "/api/v1/channels/([a-z]+)/orders", http::Access::Staff(staff::Role::kManager),
         [&context, imports](const ApiRequest& request) {
             auto channel = channels::ParseChannel(request.path_params.at(0));
             if (!channel) {
                 return http::ErrorResponse(
                     MakeError(ErrorCode::kNotFound,
                               fmt::format("no channel \"{}\" (shopify, woocommerce, ebay, amazon)",
                                           request.path_params.at(0))));
             }
             return ImportAndAnswer(context, *imports, *channel, request, request.caller->Actor(),
                                    "");
         }});
    for (const auto channel : {channels::Channel::kShopify, channels::Channel::kWooCommerce}) {
        routes.push_back(
            {"POST", fmt::format("/api/v1/webhooks/{}", channels::ChannelCode(channel)),
             http::Access::Public(), [&context, imports, channel](const ApiRequest& request) {
                 return Webhook(context, *imports, channel, request);
             }});
    }
    routes.push_back(
        {"GET", "/api/v1/orders/([^/]+)", http::Access::Staff(staff::Role::kFulfilment),
         [&context](const ApiRequest& request) {
             auto db = context.ReadDb();
             if (!db) return http::ErrorResponse(db.error());
             auto order = OrderJson(**db, request.path_params.at(0));
             if (!order)
                 return http::ErrorResponse(MakeError(ErrorCode::kNotFound, "no such order"));
             return http::JsonResponse(*order);
         }});
    return routes;
}

}  // namespace tillbook::office::routes
