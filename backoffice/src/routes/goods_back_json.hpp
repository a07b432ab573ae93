#pragma once
// The goods coming back, as POST /api/v1/returns and POST /api/v1/exchanges both take them.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tillbook/money/currency.hpp"
#include "tillbook/orders/returns.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::office::routes {

// The goods coming back against `order_id`: [{line_no, quantity (or quantity_milli for weighed
// goods), reason, condition}]. Each line carries the SKU of its order line; whether it may come
// back is the ledger's rule.
[[nodiscard]] Result<std::vector<orders::ReturnLine>> ReturnLinesFromJson(
    store::Database& db, const nlohmann::json& body, const std::string& order_id,
    const money::Currency& currency);

// The body's "order" (by number, channel id or id), its "location" that receives the goods, and
// its "lines" (as ReturnLinesFromJson), as a return with id `return_id`. kNotFound names "order"
// or "location".
struct GoodsBack {
    orders::Return ret;
    std::string location_code;
    money::Currency currency;
};
[[nodiscard]] Result<GoodsBack> GoodsBackFromJson(store::Database& db, const nlohmann::json& body,
                                                  const std::string& return_id);

}  // namespace tillbook::office::routes
