// The tills paired with this back office, over HTTP. (Pairing itself and pairing codes are in
// session_routes.cpp, beside the other tokens.)
// GET  /api/v1/terminals[?store=S01]   every till, with its last event in the ledger (manager)
// POST /api/v1/terminals/{id}/revoke   its token stops working at once; its events stay (admin)
#include <fmt/format.h>

#include "auth/auth_service.hpp"
#include "office_events.hpp"
#include "routes/routes.hpp"
#include "tillbook/ids/clock.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

// The last event is found through the ledger's (origin, origin_seq) index.
constexpr const char* kTerminalSelect =
    "SELECT t.id, t.store_code, t.name, t.origin, t.paired_at, t.revoked_at, "
    "l.seq, l.origin_seq, l.occurred_at FROM terminals t "
    "LEFT JOIN ledger l ON l.seq = (SELECT seq FROM ledger WHERE origin = t.origin "
    "ORDER BY origin_seq DESC LIMIT 1) ";

json TerminalJson(const store::StatementUse& q) {
    json terminal = {{"id", q.Text(0)},
                     {"store", q.Text(1)},
                     {"name", q.Text(2)},
                     {"origin", q.Text(3)},
                     {"paired_at", ids::FormatIso8601(q.Int64(4))},
                     {"revoked", !q.IsNull(5)},
                     {"revoked_at", nullptr},
                     {"last_event", nullptr}};
    if (!q.IsNull(5)) terminal["revoked_at"] = ids::FormatIso8601(q.Int64(5));
    // occurred_at is the till's own clock when it made the event.
    if (!q.IsNull(6)) {
        terminal["last_event"] = {{"seq", q.Int64(6)},
                                  {"origin_seq", q.Int64(7)},
                                  {"occurred_at", ids::FormatIso8601(q.Int64(8))}};
    }
    return terminal;
}

ApiResponse List(OfficeContext& context, const ApiRequest& request) {
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    const std::string store_code = request.Query("store").value_or("");
    auto q = (*db)->Prepare(std::string(kTerminalSelect) +
                            "WHERE ?1 = '' OR t.store_code = ?1 ORDER BY t.store_code, t.name");
    if (!q) return http::ErrorResponse(q.error());
    q->Bind(1, store_code);
    json list = json::array();
    while (true) {
        auto row = q->Step();
        if (!row) return http::ErrorResponse(row.error());
        if (!*row) break;
        list.push_back(TerminalJson(*q));
    }
    return http::JsonResponse({{"terminals", list}});
}

ApiResponse Revoke(OfficeContext& context, const ApiRequest& request) {
    const std::string& id = request.path_params.at(0);
    const std::string actor = request.caller->Actor();
    const std::int64_t now = context.clock.Now();
    json answer;
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        auto q =
            w.db.Prepare("SELECT store_code, name, origin, revoked_at FROM terminals WHERE id = ?");
        if (!q) return std::unexpected(q.error());
        q->Bind(1, id);
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) {
            return std::unexpected(
                MakeError(ErrorCode::kNotFound, fmt::format("no terminal {}", id), "id"));
        }
        const std::string store_code = q->Text(0), name = q->Text(1), origin = q->Text(2);
        if (!q->IsNull(3)) {
            return std::unexpected(MakeError(
                ErrorCode::kConflict,
                fmt::format("terminal {} at {} is already revoked", name, store_code), "id"));
        }
        auto revoke = w.db.Prepare("UPDATE terminals SET revoked_at = ? WHERE id = ?");
        if (!revoke) return std::unexpected(revoke.error());
        if (auto ok = revoke->Bind(1, now).Bind(2, id).Run(); !ok) return ok;
        if (auto ok = AuthService::EndTerminalSessions(w.db, id); !ok) return ok;
        if (auto ok = RecordReferenceChange(
                context, w, actor,
                {"terminal", id, "revoked",
                 fmt::format("{} at {} ({}) revoked; its events stay in the ledger", name,
                             store_code, origin)});
            !ok) {
            return ok;
        }
        auto read = w.db.Prepare(std::string(kTerminalSelect) + "WHERE t.id = ?");
        if (!read) return std::unexpected(read.error());
        read->Bind(1, id);
        auto again = read->Step();
        if (!again) return std::unexpected(again.error());
        answer = TerminalJson(*read);
        return {};
    });
    if (!written) return http::ErrorResponse(written.error());
    return http::JsonResponse(answer);
}

}  // namespace

std::vector<http::Route> TerminalRoutes(OfficeContext& context) {
    return {
        {"GET", "/api/v1/terminals", http::Access::Staff(staff::Role::kManager),
         [&context](const ApiRequest& r) { return List(context, r); }},
        {"POST", "/api/v1/terminals/([^/]+)/revoke", http::Access::Staff(staff::Role::kAdmin),
         [&context](const ApiRequest& r) { return Revoke(context, r); }},
    };
}

}  // namespace tillbook::office::routes
