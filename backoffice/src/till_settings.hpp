#pragma once
// Settings the tills pull: what a receipt says, the shop's name, how long a drawer may stay open.
// They live in the settings table under "till.<name>" (every store) and "store.<CODE>.<name>" (one
// store, which wins over the shop-wide value); the pull reads them with queries::ReadTillSettings.
// Other keys (channel secrets, base URLs) are never sent to a till.
#include <map>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::office {

// A key a till may be sent and staff may set: "till.NAME" or "store.CODE.NAME", where CODE is a
// location code and NAME is lower-case letters, digits and '_' (at most 64). kInvalidInput with
// the reason otherwise.
[[nodiscard]] Status CheckTillSettingKey(std::string_view key);

// Every till.* and store.*.* setting, by key (with its prefix): what staff see and change.
[[nodiscard]] Result<std::map<std::string, std::string>> ListTillSettings(store::Database& db);

}  // namespace tillbook::office
