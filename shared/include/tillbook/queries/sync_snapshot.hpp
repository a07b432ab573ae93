#pragma once
// The pull's read model: what a till of one store needs since its cursor, read from the back
// office's database in one read snapshot (docs/sync-protocol.md, "Pull").
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/store/sqlite.hpp"
#include "tillbook/sync/pull.hpp"

namespace tillbook::queries {

// SKUs in one answer; a full page answers "more".
inline constexpr std::int64_t kSkusPerPull = 2000;

// In one read transaction on `db` (which must not be in one already): the SKUs changed after the
// cursor's (version, code), at most `skus_per_pull`, with their barcodes; every tax class, active
// member of staff and till setting of the store; and the levels at the store of the SKUs whose
// stock moved after the cursor's ledger seq. The answer's cursor covers exactly what it holds: its
// last SKU, and the ledger seq up to which stock was read, in the same snapshot.
// kNotFound when the store is not a location; kStorage when the database fails (the message names
// the statement: for the log, not for the till).
[[nodiscard]] Result<sync::PullSnapshot> ReadSyncSnapshot(
    store::Database& db, std::string_view store_code, const sync::PullCursor& since,
    std::int64_t skus_per_pull = kSkusPerPull);

// The settings for tills that apply at `store_code`, by NAME: "till.NAME" (every store) and
// "store.CODE.NAME" (this store's own, which wins).
[[nodiscard]] Result<std::map<std::string, std::string>> ReadTillSettings(
    store::Database& db, std::string_view store_code);

}  // namespace tillbook::queries
