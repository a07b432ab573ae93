#pragma once
// Loads the demo shop in assets/demo (tax classes, catalogue, locations, opening stock) into a
// database. Opening stock enters as StockAdjusted events, so the ledger explains every unit.
// Staff are loaded by the back office, which hashes their passwords.
#include <cstdint>
#include <filesystem>
#include <string>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/ids/uuid.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::store {

struct DemoShopSummary {
    std::int64_t skus = 0;
    std::int64_t locations = 0;
    std::int64_t stock_events = 0;
};

// Reads a whole file; the error names the file.
[[nodiscard]] Result<std::string> ReadTextFile(const std::filesystem::path& path);

[[nodiscard]] Result<DemoShopSummary> LoadDemoShop(Database& db,
                                                   const std::filesystem::path& demo_dir,
                                                   const ids::Clock& clock, ids::IdSource& ids);

}  // namespace tillbook::store
