#include "tillbook/queries/stock_levels.hpp"

#include "queries/each_row.hpp"

namespace tillbook::queries {

Result<std::vector<StockAtLocation>> StockOfSku(store::Database& db, std::string_view sku) {
    auto q = db.Prepare(
        "SELECT l.code, coalesce(s.on_hand, 0), coalesce(s.reserved, 0) FROM locations l "
        "LEFT JOIN stock_levels s ON s.location_id = l.id AND s.sku = ? ORDER BY l.code");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, sku);
    std::vector<StockAtLocation> levels;
    if (auto ok = EachRow(*q,
                          [&](const store::StatementUse& row) {
                              levels.push_back({row.Text(0), row.Int64(1), row.Int64(2)});
                          });
        !ok)
        return std::unexpected(ok.error());
    return levels;
}

}  // namespace tillbook::queries
