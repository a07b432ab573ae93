#pragma once
// The till's side of a push (docs/sync-protocol.md, "Push"): the next batch of its own events the
// back office has not answered for, and what it answered. An accepted event is marked sent with
// the office's seq; a rejected one is kept with its code and reason, for staff to see, and not
// sent again. No event is ever deleted. The bytes go through pos/office (sync_round.hpp).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/ledger/event.hpp"
#include "tillbook/store/sqlite.hpp"
#include "tillbook/sync/push.hpp"

namespace tillbook::pos {

// How an answer was taken in.
struct PushTally {
    std::int64_t accepted = 0;    // newly held by the office
    std::int64_t duplicates = 0;  // it held them already (an answer lost before)
    std::int64_t rejected = 0;
    friend bool operator==(const PushTally&, const PushTally&) = default;
};

// What is still to do between this till and the back office.
struct SyncBacklog {
    std::int64_t unsent = 0;  // this till's events the office has not accepted, rejected included
    std::optional<ids::UtcMillis> oldest_unsent_at;
    std::int64_t rejected = 0;  // of those, the ones it refused: staff must look at them
};

// An event the back office rejected, and why.
struct RejectedEvent {
    std::int64_t origin_seq = 0;
    std::string event_id;
    ledger::EventKind kind = ledger::EventKind::kOrderPlaced;
    ids::UtcMillis occurred_at = 0;
    std::string code;    // "invariant_violated", "conflict", …
    std::string reason;  // the office's words
};

class TillSync {
  public:
    // `origin`: this till's ("terminal:S01-T1"); `clock` dates the answers.
    TillSync(store::Database& db, std::string origin, const ids::Clock& clock)
        : m_db(db), m_origin(std::move(origin)), m_clock(clock) {}

    // This till's events the office has not answered for, in origin_seq order, at most `limit`.
    [[nodiscard]] Result<sync::PushRequest> NextPush(std::size_t limit = sync::kMaxEventsPerPush);

    // Records the office's answer to `sent`, in one transaction. An answer that does not fit what
    // was sent (another number of results, another id at a place) changes nothing: kInvalidInput.
    // An acceptance is never undone by a later rejection.
    [[nodiscard]] Result<PushTally> Apply(const sync::PushRequest& sent,
                                          const sync::PushResults& answer);

    [[nodiscard]] Result<SyncBacklog> ReadBacklog();

    // The events the office rejected, in origin_seq order.
    [[nodiscard]] Result<std::vector<RejectedEvent>> ListRejected();

  private:
    [[nodiscard]] Status RecordAccepted(const std::string& event_id, const sync::Accepted& accepted,
                                        ids::UtcMillis now);
    [[nodiscard]] Status RecordRejected(const std::string& event_id, const sync::Rejected& rejected,
                                        ids::UtcMillis now);

    store::Database& m_db;
    std::string m_origin;
    const ids::Clock& m_clock;
};

}  // namespace tillbook::pos
