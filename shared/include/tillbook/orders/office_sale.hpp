#pragma once
// Orders the back office makes itself, such as the new goods of an exchange at the desk: priced
// and taxed exactly as a till sale is, handed over at a location, and numbered in the office's own
// series so that they never take a till's number.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "tillbook/catalogue/catalogue.hpp"
#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/orders/till_sale.hpp"

namespace tillbook::orders {

struct OfficeSaleContext {
    std::string order_id;
    std::string location_id;    // where the goods are handed over
    std::string location_code;  // "S01"
    std::int64_t sequence = 0;  // per location, from 1
    ids::UtcMillis placed_at = 0;
};

// "S01-BO000042": the location, then "BO" (back office) and the sequence. A till's numbers end in
// a segment of digits only ("S01-T2-004217"), whatever its store and terminal are called, so the
// two series can never produce the same number.
[[nodiscard]] std::string OfficeOrderNumber(std::string_view location_code, std::int64_t sequence);
// What every office number of a location starts with, the digits following: "S01-BO".
[[nodiscard]] std::string OfficeOrderNumberPrefix(std::string_view location_code);

// An order of the location's store channel, its lines from PriceSaleItems. Errors: those of
// PriceSaleItems, and a sequence below 1.
[[nodiscard]] Result<Order> BuildOfficeSale(const OfficeSaleContext& context,
                                            std::span<const SaleItem> items,
                                            std::span<const catalogue::TaxClass> tax_classes);

}  // namespace tillbook::orders
