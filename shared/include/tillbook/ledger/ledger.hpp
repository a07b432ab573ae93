#pragma once
// The append-only ledger on SQLite. Append validates an event against the current state, stores it
// and updates the projections in one transaction. The same event (by id) applied twice has one
// effect; a different event reusing an (origin, origin_seq) is a conflict.
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ledger/event.hpp"
#include "tillbook/ledger/state.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::ledger {

struct Appended {
    std::int64_t seq = 0;    // the accepted sequence number
    bool duplicate = false;  // already in the ledger: nothing changed
};

// A caller's own check of an event, beside the rules: who may append what (the back office's
// policy for what a till may push). It reads the state as it stands at the event's turn, after
// the events before it in the batch; a refusal is the event's error and nothing of it is written.
using Admission = std::function<Status(const Event&, LedgerState&)>;

// What a ledger holds: every order (the back office's, the book of record), or only the orders
// made where it is kept (a till's journal; see LedgerState::HoldsEveryOrder).
enum class LedgerScope : int { kEveryOrder = 1, kOwnOrders = 2 };

class Ledger {
  public:
    explicit Ledger(store::Database& db, LedgerScope scope = LedgerScope::kEveryOrder)
        : m_db(db), m_scope(scope) {}

    // One event in its own transaction.
    [[nodiscard]] Result<Appended> Append(const Event& event);

    // Group commit: every event of the batch in one transaction; a rejected event leaves the
    // others in. The outer error means nothing of the batch was kept.
    [[nodiscard]] Result<std::vector<Result<Appended>>> AppendBatch(std::span<const Event> events);

    // All or nothing: every event is accepted in one transaction, or none is (the first error is
    // returned, with the event's position). For a till sale: the order and its payment together.
    [[nodiscard]] Result<std::vector<Appended>> AppendAll(std::span<const Event> events);

    // Empties every projection table and replays the whole ledger into them, in one transaction.
    [[nodiscard]] Status RebuildProjections();

    // For callers that hold a transaction themselves (the back office's writer): one event, and
    // a batch whose events each succeed or fail alone. An event is validated before anything of
    // it is written, so a refused event leaves no trace; a failure after writing is kStorage and
    // the caller of AppendInCurrentTransaction must roll back. The batch undoes such an event
    // itself and answers it kStorage alone, the others kept; its outer error (nothing of the
    // batch kept, try again) is for a failure of the database itself (I/O, disk full, busy).
    // `payload_json`, when given, is SerializePayload(event) made beforehand (on another thread):
    // the writer then does not serialise again. `admit`, when given, is asked after the duplicate
    // check (an event already recorded is answered as before) and before the rules.
    [[nodiscard]] Result<Appended> AppendInCurrentTransaction(const Event& event,
                                                              std::string_view payload_json = {},
                                                              const Admission& admit = {});
    [[nodiscard]] Result<std::vector<Result<Appended>>> AppendEachInCurrentTransaction(
        std::span<const Event> events, std::span<const std::string> payload_jsons = {},
        const Admission& admit = {});

    // The payload as it is stored; kInvalidInput when it holds text that is not UTF-8.
    [[nodiscard]] static Result<std::string> SerializePayload(const Event& event);

    // Every stored event in sequence order.
    [[nodiscard]] Status ForEach(
        const std::function<Status(std::int64_t seq, const Event&)>& visit);

    [[nodiscard]] Result<std::int64_t> LastSeq();

    // The next origin_seq for events made here under `origin` (1 for the first): after the
    // highest one held of it, and after its floor when the database has one (the setting
    // OriginSeqFloorKey(origin): a till paired again under its old name on a new device counts on
    // from the back office's last_origin_seq).
    [[nodiscard]] Result<std::int64_t> NextOriginSeq(std::string_view origin);

  private:
    store::Database& m_db;
    LedgerScope m_scope = LedgerScope::kEveryOrder;
};

// The setting that holds the highest origin_seq of `origin` made elsewhere (the back office's
// last_origin_seq when a till is paired again on a new device): "ledger.origin_seq_floor.<origin>".
[[nodiscard]] std::string OriginSeqFloorKey(std::string_view origin);

// The ledger's columns an event is read back from, in this order, for queries of their own.
inline constexpr std::string_view kStoredEventColumns =
    "event_id, kind, origin, origin_seq, actor, occurred_at, payload, approver, via";

// The event held in `row`'s columns first .. first + 8, in kStoredEventColumns' order.
[[nodiscard]] Result<Event> ReadStoredEvent(const store::StatementUse& row, int first = 0);

}  // namespace tillbook::ledger
