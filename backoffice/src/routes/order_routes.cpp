// GET /api/v1/orders             the order list: filtered by channel, status, deadline
//                                (overdue, due, today), q (search), attention=1, placed_from/to;
//                                sort=deadline|newest; keyset pages of limit (after=next)
// GET /api/v1/orders/{id}        one order with its lines, reservations and event history
#include <fmt/format.h>

#include <charconv>
#include <variant>

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

ApiResponse BadInput(std::string message, std::string field) {
    return http::ErrorResponse(
        MakeError(ErrorCode::kInvalidInput, std::move(message), std::move(field)));
}

// An instant of placed_from / placed_to: "2026-12-01T00:00:00Z" or with an offset.
std::optional<ApiResponse> ReadInstant(const ApiRequest& request, const std::string& field,
                                       std::optional<ids::UtcMillis>& out) {
    const auto text = request.Query(field);
    if (!text) return std::nullopt;
    auto at = ids::ParseIso8601(*text);
    if (!at)
        return BadInput(
            fmt::format("{}: {} (e.g. 2026-12-01T00:00:00Z)", field, at.error().message), field);
    out = *at;
    return std::nullopt;
}

// The filter the query asks for, or the 400 naming the first parameter at fault.
std::variant<queries::OrderListFilter, ApiResponse> ReadFilter(const ApiRequest& request) {
    queries::OrderListFilter filter;
    filter.channel = request.Query("channel");
    if (auto text = request.Query("status")) {
        filter.status = ParseStatus(*text);
        if (!filter.status)
            return BadInput(fmt::format("status: \"{}\" is not an order status", *text), "status");
    }
    filter.text = request.Query("q");
    if (filter.text && filter.text->empty()) filter.text.reset();  // an empty box finds all
    if (auto attention = request.Query("attention")) {
        if (*attention != "1" && *attention != "0")
            return BadInput("attention: 1 (only orders that need it) or 0", "attention");
        filter.needs_attention = *attention == "1";
    }
    const std::string deadline = request.Query("deadline").value_or("");
    if (deadline == "overdue") {
        filter.deadline = queries::DeadlineFilter::kOverdue;
    } else if (deadline == "due") {
        filter.deadline = queries::DeadlineFilter::kDue;
    } else if (deadline == "today") {
        filter.deadline = queries::DeadlineFilter::kToday;
    } else if (!deadline.empty()) {
        return BadInput("deadline: overdue, due or today", "deadline");
    }
    if (auto bad = ReadInstant(request, "placed_from", filter.placed_from)) return *bad;
    if (auto bad = ReadInstant(request, "placed_to", filter.placed_to)) return *bad;
    const std::string sort = request.Query("sort").value_or("deadline");
    if (sort == "newest") {
        filter.sort = queries::OrderSort::kNewest;
    } else if (sort != "deadline") {
        return BadInput("sort: deadline or newest", "sort");
    }
    if (auto limit = request.Query("limit")) {
        std::int64_t value = 0;
        const auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
        if (ec != std::errc{} || end != limit->data() + limit->size() || value < 1 ||
            value > queries::kOrderListMaxLimit)
            return BadInput(
                fmt::format("limit: a whole number from 1 to {}", queries::kOrderListMaxLimit),
                "limit");
        filter.limit = value;
    }
    if (auto after = request.Query("after")) {
        auto cursor = queries::ParseCursor(*after);
        if (!cursor) return http::ErrorResponse(cursor.error());
        if (cursor->sort != filter.sort)
            return BadInput(
                fmt::format("after: this cursor was made for sort={}",
                            cursor->sort == queries::OrderSort::kNewest ? "newest" : "deadline"),
                "after");
        filter.after = *cursor;
    }
    return filter;
}

ApiResponse List(OfficeContext& context, const ApiRequest& request) {
    auto read = ReadFilter(request);
    if (auto* bad = std::get_if<ApiResponse>(&read)) return std::move(*bad);
    auto& filter = std::get<queries::OrderListFilter>(read);
    filter.now = context.clock.Now();
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto page = queries::ListOrders(**db, filter);
    if (!page) return http::ErrorResponse(page.error());
    json list = json::array();
    for (const queries::OrderListEntry& order : page->orders)
        list.push_back(OrderListEntryJson(order));
    return http::JsonResponse(
        {{"orders", list},
         {"next", page->next ? json(queries::FormatCursor(*page->next)) : json(nullptr)}});
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
