#include "terminal_store.hpp"

namespace tillbook::office {

namespace {

// The last event is found through the ledger's (origin, origin_seq) index.
constexpr const char* kTerminalSelect =
    "SELECT t.id, t.store_code, t.name, t.origin, t.paired_at, t.revoked_at, "
    "l.seq, l.origin_seq, l.occurred_at FROM terminals t "
    "LEFT JOIN ledger l ON l.seq = (SELECT seq FROM ledger WHERE origin = t.origin "
    "ORDER BY origin_seq DESC LIMIT 1) ";

Terminal ReadTerminal(const store::StatementUse& q) {
    Terminal terminal{q.Text(0),  q.Text(1),          q.Text(2),   q.Text(3),
                      q.Int64(4), q.OptionalInt64(5), std::nullopt};
    if (!q.IsNull(6)) terminal.last_event = TerminalEvent{q.Int64(6), q.Int64(7), q.Int64(8)};
    return terminal;
}

}  // namespace

Result<std::vector<Terminal>> ListTerminals(store::Database& db, std::string_view store_code) {
    auto q = db.Prepare(std::string(kTerminalSelect) +
                        "WHERE ?1 = '' OR t.store_code = ?1 ORDER BY t.store_code, t.name");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, store_code);
    std::vector<Terminal> terminals;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return terminals;
        terminals.push_back(ReadTerminal(*q));
    }
}

Result<std::optional<Terminal>> FindTerminal(store::Database& db, std::string_view id) {
    auto q = db.Prepare(std::string(kTerminalSelect) + "WHERE t.id = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, id);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<Terminal>{};
    return std::optional<Terminal>{ReadTerminal(*q)};
}

Status MarkTerminalRevoked(store::Database& db, std::string_view id, ids::UtcMillis at) {
    auto q = db.Prepare("UPDATE terminals SET revoked_at = ? WHERE id = ?");
    if (!q) return std::unexpected(q.error());
    return q->Bind(1, at).Bind(2, id).Run();
}

}  // namespace tillbook::office
