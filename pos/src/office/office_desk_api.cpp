#include "tillbook/pos/office/office_desk_api.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "office_call.hpp"
#include "tillbook/core/json_integer.hpp"
#include "tillbook/ledger/event_json.hpp"

namespace tillbook::pos::office {

namespace {

using nlohmann::json;

Error Bad(std::string_view field, std::string_view what) {
    return MakeError(ErrorCode::kInvalidInput, fmt::format("{}: {}", field, what),
                     std::string(field));
}

// The fields of one object of the office's answer, keeping the first problem.
class Fields {
  public:
    explicit Fields(const json& object) : m_object(object) {}

    std::string Text(std::string_view key) {
        const auto found = Find(key);
        if (!found) return {};
        if (!found->is_string()) {
            Fail(key, "not text");
            return {};
        }
        return found->get<std::string>();
    }

    std::int64_t Integer(std::string_view key) {
        const auto found = Find(key);
        if (!found) return 0;
        auto value = core::ReadJsonInteger(*found);
        if (!value) {
            Fail(key, "not a whole number");
            return 0;
        }
        return *value;
    }

    [[nodiscard]] const std::optional<Error>& Problem() const { return m_problem; }

  private:
    std::optional<json> Find(std::string_view key) {
        if (m_problem) return std::nullopt;
        const auto found = m_object.find(key);
        if (found == m_object.end()) {
            Fail(key, "missing");
            return std::nullopt;
        }
        return *found;
    }
    void Fail(std::string_view key, std::string_view what) {
        if (!m_problem) m_problem = Bad(key, what);
    }

    const json& m_object;
    std::optional<Error> m_problem;
};

Result<orders::OrderStatus> StatusNamed(std::string_view name) {
    for (const orders::OrderStatus status : orders::kOrderStatuses)
        if (orders::ToString(status) == name) return status;
    return std::unexpected(Bad("status", fmt::format("unknown status \"{}\"", name)));
}

Result<queries::OrderDetailLine> LineFromJson(const json& line) {
    if (!line.is_object()) return std::unexpected(Bad("lines", "a line is not an object"));
    Fields field(line);
    queries::OrderDetailLine out;
    const std::int64_t line_no = field.Integer("line_no");
    out.kind = static_cast<orders::LineKind>(field.Integer("kind"));
    out.sku = field.Text("sku");
    out.description = field.Text("description");
    out.quantity = field.Integer("quantity_milli");
    out.unit_price_minor = field.Integer("unit_price_minor");
    out.discount_minor = field.Integer("discount_minor");
    out.total_minor = field.Integer("total_minor");
    out.tax_minor = field.Integer("tax_minor");
    out.returned_quantity = field.Integer("returned_quantity_milli");
    if (field.Problem()) return std::unexpected(field.Problem()->WithContext("lines"));
    if (line_no < 1 || line_no > 1'000'000) return std::unexpected(Bad("line_no", "out of range"));
    out.line_no = static_cast<int>(line_no);
    return out;
}

}  // namespace

Result<queries::OrderDetail> OrderDetailFromJson(const json& body) {
    if (!body.is_object()) return std::unexpected(Bad("order", "not an object"));
    Fields field(body);
    queries::OrderDetail order;
    order.id = field.Text("id");
    order.channel = field.Text("channel");
    order.external_id = field.Text("external_id");
    order.number = field.Text("number");
    order.currency = field.Text("currency");
    order.total_minor = field.Integer("total_minor");
    order.tax_minor = field.Integer("tax_minor");
    order.paid_minor = field.Integer("paid_minor");
    order.refunded_minor = field.Integer("refunded_minor");
    const std::string status_name = field.Text("status");
    const std::string placed_at = field.Text("placed_at");
    if (field.Problem()) return std::unexpected(*field.Problem());
    auto status = StatusNamed(status_name);
    if (!status) return std::unexpected(status.error());
    order.status = *status;
    auto at = ids::ParseIso8601(placed_at);
    if (!at) return std::unexpected(at.error().WithContext("placed_at"));
    order.placed_at = *at;
    const auto lines = body.find("lines");
    if (lines == body.end() || !lines->is_array())
        return std::unexpected(Bad("lines", "not a list"));
    for (const json& line : *lines) {
        auto read = LineFromJson(line);
        if (!read) return std::unexpected(read.error());
        order.lines.push_back(std::move(*read));
    }
    return order;
}

OfficeResult<queries::OrderDetail> LookupOrderAtOffice(OfficeClient& client,
                                                       const std::string& token,
                                                       std::string_view code) {
    constexpr std::string_view kWhat = "order lookup";
    auto answer =
        Expect(client, {"GET", "/api/v1/orders/lookup?code=" + PercentEncode(code), "", token}, 200,
               kWhat);
    if (!answer) return std::unexpected(answer.error());
    const json body = json::parse(answer->body, nullptr, false);
    auto order = OrderDetailFromJson(body);
    if (!order) return std::unexpected(Unreadable(order.error(), kWhat));
    return std::move(*order);
}

OfficeResult<ReturnAtOffice> ReceiveReturnAtOffice(OfficeClient& client, const std::string& token,
                                                   const ReturnForOffice& request) {
    constexpr std::string_view kWhat = "return refused";
    json body{{"actor", request.actor},
              {"return", ledger::PayloadToJson(ledger::ReturnReceived{request.ret}).at("ret")}};
    if (!request.approver.empty()) body["approver"] = request.approver;
    if (request.refund) {
        body["refund"] =
            ledger::PayloadToJson(
                ledger::RefundIssued{request.ret.order_id, request.ret.id, *request.refund})
                .at("refund");
    }
    auto answer = client.Send({"POST", "/api/v1/till/returns", body.dump(), token});
    if (!answer) return std::unexpected(answer.error());
    if (answer->status != 201 && answer->status != 200)
        return std::unexpected(FailureFromAnswer(*answer, kWhat));
    const json reply = json::parse(answer->body, nullptr, false);
    if (!reply.is_object()) return std::unexpected(Unreadable(Bad("answer", "not JSON"), kWhat));
    Fields field(reply);
    ReturnAtOffice out;
    out.return_id = field.Text("return_id");
    out.value_minor = field.Integer("value_minor");
    if (reply.contains("refunded_minor")) out.refunded_minor = field.Integer("refunded_minor");
    if (field.Problem()) return std::unexpected(Unreadable(*field.Problem(), kWhat));
    return out;
}

OfficeResult<std::vector<queries::OrderSearchHit>> SearchOrdersAtOffice(
    OfficeClient& client, const std::string& token, const app::OrderSearchRequest& search) {
    constexpr std::string_view kWhat = "order search";
    std::string query = "email=" + PercentEncode(search.email);
    if (search.day) {
        query = fmt::format("date={:04}-{:02}-{:02}&tz={}", search.day->year, search.day->month,
                            search.day->day, PercentEncode(search.time_zone));
    }
    auto answer = Expect(client, {"GET", "/api/v1/orders/search?" + query, "", token}, 200, kWhat);
    if (!answer) return std::unexpected(answer.error());
    const json body = json::parse(answer->body, nullptr, false);
    const auto found = body.is_object() ? body.find("orders") : body.end();
    if (!body.is_object() || found == body.end() || !found->is_array())
        return std::unexpected(Unreadable(Bad("orders", "not a list"), kWhat));
    std::vector<queries::OrderSearchHit> hits;
    for (const json& one : *found) {
        if (!one.is_object())
            return std::unexpected(Unreadable(Bad("orders", "an order is not an object"), kWhat));
        Fields field(one);
        queries::OrderSearchHit hit;
        hit.id = field.Text("id");
        hit.number = field.Text("number");
        hit.channel = field.Text("channel");
        const std::string status = field.Text("status");
        const std::string placed_at = field.Text("placed_at");
        hit.customer_email = field.Text("customer_email");
        hit.total_minor = field.Integer("total_minor");
        hit.currency = field.Text("currency");
        const auto returnable = one.find("returnable");
        if (field.Problem()) return std::unexpected(Unreadable(*field.Problem(), kWhat));
        if (returnable == one.end() || !returnable->is_boolean())
            return std::unexpected(Unreadable(Bad("returnable", "not true or false"), kWhat));
        hit.returnable = returnable->get<bool>();
        auto named = StatusNamed(status);
        if (!named) return std::unexpected(Unreadable(named.error(), kWhat));
        hit.status = *named;
        auto at = ids::ParseIso8601(placed_at);
        if (!at) return std::unexpected(Unreadable(at.error().WithContext("placed_at"), kWhat));
        hit.placed_at = *at;
        hits.push_back(std::move(hit));
    }
    return hits;
}

}  // namespace tillbook::pos::office
