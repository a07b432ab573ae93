#pragma once
// An order as the API shows it: totals, lines, reservations, needs-attention reasons and its whole
// event history (the audit trail).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tillbook/store/sqlite.hpp"

namespace tillbook::office::routes {

[[nodiscard]] std::optional<nlohmann::json> OrderJson(store::Database& db, const std::string& id);

}  // namespace tillbook::office::routes
