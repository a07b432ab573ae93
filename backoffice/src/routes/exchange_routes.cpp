// POST /api/v1/exchanges   goods back against an order of any channel and new goods handed over at
//                          the location, in one ExchangeCompleted event: the returned goods' value
//                          pays for the new ones and only the difference is paid or refunded.
//   {order, location, lines: [{line_no, quantity, reason, condition}],
//    new_goods: [{sku, quantity}], tender}      (weighed goods: quantity_milli, in grams)
#include <fmt/format.h>

#include "routes/goods_back_json.hpp"
#include "routes/request_json.hpp"
#include "tillbook/office/office_events.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/orders/office_sale.hpp"
#include "tillbook/queries/order_lookup.hpp"
#include "tillbook/services/returns_desk.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

// The new goods as items to price: [{sku, quantity}] (weighed goods: quantity_milli), each an
// active SKU priced in the order's currency.
Result<std::vector<orders::SaleItem>> NewGoodsFromJson(store::Database& db, const json& body,
                                                       const std::string& currency) {
    if (!body.contains("new_goods") || !body.at("new_goods").is_array() ||
        body.at("new_goods").empty()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "new_goods: at least one {sku, quantity} is required",
                                         "new_goods"));
    }
    std::vector<orders::SaleItem> goods;
    for (std::size_t i = 0; i < body.at("new_goods").size(); ++i) {
        const json& item = body.at("new_goods")[i];
        const std::string path = fmt::format("new_goods[{}].", i);
        if (auto ok = ItemIsObject(item, "new_goods", i); !ok) return std::unexpected(ok.error());
        auto code = TextField(item, "sku", path);
        if (!code) return std::unexpected(code.error());
        auto sku = store::FindSku(db, *code);
        if (!sku) return std::unexpected(sku.error());
        if (!*sku) {
            return std::unexpected(MakeError(
                ErrorCode::kNotFound, fmt::format("{}sku: no SKU {}", path, *code), path + "sku"));
        }
        if (!(*sku)->active) {
            return std::unexpected(
                MakeError(ErrorCode::kInvalidInput,
                          fmt::format("{}sku: {} is no longer sold", path, *code), path + "sku"));
        }
        if ((*sku)->price.GetCurrency().code != currency) {
            return std::unexpected(
                MakeError(ErrorCode::kCurrencyMismatch,
                          fmt::format("{}sku: {} is priced in {}, the order was in {}", path, *code,
                                      (*sku)->price.GetCurrency().code, currency),
                          path + "sku"));
        }
        auto quantity = QuantityField(item, "quantity", (*sku)->sold_by, path, false);
        if (!quantity) return std::unexpected(quantity.error());
        goods.push_back({std::move(**sku), *quantity, std::nullopt});
    }
    return goods;
}

ApiResponse CreateExchange(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    std::optional<services::DeskTender> tender;
    if (body->contains("tender")) {
        auto chosen = TenderField(*body, "tender", "");
        if (!chosen) return http::ErrorResponse(chosen.error());
        auto card = CardNumberField(*body, "");
        if (!card) return http::ErrorResponse(card.error());
        tender = services::DeskTender{*chosen, "", *card};
    }
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto back = GoodsBackFromJson(**db, *body, context.ids.NextString());
    if (!back) return http::ErrorResponse(back.error());
    const orders::Return& ret = back->ret;
    const std::string& location_code = back->location_code;
    auto goods = NewGoodsFromJson(**db, *body, back->currency.code);
    if (!goods) return http::ErrorResponse(goods.error());
    // The office's own number series at the location, taken in the writer so that two exchanges
    // never take the same number.
    const services::NewSaleNumbering office_number =
        [&](services::LedgerSession& session) -> Result<orders::StoreSale> {
        auto highest = queries::HighestOrderSequence(
            session.Db(), orders::OfficeOrderNumberPrefix(location_code));
        if (!highest) return std::unexpected(highest.error());
        return orders::StoreSale{session.NewId(),
                                 orders::OfficeOrderNumber(location_code, *highest + 1),
                                 location_code, ret.location_id, session.Now()};
    };
    OfficeSink sink(context);
    auto exchanged = services::CompleteExchange(sink, request.caller->Actor(), ret, *goods, tender,
                                                office_number);
    if (!exchanged) return http::ErrorResponse(exchanged.error());
    json answer{{"seq", exchanged->seq},
                {"return_id", exchanged->return_id},
                {"order_id", exchanged->new_order.id},
                {"order_number", exchanged->new_order.number},
                {"currency", back->currency.code},
                {"credit_minor", exchanged->credit.Minor()},
                {"new_total_minor", exchanged->new_total.Minor()},
                {"paid_minor", exchanged->paid.Minor()},
                {"refunded_minor", exchanged->refunded.Minor()},
                {"tender", exchanged->paid.IsZero() && exchanged->refunded.IsZero()
                               ? json(nullptr)
                               : json(body->at("tender").get<std::string>())}};
    if (!exchanged->credit_card.empty()) answer["credit_card"] = exchanged->credit_card;
    return http::JsonResponse(answer, 201);
}

}  // namespace

std::vector<http::Route> ExchangeRoutes(OfficeContext& context) {
    return {
        {"POST", "/api/v1/exchanges", http::Access::Staff(staff::Role::kCashier),
         [&context](const ApiRequest& r) { return CreateExchange(context, r); }},
    };
}

}  // namespace tillbook::office::routes
