#include "tillbook/office/channels/outbox_entries.hpp"

#include <fmt/format.h>

namespace tillbook::office::channels {

namespace {

constexpr const char* kColumns =
    "id, channel, topic, subject, body, created_at, attempts, next_attempt_at, delivered_at, "
    "last_error";

OutboxEntry ReadEntry(const store::StatementUse& q) {
    return {q.Int64(0), q.Text(1),  q.Text(2),  q.Text(3),          q.Text(4),
            q.Int64(5), q.Int64(6), q.Int64(7), q.OptionalInt64(8), q.Text(9)};
}

}  // namespace

std::optional<OutboxState> ParseOutboxState(std::string_view text) {
    if (text == "pending") return OutboxState::kPending;
    if (text == "failed") return OutboxState::kFailed;
    if (text == "delivered") return OutboxState::kDelivered;
    return std::nullopt;
}

std::string_view ToString(OutboxState state) {
    switch (state) {
        case OutboxState::kPending:
            return "pending";
        case OutboxState::kFailed:
            return "failed";
        case OutboxState::kDelivered:
            return "delivered";
    }
    return "pending";
}

OutboxState OutboxEntry::State() const {
    if (delivered_at) return OutboxState::kDelivered;
    return attempts > 0 ? OutboxState::kFailed : OutboxState::kPending;
}

Result<std::vector<OutboxEntry>> ListOutbox(store::Database& db, const OutboxFilter& filter) {
    // One statement text per state, so each is prepared once and uses its index.
    std::string where = "(?1 = '' OR channel = ?1)";
    if (filter.state == OutboxState::kPending)
        where += " AND delivered_at IS NULL AND attempts = 0";
    if (filter.state == OutboxState::kFailed) where += " AND delivered_at IS NULL AND attempts > 0";
    if (filter.state == OutboxState::kDelivered) where += " AND delivered_at IS NOT NULL";
    auto q = db.Prepare(
        fmt::format("SELECT {} FROM outbox WHERE {} ORDER BY id DESC LIMIT ?2", kColumns, where));
    if (!q) return std::unexpected(q.error());
    q->Bind(1, filter.channel).Bind(2, filter.limit);
    std::vector<OutboxEntry> entries;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return entries;
        entries.push_back(ReadEntry(*q));
    }
}

Result<OutboxCounts> CountOutbox(store::Database& db, std::string_view channel) {
    auto q = db.Prepare(
        "SELECT coalesce(sum(attempts = 0), 0), coalesce(sum(attempts > 0), 0) FROM outbox WHERE "
        "channel = ? AND delivered_at IS NULL");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, channel);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    return OutboxCounts{q->Int64(0), q->Int64(1)};
}

Result<OutboxEntry> ResendOutboxEntry(store::Database& db, std::int64_t id, std::int64_t now) {
    auto find = db.Prepare(fmt::format("SELECT {} FROM outbox WHERE id = ?", kColumns));
    if (!find) return std::unexpected(find.error());
    find->Bind(1, id);
    auto row = find->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row)
        return std::unexpected(
            MakeError(ErrorCode::kNotFound, fmt::format("no outbox entry {}", id)));
    OutboxEntry entry = ReadEntry(*find);
    if (entry.delivered_at) {
        const std::string why = entry.last_error.empty() ? "it was delivered" : entry.last_error;
        return std::unexpected(MakeError(
            ErrorCode::kConflict,
            fmt::format("outbox entry {} is closed ({}); there is nothing to re-send", id, why)));
    }
    auto due = db.Prepare("UPDATE outbox SET next_attempt_at = ? WHERE id = ?");
    if (!due) return std::unexpected(due.error());
    if (auto ok = due->Bind(1, now).Bind(2, id).Run(); !ok) return std::unexpected(ok.error());
    entry.next_attempt_at = now;
    return entry;
}

}  // namespace tillbook::office::channels
