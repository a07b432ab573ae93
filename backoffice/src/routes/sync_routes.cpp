// Terminal sync, protocol 1 (docs/sync-protocol.md):
//   POST /api/v1/sync/push     a batch of the till's events; an answer per event
//   GET  /api/v1/sync/pull     what the till needs since its cursor
//   GET  /api/v1/orders/lookup an order of any channel by its number, for a return at the till
#include <fmt/format.h>

#include "routes/order_json.hpp"
#include "routes/routes.hpp"
#include "till_settings.hpp"
#include "tillbook/ledger/event_json.hpp"
#include "tillbook/store/catalogue_store.hpp"
#include "tillbook/sync/cursor.hpp"
#include "tillbook/sync/push_json.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

constexpr std::int64_t kSkusPerPull = 2000;

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

sync::PushResult Rejected(std::string id, const Error& error) {
    return {std::move(id), sync::Rejected{std::string(ToString(error.code)), error.message}};
}

ApiResponse Push(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto received = sync::ReadPushedEvents(*body);
    if (!received) return http::ErrorResponse(received.error());
    const std::string& origin = request.caller->origin;
    sync::PushResults answer;
    answer.results.resize(received->size());
    std::vector<ledger::Event> to_append;
    std::vector<std::string> payload_jsons;
    std::vector<std::size_t> positions;
    for (std::size_t i = 0; i < received->size(); ++i) {
        auto& [id, event] = (*received)[i];
        if (!event) {
            answer.results[i] = Rejected(id, event.error());
        } else if (event->origin != origin) {
            answer.results[i] = Rejected(
                id, MakeError(ErrorCode::kForbidden,
                              fmt::format("this terminal is {}; it cannot push events of {}",
                                          origin, event->origin),
                              "origin"));
        } else if (const auto kind = ledger::KindOf(event->payload); !TerminalsMayPush(kind)) {
            answer.results[i] = Rejected(
                id,
                MakeError(ErrorCode::kForbidden,
                          fmt::format("a terminal cannot push {} events", ledger::ToString(kind)),
                          "kind"));
        } else if (auto payload = ledger::Ledger::SerializePayload(*event); !payload) {
            answer.results[i] = Rejected(id, payload.error());
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
            answer.results[i] = {to_append[k].id,
                                 sync::Accepted{appended[k]->seq, appended[k]->duplicate}};
        } else {
            answer.results[i] = Rejected(to_append[k].id, appended[k].error());
        }
    }
    return http::JsonResponse(sync::ToJson(answer));
}

json MoneyJson(std::int64_t minor, const std::string& currency) {
    return {{"minor", minor}, {"currency", currency}};
}

ApiResponse Pull(OfficeContext& context, const ApiRequest& request) {
    auto cursor = sync::ParseCursor(request.Query("since").value_or(""));
    if (!cursor) {
        Error error = cursor.error().WithContext("since");
        error.field = "since";
        return http::ErrorResponse(error);
    }
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
    sync::PullCursor next = *cursor;
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
    return http::JsonResponse({{"protocol", sync::kProtocol},
                               {"cursor", sync::FormatCursor(next)},
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
