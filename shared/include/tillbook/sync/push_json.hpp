#pragma once
// A push on the wire, protocol 1: {"protocol": 1, "events": [event, …]} (each event in the JSON
// of ledger/event_json.hpp) and the answer {"protocol": 1, "results": [{"id", "status":
// "accepted", "seq", "duplicate"} or {"id", "status": "rejected", "code", "reason"}, …]}.
// Reading never throws; an error names the field at fault, e.g. "results[3].seq", in its
// message and in Error::field.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/sync/push.hpp"

namespace tillbook::sync {

[[nodiscard]] nlohmann::json ToJson(const PushRequest& request);
// Every event must read; the first that does not names itself ("events[3].payload.order.id").
[[nodiscard]] Result<PushRequest> PushRequestFromJson(const nlohmann::json& body);

// The back office's reading of a push. The push as a whole fails on a protocol it does not speak,
// on `events` not an array, or on more than kMaxEventsPerPush events; each event is then read on
// its own, so that one it cannot read is rejected alone.
struct ReceivedEvent {
    std::string id;               // as sent; "" when there is none to read
    Result<ledger::Event> event;  // or why it cannot be read ("events[3]: payload…")
};
[[nodiscard]] Result<std::vector<ReceivedEvent>> ReadPushedEvents(const nlohmann::json& body);

[[nodiscard]] nlohmann::json ToJson(const PushResults& results);
[[nodiscard]] Result<PushResults> PushResultsFromJson(const nlohmann::json& body);
// An answer's body as the till receives it.
[[nodiscard]] Result<PushResults> ParsePushResults(std::string_view text);

}  // namespace tillbook::sync
