#include "tillbook/ledger/ledger.hpp"

#include <fmt/format.h>

#include <optional>

#include "ledger/projections.hpp"
#include "tillbook/ledger/event_json.hpp"
#include "tillbook/ledger/sqlite_state.hpp"
#include "tillbook/ledger/validate.hpp"
#include "tillbook/store/schema.hpp"

namespace tillbook::ledger {

Result<std::string> Ledger::SerializePayload(const Event& event) {
    try {
        return PayloadToJson(event.payload).dump();
    } catch (const nlohmann::json::exception&) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput, "the event holds text that is not valid UTF-8", "payload"));
    }
}

namespace {

// Whether `event` holds what the ledger row in `stored` (kind, actor, occurred_at, payload,
// approver and via in columns 4 to 9) holds: the payload compared as the one serialiser writes it.
Result<bool> IsSameContent(const Event& event, std::string_view payload_json,
                           const store::StatementUse& stored) {
    if (stored.Int64(4) != static_cast<std::int64_t>(KindOf(event.payload)) ||
        stored.Text(5) != event.actor || stored.Int64(6) != event.occurred_at ||
        stored.Text(8) != event.approver || stored.Text(9) != event.via)
        return false;
    if (!payload_json.empty()) return stored.Text(7) == payload_json;
    auto made = Ledger::SerializePayload(event);
    if (!made) return std::unexpected(made.error());
    return stored.Text(7) == *made;
}

}  // namespace

Result<Appended> Ledger::AppendInCurrentTransaction(const Event& event,
                                                    std::string_view payload_json,
                                                    const Admission& admit) {
    // Idempotency first: the same event id is the same event; one lookup finds either clash.
    auto seen = m_db.Prepare(
        "SELECT seq, event_id, origin, origin_seq, kind, actor, occurred_at, payload, approver, "
        "via FROM ledger WHERE event_id = ?1 OR (origin = ?2 AND origin_seq = ?3) LIMIT 2");
    if (!seen) return std::unexpected(seen.error());
    seen->Bind(1, event.id).Bind(2, event.origin).Bind(3, event.origin_seq);
    while (true) {
        auto row = seen->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        if (seen->Text(1) == event.id) {
            if (seen->Text(2) != event.origin || seen->Int64(3) != event.origin_seq) {
                return std::unexpected(MakeError(
                    ErrorCode::kConflict,
                    fmt::format("event {} was recorded from {} #{}, now it comes from {} #{}",
                                event.id, seen->Text(2), seen->Int64(3), event.origin,
                                event.origin_seq),
                    "id"));
            }
            // The same id is the same event only with the same content: a till that sends
            // something else under an id already taken must hear so, not see it dropped.
            if (auto same = IsSameContent(event, payload_json, *seen); !same) {
                return std::unexpected(same.error());
            } else if (!*same) {
                return std::unexpected(MakeError(
                    ErrorCode::kConflict,
                    fmt::format("event {} was recorded with other content; an event is never "
                                "changed: send a new event with a new id",
                                event.id),
                    "id"));
            }
            return Appended{seen->Int64(0), true};
        }
        return std::unexpected(
            MakeError(ErrorCode::kConflict,
                      fmt::format("{} #{} is already event {}, not {}", event.origin,
                                  event.origin_seq, seen->Text(1), event.id),
                      "origin_seq"));
    }

    SqliteLedgerState state(m_db, m_scope == LedgerScope::kEveryOrder);
    if (admit) {
        if (auto ok = admit(event, state); !ok) return std::unexpected(ok.error());
    }
    if (auto ok = Validate(event, state); !ok) return std::unexpected(ok.error());

    auto insert = m_db.Prepare(
        "INSERT INTO ledger (event_id, kind, origin, origin_seq, actor, occurred_at, payload, "
        "approver, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    std::string serialised;
    if (payload_json.empty()) {
        auto made = SerializePayload(event);
        if (!made) return std::unexpected(made.error());
        serialised = std::move(*made);
        payload_json = serialised;
    }
    if (auto ok = insert->Bind(1, event.id)
                      .Bind(2, static_cast<std::int64_t>(KindOf(event.payload)))
                      .Bind(3, event.origin)
                      .Bind(4, event.origin_seq)
                      .Bind(5, event.actor)
                      .Bind(6, event.occurred_at)
                      .Bind(7, payload_json)
                      .Bind(8, event.approver)
                      .Bind(9, event.via)
                      .Run();
        !ok) {
        return std::unexpected(ok.error());
    }
    const std::int64_t seq = sqlite3_last_insert_rowid(m_db.Handle());
    if (auto ok = ApplyToProjections(m_db, seq, event); !ok) {
        // Validation passed, so a failure here is a fault, not a rule: half-written projections
        // must not survive it, and kStorage makes every caller roll the transaction back.
        Error fault = ok.error().WithContext(fmt::format("applying event {}", event.id));
        fault.code = ErrorCode::kStorage;
        return std::unexpected(fault);
    }
    return Appended{seq, false};
}

Result<Appended> Ledger::Append(const Event& event) {
    auto tx = store::Transaction::Begin(m_db);
    if (!tx) return std::unexpected(tx.error());
    auto appended = AppendInCurrentTransaction(event);
    if (!appended) return appended;  // rolled back by the transaction's destructor
    if (appended->duplicate) return appended;
    if (auto ok = tx->Commit(); !ok) return std::unexpected(ok.error());
    return appended;
}

namespace {

// After a failed write: true when the database itself failed (I/O, disk full, out of memory, busy,
// corrupt) or SQLite gave the transaction up, so nothing of the batch may be kept and the caller
// tries again later. Otherwise the one event could not be written (a constraint, a value out of
// range) and fails alone. Read before anything else runs on the connection.
bool DatabaseFailed(store::Database& db) {
    if (sqlite3_get_autocommit(db.Handle()) != 0) return true;  // the transaction is gone
    switch (sqlite3_extended_errcode(db.Handle()) & 0xff) {
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_NOMEM:
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
        case SQLITE_READONLY:
        case SQLITE_CANTOPEN:
        case SQLITE_PROTOCOL:
        case SQLITE_INTERRUPT:
            return true;
        default:
            return false;
    }
}

}  // namespace

Result<std::vector<Result<Appended>>> Ledger::AppendEachInCurrentTransaction(
    std::span<const Event> events, std::span<const std::string> payload_jsons,
    const Admission& admit) {
    const auto append = [&](std::size_t i) {
        return AppendInCurrentTransaction(
            events[i],
            i < payload_jsons.size() ? std::string_view(payload_jsons[i]) : std::string_view(),
            admit);
    };
    const auto failed_in_storage = [](const Result<Appended>& r) {
        return !r && r.error().code == ErrorCode::kStorage;
    };
    std::vector<Result<Appended>> results;
    results.reserve(events.size());
    // One savepoint for the batch, not one per event (sync_bench): an event that breaks a rule is
    // refused before anything of it is written. Only an event that fails after writing (a poison
    // event) costs more: the batch is undone, the events before it are written again, it is
    // refused alone, and the events after it each go in their own savepoint.
    std::optional<store::Savepoint> batch;
    if (auto begun = store::Savepoint::Begin(m_db); !begun) {
        return std::unexpected(begun.error());
    } else {
        batch.emplace(std::move(*begun));
    }
    std::size_t poisoned = events.size();
    for (std::size_t i = 0; i < events.size(); ++i) {
        auto appended = append(i);
        if (failed_in_storage(appended)) {
            if (DatabaseFailed(m_db)) return std::unexpected(appended.error());
            poisoned = i;
            results.push_back(std::move(appended));
            break;
        }
        results.push_back(std::move(appended));
    }
    if (poisoned == events.size()) {
        if (auto ok = batch->Release(); !ok) return std::unexpected(ok.error());
        return results;
    }
    batch.reset();  // rolled back to before the batch
    for (std::size_t i = 0; i < poisoned; ++i) {
        results[i] = append(i);
        if (failed_in_storage(results[i])) return std::unexpected(results[i].error());
    }
    for (std::size_t i = poisoned + 1; i < events.size(); ++i) {
        auto one = store::Savepoint::Begin(m_db);
        if (!one) return std::unexpected(one.error());
        auto appended = append(i);
        if (failed_in_storage(appended) && DatabaseFailed(m_db))
            return std::unexpected(appended.error());
        if (appended) {
            if (auto ok = one->Release(); !ok) return std::unexpected(ok.error());
        }
        results.push_back(std::move(appended));
    }
    return results;
}

Result<std::vector<Result<Appended>>> Ledger::AppendBatch(std::span<const Event> events) {
    auto tx = store::Transaction::Begin(m_db);
    if (!tx) return std::unexpected(tx.error());
    auto results = AppendEachInCurrentTransaction(events);
    if (!results) return results;
    if (auto ok = tx->Commit(); !ok) return std::unexpected(ok.error());
    return results;
}

Result<std::vector<Appended>> Ledger::AppendAll(std::span<const Event> events) {
    auto tx = store::Transaction::Begin(m_db);
    if (!tx) return std::unexpected(tx.error());
    std::vector<Appended> results;
    results.reserve(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
        auto appended = AppendInCurrentTransaction(events[i]);
        if (!appended) {
            return std::unexpected(
                appended.error().WithContext(fmt::format("event {} of {}", i + 1, events.size())));
        }
        results.push_back(*appended);
    }
    if (auto ok = tx->Commit(); !ok) return std::unexpected(ok.error());
    return results;
}

Status Ledger::ForEach(const std::function<Status(std::int64_t, const Event&)>& visit) {
    auto q =
        m_db.Prepare(fmt::format("SELECT seq, {} FROM ledger ORDER BY seq", kStoredEventColumns));
    if (!q) return std::unexpected(q.error());
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return {};
        const std::int64_t seq = q->Int64(0);
        auto event = ReadStoredEvent(*q, 1);
        if (!event)
            return std::unexpected(event.error().WithContext(fmt::format("ledger #{}", seq)));
        if (auto ok = visit(seq, *event); !ok) return ok;
    }
}

Result<Event> ReadStoredEvent(const store::StatementUse& row, int first) {
    const auto kind = static_cast<EventKind>(row.Int64(first + 1));
    const auto json = nlohmann::json::parse(row.Text(first + 6), nullptr, false);
    if (json.is_discarded())
        return std::unexpected(MakeError(ErrorCode::kStorage, "payload is not JSON"));
    auto payload = PayloadFromJson(kind, json);
    if (!payload) return std::unexpected(payload.error());
    return Event{row.Text(first),     row.Text(first + 2),  row.Int64(first + 3),
                 row.Text(first + 4), row.Int64(first + 5), std::move(*payload),
                 row.Text(first + 7), row.Text(first + 8)};
}

Status Ledger::RebuildProjections() {
    auto tx = store::Transaction::Begin(m_db);
    if (!tx) return std::unexpected(tx.error());
    // Children before parents, for the foreign keys.
    const auto tables = store::ProjectionTables();
    for (auto table = tables.rbegin(); table != tables.rend(); ++table) {
        if (auto ok = m_db.Exec(fmt::format("DELETE FROM {}", *table)); !ok) return ok;
    }
    auto replayed = ForEach(
        [&](std::int64_t seq, const Event& event) { return ApplyToProjections(m_db, seq, event); });
    if (!replayed) return replayed;
    return tx->Commit();
}

Result<std::int64_t> Ledger::NextOriginSeq(std::string_view origin) {
    auto q = m_db.Prepare(
        "SELECT max(coalesce((SELECT max(origin_seq) FROM ledger WHERE origin = ?1), 0), "
        "coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?2), 0)) + 1");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, origin).Bind(2, OriginSeqFloorKey(origin));
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    return q->Int64(0);
}

std::string OriginSeqFloorKey(std::string_view origin) {
    return fmt::format("ledger.origin_seq_floor.{}", origin);
}

Result<std::int64_t> Ledger::LastSeq() {
    return m_db.QueryInt64("SELECT coalesce(max(seq), 0) FROM ledger");
}

}  // namespace tillbook::ledger
