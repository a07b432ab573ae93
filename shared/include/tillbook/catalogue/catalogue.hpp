#pragma once
// The catalogue: what the shop sells. Plain values; no I/O.
#include <string>
#include <vector>

#include "tillbook/money/money.hpp"
#include "tillbook/money/tax.hpp"

namespace tillbook::catalogue {

// Stored: explicit values, never reused.
enum class SoldBy : int {
    kUnit = 1,    // quantities are whole units x 1000 (milli-units), price per unit
    kWeight = 2,  // quantities are grams (milli-kilograms), price per kilogram
};

// A tax class names a rate and whether shelf prices include the tax.
struct TaxClass {
    std::string code;  // "standard", "reduced", "zero"
    money::TaxRateBasisPoints rate = 0;
    money::TaxMode mode = money::TaxMode::kInclusive;
    friend bool operator==(const TaxClass&, const TaxClass&) = default;
};

// One sellable item. Variants of a product share product_id and product_name.
struct Sku {
    std::string code;                   // the SKU, unique: "TEA-EARL-250"
    std::string product_id;             // groups variants: "TEA-EARL"
    std::string product_name;           // "Earl Grey tea"
    std::string variant_name;           // "250 g"; may be empty
    std::string category;               // "Tea & coffee"
    std::vector<std::string> barcodes;  // GTINs (check digits verified), may be empty
    money::Money price;                 // shelf price per unit, or per kg when sold by weight
    money::Money cost_price;            // what the shop pays, same unit as price
    std::string tax_class;              // code of a TaxClass
    SoldBy sold_by = SoldBy::kUnit;
    bool active = true;
    friend bool operator==(const Sku&, const Sku&) = default;
};

struct Catalogue {
    std::vector<TaxClass> tax_classes;
    std::vector<Sku> skus;
};

}  // namespace tillbook::catalogue
