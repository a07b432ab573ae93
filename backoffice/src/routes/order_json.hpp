#pragma once
// Orders and returns as the API shows them, and the small readers of request bodies that name the
// field at fault ("lines[2].quantity"), shared by the returns, exchange and stock routes.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tillbook/catalogue/catalogue.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/orders/returns.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::office::routes {

// An order: totals, lines, reservations, needs-attention reasons and its whole event history
// (the audit trail).
[[nodiscard]] std::optional<nlohmann::json> OrderJson(store::Database& db, const std::string& id);

// A return: where it was received, its lines and their values, what was refunded of it so far
// and how (an exchange's credit is a refund to "exchange_credit"), and the exchange's new order.
[[nodiscard]] Result<std::optional<nlohmann::json>> ReturnJson(store::Database& db,
                                                               const std::string& id);
// The ids of an order's returns, oldest first.
[[nodiscard]] Result<std::vector<std::string>> ReturnsOfOrder(store::Database& db,
                                                              const std::string& order_id);

// An order of any channel found by what people have at hand: its number (printed as a barcode on
// receipts and packing slips), its channel's id, or our id. nullopt when there is none.
struct OrderRef {
    std::string id;
    std::string currency;
};
[[nodiscard]] Result<std::optional<OrderRef>> FindOrderByCode(store::Database& db,
                                                              std::string_view code);

// Readers of one field of a request object; `path` is the object's place in the body ("" or
// "lines[2].") and prefixes the field named in the error.
[[nodiscard]] Result<std::int64_t> IntField(const nlohmann::json& object, const char* key,
                                            const std::string& path);
[[nodiscard]] Result<std::string> TextField(const nlohmann::json& object, const char* key,
                                            const std::string& path);
// cash, card, store_credit, or original (the tender the order was paid with on its channel).
[[nodiscard]] Result<orders::Tender> TenderField(const nlohmann::json& object, const char* key,
                                                 const std::string& path);

// A quantity in milli-units. Goods sold by the unit give `key` in whole units ("quantity": 2);
// weighed goods give `key`_milli in grams ("quantity_milli": 350), since a kilogram is rarely what
// was weighed. The other form is refused, naming the field. At most a million units (or kg);
// zero only when `zero_allowed`; never negative.
[[nodiscard]] Result<std::int64_t> QuantityField(const nlohmann::json& object,
                                                 const std::string& key, catalogue::SoldBy sold_by,
                                                 const std::string& path, bool zero_allowed);

// The goods coming back against `order_id`, as POST /api/v1/returns and POST /api/v1/exchanges
// take them: [{line_no, quantity (or quantity_milli for weighed goods), reason, condition}].
// Each line carries the SKU of its order line; whether it may come back is the ledger's rule.
[[nodiscard]] Result<std::vector<orders::ReturnLine>> ReturnLinesFromJson(
    store::Database& db, const nlohmann::json& body, const std::string& order_id,
    const money::Currency& currency);

// What POST /api/v1/returns and POST /api/v1/exchanges both take back: the body's "order" (by
// number, channel id or id), its "location" that receives the goods, and its "lines" (as
// ReturnLinesFromJson), as a return with id `return_id`. kNotFound names "order" or "location".
struct GoodsBack {
    orders::Return ret;
    std::string location_code;
    money::Currency currency;
};
[[nodiscard]] Result<GoodsBack> GoodsBackFromJson(store::Database& db, const nlohmann::json& body,
                                                  const std::string& return_id);

}  // namespace tillbook::office::routes
