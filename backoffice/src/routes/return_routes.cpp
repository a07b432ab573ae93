// POST /api/v1/returns                 goods received back at a location against an order of any
//                                      channel (by its number, its channel's id or our id),
//                                      optionally refunded at once
// POST /api/v1/returns/{id}/refunds    a refund against a return received earlier
//   (to store_credit: onto card_number, or a new card; the answer's credit_card names it)
// GET  /api/v1/returns/{id}            the return, its lines and values, refunded so far
// GET  /api/v1/returns?order=CODE      the returns of an order
#include <fmt/format.h>

#include "routes/goods_back_json.hpp"
#include "routes/order_json.hpp"
#include "routes/request_json.hpp"
#include "tillbook/catalogue/sku_rules.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/office/office_events.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/services/returns_desk.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

ApiResponse CreateReturn(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto back = GoodsBackFromJson(**db, *body, context.ids.NextString());
    if (!back) return http::ErrorResponse(back.error());
    std::optional<services::DeskTender> refund_to;
    if (body->contains("refund")) {
        auto tender = TenderField(body->at("refund"), "tender", "refund.");
        if (!tender) return http::ErrorResponse(tender.error());
        auto card = CardNumberField(body->at("refund"), "refund.");
        if (!card) return http::ErrorResponse(card.error());
        refund_to = services::DeskTender{*tender, "", *card};
    }
    OfficeSink sink(context);
    auto received = services::ReceiveReturn(sink, request.caller->Actor(), back->ret, refund_to);
    if (!received) return http::ErrorResponse(received.error());
    json answer{{"return_id", received->return_id},
                {"order_id", back->ret.order_id},
                {"value_minor", received->value.Minor()}};
    if (received->refund) answer["refunded_minor"] = received->refund->Minor();
    if (!received->credit_card.empty()) answer["credit_card"] = received->credit_card;
    return http::JsonResponse(answer, 201);
}

ApiResponse RefundReturn(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto tender = TenderField(*body, "tender", "");
    auto amount = IntField(*body, "amount_minor", "", 1, catalogue::kMaxAmountMinor);
    auto card = CardNumberField(*body, "");
    if (!tender) return http::ErrorResponse(tender.error());
    if (!amount) return http::ErrorResponse(amount.error());
    if (!card) return http::ErrorResponse(card.error());
    // Store credit onto a new card: its number is made here, to answer it.
    if (*tender == orders::Tender::kStoreCredit && card->empty()) *card = credit::NewCardNumber();
    const std::string return_id = request.path_params.at(0);
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto ret = queries::FindReturnDetail(**db, return_id);
    if (!ret) return http::ErrorResponse(ret.error());
    if (!*ret)
        return http::ErrorResponse(
            MakeError(ErrorCode::kNotFound, fmt::format("no return {}", return_id)));
    auto currency = money::FindCurrency((*ret)->currency);
    if (!currency) return http::ErrorResponse(currency.error());
    OfficeSink sink(context);
    auto refunded = services::RefundReturn(sink, request.caller->Actor(), return_id,
                                           money::Money(*amount, *currency), {*tender, "", *card});
    if (!refunded) return http::ErrorResponse(refunded.error());
    json answer{{"return_id", return_id}, {"refunded_minor", *amount}};
    if (*tender == orders::Tender::kStoreCredit) answer["credit_card"] = *card;
    return http::JsonResponse(answer, 201);
}

ApiResponse ShowReturn(OfficeContext& context, const ApiRequest& request) {
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    const std::string& id = request.path_params.at(0);
    auto ret = queries::FindReturnDetail(**db, id);
    if (!ret) return http::ErrorResponse(ret.error());
    if (!*ret)
        return http::ErrorResponse(
            MakeError(ErrorCode::kNotFound, fmt::format("no return {}", id)));
    return http::JsonResponse(ReturnJson(**ret));
}

ApiResponse ListReturns(OfficeContext& context, const ApiRequest& request) {
    auto code = request.Query("order");
    if (!code || code->empty()) {
        return http::ErrorResponse(
            MakeError(ErrorCode::kInvalidInput, "order is required (its number or id)", "order"));
    }
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto found = queries::FindOrderByCode(**db, *code);
    if (!found) return http::ErrorResponse(found.error());
    if (!*found)
        return http::ErrorResponse(
            MakeError(ErrorCode::kNotFound, fmt::format("no order {}", *code), "order"));
    auto returns = queries::ReturnsOfOrder(**db, (*found)->id);
    if (!returns) return http::ErrorResponse(returns.error());
    json list = json::array();
    for (const queries::ReturnDetail& ret : *returns)
        list.push_back(ReturnJson(ret));
    return http::JsonResponse({{"order_id", (*found)->id}, {"returns", list}});
}

}  // namespace

std::vector<http::Route> ReturnRoutes(OfficeContext& context) {
    return {
        {"POST", "/api/v1/returns", http::Access::Staff(staff::Role::kCashier),
         [&context](const ApiRequest& r) { return CreateReturn(context, r); }},
        {"POST", "/api/v1/returns/([^/]+)/refunds", http::Access::Staff(staff::Role::kManager),
         [&context](const ApiRequest& r) { return RefundReturn(context, r); }},
        {"GET", "/api/v1/returns", http::Access::Staff(staff::Role::kCashier),
         [&context](const ApiRequest& r) { return ListReturns(context, r); }},
        {"GET", "/api/v1/returns/([^/]+)", http::Access::Staff(staff::Role::kCashier),
         [&context](const ApiRequest& r) { return ShowReturn(context, r); }},
    };
}

}  // namespace tillbook::office::routes
