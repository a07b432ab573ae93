#pragma once
// Orders and returns as the API shows them: the read models (tillbook/queries) rendered as JSON.
#include <nlohmann/json.hpp>
#include <string>

#include "tillbook/queries/order_detail.hpp"
#include "tillbook/queries/order_list.hpp"
#include "tillbook/queries/order_lookup.hpp"
#include "tillbook/queries/return_detail.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::office::routes {

// An order: totals, lines, reservations, payments, refunds, the fulfilment moves it can make now
// ("moves"), needs-attention reasons and its whole event history (the audit trail). A quantity is
// in units: a number when whole, else the decimal text FormatQuantity writes ("0.25" for 250 g);
// quantity_milli is exact.
[[nodiscard]] nlohmann::json OrderJson(const queries::OrderDetail& order);

// What the returns desk needs of an order found by its code, for a till or a cashier: who it is,
// when it was placed, its totals and status, and its lines with what was returned of each; not its
// reservations, attention reasons or event history.
[[nodiscard]] nlohmann::json ReturnsDeskOrderJson(const queries::OrderDetail& order);

// The order with our id `id`, read and rendered, with its returns (as ReturnJson) and the
// locations' codes beside their ids: kNotFound ("no such order") when there is none,
// the storage error when it cannot be read.
[[nodiscard]] Result<nlohmann::json> OrderJson(store::Database& db, const std::string& id);

// A return: where it was received, its lines and their values, what was refunded of it so far
// and how (an exchange's credit is a refund to "exchange_credit"), and the exchange's new order.
[[nodiscard]] nlohmann::json ReturnJson(const queries::ReturnDetail& ret);

// An order as lists show it (GET /orders, the "today" report).
[[nodiscard]] nlohmann::json OrderListEntryJson(const queries::OrderListEntry& order);

using queries::FindOrderByCode;
using queries::OrderRef;

}  // namespace tillbook::office::routes
