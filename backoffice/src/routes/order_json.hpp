#pragma once
// An order as the API shows it: totals, lines, reservations, needs-attention reasons and its whole
// event history (the audit trail).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tillbook/store/sqlite.hpp"

namespace tillbook::office::routes {

[[nodiscard]] std::optional<nlohmann::json> OrderJson(store::Database& db, const std::string& id);

// An order of any channel found by what people have at hand: its number (printed as a barcode on
// receipts and packing slips), its channel's id, or our id. nullopt when there is none.
struct OrderRef {
    std::string id;
    std::string currency;
};
[[nodiscard]] Result<std::optional<OrderRef>> FindOrderByCode(store::Database& db,
                                                              std::string_view code);

}  // namespace tillbook::office::routes
