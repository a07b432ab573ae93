// Store credit and gift cards (docs/api.md, "Store credit and gift cards"). The balances are the
// back office's: a till checks and redeems a card online, at the tender screen.
// GET  /api/v1/credit/{card}                      balance, currency and history
// POST /api/v1/credit/{card}/redemptions          {amount: "7.50", currency?, note?, staff_id
//                                                  (tills)}
// POST /api/v1/credit/redemptions/{id}/cancel     {staff_id (tills)}: the amount goes back, once
// POST /api/v1/gift-cards                         {amount: "25.00", order?, note?}: a new card
#include <fmt/format.h>

#include "routes/request_json.hpp"
#include "routes/till_push_policy.hpp"
#include "tillbook/catalogue/sku_rules.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/office/office_events.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/queries/credit_card.hpp"
#include "tillbook/queries/order_lookup.hpp"
#include "tillbook/services/credit_cards.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

std::string Decimal(std::int64_t minor, const std::string& currency) {
    auto found = money::FindCurrency(currency);
    if (!found) return std::to_string(minor);
    return money::FormatMoney(money::Money(minor, *found));
}

// An amount of credit: a decimal string in `currency` ("7.50"), above zero, at most a shelf
// price's limit.
Result<money::Money> CreditAmountField(const json& body, const money::Currency& currency) {
    const std::string wanted =
        fmt::format("amount: a decimal string in {} above zero, such as \"7.50\"", currency.code);
    if (!body.contains("amount") || !body.at("amount").is_string())
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, wanted, "amount"));
    auto amount = catalogue::ParseShelfAmount(body.at("amount").get<std::string>(), currency);
    if (!amount) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput, fmt::format("amount: {}", amount.error().message), "amount"));
    }
    if (amount->Minor() <= 0)
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, wanted, "amount"));
    return *amount;
}

// Who the ledger names as the actor: a member of staff signed in, or for a till the member of its
// staff signed in there ("staff_id", their id or username), who must be an active cashier or
// manager: the ledger names them by id.
Result<std::string> ActorOf(OfficeContext& context, const ApiRequest& request, const json& body) {
    if (request.caller->kind != http::Caller::Kind::kTerminal) return request.caller->id;
    auto staff_id = TextField(body, "staff_id", "");
    if (!staff_id) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "staff_id: the member of staff signed in at the till",
                                         "staff_id"));
    }
    auto db = context.ReadDb();
    if (!db) return std::unexpected(db.error());
    return CheckTillStaff(*staff_id, **db);
}

// Where a redemption or a cancellation was asked for, for its note: the till's origin, or the
// back office.
std::string Where(const ApiRequest& request) {
    return request.caller->kind == http::Caller::Kind::kTerminal ? request.caller->origin
                                                                 : "back office";
}

json CardJson(const queries::CreditCardDetail& card) {
    json history = json::array();
    for (const queries::CreditMovementRow& row : card.history) {
        history.push_back({{"seq", row.seq},
                           {"occurred_at", row.occurred_at},
                           {"actor", row.actor},
                           {"kind", credit::ToString(row.kind)},
                           {"amount_minor", row.amount_minor},
                           {"order_id", row.order_id},
                           {"order_number", row.order_number},
                           {"return_id", row.return_id},
                           {"redemption_id", row.redemption_id},
                           {"note", row.note}});
    }
    return {{"card_number", card.card_number},
            {"currency", card.currency},
            {"balance_minor", card.balance_minor},
            {"balance", Decimal(card.balance_minor, card.currency)},
            {"issued_minor", card.issued_minor},
            {"redeemed_minor", card.redeemed_minor},
            {"history", history}};
}

Result<queries::CreditCardDetail> NeedCard(OfficeContext& context, const std::string& card) {
    auto db = context.ReadDb();
    if (!db) return std::unexpected(db.error());
    auto found = queries::FindCreditCardDetail(**db, card);
    if (!found) return std::unexpected(found.error());
    if (!*found) {
        return std::unexpected(MakeError(ErrorCode::kNotFound,
                                         fmt::format("card {} is not known: no credit was issued "
                                                     "on it; check the number",
                                                     credit::CardNumberTail(card)),
                                         "card_number"));
    }
    return std::move(**found);
}

json MoveJson(const services::CreditMove& move) {
    return {{"card_number", move.card_number},
            {"redemption_id", move.redemption_id},
            {"currency", move.amount.GetCurrency().code},
            {"amount_minor", move.amount.Minor()},
            {"balance_minor", move.balance.Minor()},
            {"balance", money::FormatMoney(move.balance)},
            {"seq", move.seq}};
}

ApiResponse ShowCard(OfficeContext& context, const ApiRequest& request) {
    auto number = credit::ValidCardNumber(request.path_params.at(0));
    if (!number) return http::ErrorResponse(number.error());
    auto card = NeedCard(context, *number);
    if (!card) return http::ErrorResponse(card.error());
    return http::JsonResponse(CardJson(*card));
}

ApiResponse Redeem(OfficeContext& context, const ApiRequest& request) {
    auto number = credit::ValidCardNumber(request.path_params.at(0));
    if (!number) return http::ErrorResponse(number.error());
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto note = NoteField(*body, "note", "");
    if (!note) return http::ErrorResponse(note.error());
    auto card = NeedCard(context, *number);
    if (!card) return http::ErrorResponse(card.error());
    auto currency = money::FindCurrency(card->currency);
    if (!currency) return http::ErrorResponse(currency.error());
    // A till says which currency it means; the card's is the one it can be.
    if (body->contains("currency") && body->at("currency") != card->currency) {
        return http::ErrorResponse(MakeError(
            ErrorCode::kCurrencyMismatch,
            fmt::format("card {} holds {}", credit::CardNumberTail(*number), card->currency),
            "currency"));
    }
    auto amount = CreditAmountField(*body, *currency);
    if (!amount) return http::ErrorResponse(amount.error());
    auto actor = ActorOf(context, request, *body);
    if (!actor) return http::ErrorResponse(actor.error());
    OfficeSink sink(context);
    auto redeemed = services::RedeemCredit(
        sink, *actor, *number, *amount,
        note->empty() ? Where(request) : fmt::format("{}: {}", Where(request), *note));
    if (!redeemed) return http::ErrorResponse(redeemed.error());
    return http::JsonResponse(MoveJson(*redeemed), 201);
}

ApiResponse CancelRedemption(OfficeContext& context, const ApiRequest& request) {
    auto body = request.body.empty() ? Result<json>(json::object()) : http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto actor = ActorOf(context, request, *body);
    if (!actor) return http::ErrorResponse(actor.error());
    OfficeSink sink(context);
    auto given_back = services::CancelRedemption(sink, *actor, request.path_params.at(0));
    if (!given_back) return http::ErrorResponse(given_back.error());
    return http::JsonResponse(MoveJson(*given_back), 201);
}

ApiResponse SellGiftCard(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto note = NoteField(*body, "note", "");
    if (!note) return http::ErrorResponse(note.error());
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    std::string order_id;
    if (body->contains("order")) {
        auto code = TextField(*body, "order", "");
        if (!code) return http::ErrorResponse(code.error());
        auto order = queries::FindOrderByCode(**db, *code);
        if (!order) return http::ErrorResponse(order.error());
        if (!*order) {
            return http::ErrorResponse(
                MakeError(ErrorCode::kNotFound, fmt::format("no order {}", *code), "order"));
        }
        order_id = (*order)->id;
    }
    auto currency = store::ShopCurrency(**db);
    if (!currency) return http::ErrorResponse(currency.error());
    auto amount = CreditAmountField(*body, *currency);
    if (!amount) return http::ErrorResponse(amount.error());
    OfficeSink sink(context);
    auto issued = services::IssueCredit(sink, request.caller->Actor(), *amount, order_id,
                                        note->empty() ? "gift card" : *note);
    if (!issued) return http::ErrorResponse(issued.error());
    return http::JsonResponse(MoveJson(*issued), 201);
}

}  // namespace

std::vector<http::Route> CreditRoutes(OfficeContext& context) {
    const http::Access desk = http::Access::StaffOrTerminal(staff::Role::kCashier);
    return {
        {"GET", "/api/v1/credit/([^/]+)", desk,
         [&context](const ApiRequest& r) { return ShowCard(context, r); }},
        {"POST", "/api/v1/credit/([^/]+)/redemptions", desk,
         [&context](const ApiRequest& r) { return Redeem(context, r); }},
        {"POST", "/api/v1/credit/redemptions/([^/]+)/cancel", desk,
         [&context](const ApiRequest& r) { return CancelRedemption(context, r); }},
        {"POST", "/api/v1/gift-cards", http::Access::Staff(staff::Role::kManager),
         [&context](const ApiRequest& r) { return SellGiftCard(context, r); }},
    };
}

}  // namespace tillbook::office::routes
