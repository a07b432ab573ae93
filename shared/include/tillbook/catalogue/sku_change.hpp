#pragma once
// A change to one SKU, told in words. Plain values; no I/O.
#include <optional>
#include <string>

#include "tillbook/catalogue/catalogue.hpp"

namespace tillbook::catalogue {

// What changed from `before` (nullopt: a new SKU) to `after`, in words, for the audit record
// (ledger::ReferenceChanged): "price 4.50 → 4.75; barcode +5012345678900". Texts are quoted
// (text::QuoteForMessage), money is in the SKU's currency's decimals, a new SKU lists every field
// given. Empty when nothing changed.
[[nodiscard]] std::string DescribeSkuChange(const std::optional<Sku>& before, const Sku& after);

}  // namespace tillbook::catalogue
