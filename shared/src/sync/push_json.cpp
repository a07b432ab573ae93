#include "tillbook/sync/push_json.hpp"

#include <fmt/format.h>

#include "tillbook/ledger/event_json.hpp"
#include "wire_fields.hpp"

namespace tillbook::sync {

namespace {
using nlohmann::json;
using wire::Fields;

constexpr std::string_view kAccepted = "accepted";
constexpr std::string_view kRejected = "rejected";

json ResultJson(const std::string& id, const Accepted& accepted) {
    return {{"id", id},
            {"status", std::string(kAccepted)},
            {"seq", accepted.seq},
            {"duplicate", accepted.duplicate}};
}

json ResultJson(const std::string& id, const Rejected& rejected) {
    return {{"id", id},
            {"status", std::string(kRejected)},
            {"code", rejected.code},
            {"reason", rejected.reason}};
}

void ReadResult(Fields& fields, PushResult& result) {
    std::string status;
    if (!fields.Read("id", result.id).Read("status", status).Ok()) return;
    if (status == kAccepted) {
        Accepted accepted;
        fields.Read("seq", accepted.seq).Read("duplicate", accepted.duplicate);
        result.outcome = accepted;
    } else if (status == kRejected) {
        Rejected rejected;
        fields.Read("code", rejected.code).Read("reason", rejected.reason);
        result.outcome = std::move(rejected);
    } else {
        fields.Fail(
            wire::FieldError(fields.PathOf("status"),
                             fmt::format("expected \"{}\" or \"{}\"", kAccepted, kRejected)));
    }
}

}  // namespace

json ToJson(const PushRequest& request) {
    json events = json::array();
    for (const ledger::Event& event : request.events)
        events.push_back(ledger::EventToJson(event));
    return {{"protocol", request.protocol}, {"events", std::move(events)}};
}

Result<std::vector<ReceivedEvent>> ReadPushedEvents(const json& body) {
    if (auto ok = wire::CheckProtocol(body, "this back office"); !ok)
        return std::unexpected(ok.error());
    if (!body.contains("events") || !body.at("events").is_array()) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "events is required (an array)", "events"));
    }
    const json& events = body.at("events");
    if (events.size() > kMaxEventsPerPush) {
        return std::unexpected(
            MakeError(ErrorCode::kTooLarge,
                      fmt::format("at most {} events per push", kMaxEventsPerPush), "events"));
    }
    std::vector<ReceivedEvent> received;
    received.reserve(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
        const json& item = events[i];
        std::string id;
        if (item.is_object() && item.contains("id") && item.at("id").is_string())
            id = item.at("id").get<std::string>();
        auto event = ledger::EventFromJson(item);
        if (!event)
            event = std::unexpected(wire::ErrorAt(wire::ItemPath("events", i), event.error()));
        received.push_back(ReceivedEvent{std::move(id), std::move(event)});
    }
    return received;
}

Result<PushRequest> PushRequestFromJson(const json& body) {
    auto received = ReadPushedEvents(body);
    if (!received) return std::unexpected(received.error());
    PushRequest request;
    request.events.reserve(received->size());
    for (ReceivedEvent& each : *received) {
        if (!each.event) return std::unexpected(each.event.error());
        request.events.push_back(std::move(*each.event));
    }
    return request;
}

json ToJson(const PushResults& results) {
    json items = json::array();
    for (const PushResult& result : results.results) {
        items.push_back(std::visit(
            [&](const auto& outcome) { return ResultJson(result.id, outcome); }, result.outcome));
    }
    return {{"protocol", results.protocol}, {"results", std::move(items)}};
}

Result<PushResults> PushResultsFromJson(const json& body) {
    if (auto ok = wire::CheckProtocol(body, "this till"); !ok) return std::unexpected(ok.error());
    PushResults results;
    Fields fields(body, "");
    fields.ReadEach("results", results.results, ReadResult);
    if (auto ok = fields.Finish(); !ok) return std::unexpected(ok.error());
    return results;
}

Result<PushResults> ParsePushResults(std::string_view text) {
    return wire::ParseAnswer(text, PushResultsFromJson);
}

}  // namespace tillbook::sync
