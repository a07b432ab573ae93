// POST /api/v1/orders/status   {orders: [id, ...], to: picking|packed|dispatched|delivered,
//                              tracking (dispatched only)}: each order moved by its own ledger
//                              event, as the caller; one order's refusal never stops the others.
//                              200 {results: [{id, number, ok, status} | {id, number, ok, error}]}
//                              in the order given.
#include <fmt/format.h>

#include <set>

#include "routes/request_json.hpp"
#include "tillbook/office/office_events.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/services/order_fulfilment.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

// What one request may move: a page of the order list.
constexpr std::size_t kMaxOrdersMoved = 200;

Result<std::vector<std::string>> OrderIds(const json& body) {
    const auto refused = [](std::string message, std::string field) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, std::move(message), std::move(field)));
    };
    if (!body.contains("orders") || !body.at("orders").is_array() || body.at("orders").empty() ||
        body.at("orders").size() > kMaxOrdersMoved) {
        return refused(fmt::format("orders: a list of 1 to {} order ids", kMaxOrdersMoved),
                       "orders");
    }
    std::vector<std::string> ids;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < body.at("orders").size(); ++i) {
        const json& id = body.at("orders")[i];
        const std::string field = fmt::format("orders[{}]", i);
        if (!id.is_string() || id.get_ref<const std::string&>().empty())
            return refused(field + ": an order id (text)", field);
        if (!seen.insert(id.get<std::string>()).second)
            return refused(fmt::format("{}: order {} is already in the list; give it once", field,
                                       id.get<std::string>()),
                           field);
        ids.push_back(id.get<std::string>());
    }
    return ids;
}

ApiResponse MoveOrders(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto ids = OrderIds(*body);
    if (!ids) return http::ErrorResponse(ids.error());
    const json* to_text = body->contains("to") ? &body->at("to") : nullptr;
    const auto to = to_text && to_text->is_string()
                        ? services::ParseFulfilmentStep(to_text->get<std::string>())
                        : std::nullopt;
    if (!to) {
        return http::ErrorResponse(MakeError(ErrorCode::kInvalidInput,
                                             "to: picking, packed, dispatched or delivered", "to"));
    }
    auto tracking = NoteField(*body, "tracking", "");
    if (!tracking) return http::ErrorResponse(tracking.error());
    if (!tracking->empty() && *to != orders::OrderStatus::kDispatched) {
        return http::ErrorResponse(MakeError(ErrorCode::kInvalidInput,
                                             "tracking: only an order being dispatched has one",
                                             "tracking"));
    }
    OfficeSink sink(context);
    json results = json::array();
    for (const std::string& id : *ids) {
        const services::MoveOutcome moved =
            services::MoveOrder(sink, request.caller->Actor(), {id, *to, *tracking});
        json result = {{"id", id}, {"number", moved.number}, {"ok", moved.done.has_value()}};
        if (moved.done) {
            result["status"] = std::string(orders::ToString(*to));
        } else {
            result["error"] = moved.done.error().message;
        }
        results.push_back(std::move(result));
    }
    return http::JsonResponse({{"results", results}});
}

}  // namespace

std::vector<http::Route> OrderActionRoutes(OfficeContext& context) {
    return {
        {"POST", "/api/v1/orders/status", http::Access::Staff(staff::Role::kFulfilment),
         [&context](const ApiRequest& r) { return MoveOrders(context, r); }},
    };
}

}  // namespace tillbook::office::routes
