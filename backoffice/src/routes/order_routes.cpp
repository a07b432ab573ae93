// GET /api/v1/orders             the order list, filtered by channel, status, deadline, text
//                                and attention=1 (only the orders that need attention)
// GET /api/v1/orders/{id}        one order with its lines, reservations and event history
#include <fmt/format.h>

#include "routes/order_json.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/queries/order_list.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

std::optional<orders::OrderStatus> ParseStatus(std::string_view text) {
    for (const orders::OrderStatus status : orders::kOrderStatuses) {
        if (orders::ToString(status) == text) return status;
    }
    return std::nullopt;
}

ApiResponse List(OfficeContext& context, const ApiRequest& request) {
    queries::OrderListFilter filter;
    filter.channel = request.Query("channel");
    if (auto text = request.Query("status")) {
        filter.status = ParseStatus(*text);
        if (!filter.status)
            return http::ErrorResponse(
                MakeError(ErrorCode::kInvalidInput,
                          fmt::format("status: \"{}\" is not an order status", *text), "status"));
    }
    filter.text = request.Query("q");
    if (auto attention = request.Query("attention")) {
        if (*attention != "1" && *attention != "0")
            return http::ErrorResponse(MakeError(ErrorCode::kInvalidInput,
                                                 "attention: 1 (only orders that need it) or 0",
                                                 "attention"));
        filter.needs_attention = *attention == "1";
    }
    const std::string deadline = request.Query("deadline").value_or("");
    if (deadline == "overdue") {
        filter.deadline = queries::DeadlineFilter::kOverdue;
    } else if (deadline == "due") {
        filter.deadline = queries::DeadlineFilter::kDue;
    } else if (!deadline.empty()) {
        return http::ErrorResponse(
            MakeError(ErrorCode::kInvalidInput, "deadline: overdue or due", "deadline"));
    }
    filter.now = context.clock.Now();
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto orders = queries::ListOrders(**db, filter);
    if (!orders) return http::ErrorResponse(orders.error());
    json list = json::array();
    for (const queries::OrderListEntry& order : *orders)
        list.push_back(OrderListEntryJson(order));
    return http::JsonResponse({{"orders", list}});
}

}  // namespace

std::vector<http::Route> OrderRoutes(OfficeContext& context) {
    return {
        {"GET", "/api/v1/orders", http::Access::Staff(staff::Role::kFulfilment),
         [&context](const ApiRequest& r) { return List(context, r); }},
        {"GET", "/api/v1/orders/([^/]+)", http::Access::Staff(staff::Role::kFulfilment),
         [&context](const ApiRequest& request) {
             auto db = context.ReadDb();
             if (!db) return http::ErrorResponse(db.error());
             auto order = OrderJson(**db, request.path_params.at(0));
             if (!order) return http::ErrorResponse(order.error());
             return http::JsonResponse(*order);
         }},
    };
}

}  // namespace tillbook::office::routes
