#pragma once
// The schema by owner. The shared part (reference data, the ledger and its projections) is what
// every database holds; its version is PRAGMA user_version. The back office and the till each add
// their own part (sessions and the outbox; the till's sync state), whose versions are kept in the
// schema_parts table. Migrations are numbered, forward-only and transactional.
#include <span>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::store {

// Brings the shared part to its newest version. A database newer than this program is an error.
[[nodiscard]] Status Migrate(Database& db);
[[nodiscard]] int LatestSchemaVersion();

// One owner's own tables.
struct SchemaPart {
    std::string_view owner;                        // "office", "till"
    std::span<const std::string_view> migrations;  // migration N is migrations[N - 1]
    // The owner that may not share a database with this one: a till's database is never opened
    // as a back office's, nor the other way round.
    std::string_view excludes;
    // For a database that holds no version for this owner yet: the version its tables are
    // already at (made before the schema was split by owner). Null: 0.
    Result<std::int64_t> (*adopt)(Database& db) = nullptr;
};

// Brings `part` to its newest version (the shared part must be migrated first). A database that
// belongs to the excluded owner, or holds a newer version of the part, is an error.
[[nodiscard]] Status Migrate(Database& db, const SchemaPart& part);

// Opens (creating if needed) and migrates the shared part; the second also `part`.
[[nodiscard]] Result<Database> OpenAndMigrate(const std::string& path,
                                              const OpenOptions& options = {});
[[nodiscard]] Result<Database> OpenAndMigrate(const std::string& path, const OpenOptions& options,
                                              const SchemaPart& part);

[[nodiscard]] Result<bool> TableExists(Database& db, std::string_view table);

// Tables derived from the ledger: rebuilding them by replay must give the same rows. Parents come
// before the tables that reference them.
[[nodiscard]] std::span<const std::string_view> ProjectionTables();

}  // namespace tillbook::store
