#pragma once
// Finding SKUs as staff type into a search box. A read model over the catalogue tables.
#include <cstdint>
#include <string>
#include <vector>

#include "tillbook/catalogue/catalogue.hpp"
#include "tillbook/core/error.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::queries {

inline constexpr std::int64_t kSkuSearchPage = 50;    // a page when the caller names none
inline constexpr std::int64_t kSkuSearchLimit = 100;  // the most a page may hold

struct SkuSearch {
    std::string text = {};   // a part of a code or a product name, or a whole barcode; "" finds all
    std::string after = {};  // only codes after this one: the last code of the page before
    std::int64_t limit = kSkuSearchPage;  // 1 to kSkuSearchLimit
};

struct SkuSearchPage {
    std::vector<catalogue::Sku> skus;
    bool more = false;  // further SKUs match after the last one here
};

// The one statement of the search: ?1 after, ?2 the LIKE pattern, ?3 to ?6 the barcode's stored
// forms, ?7 the limit (one more than a page, to tell whether more follow). The barcode's SKU is one
// indexed look-up, made once (the subquery is not correlated); the codes are walked in the
// primary key's order from `after`, so LIMIT ends the walk at a page. Public for the test of its
// plan.
inline constexpr const char* kSkuSearchSql =
    "SELECT code FROM skus WHERE code > ?1 AND (code LIKE ?2 ESCAPE '\\' OR product_name LIKE ?2 "
    "ESCAPE '\\' OR code IN (SELECT sku FROM barcodes WHERE barcode IN (?3, ?4, ?5, ?6))) ORDER "
    "BY code LIMIT ?7";

// The SKUs whose code or product name contains `text` (case aside for ASCII letters; '%' and '_'
// as themselves), or that carry `text` as a barcode in any of its forms (a GTIN-14 finds its
// EAN-13), by code, at most `limit`. The codes are walked in order and the walk stops at a page,
// so a page costs what it holds; only a search that matches few SKUs reads every row's code and
// name, and no more.
[[nodiscard]] Result<SkuSearchPage> SearchSkus(store::Database& db, const SkuSearch& search);

}  // namespace tillbook::queries
