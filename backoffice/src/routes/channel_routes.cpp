// Orders from the channels and the order list:
//   POST /api/v1/channels/{shopify|woocommerce|ebay|amazon}/orders   one order in the channel's
//   format POST /api/v1/webhooks/shopify, /api/v1/webhooks/woocommerce       signed deliveries GET
//   /api/v1/orders/{id}                                           the normalised order
#include <fmt/format.h>

#include <memory>

#include "routes/order_json.hpp"
#include "tillbook/office/channels/import_service.hpp"
#include "tillbook/office/channels/webhook_signature.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

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
    // Shopify's webhook id stays the same on its retries, which resend the original payload;
    // WooCommerce makes a new delivery id for every attempt, so it identifies nothing (its orders
    // are told apart by their id and date modified, as every re-import is).
    const std::string delivery = shopify ? request.Header("x-shopify-webhook-id").value_or("") : "";
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
    return routes;
}

}  // namespace tillbook::office::routes
