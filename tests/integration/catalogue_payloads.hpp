#pragma once
// A new SKU's whole record for PUT /api/v1/catalogue/skus/{code}, valid in the demo shop (a new
// product), for the catalogue and input-limit tests.
#include <nlohmann/json.hpp>

namespace tillbook::testing {

inline nlohmann::json NewSkuRecord(nlohmann::json barcodes = nlohmann::json::array()) {
    return {{"product_id", "MUG-ENAMEL"},
            {"product_name", "Enamel mug"},
            {"variant_name", "Blue"},
            {"category", "Homeware"},
            {"price", "4.50"},
            {"cost_price", "2.00"},
            {"tax_class", "standard"},
            {"sold_by", "unit"},
            {"active", true},
            {"barcodes", std::move(barcodes)}};
}

}  // namespace tillbook::testing
