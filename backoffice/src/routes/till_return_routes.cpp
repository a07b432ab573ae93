// POST /api/v1/till/returns   goods of an order the till did not make (an online order, another
//                             till's sale), received back at the till's store: recorded here,
//                             where the order is, at the till's word (docs/sync-protocol.md, "The
//                             returns desk")
//
// The till sends the return with its id made at the till, the cashier (actor) and the manager who
// approved it (approver, when one did), and optionally a refund to the channel the order was paid
// on (Tender::kChannel), which the back office makes itself. Money the till pays out (cash from
// its drawer, card on its terminal) is the till's own event, pushed with its journal. The same
// return sent again (an answer lost on the way) is answered as recorded, never recorded twice.
#include <fmt/format.h>

#include "routes/till_push_policy.hpp"
#include "tillbook/ledger/event_json.hpp"
#include "tillbook/ledger/sqlite_state.hpp"
#include "tillbook/office/office_events.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/queries/return_detail.hpp"
#include "tillbook/services/returns_desk.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

ApiResponse Refused(std::string message, std::string field) {
    return http::ErrorResponse(
        MakeError(ErrorCode::kInvalidInput, std::move(message), std::move(field)));
}

ApiResponse ReceiveFromTill(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    if (!body->is_object()) return Refused("the body is a JSON object", "body");
    const auto text = [&](std::string_view key) -> std::optional<std::string> {
        const auto found = body->find(key);
        if (found == body->end() || !found->is_string()) return std::nullopt;
        return found->get<std::string>();
    };
    const std::optional<std::string> actor = text("actor");
    if (!actor || actor->empty())
        return Refused("actor: the cashier's staff id is required", "actor");
    const std::string approver = text("approver").value_or("");
    if (body->contains("approver") && !text("approver"))
        return Refused("approver: a staff id as text", "approver");
    if (!body->contains("return")) return Refused("return is required", "return");
    auto payload = ledger::PayloadFromJson(ledger::EventKind::kReturnReceived,
                                           json{{"ret", body->at("return")}});
    if (!payload) return http::ErrorResponse(payload.error().WithContext("return"));
    const orders::Return ret = std::get<ledger::ReturnReceived>(*payload).ret;
    if (ret.no_receipt)
        return Refused("return.no_receipt: a return with no receipt is the till's own: push it",
                       "return.no_receipt");
    std::optional<services::DeskTender> refund_to;
    if (body->contains("refund")) {
        auto refund = ledger::PayloadFromJson(
            ledger::EventKind::kRefundIssued,
            json{
                {"order_id", ret.order_id}, {"return_id", ret.id}, {"refund", body->at("refund")}});
        if (!refund) return http::ErrorResponse(refund.error().WithContext("refund"));
        const orders::Refund& wanted = std::get<ledger::RefundIssued>(*refund).refund;
        if (wanted.tender != orders::Tender::kChannel) {
            return Refused(
                "refund.tender: the office refunds only to the channel the order was paid on; "
                "money the till pays out is the till's own event",
                "refund.tender");
        }
        refund_to = services::DeskTender{orders::Tender::kChannel, ""};
    }

    constexpr std::string_view kWhat = "receive the return";
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error().WithContext(kWhat));
    auto till = PushingTillOf(*request.caller, **db);
    if (!till) return http::ErrorResponse(till.error());
    // Sent before and recorded: the same answer again.
    auto recorded = queries::FindReturnDetail(**db, ret.id);
    if (!recorded) return http::ErrorResponse(recorded.error().WithContext(kWhat));
    if (*recorded) {
        if ((*recorded)->order_id != ret.order_id || (*recorded)->location_id != till->location_id)
            return http::ErrorResponse(MakeError(ErrorCode::kConflict,
                                                 fmt::format("return {} is another return", ret.id),
                                                 "return.id"));
        return http::JsonResponse({{"return_id", ret.id},
                                   {"order_id", ret.order_id},
                                   {"value_minor", (*recorded)->value_minor},
                                   {"refunded_minor", (*recorded)->refunded_minor}},
                                  200);
    }
    // What this till may do, as if it had pushed the return itself: its own store, an active
    // cashier or manager, a manager as approver.
    ledger::SqliteLedgerState state(**db);
    const ledger::Event asked{ret.id,  till->origin,        1,
                              *actor,  context.clock.Now(), ledger::ReturnReceived{ret},
                              approver};
    if (auto ok = CheckTillPush(*till, asked, state, **db); !ok)
        return http::ErrorResponse(ok.error());

    OfficeSink sink(context);
    ledger::Actor recorded_for{*actor, approver};
    recorded_for.via = till->origin;  // the audit trail names the till that took the goods back
    auto received = services::ReceiveReturn(sink, recorded_for, ret, refund_to);
    if (!received) return http::ErrorResponse(received.error());
    json answer{{"return_id", received->return_id},
                {"order_id", ret.order_id},
                {"value_minor", received->value.Minor()},
                {"refunded_minor", received->refund ? received->refund->Minor() : 0}};
    return http::JsonResponse(answer, 201);
}

}  // namespace

std::vector<http::Route> TillReturnRoutes(OfficeContext& context) {
    return {{"POST", "/api/v1/till/returns", http::Access::TerminalOnly(),
             [&context](const ApiRequest& r) { return ReceiveFromTill(context, r); }}};
}

}  // namespace tillbook::office::routes
