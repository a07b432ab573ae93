#pragma once
// Finding an order, or one of its lines, by what people have at hand. Read models over the
// ledger's projections.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::queries {

struct OrderRef {
    std::string id;
    std::string currency;
};

// An order of any channel by its number (printed as a barcode on receipts and packing slips), its
// channel's id, or our id; the first placed when several match. nullopt when there is none.
[[nodiscard]] Result<std::optional<OrderRef>> FindOrderByCode(store::Database& db,
                                                              std::string_view code);

// The SKU of line `line_no` of an order; nullopt when the order has no such line.
[[nodiscard]] Result<std::optional<std::string>> FindOrderLineSku(store::Database& db,
                                                                  std::string_view order_id,
                                                                  std::int64_t line_no);

// The highest sequence among the order numbers that are `prefix` followed by digits ("S01-BO"
// then "000042": 42); 0 when there is none.
[[nodiscard]] Result<std::int64_t> HighestOrderSequence(store::Database& db,
                                                        std::string_view prefix);

}  // namespace tillbook::queries
