#pragma once
// One schema for the till and the back office (each uses what it needs). Migrations are numbered,
// forward-only and transactional; PRAGMA user_version holds the number applied.
#include <span>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::store {

// Brings the database to the newest schema. A database newer than this program is an error.
[[nodiscard]] Status Migrate(Database& db);
[[nodiscard]] int LatestSchemaVersion();

// Opens (creating if needed) and migrates.
[[nodiscard]] Result<Database> OpenAndMigrate(const std::string& path,
                                              const OpenOptions& options = {});

// Tables derived from the ledger: rebuilding them by replay must give the same rows. Parents come
// before the tables that reference them.
[[nodiscard]] std::span<const std::string_view> ProjectionTables();

}  // namespace tillbook::store
