// Terminal sync, protocol 1 (docs/sync-protocol.md):
//   POST /api/v1/sync/push     a batch of the till's events; an answer per event
//   GET  /api/v1/sync/pull     what the till needs since its cursor
//   GET  /api/v1/orders/lookup an order of any channel by its number, for a return at the till
#include <fmt/format.h>

#include <charconv>

#include "routes/order_json.hpp"
#include "routes/routes.hpp"
#include "till_settings.hpp"
#include "tillbook/ledger/event_json.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

constexpr int kProtocol = 1;
constexpr std::size_t kMaxEventsPerPush = 500;
constexpr std::int64_t kSkusPerPull = 2000;

Status CheckProtocol(const json& body) {
    if (!body.contains("protocol") || !body.at("protocol").is_number_integer()) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "protocol is required (an integer)", "protocol"));
    }
    if (body.at("protocol").get<std::int64_t>() != kProtocol) {
        return std::unexpected(
            MakeError(ErrorCode::kUnsupported,
                      fmt::format("protocol {} is not spoken here; this back office speaks {}",
                                  body.at("protocol").dump(), kProtocol),
                      "protocol"));
    }
    return {};
}

// What a till may push. Reference changes are the back office's own records; a new kind must be
// decided here (-Wswitch).
bool TerminalsMayPush(ledger::EventKind kind) {
    switch (kind) {
        case ledger::EventKind::kOrderPlaced:
        case ledger::EventKind::kPaymentTaken:
        case ledger::EventKind::kStockReserved:
        case ledger::EventKind::kOrderStatusChanged:
        case ledger::EventKind::kOrderDispatched:
        case ledger::EventKind::kOrderCancelled:
        case ledger::EventKind::kReturnReceived:
        case ledger::EventKind::kRefundIssued:
        case ledger::EventKind::kExchangeCompleted:
        case ledger::EventKind::kStockAdjusted:
        case ledger::EventKind::kStockTransferred:
        case ledger::EventKind::kShiftOpened:
        case ledger::EventKind::kCashMoved:
        case ledger::EventKind::kShiftClosed:
        case ledger::EventKind::kOrderFlagged:
            return true;
        case ledger::EventKind::kReferenceChanged:
        case ledger::EventKind::kOrderAmended:
            return false;
    }
    return false;
}

json Rejected(const std::string& id, const Error& error) {
    return {{"id", id},
            {"status", "rejected"},
            {"code", std::string(ToString(error.code))},
            {"reason", error.message}};
}

ApiResponse Push(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    if (auto ok = CheckProtocol(*body); !ok) return http::ErrorResponse(ok.error());
    if (!body->contains("events") || !body->at("events").is_array()) {
        return http::ErrorResponse(
            MakeError(ErrorCode::kInvalidInput, "events is required (an array)", "events"));
    }
    const json& events = body->at("events");
    if (events.size() > kMaxEventsPerPush) {
        return http::ErrorResponse(
            MakeError(ErrorCode::kTooLarge,
                      fmt::format("at most {} events per push", kMaxEventsPerPush), "events"));
    }
    const std::string& origin = request.caller->origin;
    std::vector<json> results(events.size());
    std::vector<ledger::Event> to_append;
    std::vector<std::string> payload_jsons;
    std::vector<std::size_t> positions;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const std::string id =
            events[i].is_object() && events[i].contains("id") && events[i]["id"].is_string()
                ? events[i]["id"].get<std::string>()
                : "";
        auto event = ledger::EventFromJson(events[i]);
        if (!event) {
            results[i] = Rejected(id, event.error().WithContext(fmt::format("events[{}]", i)));
        } else if (event->origin != origin) {
            results[i] = Rejected(
                id, MakeError(ErrorCode::kForbidden,
                              fmt::format("this terminal is {}; it cannot push events of {}",
                                          origin, event->origin),
                              "origin"));
        } else if (const auto kind = ledger::KindOf(event->payload); !TerminalsMayPush(kind)) {
            results[i] = Rejected(id, MakeError(ErrorCode::kForbidden,
                                                fmt::format("a terminal cannot push {} events",
                                                            ledger::ToString(kind)),
                                                "kind"));
        } else if (auto payload = ledger::Ledger::SerializePayload(*event); !payload) {
            results[i] = Rejected(id, payload.error());
        } else {
            // Serialised here, on a request thread, so the one writer thread does not have to.
            payload_jsons.push_back(std::move(*payload));
            to_append.push_back(std::move(*event));
            positions.push_back(i);
        }
    }
    std::vector<Result<ledger::Appended>> appended;
    if (!to_append.empty()) {
        auto written = context.writer.Run([&](WriteContext& w) -> Status {
            auto each = w.ledger.AppendEachInCurrentTransaction(to_append, payload_jsons);
            if (!each) return std::unexpected(each.error());
            appended = std::move(*each);
            return {};
        });
        if (!written)
            return http::ErrorResponse(written.error());  // nothing was kept; the till retries
    }
    for (std::size_t k = 0; k < appended.size(); ++k) {
        const std::size_t i = positions[k];
        if (appended[k]) {
            results[i] = {{"id", to_append[k].id},
                          {"status", "accepted"},
                          {"seq", appended[k]->seq},
                          {"duplicate", appended[k]->duplicate}};
        } else {
            results[i] = Rejected(to_append[k].id, appended[k].error());
        }
    }
    return http::JsonResponse({{"protocol", kProtocol}, {"results", results}});
}

// The pull cursor: "1.<catalogue version>.<last SKU code in it, hex>.<ledger seq>"; "" or "0" at
// first.
struct Cursor {
    std::int64_t catalogue_version = 0;
    std::string catalogue_code;
    std::int64_t ledger_seq = 0;
};

std::string ToHex(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (const char c : text) {
        out += kHex[static_cast<unsigned char>(c) >> 4];
        out += kHex[static_cast<unsigned char>(c) & 0x0f];
    }
    return out;
}

Result<Cursor> ParseCursor(std::string_view text) {
    Cursor cursor;
    if (text.empty() || text == "0") return cursor;
    const auto bad = [&] {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "since: not a cursor this back office gave out", "since"));
    };
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto dot = text.find('.', start);
        parts.push_back(text.substr(
            start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    if (parts.size() != 4 || parts[0] != "1" || parts[2].size() % 2 != 0) return bad();
    const auto number = [](std::string_view s, std::int64_t& out) {
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        return ec == std::errc{} && end == s.data() + s.size() && out >= 0;
    };
    if (!number(parts[1], cursor.catalogue_version) || !number(parts[3], cursor.ledger_seq))
        return bad();
    for (std::size_t i = 0; i < parts[2].size(); i += 2) {
        unsigned value = 0;
        const auto [end, ec] =
            std::from_chars(parts[2].data() + i, parts[2].data() + i + 2, value, 16);
        if (ec != std::errc{} || end != parts[2].data() + i + 2) return bad();
        cursor.catalogue_code += static_cast<char>(value);
    }
    return cursor;
}

json MoneyJson(std::int64_t minor, const std::string& currency) {
    return {{"minor", minor}, {"currency", currency}};
}

ApiResponse Pull(OfficeContext& context, const ApiRequest& request) {
    auto cursor = ParseCursor(request.Query("since").value_or(""));
    if (!cursor) return http::ErrorResponse(cursor.error());
    auto db_result = context.ReadDb();
    if (!db_result) return http::ErrorResponse(db_result.error());
    store::Database& db = **db_result;
    // One snapshot for everything in the answer.
    if (auto ok = db.Exec("BEGIN"); !ok) return http::ErrorResponse(ok.error());
    struct EndRead {
        store::Database& db;
        ~EndRead() { (void)db.Exec("COMMIT"); }
    } end_read{db};

    auto location = store::FindLocationByCode(db, request.caller->store_code);
    if (!location || !*location)
        return http::ErrorResponse(
            MakeError(ErrorCode::kNotFound, "this terminal's store is gone"));
    auto last_seq = db.QueryInt64("SELECT coalesce(max(seq), 0) FROM ledger");
    if (!last_seq) return http::ErrorResponse(last_seq.error());

    json skus = json::array();
    Cursor next = *cursor;
    auto q = db.Prepare(
        "SELECT code, product_id, product_name, variant_name, category, currency, price_minor, "
        "tax_class, sold_by, active, "
        "version FROM skus WHERE (version, code) > (?, ?) ORDER BY version, code LIMIT ?");
    if (!q) return http::ErrorResponse(q.error());
    q->Bind(1, cursor->catalogue_version).Bind(2, cursor->catalogue_code).Bind(3, kSkusPerPull);
    while (true) {
        auto row = q->Step();
        if (!row) return http::ErrorResponse(row.error());
        if (!*row) break;
        skus.push_back({{"code", q->Text(0)},
                        {"product_id", q->Text(1)},
                        {"product_name", q->Text(2)},
                        {"variant_name", q->Text(3)},
                        {"category", q->Text(4)},
                        {"price", MoneyJson(q->Int64(6), q->Text(5))},
                        {"tax_class", q->Text(7)},
                        {"sold_by", q->Int64(8)},
                        {"active", q->Int64(9) != 0},
                        {"barcodes", json::array()}});
        next.catalogue_version = q->Int64(10);
        next.catalogue_code = q->Text(0);
    }
    for (json& sku : skus) {
        auto found = store::FindSku(db, sku["code"].get<std::string>());
        if (found && *found) sku["barcodes"] = (*found)->barcodes;
    }
    const bool more = static_cast<std::int64_t>(skus.size()) == kSkusPerPull;

    json tax_classes = json::array();
    if (auto t = db.Prepare("SELECT code, rate_bp, mode FROM tax_classes ORDER BY code")) {
        while (*t->Step())
            tax_classes.push_back(
                {{"code", t->Text(0)}, {"rate_basis_points", t->Int64(1)}, {"mode", t->Int64(2)}});
    }
    json staff = json::array();
    if (auto s = db.Prepare("SELECT id, username, display_name, role, pin_hash FROM staff WHERE "
                            "active = 1 ORDER BY username")) {
        while (*s->Step()) {
            staff.push_back({{"id", s->Text(0)},
                             {"username", s->Text(1)},
                             {"display_name", s->Text(2)},
                             {"role", s->Int64(3)},
                             {"pin_hash", s->Text(4)}});
        }
    }
    json stock = json::array();
    if (auto s = db.Prepare("SELECT l.sku, l.on_hand, l.reserved FROM stock_levels l WHERE "
                            "l.location_id = ?1 AND l.sku IN "
                            "(SELECT DISTINCT sku FROM stock_movements WHERE location_id = ?1 AND "
                            "seq > ?2) ORDER BY l.sku")) {
        s->Bind(1, (*location)->id).Bind(2, cursor->ledger_seq);
        while (*s->Step())
            stock.push_back(
                {{"sku", s->Text(0)}, {"on_hand", s->Int64(1)}, {"reserved", s->Int64(2)}});
    }
    auto settings = TillSettings(db, (*location)->code);
    if (!settings) return http::ErrorResponse(settings.error());
    next.ledger_seq = *last_seq;
    return http::JsonResponse({{"protocol", kProtocol},
                               {"cursor", fmt::format("1.{}.{}.{}", next.catalogue_version,
                                                      ToHex(next.catalogue_code), next.ledger_seq)},
                               {"more", more},
                               {"store",
                                {{"code", (*location)->code},
                                 {"id", (*location)->id},
                                 {"name", (*location)->name},
                                 {"time_zone", (*location)->time_zone}}},
                               {"settings", *settings},
                               {"tax_classes", tax_classes},
                               {"skus", skus},
                               {"staff", staff},
                               {"stock", stock}});
}

ApiResponse Lookup(OfficeContext& context, const ApiRequest& request) {
    const std::string code = request.Query("code").value_or("");
    if (code.empty())
        return http::ErrorResponse(MakeError(ErrorCode::kInvalidInput, "code is required", "code"));
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto found = FindOrderByCode(**db, code);
    if (!found) return http::ErrorResponse(found.error());
    if (!*found)
        return http::ErrorResponse(
            MakeError(ErrorCode::kNotFound, fmt::format("no order {}", code), "code"));
    auto order = OrderJson(**db, (*found)->id);
    if (!order)
        return http::ErrorResponse(MakeError(ErrorCode::kStorage, "the order cannot be read"));
    return http::JsonResponse(*order);
}

}  // namespace

std::vector<http::Route> SyncRoutes(OfficeContext& context) {
    return {
        {"POST", "/api/v1/sync/push", http::Access::TerminalOnly(),
         [&context](const ApiRequest& r) { return Push(context, r); }},
        {"GET", "/api/v1/sync/pull", http::Access::TerminalOnly(),
         [&context](const ApiRequest& r) { return Pull(context, r); }},
        {"GET", "/api/v1/orders/lookup", http::Access::StaffOrTerminal(staff::Role::kCashier),
         [&context](const ApiRequest& r) { return Lookup(context, r); }},
    };
}

}  // namespace tillbook::office::routes
