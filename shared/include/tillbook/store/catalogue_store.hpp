#pragma once
// The catalogue and locations in SQLite (reference data, not ledger projections).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/catalogue/catalogue.hpp"
#include "tillbook/core/error.hpp"
#include "tillbook/stock/availability.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::store {

// Inserts or updates tax classes, SKUs and their barcodes, in the caller's transaction.
[[nodiscard]] Status SaveCatalogue(Database& db, const catalogue::Catalogue& catalogue);
[[nodiscard]] Result<std::optional<catalogue::Sku>> FindSku(Database& db, std::string_view code);
[[nodiscard]] Result<std::optional<catalogue::TaxClass>> FindTaxClass(Database& db,
                                                                      std::string_view code);

// What a scan means: the SKU, and for a weight- or price-embedded code the quantity or price it
// carries (milli-units for weight: grams).
struct ScannedItem {
    catalogue::Sku sku;
    std::optional<std::int64_t> embedded_quantity;
    std::optional<std::int64_t> embedded_price_minor;
};

// Looks a scanned code up: a GTIN in any of its forms (UPC-A, EAN-13, EAN-8, GTIN-14), then an
// in-store embedded code whose item is registered as its zero-value form (see
// assets/demo/README.md), then the code as a SKU. kNotFound when nothing matches; kInvalidInput for
// a bad check digit.
[[nodiscard]] Result<ScannedItem> FindByScan(Database& db, std::string_view code);

[[nodiscard]] Status SaveLocation(Database& db, const stock::Location& location);
[[nodiscard]] Result<std::optional<stock::Location>> FindLocationByCode(Database& db,
                                                                        std::string_view code);
[[nodiscard]] Result<std::vector<stock::Location>> ListLocations(Database& db);

[[nodiscard]] Result<std::optional<std::string>> GetSetting(Database& db, std::string_view key);
[[nodiscard]] Status PutSetting(Database& db, std::string_view key, std::string_view value);

}  // namespace tillbook::store
