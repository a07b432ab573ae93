#include "tillbook/queries/sku_search.hpp"

#include <string>

#include "queries/each_row.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::queries {

Result<std::vector<catalogue::Sku>> SearchSkus(store::Database& db, std::string_view text) {
    std::vector<std::string> codes;
    {
        auto q = db.Prepare(
            "SELECT DISTINCT s.code FROM skus s LEFT JOIN barcodes b ON b.sku = s.code WHERE "
            "s.code LIKE ?1 OR s.product_name LIKE ?1 OR b.barcode = ?2 ORDER BY s.code LIMIT ?3");
        if (!q) return std::unexpected(q.error());
        q->Bind(1, "%" + std::string(text) + "%").Bind(2, text).Bind(3, kSkuSearchLimit);
        if (auto ok =
                EachRow(*q, [&](const store::StatementUse& row) { codes.push_back(row.Text(0)); });
            !ok)
            return std::unexpected(ok.error());
    }
    std::vector<catalogue::Sku> skus;
    for (const std::string& code : codes) {
        auto sku = store::FindSku(db, code);
        if (!sku) return std::unexpected(sku.error().WithContext(code));
        if (*sku) skus.push_back(std::move(**sku));
    }
    return skus;
}

}  // namespace tillbook::queries
