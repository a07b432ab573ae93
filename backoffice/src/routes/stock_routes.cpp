// GET  /api/v1/locations
// GET  /api/v1/catalogue/skus?q=TEXT          search by code, name or barcode
// GET  /api/v1/stock?sku=CODE                  levels per location
// POST /api/v1/stock/adjustments               {location, sku, delta (units), reason, note}
// POST /api/v1/stock/transfers                 {from, to, lines: [{sku, quantity (units)}]}
#include <fmt/format.h>

#include "channels/channel_stock.hpp"
#include "routes/routes.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

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

ApiResponse SearchSkus(OfficeContext& context, const ApiRequest& request) {
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    const std::string text = request.Query("q").value_or("");
    auto q = (*db)->Prepare(
        "SELECT DISTINCT s.code FROM skus s LEFT JOIN barcodes b ON b.sku = s.code WHERE s.code "
        "LIKE ?1 OR "
        "s.product_name LIKE ?1 OR b.barcode = ?2 ORDER BY s.code LIMIT 100");
    if (!q) return http::ErrorResponse(q.error());
    q->Bind(1, "%" + text + "%").Bind(2, text);
    json list = json::array();
    std::vector<std::string> codes;
    while (*q->Step())
        codes.push_back(q->Text(0));
    for (const std::string& code : codes) {
        auto sku = store::FindSku(**db, code);
        if (!sku || !*sku) continue;
        list.push_back({{"code", (*sku)->code},
                        {"product_name", (*sku)->product_name},
                        {"variant_name", (*sku)->variant_name},
                        {"category", (*sku)->category},
                        {"price_minor", (*sku)->price.Minor()},
                        {"cost_minor", (*sku)->cost_price.Minor()},
                        {"currency", (*sku)->price.GetCurrency().code},
                        {"tax_class", (*sku)->tax_class},
                        {"barcodes", (*sku)->barcodes},
                        {"active", (*sku)->active}});
    }
    return http::JsonResponse({{"skus", list}});
}

ApiResponse Levels(OfficeContext& context, const ApiRequest& request) {
    auto sku = request.Query("sku");
    if (!sku)
        return http::ErrorResponse(MakeError(ErrorCode::kInvalidInput, "sku is required", "sku"));
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto q = (*db)->Prepare(
        "SELECT l.code, coalesce(s.on_hand, 0), coalesce(s.reserved, 0) FROM locations l "
        "LEFT JOIN stock_levels s ON s.location_id = l.id AND s.sku = ? ORDER BY l.code");
    if (!q) return http::ErrorResponse(q.error());
    q->Bind(1, *sku);
    json levels = json::array();
    while (*q->Step()) {
        levels.push_back({{"location", q->Text(0)},
                          {"on_hand_milli", q->Int64(1)},
                          {"reserved_milli", q->Int64(2)},
                          {"available_milli", q->Int64(1) - q->Int64(2)}});
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
    if (!body->contains("delta") || !body->at("delta").is_number_integer()) {
        return http::ErrorResponse(MakeError(ErrorCode::kInvalidInput,
                                             "delta is required (whole units, + or -)", "delta"));
    }
    const std::int64_t delta = body->at("delta").get<std::int64_t>();
    if (delta == 0 || delta > 1'000'000 || delta < -1'000'000) {
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
    std::int64_t seq = 0;
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        auto origin_seq = w.ledger.NextOriginSeq("office");
        if (!origin_seq) return std::unexpected(origin_seq.error());
        auto appended = w.ledger.AppendInCurrentTransaction(
            {context.ids.NextString(), "office", *origin_seq, request.caller->Actor(),
             context.clock.Now(),
             ledger::StockAdjusted{(*location)->id, *sku, delta * 1000, *reason,
                                   text("note").value_or("")}});
        if (!appended) return std::unexpected(appended.error());
        seq = appended->seq;
        return channels::MarkStockChanged(w, seq, seq);
    });
    if (!written) return http::ErrorResponse(written.error());
    return http::JsonResponse({{"seq", seq}}, 201);
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
    for (const json& line : body->at("lines")) {
        if (!line.is_object() || !line.contains("sku") || !line["sku"].is_string() ||
            !line.contains("quantity") || !line["quantity"].is_number_integer() ||
            line["quantity"].get<std::int64_t>() <= 0 ||
            line["quantity"].get<std::int64_t>() > 1'000'000) {
            return http::ErrorResponse(MakeError(
                ErrorCode::kInvalidInput,
                "lines: each line is {sku, quantity} with 1 to 1,000,000 units", "lines"));
        }
        lines.push_back(
            {line["sku"].get<std::string>(), line["quantity"].get<std::int64_t>() * 1000});
    }
    std::int64_t seq = 0;
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        auto origin_seq = w.ledger.NextOriginSeq("office");
        if (!origin_seq) return std::unexpected(origin_seq.error());
        auto appended = w.ledger.AppendInCurrentTransaction(
            {context.ids.NextString(), "office", *origin_seq, request.caller->Actor(),
             context.clock.Now(), ledger::StockTransferred{ids[0], ids[1], lines}});
        if (!appended) return std::unexpected(appended.error());
        seq = appended->seq;
        return channels::MarkStockChanged(w, seq, seq);
    });
    if (!written) return http::ErrorResponse(written.error());
    return http::JsonResponse({{"seq", seq}}, 201);
}

}  // namespace

std::vector<http::Route> StockRoutes(OfficeContext& context) {
    return {
        {"GET", "/api/v1/locations", http::Access::Staff(staff::Role::kCashier),
         [&context](const ApiRequest&) { return Locations(context); }},
        {"GET", "/api/v1/catalogue/skus", http::Access::StaffOrTerminal(staff::Role::kCashier),
         [&context](const ApiRequest& r) { return SearchSkus(context, r); }},
        {"GET", "/api/v1/stock", http::Access::Staff(staff::Role::kCashier),
         [&context](const ApiRequest& r) { return Levels(context, r); }},
        {"POST", "/api/v1/stock/adjustments", http::Access::Staff(staff::Role::kManager),
         [&context](const ApiRequest& r) { return Adjust(context, r); }},
        {"POST", "/api/v1/stock/transfers", http::Access::Staff(staff::Role::kManager),
         [&context](const ApiRequest& r) { return Transfer(context, r); }},
    };
}

}  // namespace tillbook::office::routes
