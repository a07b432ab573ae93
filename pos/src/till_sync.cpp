#include "tillbook/pos/till_sync.hpp"

#include <fmt/format.h>

#include <variant>

#include "tillbook/ledger/ledger.hpp"

namespace tillbook::pos {

namespace {

Status CheckAnswerFits(const sync::PushRequest& sent, const sync::PushResults& answer) {
    if (answer.results.size() != sent.events.size()) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      fmt::format("the back office answered for {} events; {} were sent",
                                  answer.results.size(), sent.events.size()),
                      "results"));
    }
    for (std::size_t i = 0; i < sent.events.size(); ++i) {
        if (answer.results[i].id != sent.events[i].id) {
            return std::unexpected(
                MakeError(ErrorCode::kInvalidInput,
                          fmt::format("results[{}] answers for event \"{}\", but {} was sent there",
                                      i, answer.results[i].id, sent.events[i].id),
                          fmt::format("results[{}].id", i)));
        }
    }
    return {};
}

}  // namespace

// A rejection may turn into an acceptance (the office let the event in after all); an acceptance
// stays as first answered.
Status TillSync::RecordAccepted(const std::string& event_id, const sync::Accepted& accepted,
                                ids::UtcMillis now) {
    auto q = m_db.Prepare(
        "INSERT INTO push_answers (event_id, outcome, office_seq, code, reason, answered_at) "
        "VALUES (?1, 1, ?2, '', '', ?3) ON CONFLICT (event_id) DO UPDATE SET outcome = 1, "
        "office_seq = ?2, code = '', reason = '', answered_at = ?3 WHERE outcome = 2");
    if (!q) return std::unexpected(q.error());
    return q->Bind(1, event_id).Bind(2, accepted.seq).Bind(3, now).Run();
}

// The first answer stands: an acceptance is never undone, a rejection keeps its first reason.
Status TillSync::RecordRejected(const std::string& event_id, const sync::Rejected& rejected,
                                ids::UtcMillis now) {
    auto q = m_db.Prepare(
        "INSERT INTO push_answers (event_id, outcome, office_seq, code, reason, answered_at) "
        "VALUES (?1, 2, NULL, ?2, ?3, ?4) ON CONFLICT (event_id) DO NOTHING");
    if (!q) return std::unexpected(q.error());
    return q->Bind(1, event_id).Bind(2, rejected.code).Bind(3, rejected.reason).Bind(4, now).Run();
}

Result<sync::PushRequest> TillSync::NextPush(std::size_t limit) {
    auto q = m_db.Prepare(fmt::format(
        "SELECT {} FROM ledger l WHERE origin = ?1 AND NOT EXISTS (SELECT 1 FROM push_answers a "
        "WHERE a.event_id = l.event_id) ORDER BY origin_seq LIMIT ?2",
        ledger::kStoredEventColumns));
    if (!q) return std::unexpected(q.error());
    q->Bind(1, m_origin).Bind(2, static_cast<std::int64_t>(limit));
    sync::PushRequest request;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return request;
        auto event = ledger::ReadStoredEvent(*q);
        if (!event)
            return std::unexpected(
                event.error().WithContext(fmt::format("{} #{}", m_origin, q->Int64(3))));
        request.events.push_back(std::move(*event));
    }
}

Result<PushTally> TillSync::Apply(const sync::PushRequest& sent, const sync::PushResults& answer) {
    if (auto fits = CheckAnswerFits(sent, answer); !fits) return std::unexpected(fits.error());
    auto tx = store::Transaction::Begin(m_db);
    if (!tx) return std::unexpected(tx.error());
    const ids::UtcMillis now = m_clock.Now();
    PushTally tally;
    for (const sync::PushResult& result : answer.results) {
        Status ok;
        if (const auto* accepted = std::get_if<sync::Accepted>(&result.outcome)) {
            ++(accepted->duplicate ? tally.duplicates : tally.accepted);
            ok = RecordAccepted(result.id, *accepted, now);
        } else {
            ++tally.rejected;
            ok = RecordRejected(result.id, std::get<sync::Rejected>(result.outcome), now);
        }
        if (!ok) return std::unexpected(ok.error().WithContext(fmt::format("event {}", result.id)));
    }
    if (auto ok = tx->Commit(); !ok) return std::unexpected(ok.error());
    return tally;
}

Result<SyncBacklog> TillSync::ReadBacklog() {
    auto q = m_db.Prepare(
        "SELECT count(*), min(l.occurred_at), count(a.event_id) FROM ledger l LEFT JOIN "
        "push_answers a ON a.event_id = l.event_id WHERE l.origin = ? AND (a.outcome IS NULL OR "
        "a.outcome = 2)");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, m_origin);
    if (auto row = q->Step(); !row) return std::unexpected(row.error());
    return SyncBacklog{q->Int64(0), q->OptionalInt64(1), q->Int64(2)};
}

Result<std::vector<RejectedEvent>> TillSync::ListRejected() {
    auto q = m_db.Prepare(
        "SELECT l.origin_seq, l.event_id, l.kind, l.occurred_at, a.code, a.reason FROM ledger l "
        "JOIN push_answers a ON a.event_id = l.event_id WHERE l.origin = ? AND a.outcome = 2 "
        "ORDER BY l.origin_seq");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, m_origin);
    std::vector<RejectedEvent> rejected;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return rejected;
        rejected.push_back(RejectedEvent{q->Int64(0), q->Text(1),
                                         static_cast<ledger::EventKind>(q->Int64(2)), q->Int64(3),
                                         q->Text(4), q->Text(5)});
    }
}

}  // namespace tillbook::pos
