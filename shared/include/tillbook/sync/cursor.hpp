#pragma once
// The pull cursor: where a till's last pull ended. Opaque to the till, which sends back the text
// the back office gave it: "1.<catalogue version>.<last SKU code, hex>.<ledger seq>".
#include <cstdint>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"

namespace tillbook::sync {

struct PullCursor {
    // The last SKU sent: every SKU of a later (version, code) is still to come.
    std::int64_t catalogue_version = 0;
    std::string catalogue_code;
    // Stock was read up to this ledger sequence: movements after it are still to come.
    std::int64_t ledger_seq = 0;
    friend bool operator==(const PullCursor&, const PullCursor&) = default;
};

[[nodiscard]] std::string FormatCursor(const PullCursor& cursor);

// "" and "0" are the start (a till's first pull). Anything else not made by FormatCursor is
// kInvalidInput "not a cursor this back office gave out" (no field: the caller names it).
[[nodiscard]] Result<PullCursor> ParseCursor(std::string_view text);

}  // namespace tillbook::sync
