#pragma once
// A SKU's stock at every location, as the stock routes show it. A read model over the ledger's
// stock projection; plain values, no JSON.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::queries {

struct StockAtLocation {
    std::string location_code;
    std::int64_t on_hand = 0;   // milli-units; below zero after selling goods the books lacked
    std::int64_t reserved = 0;  // milli-units held for orders
    [[nodiscard]] std::int64_t Available() const { return on_hand - reserved; }
};

// Every location, by code, with what it holds of `sku` (nothing held reads as zero).
[[nodiscard]] Result<std::vector<StockAtLocation>> StockOfSku(store::Database& db,
                                                              std::string_view sku);

}  // namespace tillbook::queries
