// POST /api/v1/returns                 goods back against an order of any channel (by id or
// number),
//                                      received at a location, optionally refunded at once
// POST /api/v1/returns/{id}/refunds    a refund against a return received earlier
#include <fmt/format.h>

#include "channels/channel_stock.hpp"
#include "routes/order_json.hpp"
#include "routes/routes.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

Result<std::int64_t> IntField(const json& object, const char* key, const std::string& path) {
    if (!object.contains(key) || !object.at(key).is_number_integer()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("{}{}: a whole number is required", path, key),
                                         path + key));
    }
    return object.at(key).get<std::int64_t>();
}

Result<std::string> TextField(const json& object, const char* key, const std::string& path) {
    if (!object.contains(key) || !object.at(key).is_string() ||
        object.at(key).get_ref<const std::string&>().empty()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("{}{}: text is required", path, key),
                                         path + key));
    }
    return object.at(key).get<std::string>();
}

template <class E>
Result<E> EnumField(const json& object, const char* key, const std::string& path,
                    std::initializer_list<std::pair<std::string_view, E>> names) {
    auto text = TextField(object, key, path);
    if (!text) return std::unexpected(text.error());
    for (const auto& [name, value] : names) {
        if (name == *text) return value;
    }
    std::string known;
    for (const auto& [name, value] : names)
        known += (known.empty() ? "" : ", ") + std::string(name);
    return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                     fmt::format("{}{}: one of {}", path, key, known), path + key));
}

Result<orders::Tender> TenderField(const json& object, const std::string& path) {
    return EnumField<orders::Tender>(object, "tender", path,
                                     {{"cash", orders::Tender::kCash},
                                      {"card", orders::Tender::kCard},
                                      {"store_credit", orders::Tender::kStoreCredit},
                                      {"original", orders::Tender::kChannel}});
}

// Appends one office event inside a writer job.
Result<ledger::Appended> AppendOffice(OfficeContext& context, WriteContext& w,
                                      const std::string& actor, ledger::EventPayload payload) {
    auto seq = w.ledger.NextOriginSeq("office");
    if (!seq) return std::unexpected(seq.error());
    return w.ledger.AppendInCurrentTransaction(
        {context.ids.NextString(), "office", *seq, actor, context.clock.Now(), std::move(payload)});
}

ApiResponse CreateReturn(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto code = TextField(*body, "order", "");
    auto location_code = TextField(*body, "location", "");
    if (!code) return http::ErrorResponse(code.error());
    if (!location_code) return http::ErrorResponse(location_code.error());
    if (!body->contains("lines") || !body->at("lines").is_array() || body->at("lines").empty()) {
        return http::ErrorResponse(
            MakeError(ErrorCode::kInvalidInput, "lines: at least one line is required", "lines"));
    }
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto location = store::FindLocationByCode(**db, *location_code);
    if (!location || !*location)
        return http::ErrorResponse(MakeError(
            ErrorCode::kNotFound, fmt::format("no location {}", *location_code), "location"));
    auto found = FindOrderByCode(**db, *code);
    if (!found) return http::ErrorResponse(found.error());
    if (!*found)
        return http::ErrorResponse(
            MakeError(ErrorCode::kNotFound, fmt::format("no order {}", *code), "order"));
    const std::string order_id = (*found)->id;
    const std::string currency = (*found)->currency;
    auto currency_info = money::FindCurrency(currency);
    if (!currency_info) return http::ErrorResponse(currency_info.error());
    orders::Return ret{context.ids.NextString(), order_id, (*location)->id, false, currency, {}};
    for (std::size_t i = 0; i < body->at("lines").size(); ++i) {
        const json& line = body->at("lines")[i];
        const std::string path = fmt::format("lines[{}].", i);
        if (!line.is_object())
            return http::ErrorResponse(
                MakeError(ErrorCode::kInvalidInput, path + ": an object is required"));
        auto line_no = IntField(line, "line_no", path);
        auto quantity = IntField(line, "quantity", path);
        auto reason = EnumField<orders::ReturnReason>(
            line, "reason", path,
            {{"changed_mind", orders::ReturnReason::kChangedMind},
             {"faulty", orders::ReturnReason::kFaulty},
             {"wrong_item_sent", orders::ReturnReason::kWrongItemSent},
             {"damaged_in_transit", orders::ReturnReason::kDamagedInTransit},
             {"not_as_described", orders::ReturnReason::kNotAsDescribed},
             {"other", orders::ReturnReason::kOther}});
        auto condition =
            EnumField<orders::ItemCondition>(line, "condition", path,
                                             {{"restock", orders::ItemCondition::kRestock},
                                              {"damaged", orders::ItemCondition::kDamaged},
                                              {"write_off", orders::ItemCondition::kWriteOff}});
        for (const Error* error :
             {line_no ? nullptr : &line_no.error(), quantity ? nullptr : &quantity.error(),
              reason ? nullptr : &reason.error(), condition ? nullptr : &condition.error()}) {
            if (error) return http::ErrorResponse(*error);
        }
        if (*quantity <= 0 || *quantity > 1'000'000) {
            return http::ErrorResponse(MakeError(
                ErrorCode::kInvalidInput, path + "quantity: a whole number of units above zero",
                path + "quantity"));
        }
        std::string sku;
        if (auto q =
                (*db)->Prepare("SELECT sku FROM order_lines WHERE order_id = ? AND line_no = ?")) {
            q->Bind(1, order_id).Bind(2, *line_no);
            if (*q->Step()) sku = q->Text(0);
        }
        ret.lines.push_back({static_cast<int>(*line_no), sku, *quantity * 1000,
                             money::Money(0, *currency_info), *reason, *condition});
    }
    std::optional<orders::Tender> refund_tender;
    if (body->contains("refund")) {
        auto tender = TenderField(body->at("refund"), "refund.");
        if (!tender) return http::ErrorResponse(tender.error());
        refund_tender = *tender;
    }
    json answer{{"return_id", ret.id}, {"order_id", order_id}};
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        auto received =
            AppendOffice(context, w, request.caller->Actor(), ledger::ReturnReceived{ret});
        if (!received) return std::unexpected(received.error());
        // The projection stored the returned goods' value with the return.
        auto stored = w.db.Prepare("SELECT value_minor FROM returns WHERE id = ?");
        if (!stored) return std::unexpected(stored.error());
        stored->Bind(1, ret.id);
        if (auto row = stored->Step(); !row || !*row)
            return std::unexpected(MakeError(ErrorCode::kStorage, "the return was not stored"));
        const std::int64_t value_minor = stored->Int64(0);
        answer["value_minor"] = value_minor;
        std::int64_t last = received->seq;
        if (refund_tender && value_minor > 0) {
            auto refunded = AppendOffice(
                context, w, request.caller->Actor(),
                ledger::RefundIssued{
                    order_id,
                    ret.id,
                    {*refund_tender, money::Money(value_minor, *currency_info), "", ""}});
            if (!refunded) return std::unexpected(refunded.error().WithContext("refund"));
            answer["refunded_minor"] = value_minor;
            last = refunded->seq;
        }
        return channels::MarkStockChanged(w, received->seq, last);
    });
    if (!written) return http::ErrorResponse(written.error());
    return http::JsonResponse(answer, 201);
}

ApiResponse RefundReturn(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto tender = TenderField(*body, "");
    auto amount = IntField(*body, "amount_minor", "");
    if (!tender) return http::ErrorResponse(tender.error());
    if (!amount) return http::ErrorResponse(amount.error());
    const std::string return_id = request.path_params.at(0);
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto q = (*db)->Prepare("SELECT order_id, currency FROM returns WHERE id = ?");
    if (!q) return http::ErrorResponse(q.error());
    q->Bind(1, return_id);
    auto row = q->Step();
    if (!row) return http::ErrorResponse(row.error());
    if (!*row)
        return http::ErrorResponse(
            MakeError(ErrorCode::kNotFound, fmt::format("no return {}", return_id)));
    const std::string order_id = q->Text(0);
    auto currency = money::FindCurrency(q->Text(1));
    if (!currency) return http::ErrorResponse(currency.error());
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        auto refunded = AppendOffice(
            context, w, request.caller->Actor(),
            ledger::RefundIssued{
                order_id, return_id, {*tender, money::Money(*amount, *currency), "", ""}});
        if (!refunded) return std::unexpected(refunded.error());
        return {};
    });
    if (!written) return http::ErrorResponse(written.error());
    return http::JsonResponse({{"return_id", return_id}, {"refunded_minor", *amount}}, 201);
}

}  // namespace

std::vector<http::Route> ReturnRoutes(OfficeContext& context) {
    return {
        {"POST", "/api/v1/returns", http::Access::Staff(staff::Role::kCashier),
         [&context](const ApiRequest& r) { return CreateReturn(context, r); }},
        {"POST", "/api/v1/returns/([^/]+)/refunds", http::Access::Staff(staff::Role::kManager),
         [&context](const ApiRequest& r) { return RefundReturn(context, r); }},
    };
}

}  // namespace tillbook::office::routes
