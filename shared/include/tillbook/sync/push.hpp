#pragma once
// A push: a till's events sent to the back office, and the office's answer, one result per event
// in the same order (docs/sync-protocol.md, "Push"). Plain values; the wire form is push_json.hpp.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "tillbook/ledger/event.hpp"
#include "tillbook/sync/protocol.hpp"

namespace tillbook::sync {

struct PushRequest {
    int protocol = kProtocol;
    std::vector<ledger::Event> events;  // the till's own, in origin_seq order
    friend bool operator==(const PushRequest&, const PushRequest&) = default;
};

// The office holds the event as its `seq`. `duplicate`: it already did (an earlier push whose
// answer was lost), and nothing changed.
struct Accepted {
    std::int64_t seq = 0;
    bool duplicate = false;
    friend bool operator==(const Accepted&, const Accepted&) = default;
};

// Refused by a rule (over-refund, a closed shift, an event a till may not make): for good, not a
// transport failure. The till keeps the event and shows the reason to staff.
struct Rejected {
    std::string code;  // the error code's name: "invariant_violated", "conflict", "forbidden", …
    std::string reason;  // for people
    friend bool operator==(const Rejected&, const Rejected&) = default;
};

struct PushResult {
    std::string id;  // the event's id as sent ("" when the office could not read one)
    std::variant<Accepted, Rejected> outcome;
    friend bool operator==(const PushResult&, const PushResult&) = default;
};

struct PushResults {
    int protocol = kProtocol;
    std::vector<PushResult> results;  // one per event pushed, in the same order
    friend bool operator==(const PushResults&, const PushResults&) = default;
};

}  // namespace tillbook::sync
