#pragma once
// The till's link to its back office, kept in the till's database (table office_link, the till's
// migration 3): where the office is, how it is trusted, the till's token and identity there, and
// where its last pull ended. One row, written when the till pairs.
#include <cstdint>
#include <optional>
#include <string>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/pos/office/office_client.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::pos::office {

struct OfficeLink {
    std::string url;  // "https://office.example:8443"
    OfficeTrust trust;
    std::string token;
    std::string terminal_id;
    std::string origin;      // "terminal:S01-T1"
    std::string store_code;  // "S01"
    std::string cursor;      // the last pull's; "" before the first
    ids::UtcMillis paired_at = 0;
    std::optional<ids::UtcMillis> last_push_at;
    std::optional<ids::UtcMillis> last_pull_at;
    bool signed_out = false;  // the office answered 401: the till must be paired again
};

// The link, or nothing when the till has not been paired.
[[nodiscard]] Result<std::optional<OfficeLink>> LoadOfficeLink(store::Database& db);
// Writes the link whole (pairing), in the caller's transaction if one is open.
[[nodiscard]] Status SaveOfficeLink(store::Database& db, const OfficeLink& link);
// Where the last pull ended and when, in the caller's transaction (the pull's own).
[[nodiscard]] Status SaveCursor(store::Database& db, const std::string& cursor, ids::UtcMillis at);
[[nodiscard]] Status SavePushedAt(store::Database& db, ids::UtcMillis at);
// The office no longer takes the till's token (401), or, false, it does again.
[[nodiscard]] Status SaveSignedOut(store::Database& db, bool signed_out);

}  // namespace tillbook::pos::office
