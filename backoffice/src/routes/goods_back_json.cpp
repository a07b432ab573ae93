#include "routes/goods_back_json.hpp"

#include <fmt/format.h>

#include "routes/request_json.hpp"
#include "tillbook/queries/order_lookup.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

using nlohmann::json;

// An order's lines are numbered from 1; no order has a million.
constexpr std::int64_t kMaxLineNo = 1'000'000;

Result<std::vector<orders::ReturnLine>> ReturnLinesFromJson(store::Database& db, const json& body,
                                                            const std::string& order_id,
                                                            const money::Currency& currency) {
    if (!body.contains("lines") || !body.at("lines").is_array() || body.at("lines").empty()) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "lines: at least one line is required", "lines"));
    }
    std::vector<orders::ReturnLine> lines;
    for (std::size_t i = 0; i < body.at("lines").size(); ++i) {
        const json& line = body.at("lines")[i];
        const std::string path = fmt::format("lines[{}].", i);
        if (auto ok = ItemIsObject(line, "lines", i); !ok) return std::unexpected(ok.error());
        auto line_no = IntField(line, "line_no", path, 1, kMaxLineNo);
        if (!line_no) return std::unexpected(line_no.error());
        auto sku = queries::FindOrderLineSku(db, order_id, *line_no);
        if (!sku) return std::unexpected(sku.error());
        if (!*sku) {
            return std::unexpected(
                MakeError(ErrorCode::kNotFound,
                          fmt::format("{}line_no: the order has no line {}", path, *line_no),
                          path + "line_no"));
        }
        auto known = store::FindSku(db, **sku);
        if (!known) return std::unexpected(known.error());
        const auto sold_by = *known ? (*known)->sold_by : catalogue::SoldBy::kUnit;
        auto quantity = QuantityField(line, "quantity", sold_by, path, false);
        auto reason = ReasonField(line, "reason", path);
        auto condition = ConditionField(line, "condition", path);
        for (const Error* error :
             {quantity ? nullptr : &quantity.error(), reason ? nullptr : &reason.error(),
              condition ? nullptr : &condition.error()}) {
            if (error) return std::unexpected(*error);
        }
        lines.push_back({static_cast<int>(*line_no), **sku, *quantity, money::Money(0, currency),
                         *reason, *condition});
    }
    return lines;
}

Result<GoodsBack> GoodsBackFromJson(store::Database& db, const json& body,
                                    const std::string& return_id) {
    auto code = TextField(body, "order", "");
    if (!code) return std::unexpected(code.error());
    auto location_code = TextField(body, "location", "");
    if (!location_code) return std::unexpected(location_code.error());
    auto location = store::FindLocationByCode(db, *location_code);
    if (!location) return std::unexpected(location.error());
    if (!*location) {
        return std::unexpected(MakeError(
            ErrorCode::kNotFound, fmt::format("no location {}", *location_code), "location"));
    }
    auto found = queries::FindOrderByCode(db, *code);
    if (!found) return std::unexpected(found.error());
    if (!*found) {
        return std::unexpected(
            MakeError(ErrorCode::kNotFound, fmt::format("no order {}", *code), "order"));
    }
    auto currency = money::FindCurrency((*found)->currency);
    if (!currency) return std::unexpected(currency.error());
    auto lines = ReturnLinesFromJson(db, body, (*found)->id, *currency);
    if (!lines) return std::unexpected(lines.error());
    return GoodsBack{orders::Return{return_id, (*found)->id, (*location)->id, false,
                                    (*found)->currency, std::move(*lines)},
                     *location_code, *currency};
}

}  // namespace tillbook::office::routes
