#pragma once
// The catalogue and locations in SQLite (reference data, not ledger projections).
#include <cstdint>
#include <map>
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
[[nodiscard]] Result<std::vector<catalogue::TaxClass>> ListTaxClasses(Database& db);

// One SKU inserted or updated with exactly its barcodes, as a new catalogue version (so tills
// pull it), in the caller's transaction; the same save as SaveCatalogue's. The caller has checked
// it against the rules (catalogue/sku_rules.hpp) and the database (FindBarcodeOwner, the tax
// class).
[[nodiscard]] Status SaveSku(Database& db, const catalogue::Sku& sku);

// The SKU holding a barcode that is `gtin14` as a GTIN-14, in whichever form it was stored.
struct BarcodeOwner {
    std::string barcode;  // as stored
    std::string sku;
};
[[nodiscard]] Result<std::optional<BarcodeOwner>> FindBarcodeOwner(Database& db,
                                                                   std::string_view gtin14);

// The name the variants of `product_id` other than `except_sku` share, if it has others.
[[nodiscard]] Result<std::optional<std::string>> FindProductName(Database& db,
                                                                 std::string_view product_id,
                                                                 std::string_view except_sku);

// The currency prices are given in: the setting "shop.currency" when set, else the currency most
// of the SKUs have, else GBP.
[[nodiscard]] Result<money::Currency> ShopCurrency(Database& db);

// A page of products (SKUs grouped by product_id, in product_id order), each with its variants in
// code order. `category` (empty: any) keeps the variants of that category; `after` is the last
// product_id of the previous page ("" at first).
struct Product {
    std::string product_id;
    std::string product_name;
    std::vector<catalogue::Sku> variants;
};
struct ProductPage {
    std::vector<Product> products;
    bool more = false;  // further products follow the last one
};
[[nodiscard]] Result<ProductPage> ListProducts(Database& db, std::string_view category,
                                               std::string_view after, std::int64_t limit);

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
// Removes the setting `key`, if there is one.
[[nodiscard]] Status RemoveSetting(Database& db, std::string_view key);
// Every setting whose key starts with `prefix`, by key (the prefix included).
[[nodiscard]] Result<std::map<std::string, std::string>> ListSettings(Database& db,
                                                                      std::string_view prefix);

}  // namespace tillbook::store
