// GET  /api/v1/locations
// GET  /api/v1/stock?sku=CODE                  levels per location
// POST /api/v1/stock/adjustments               {location, sku, delta (units), reason, note}
// POST /api/v1/stock/transfers                 {from, to, lines: [{sku, quantity (units)}]}
// POST /api/v1/stock/counts                    {location, lines: [{sku, counted}], note}: what was
//                                              counted on the shelf; weighed goods: counted_milli
#include <fmt/format.h>

#include <map>

#include "routes/request_json.hpp"
#include "tillbook/office/office_events.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/orders/quantity.hpp"
#include "tillbook/queries/stock_levels.hpp"
#include "tillbook/services/stock_changes.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

// What one adjustment or one transfer line may move, in units either way.
constexpr std::int64_t kMaxUnitsMoved = 1'000'000;

std::optional<ledger::AdjustmentReason> ParseReason(std::string_view text) {
    if (text == "goods_received") return ledger::AdjustmentReason::kGoodsReceived;
    if (text == "count") return ledger::AdjustmentReason::kCountCorrection;
    if (text == "damaged") return ledger::AdjustmentReason::kDamaged;
    if (text == "theft") return ledger::AdjustmentReason::kTheft;
    if (text == "other") return ledger::AdjustmentReason::kOther;
    return std::nullopt;
}

ApiResponse Locations(OfficeContext& context) {
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto locations = store::ListLocations(**db);
    if (!locations) return http::ErrorResponse(locations.error());
    json list = json::array();
    for (const auto& l : *locations) {
        list.push_back({{"id", l.id},
                        {"code", l.code},
                        {"name", l.name},
                        {"kind", l.kind == stock::LocationKind::kStore ? "store" : "warehouse"},
                        {"time_zone", l.time_zone}});
    }
    return http::JsonResponse({{"locations", list}});
}

ApiResponse Levels(OfficeContext& context, const ApiRequest& request) {
    auto sku = request.Query("sku");
    if (!sku)
        return http::ErrorResponse(MakeError(ErrorCode::kInvalidInput, "sku is required", "sku"));
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto stock = queries::StockOfSku(**db, *sku);
    if (!stock) return http::ErrorResponse(stock.error());
    json levels = json::array();
    for (const queries::StockAtLocation& level : *stock) {
        levels.push_back({{"location", level.location_code},
                          {"on_hand_milli", level.on_hand},
                          {"reserved_milli", level.reserved},
                          {"available_milli", level.Available()}});
    }
    return http::JsonResponse({{"sku", *sku}, {"levels", levels}});
}

ApiResponse Adjust(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    const auto text = [&](const char* key) -> std::optional<std::string> {
        if (!body->contains(key) || !body->at(key).is_string()) return std::nullopt;
        return body->at(key).get<std::string>();
    };
    auto location_code = text("location");
    auto sku = text("sku");
    auto reason_text = text("reason");
    if (!location_code)
        return http::ErrorResponse(MakeError(ErrorCode::kInvalidInput,
                                             "location is required (a location code)", "location"));
    if (!sku)
        return http::ErrorResponse(MakeError(ErrorCode::kInvalidInput, "sku is required", "sku"));
    auto delta = IntField(*body, "delta", "", -kMaxUnitsMoved, kMaxUnitsMoved);
    if (!delta || *delta == 0) {
        return http::ErrorResponse(MakeError(
            ErrorCode::kInvalidInput,
            "delta: a whole number of units, not zero, at most a million either way", "delta"));
    }
    auto reason = ParseReason(reason_text.value_or(""));
    if (!reason)
        return http::ErrorResponse(
            MakeError(ErrorCode::kInvalidInput,
                      "reason: goods_received, count, damaged, theft or other", "reason"));
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto location = store::FindLocationByCode(**db, *location_code);
    if (!location || !*location)
        return http::ErrorResponse(MakeError(
            ErrorCode::kNotFound, fmt::format("no location {}", *location_code), "location"));
    auto known = store::FindSku(**db, *sku);
    if (!known || !*known)
        return http::ErrorResponse(
            MakeError(ErrorCode::kNotFound, fmt::format("no SKU {}", *sku), "sku"));
    OfficeSink sink(context);
    auto seq = services::AdjustStock(
        sink, request.caller->Actor(),
        ledger::StockAdjusted{(*location)->id, *sku, *delta * orders::kMilliPerUnit, *reason,
                              text("note").value_or("")});
    if (!seq) return http::ErrorResponse(seq.error());
    return http::JsonResponse({{"seq", *seq}}, 201);
}

// {from, to, lines: [{sku, quantity (units)}]}: stock moves between two locations, never more than
// is available at the one it leaves.
ApiResponse Transfer(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    std::string ids[2];
    const char* keys[2] = {"from", "to"};
    for (int i = 0; i < 2; ++i) {
        if (!body->contains(keys[i]) || !body->at(keys[i]).is_string()) {
            return http::ErrorResponse(
                MakeError(ErrorCode::kInvalidInput,
                          fmt::format("{} is required (a location code)", keys[i]), keys[i]));
        }
        auto location = store::FindLocationByCode(**db, body->at(keys[i]).get<std::string>());
        if (!location || !*location) {
            return http::ErrorResponse(MakeError(
                ErrorCode::kNotFound, fmt::format("{}: no such location", keys[i]), keys[i]));
        }
        ids[i] = (*location)->id;
    }
    if (!body->contains("lines") || !body->at("lines").is_array() || body->at("lines").empty()) {
        return http::ErrorResponse(MakeError(
            ErrorCode::kInvalidInput, "lines: at least one {sku, quantity} is required", "lines"));
    }
    std::vector<ledger::SkuQuantity> lines;
    for (std::size_t i = 0; i < body->at("lines").size(); ++i) {
        const json& line = body->at("lines")[i];
        const std::string path = fmt::format("lines[{}].", i);
        if (auto ok = ItemIsObject(line, "lines", i); !ok) return http::ErrorResponse(ok.error());
        auto sku = TextField(line, "sku", path);
        if (!sku) return http::ErrorResponse(sku.error());
        auto quantity = IntField(line, "quantity", path, 1, kMaxUnitsMoved);
        if (!quantity) return http::ErrorResponse(quantity.error());
        lines.push_back({*sku, *quantity * orders::kMilliPerUnit});
        // Said in the shop's words here; the ledger refuses it again, in its own, should a sale
        // take the units in between.
        auto levels = queries::StockOfSku(**db, *sku);
        if (!levels) return http::ErrorResponse(levels.error());
        const std::string from = body->at("from").get<std::string>();
        for (const queries::StockAtLocation& level : *levels) {
            if (level.location_code != from || level.Available() >= lines.back().quantity) continue;
            return http::ErrorResponse(MakeError(
                ErrorCode::kInvariantViolated,
                fmt::format("{}: {} has {} free to move ({} on hand, {} held for orders); {} "
                            "asked",
                            *sku, from, orders::FormatQuantity(level.Available()),
                            orders::FormatQuantity(level.on_hand),
                            orders::FormatQuantity(level.reserved), *quantity),
                path + "quantity"));
        }
    }
    OfficeSink sink(context);
    auto seq = services::TransferStock(sink, request.caller->Actor(),
                                       ledger::StockTransferred{ids[0], ids[1], lines});
    if (!seq) return http::ErrorResponse(seq.error());
    return http::JsonResponse({{"seq", *seq}}, 201);
}

constexpr std::size_t kMaxCountLines = 10'000;

// In whole units for goods sold by the unit when it is one; null otherwise.
json Units(std::int64_t milli, catalogue::SoldBy sold_by) {
    const auto units = orders::ExactUnits(milli);
    if (sold_by != catalogue::SoldBy::kUnit || !units) return nullptr;
    return *units;
}

// {location, lines: [{sku, counted}], note}: each line that differs from what the ledger says is on
// hand becomes a StockAdjusted (count correction) of counted - on hand, read and written in one
// writer job so that no sale slips in between. Unit goods are counted in whole units (counted);
// weighed goods in grams (counted_milli), as they are weighed.
ApiResponse Count(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto location_code = TextField(*body, "location", "");
    if (!location_code) return http::ErrorResponse(location_code.error());
    std::string note;
    if (body->contains("note")) {
        if (!body->at("note").is_string() ||
            body->at("note").get_ref<const std::string&>().size() > 500) {
            return http::ErrorResponse(MakeError(ErrorCode::kInvalidInput,
                                                 "note: text of at most 500 characters", "note"));
        }
        note = body->at("note").get<std::string>();
    }
    if (!body->contains("lines") || !body->at("lines").is_array() || body->at("lines").empty() ||
        body->at("lines").size() > kMaxCountLines) {
        return http::ErrorResponse(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("lines: 1 to {} lines of {{sku, counted}} are required", kMaxCountLines),
            "lines"));
    }
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto location = store::FindLocationByCode(**db, *location_code);
    if (!location) return http::ErrorResponse(location.error());
    if (!*location)
        return http::ErrorResponse(MakeError(
            ErrorCode::kNotFound, fmt::format("no location {}", *location_code), "location"));
    std::vector<services::CountedSku> counted_skus;
    std::map<std::string, catalogue::SoldBy> sold_by;
    for (std::size_t i = 0; i < body->at("lines").size(); ++i) {
        const json& line = body->at("lines")[i];
        const std::string path = fmt::format("lines[{}].", i);
        if (auto ok = ItemIsObject(line, "lines", i); !ok) return http::ErrorResponse(ok.error());
        auto code = TextField(line, "sku", path);
        if (!code) return http::ErrorResponse(code.error());
        auto sku = store::FindSku(**db, *code);
        if (!sku) return http::ErrorResponse(sku.error());
        if (!*sku) {
            return http::ErrorResponse(MakeError(
                ErrorCode::kNotFound, fmt::format("{}sku: no SKU {}", path, *code), path + "sku"));
        }
        auto counted = QuantityField(line, "counted", (*sku)->sold_by, path, true);
        if (!counted) return http::ErrorResponse(counted.error());
        counted_skus.push_back({*code, *counted});
        sold_by[*code] = (*sku)->sold_by;
    }
    // A SKU counted twice is refused by the count itself, naming both lines.
    OfficeSink sink(context);
    auto results =
        services::CountStock(sink, request.caller->Actor(), (*location)->id, counted_skus, note);
    if (!results) return http::ErrorResponse(results.error());
    json answer{{"location", *location_code}, {"lines", json::array()}};
    for (const services::CountResult& line : *results) {
        const catalogue::SoldBy how = sold_by.at(line.sku);
        answer["lines"].push_back({{"sku", line.sku},
                                   {"expected", Units(line.expected, how)},
                                   {"counted", Units(line.counted, how)},
                                   {"difference", Units(line.difference, how)},
                                   {"expected_milli", line.expected},
                                   {"counted_milli", line.counted},
                                   {"difference_milli", line.difference},
                                   {"seq", line.seq ? json(*line.seq) : json(nullptr)}});
    }
    return http::JsonResponse(answer, 201);
}

}  // namespace

std::vector<http::Route> StockRoutes(OfficeContext& context) {
    return {
        {"GET", "/api/v1/locations", http::Access::Staff(staff::Role::kCashier),
         [&context](const ApiRequest&) { return Locations(context); }},
        {"GET", "/api/v1/stock", http::Access::Staff(staff::Role::kCashier),
         [&context](const ApiRequest& r) { return Levels(context, r); }},
        {"POST", "/api/v1/stock/adjustments", http::Access::Staff(staff::Role::kManager),
         [&context](const ApiRequest& r) { return Adjust(context, r); }},
        {"POST", "/api/v1/stock/transfers", http::Access::Staff(staff::Role::kManager),
         [&context](const ApiRequest& r) { return Transfer(context, r); }},
        {"POST", "/api/v1/stock/counts", http::Access::Staff(staff::Role::kManager),
         [&context](const ApiRequest& r) { return Count(context, r); }},
    };
}

}  // namespace tillbook::office::routes
