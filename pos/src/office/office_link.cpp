#include "tillbook/pos/office/office_link.hpp"

namespace tillbook::pos::office {

Result<std::optional<OfficeLink>> LoadOfficeLink(store::Database& db) {
    auto q = db.Prepare(
        "SELECT url, ca_file, pin_sha256, token, terminal_id, origin, store_code, cursor, "
        "paired_at, last_push_at, last_pull_at, signed_out FROM office_link WHERE id = 1");
    if (!q) return std::unexpected(q.error());
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<OfficeLink>{};
    OfficeLink link;
    link.url = q->Text(0);
    link.trust = OfficeTrust{q->Text(1), q->Text(2)};
    link.token = q->Text(3);
    link.terminal_id = q->Text(4);
    link.origin = q->Text(5);
    link.store_code = q->Text(6);
    link.cursor = q->Text(7);
    link.paired_at = q->Int64(8);
    link.last_push_at = q->OptionalInt64(9);
    link.last_pull_at = q->OptionalInt64(10);
    link.signed_out = q->Int64(11) != 0;
    return std::optional<OfficeLink>{std::move(link)};
}

Status SaveOfficeLink(store::Database& db, const OfficeLink& link) {
    auto q = db.Prepare(
        "INSERT OR REPLACE INTO office_link (id, url, ca_file, pin_sha256, token, terminal_id, "
        "origin, store_code, cursor, paired_at, last_push_at, last_pull_at, signed_out) VALUES "
        "(1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    if (!q) return std::unexpected(q.error());
    return q->Bind(1, link.url)
        .Bind(2, link.trust.ca_file)
        .Bind(3, link.trust.pin_sha256)
        .Bind(4, link.token)
        .Bind(5, link.terminal_id)
        .Bind(6, link.origin)
        .Bind(7, link.store_code)
        .Bind(8, link.cursor)
        .Bind(9, link.paired_at)
        .Bind(10, link.last_push_at)
        .Bind(11, link.last_pull_at)
        .Bind(12, link.signed_out ? 1 : 0)
        .Run();
}

Status SaveCursor(store::Database& db, const std::string& cursor, ids::UtcMillis at) {
    auto q = db.Prepare("UPDATE office_link SET cursor = ?1, last_pull_at = ?2 WHERE id = 1");
    if (!q) return std::unexpected(q.error());
    return q->Bind(1, cursor).Bind(2, at).Run();
}

Status SavePushedAt(store::Database& db, ids::UtcMillis at) {
    auto q = db.Prepare("UPDATE office_link SET last_push_at = ?1 WHERE id = 1");
    if (!q) return std::unexpected(q.error());
    return q->Bind(1, at).Run();
}

Status SaveSignedOut(store::Database& db, bool signed_out) {
    auto q = db.Prepare("UPDATE office_link SET signed_out = ?1 WHERE id = 1");
    if (!q) return std::unexpected(q.error());
    return q->Bind(1, signed_out ? 1 : 0).Run();
}

}  // namespace tillbook::pos::office
