// POST /api/v1/returns                 goods received back at a location against an order of any
//                                      channel (by its number, its channel's id or our id),
//                                      optionally refunded at once
// POST /api/v1/returns/{id}/refunds    a refund against a return received earlier
// GET  /api/v1/returns/{id}            the return, its lines and values, refunded so far
// GET  /api/v1/returns?order=CODE      the returns of an order
#include <fmt/format.h>

#include "office_events.hpp"
#include "routes/goods_back_json.hpp"
#include "routes/order_json.hpp"
#include "routes/request_json.hpp"
#include "routes/routes.hpp"
#include "tillbook/ledger/sqlite_state.hpp"

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
    const orders::Return& ret = back->ret;
    const std::string& order_id = ret.order_id;
    const money::Currency& currency = back->currency;
    std::optional<orders::Tender> refund_tender;
    if (body->contains("refund")) {
        auto tender = TenderField(body->at("refund"), "tender", "refund.");
        if (!tender) return http::ErrorResponse(tender.error());
        refund_tender = *tender;
    }
    json answer{{"return_id", ret.id}, {"order_id", order_id}};
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        auto received =
            AppendOfficeEvent(context, w, request.caller->Actor(), ledger::ReturnReceived{ret});
        if (!received) return std::unexpected(received.error());
        // The projection stored the returned goods' value with the return.
        auto stored = ledger::SqliteLedgerState(w.db).FindReturn(ret.id);
        if (!stored) return std::unexpected(stored.error());
        if (!*stored)
            return std::unexpected(MakeError(ErrorCode::kStorage, "the return was not stored"));
        const std::int64_t value_minor = (*stored)->value_minor;
        answer["value_minor"] = value_minor;
        if (refund_tender && value_minor > 0) {
            auto refunded = AppendOfficeEvent(
                context, w, request.caller->Actor(),
                ledger::RefundIssued{
                    order_id,
                    ret.id,
                    {*refund_tender, money::Money(value_minor, currency), "", ""}});
            if (!refunded) return std::unexpected(refunded.error().WithContext("refund"));
            answer["refunded_minor"] = value_minor;
        }
        return {};
    });
    if (!written) return http::ErrorResponse(written.error());
    return http::JsonResponse(answer, 201);
}

ApiResponse RefundReturn(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto tender = TenderField(*body, "tender", "");
    auto amount = IntField(*body, "amount_minor", "");
    if (!tender) return http::ErrorResponse(tender.error());
    if (!amount) return http::ErrorResponse(amount.error());
    const std::string return_id = request.path_params.at(0);
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto ret = queries::FindReturnDetail(**db, return_id);
    if (!ret) return http::ErrorResponse(ret.error());
    if (!*ret)
        return http::ErrorResponse(
            MakeError(ErrorCode::kNotFound, fmt::format("no return {}", return_id)));
    const std::string order_id = (*ret)->order_id;
    auto currency = money::FindCurrency((*ret)->currency);
    if (!currency) return http::ErrorResponse(currency.error());
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        auto refunded = AppendOfficeEvent(
            context, w, request.caller->Actor(),
            ledger::RefundIssued{
                order_id, return_id, {*tender, money::Money(*amount, *currency), "", ""}});
        if (!refunded) return std::unexpected(refunded.error());
        return {};
    });
    if (!written) return http::ErrorResponse(written.error());
    return http::JsonResponse({{"return_id", return_id}, {"refunded_minor", *amount}}, 201);
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
