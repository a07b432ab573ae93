#pragma once
// The ledger's payloads as JSON: how events are stored in SQLite and sent over sync.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/ledger/event.hpp"

namespace tillbook::ledger {

// The payload alone (the envelope fields are columns of the ledger table).
[[nodiscard]] nlohmann::json PayloadToJson(const EventPayload& payload);
[[nodiscard]] Result<EventPayload> PayloadFromJson(EventKind kind, const nlohmann::json& json);

// A whole event: {"id","kind","origin","origin_seq","actor","occurred_at","payload"}.
[[nodiscard]] nlohmann::json EventToJson(const Event& event);
[[nodiscard]] Result<Event> EventFromJson(const nlohmann::json& json);

// Parses untrusted text without exceptions.
[[nodiscard]] Result<Event> ParseEvent(std::string_view text);

}  // namespace tillbook::ledger
