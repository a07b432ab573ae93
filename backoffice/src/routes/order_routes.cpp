// GET /api/v1/orders             the order list, filtered by channel, status, deadline and text
// GET /api/v1/orders/{id}        one order with its lines, reservations and event history
#include <fmt/format.h>

#include "routes/order_json.hpp"
#include "routes/routes.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

std::optional<orders::OrderStatus> ParseStatus(std::string_view text) {
    for (int s = 1; s <= 8; ++s) {
        if (orders::ToString(static_cast<orders::OrderStatus>(s)) == text)
            return static_cast<orders::OrderStatus>(s);
    }
    return std::nullopt;
}

ApiResponse List(OfficeContext& context, const ApiRequest& request) {
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    std::string where = "1";
    std::vector<std::string> texts;
    if (auto channel = request.Query("channel")) {
        where += " AND channel = ?";
        texts.push_back(*channel);
    }
    std::optional<std::int64_t> status;
    if (auto text = request.Query("status")) {
        auto parsed = ParseStatus(*text);
        if (!parsed)
            return http::ErrorResponse(
                MakeError(ErrorCode::kInvalidInput,
                          fmt::format("status: \"{}\" is not an order status", *text), "status"));
        status = static_cast<std::int64_t>(*parsed);
    }
    if (auto text = request.Query("q")) {
        where += " AND (number LIKE ? OR external_id LIKE ? OR customer_email LIKE ?)";
        for (int i = 0; i < 3; ++i)
            texts.push_back("%" + *text + "%");
    }
    const std::int64_t now = context.clock.Now();
    const std::string deadline = request.Query("deadline").value_or("");
    if (deadline == "overdue") {
        where += fmt::format(
            " AND despatch_by IS NOT NULL AND despatch_by < {} AND status IN (1, 2, 3, 4)", now);
    } else if (deadline == "due") {
        where += " AND despatch_by IS NOT NULL AND status IN (1, 2, 3, 4)";
    } else if (!deadline.empty()) {
        return http::ErrorResponse(
            MakeError(ErrorCode::kInvalidInput, "deadline: overdue or due", "deadline"));
    }
    if (status) where += fmt::format(" AND status = {}", *status);
    const std::string sql = fmt::format(
        "SELECT id, number, channel, external_id, status, total_minor, currency, despatch_by, "
        "attention FROM orders "
        "WHERE {} ORDER BY coalesce(despatch_by, placed_at), placed_seq LIMIT 500",
        where);
    auto q = (*db)->Prepare(sql);
    if (!q) return http::ErrorResponse(q.error());
    int index = 0;
    for (const std::string& text : texts)
        q->Bind(++index, text);
    json list = json::array();
    while (true) {
        auto row = q->Step();
        if (!row) return http::ErrorResponse(row.error());
        if (!*row) break;
        list.push_back(
            {{"id", q->Text(0)},
             {"number", q->Text(1)},
             {"channel", q->Text(2)},
             {"external_id", q->Text(3)},
             {"status",
              std::string(orders::ToString(static_cast<orders::OrderStatus>(q->Int64(4))))},
             {"total_minor", q->Int64(5)},
             {"currency", q->Text(6)},
             {"despatch_by", q->IsNull(7) ? json(nullptr) : json(ids::FormatIso8601(q->Int64(7)))},
             {"overdue", !q->IsNull(7) && q->Int64(7) < now && q->Int64(4) <= 4},
             {"needs_attention", !q->Text(8).empty()}});
    }
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
             if (!order)
                 return http::ErrorResponse(MakeError(ErrorCode::kNotFound, "no such order"));
             return http::JsonResponse(*order);
         }},
    };
}

}  // namespace tillbook::office::routes
