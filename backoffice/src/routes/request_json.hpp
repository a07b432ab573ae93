#pragma once
// Small readers of request bodies that name the field at fault ("lines[2].quantity"), shared by
// the returns, exchange and stock routes.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "tillbook/catalogue/catalogue.hpp"
#include "tillbook/core/error.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/orders/returns.hpp"

namespace tillbook::office::routes {

// Item `index` of the array `array` is an object; otherwise "lines[2]: an object is required".
[[nodiscard]] Status ItemIsObject(const nlohmann::json& item, std::string_view array,
                                  std::size_t index);

// Readers of one field of a request object; `path` is the object's place in the body ("" or
// "lines[2].") and prefixes the field named in the error.
// A whole number from `min` to `max`, read by core::ReadJsonInteger: a float, a string, or a
// number outside the range (however large, unsigned ones included) is refused naming the field.
[[nodiscard]] Result<std::int64_t> IntField(const nlohmann::json& object, const char* key,
                                            const std::string& path, std::int64_t min,
                                            std::int64_t max);
[[nodiscard]] Result<std::string> TextField(const nlohmann::json& object, const char* key,
                                            const std::string& path);
// Optional text: "" when absent; otherwise at most 500 bytes with no control character.
[[nodiscard]] Result<std::string> NoteField(const nlohmann::json& object, const char* key,
                                            const std::string& path);
// Optional: the card store credit goes onto ("card_number"), 16 digits with a valid check digit,
// spaces allowed; "" when absent (a new card is made).
[[nodiscard]] Result<std::string> CardNumberField(const nlohmann::json& object,
                                                  const std::string& path);
// cash, card, store_credit, or original (the tender the order was paid with on its channel).
[[nodiscard]] Result<orders::Tender> TenderField(const nlohmann::json& object, const char* key,
                                                 const std::string& path);
// changed_mind, faulty, wrong_item_sent, damaged_in_transit, not_as_described or other.
[[nodiscard]] Result<orders::ReturnReason> ReasonField(const nlohmann::json& object,
                                                       const char* key, const std::string& path);
// restock, damaged or write_off.
[[nodiscard]] Result<orders::ItemCondition> ConditionField(const nlohmann::json& object,
                                                           const char* key,
                                                           const std::string& path);

// A quantity in milli-units. Goods sold by the unit give `key` in whole units ("quantity": 2);
// weighed goods give `key`_milli in grams ("quantity_milli": 350), since a kilogram is rarely what
// was weighed. The other form is refused, naming the field. At most a million units (or kg);
// zero only when `zero_allowed`; never negative.
[[nodiscard]] Result<std::int64_t> QuantityField(const nlohmann::json& object,
                                                 const std::string& key, catalogue::SoldBy sold_by,
                                                 const std::string& path, bool zero_allowed);

}  // namespace tillbook::office::routes
