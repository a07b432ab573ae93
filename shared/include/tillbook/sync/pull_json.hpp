#pragma once
// A pull's answer on the wire, protocol 1: {"protocol", "cursor", "more", "store", "settings",
// "tax_classes", "skus", "staff", "stock"} (docs/sync-protocol.md has an example). Reading never
// throws; an error names the field at fault, e.g. "skus[2].price.currency", in its message and in
// Error::field.
#include <nlohmann/json.hpp>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/sync/pull.hpp"

namespace tillbook::sync {

[[nodiscard]] nlohmann::json ToJson(const PullSnapshot& snapshot);
[[nodiscard]] Result<PullSnapshot> PullSnapshotFromJson(const nlohmann::json& body);
// An answer's body as the till receives it.
[[nodiscard]] Result<PullSnapshot> ParsePullSnapshot(std::string_view text);

}  // namespace tillbook::sync
