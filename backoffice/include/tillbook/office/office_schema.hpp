#pragma once
// The back office's own tables (sessions, terminals, pairing codes, channel orders, webhook
// deliveries, the outbox, what each channel was told), beside the shared schema. A till's
// database holds none of them.
#include <string>

#include "tillbook/store/schema.hpp"

namespace tillbook::office {

[[nodiscard]] const store::SchemaPart& OfficeSchema();

// Opens (creating if needed) a back office's database and migrates the shared part and its own.
[[nodiscard]] Result<store::Database> OpenOfficeDatabase(const std::string& path,
                                                         const store::OpenOptions& options = {});

}  // namespace tillbook::office
