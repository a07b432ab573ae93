// Terminal sync, protocol 1 (docs/sync-protocol.md):
//   POST /api/v1/sync/push     a batch of the till's events; an answer per event
//   GET  /api/v1/sync/pull     what the till needs since its cursor
//   GET  /api/v1/orders/lookup an order of any channel by its number, for a return at the till
//   GET  /api/v1/orders/search orders of any channel by the customer's e-mail or the day placed
#include <fmt/format.h>

#include <iostream>

#include "routes/order_json.hpp"
#include "routes/till_push_policy.hpp"
#include "tillbook/ledger/event_json.hpp"
#include "tillbook/ledger/ledger.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/queries/order_search.hpp"
#include "tillbook/queries/sync_snapshot.hpp"
#include "tillbook/sync/cursor.hpp"
#include "tillbook/sync/pull_json.hpp"
#include "tillbook/sync/push_json.hpp"
#include "tillbook/sync/push_window.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;

// An error for a till. A fault of the office's own database is written to the log in full and
// answered without the SQL or the file paths its message holds, which are nothing to a till.
ApiResponse TillError(const Error& error, std::string_view could_not) {
    if (error.code != ErrorCode::kStorage) return http::ErrorResponse(error);
    std::cerr << fmt::format("sync: could not {}: {}\n", could_not, error.message);
    return http::ErrorResponse(MakeError(
        ErrorCode::kStorage, fmt::format("the back office could not {}; try again", could_not)));
}

sync::PushResult Rejected(std::string id, const Error& error) {
    return {std::move(id), sync::Rejected{std::string(ToString(error.code)), error.message}};
}

// An event the office could not write (a poison event: its projection write failed) is refused
// alone; the till shows the reason, which names neither SQL nor paths. The detail goes to the log.
sync::PushResult RejectedInStorage(std::string id, const Error& error) {
    std::cerr << fmt::format("sync: a pushed event was refused: {}\n", error.message);
    return {std::move(id),
            sync::Rejected{std::string(ToString(ErrorCode::kStorage)),
                           "the back office could not apply this event and did not record it; "
                           "staff must look into it at the back office"}};
}

// What the push is checked against before the writer: the highest origin_seq recorded of the
// till (0 for none), for the push window, and the till as its policy sees it.
struct PushContext {
    std::int64_t highest_origin_seq = 0;
    PushingTill till;
};

Result<PushContext> ReadPushContext(OfficeContext& context, const http::Caller& caller) {
    auto db = context.ReadDb();
    if (!db) return std::unexpected(db.error());
    auto next = ledger::Ledger(**db).NextOriginSeq(caller.origin);
    if (!next) return std::unexpected(next.error());
    auto till = PushingTillOf(caller, **db);
    if (!till) return std::unexpected(till.error());
    return PushContext{*next - 1, std::move(*till)};
}

ApiResponse Push(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto received = sync::ReadPushedEvents(*body);
    if (!received) return http::ErrorResponse(received.error());
    const std::string& origin = request.caller->origin;
    const std::int64_t now = context.clock.Now();
    auto pushing = ReadPushContext(context, *request.caller);
    if (!pushing) return TillError(pushing.error(), "record this push");
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
        } else if (auto kind = CheckTillMayPushKind(ledger::KindOf(event->payload)); !kind) {
            answer.results[i] = Rejected(id, kind.error());
        } else if (auto when = sync::CheckOccurredAt(event->occurred_at, now); !when) {
            answer.results[i] = Rejected(id, when.error());
        } else if (auto seq = sync::CheckOriginSeq(event->origin_seq, pushing->highest_origin_seq);
                   !seq) {
            answer.results[i] = Rejected(id, seq.error());
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
            // What a till may push is checked at each event's turn, so an event sees the ones
            // before it in the batch (a sale through the shift the batch opened).
            const auto admit = [&](const ledger::Event& event, ledger::LedgerState& state) {
                return CheckTillPush(pushing->till, event, state, w.db);
            };
            auto each = w.ledger.AppendEachInCurrentTransaction(to_append, payload_jsons, admit);
            if (!each) return std::unexpected(each.error());
            appended = std::move(*each);
            return {};
        });
        if (!written)  // nothing was kept; the till sends the same events again
            return TillError(written.error(), "record this push");
    }
    for (std::size_t k = 0; k < appended.size(); ++k) {
        const std::size_t i = positions[k];
        if (appended[k]) {
            answer.results[i] = {to_append[k].id,
                                 sync::Accepted{appended[k]->seq, appended[k]->duplicate}};
        } else if (appended[k].error().code == ErrorCode::kStorage) {
            answer.results[i] = RejectedInStorage(to_append[k].id, appended[k].error());
        } else {
            answer.results[i] = Rejected(to_append[k].id, appended[k].error());
        }
    }
    return http::JsonResponse(sync::ToJson(answer));
}

ApiResponse Pull(OfficeContext& context, const ApiRequest& request) {
    auto cursor = sync::ParseCursor(request.Query("since").value_or(""));
    if (!cursor) {
        Error error = cursor.error().WithContext("since");
        error.field = "since";
        return http::ErrorResponse(error);
    }
    constexpr std::string_view kWhat = "read what this till needs";
    auto db = context.ReadDb();
    if (!db) return TillError(db.error(), kWhat);
    auto snapshot = queries::ReadSyncSnapshot(**db, request.caller->store_code, *cursor);
    if (!snapshot) return TillError(snapshot.error(), kWhat);
    return http::JsonResponse(sync::ToJson(*snapshot));
}

ApiResponse Lookup(OfficeContext& context, const ApiRequest& request) {
    const std::string code = request.Query("code").value_or("");
    if (code.empty())
        return http::ErrorResponse(MakeError(ErrorCode::kInvalidInput, "code is required", "code"));
    constexpr std::string_view kWhat = "look the order up";
    auto db = context.ReadDb();
    if (!db) return TillError(db.error(), kWhat);
    auto found = FindOrderByCode(**db, code);
    if (!found) return TillError(found.error(), kWhat);
    if (!*found)
        return http::ErrorResponse(
            MakeError(ErrorCode::kNotFound, fmt::format("no order {}", code), "code"));
    auto order = queries::FindOrderDetail(**db, (*found)->id);
    if (!order) return TillError(order.error(), kWhat);
    if (!*order)
        return http::ErrorResponse(
            MakeError(ErrorCode::kNotFound, fmt::format("no order {}", code), "code"));
    return http::JsonResponse(ReturnsDeskOrderJson(**order));
}

// ?email=… or ?date=YYYY-MM-DD[&tz=Europe/London]: what to search for, or why not (a 400 that
// names the field).
Result<queries::OrderSearch> ReadOrderSearch(const ApiRequest& request) {
    const auto email = request.Query("email");
    const auto date = request.Query("date");
    if (email.has_value() == date.has_value())
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "give either email or date (YYYY-MM-DD), not both",
                                         email ? "date" : "email"));
    if (email) {
        auto checked = queries::CheckSearchEmail(*email);
        if (!checked) return std::unexpected(checked.error());
        return queries::OrderSearch{std::move(*checked), 0, 0};
    }
    auto day = queries::ParseIsoDay(*date);
    if (!day) return std::unexpected(day.error());
    const std::string zone = request.Query("tz").value_or("UTC");
    auto range = queries::DayInZone(*day, zone);
    if (!range) {
        Error error = range.error().WithContext("tz");
        error.code = ErrorCode::kInvalidInput;
        error.field = "tz";
        return std::unexpected(error);
    }
    return range;
}

ApiResponse Search(OfficeContext& context, const ApiRequest& request) {
    auto search = ReadOrderSearch(request);
    if (!search) return http::ErrorResponse(search.error());
    constexpr std::string_view kWhat = "search the orders";
    auto db = context.ReadDb();
    if (!db) return TillError(db.error(), kWhat);
    auto hits = queries::SearchOrders(**db, *search);
    if (!hits) return TillError(hits.error(), kWhat);
    nlohmann::json found = nlohmann::json::array();
    for (const queries::OrderSearchHit& hit : *hits) {
        found.push_back({{"id", hit.id},
                         {"number", hit.number},
                         {"channel", hit.channel},
                         {"status", std::string(orders::ToString(hit.status))},
                         {"placed_at", ids::FormatIso8601(hit.placed_at)},
                         {"customer_email", hit.customer_email},
                         {"total_minor", hit.total_minor},
                         {"currency", hit.currency},
                         {"returnable", hit.returnable}});
    }
    return http::JsonResponse(
        nlohmann::json{{"orders", std::move(found)}, {"limit", queries::kOrderSearchLimit}});
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
        {"GET", "/api/v1/orders/search", http::Access::StaffOrTerminal(staff::Role::kCashier),
         [&context](const ApiRequest& r) { return Search(context, r); }},
    };
}

}  // namespace tillbook::office::routes
