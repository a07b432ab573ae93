// GET /api/v1/reports/today?tz=Europe/London   the managers' "today": what each channel has taken
//     since midnight in that zone (UTC when none is given), the tills with the last event each
//     sent, and the orders that need someone: overdue for despatch, or flagged for attention
#include <fmt/format.h>

#include "routes/order_json.hpp"
#include "terminal_store.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/queries/order_list.hpp"
#include "tillbook/queries/order_search.hpp"
#include "tillbook/queries/takings.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

constexpr std::size_t kMostShown = 20;  // of each list of orders

json OrdersJson(const std::vector<queries::OrderListEntry>& entries) {
    json list = json::array();
    for (std::size_t i = 0; i < entries.size() && i < kMostShown; ++i)
        list.push_back(OrderListEntryJson(entries[i]));
    return list;
}

ApiResponse Today(OfficeContext& context, const ApiRequest& request) {
    const std::string zone = request.Query("tz").value_or("UTC");
    const ids::UtcMillis now = context.clock.Now();
    auto day = queries::DayInZone(queries::DayAt(now, zone), zone);
    if (!day) {
        Error error = day.error().WithContext("tz");
        error.code = ErrorCode::kInvalidInput;
        error.field = "tz";
        return http::ErrorResponse(error);
    }
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto takings = queries::TakingsBetween(**db, day->from, day->to);
    if (!takings) return http::ErrorResponse(takings.error());
    json channels = json::array();
    for (const queries::ChannelTakings& channel : *takings) {
        channels.push_back({{"channel", channel.channel},
                            {"currency", channel.currency},
                            {"orders", channel.orders},
                            {"total_minor", channel.total_minor},
                            {"refunded_minor", channel.refunded_minor}});
    }
    auto terminals = ListTerminals(**db, "");
    if (!terminals) return http::ErrorResponse(terminals.error());
    json tills = json::array();
    for (const Terminal& till : *terminals) {
        if (till.revoked_at) continue;
        json one{{"id", till.id},
                 {"store", till.store_code},
                 {"name", till.name},
                 {"last_event_at", nullptr}};
        if (till.last_event)
            one["last_event_at"] = ids::FormatIso8601(till.last_event->occurred_at);
        tills.push_back(std::move(one));
    }
    queries::OrderListFilter overdue;
    overdue.deadline = queries::DeadlineFilter::kOverdue;
    overdue.now = now;
    overdue.limit = queries::kOrderListMaxLimit;
    auto late = queries::ListOrders(**db, overdue);
    if (!late) return http::ErrorResponse(late.error());
    queries::OrderListFilter flagged;
    flagged.needs_attention = true;
    flagged.now = now;
    flagged.limit = queries::kOrderListMaxLimit;
    auto attention = queries::ListOrders(**db, flagged);
    if (!attention) return http::ErrorResponse(attention.error());
    return http::JsonResponse({{"time_zone", zone},
                               {"since", ids::FormatIso8601(day->from)},
                               {"now", ids::FormatIso8601(now)},
                               {"channels", channels},
                               {"tills", tills},
                               {"overdue", OrdersJson(late->orders)},
                               {"overdue_count", late->orders.size()},
                               {"attention", OrdersJson(attention->orders)},
                               {"attention_count", attention->orders.size()}});
}

}  // namespace

std::vector<http::Route> ReportRoutes(OfficeContext& context) {
    return {
        {"GET", "/api/v1/reports/today", http::Access::Staff(staff::Role::kManager),
         [&context](const ApiRequest& r) { return Today(context, r); }},
    };
}

}  // namespace tillbook::office::routes
