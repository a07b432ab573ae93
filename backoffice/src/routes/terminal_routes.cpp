// The tills paired with this back office, over HTTP. (Pairing itself and pairing codes are in
// session_routes.cpp, beside the other tokens.)
// GET  /api/v1/terminals[?store=S01]   every till, with its last event in the ledger (manager)
// POST /api/v1/terminals/{id}/revoke   its token stops working at once; its events stay (admin)
#include <fmt/format.h>

#include "terminal_store.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/office/auth/auth_service.hpp"
#include "tillbook/office/office_events.hpp"
#include "tillbook/office/routes/routes.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

json TerminalJson(const Terminal& terminal) {
    json answer = {{"id", terminal.id},
                   {"store", terminal.store_code},
                   {"name", terminal.name},
                   {"origin", terminal.origin},
                   {"paired_at", ids::FormatIso8601(terminal.paired_at)},
                   {"revoked", terminal.revoked_at.has_value()},
                   {"revoked_at", nullptr},
                   {"last_event", nullptr}};
    if (terminal.revoked_at) answer["revoked_at"] = ids::FormatIso8601(*terminal.revoked_at);
    // occurred_at is the till's own clock when it made the event.
    if (const auto& last = terminal.last_event) {
        answer["last_event"] = {{"seq", last->seq},
                                {"origin_seq", last->origin_seq},
                                {"occurred_at", ids::FormatIso8601(last->occurred_at)}};
    }
    return answer;
}

ApiResponse List(OfficeContext& context, const ApiRequest& request) {
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto terminals = ListTerminals(**db, request.Query("store").value_or(""));
    if (!terminals) return http::ErrorResponse(terminals.error());
    json list = json::array();
    for (const Terminal& terminal : *terminals)
        list.push_back(TerminalJson(terminal));
    return http::JsonResponse({{"terminals", list}});
}

ApiResponse Revoke(OfficeContext& context, const ApiRequest& request) {
    const std::string& id = request.path_params.at(0);
    const std::string actor = request.caller->Actor();
    const std::int64_t now = context.clock.Now();
    json answer;
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        auto found = FindTerminal(w.db, id);
        if (!found) return std::unexpected(found.error());
        if (!*found) {
            return std::unexpected(
                MakeError(ErrorCode::kNotFound, fmt::format("no terminal {}", id), "id"));
        }
        const Terminal& terminal = **found;
        if (terminal.revoked_at) {
            return std::unexpected(MakeError(ErrorCode::kConflict,
                                             fmt::format("terminal {} at {} is already revoked",
                                                         terminal.name, terminal.store_code),
                                             "id"));
        }
        if (auto ok = MarkTerminalRevoked(w.db, id, now); !ok) return ok;
        if (auto ok = AuthService::EndTerminalSessions(w.db, id); !ok) return ok;
        if (auto ok = RecordReferenceChange(
                context, w, actor,
                {"terminal", id, "revoked",
                 fmt::format("{} at {} ({}) revoked; its events stay in the ledger", terminal.name,
                             terminal.store_code, terminal.origin)});
            !ok) {
            return ok;
        }
        auto revoked = FindTerminal(w.db, id);
        if (!revoked) return std::unexpected(revoked.error());
        if (!*revoked)
            return std::unexpected(MakeError(ErrorCode::kStorage, "the terminal was not kept"));
        answer = TerminalJson(**revoked);
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
