#pragma once
// The till's own tables, beside the shared schema. A till's database holds none of the back
// office's tables.
#include <string>

#include "tillbook/store/schema.hpp"

namespace tillbook::pos {

[[nodiscard]] const store::SchemaPart& TillSchema();

// Opens (creating if needed) a till's database and migrates the shared part and its own.
[[nodiscard]] Result<store::Database> OpenTillDatabase(const std::string& path,
                                                       const store::OpenOptions& options = {});

}  // namespace tillbook::pos
