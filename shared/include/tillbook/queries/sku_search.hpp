#pragma once
// Finding SKUs as staff type into a search box. A read model over the catalogue tables.
#include <cstdint>
#include <string_view>
#include <vector>

#include "tillbook/catalogue/catalogue.hpp"
#include "tillbook/core/error.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::queries {

inline constexpr std::int64_t kSkuSearchLimit = 100;

// The SKUs whose code or product name contains `text`, or that carry `text` as a barcode exactly,
// by code; at most kSkuSearchLimit. Empty text finds every SKU (up to the limit).
[[nodiscard]] Result<std::vector<catalogue::Sku>> SearchSkus(store::Database& db,
                                                             std::string_view text);

}  // namespace tillbook::queries
