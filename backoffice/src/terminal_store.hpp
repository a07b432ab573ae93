#pragma once
// The tills paired with the back office, in its database: listing them with the last event each
// sent, finding one, and revoking one. (Pairing itself is in auth/auth_service.hpp, beside the
// other tokens.)
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::office {

// The last event a till sent that is in the ledger.
struct TerminalEvent {
    std::int64_t seq = 0;            // the ledger's
    std::int64_t origin_seq = 0;     // the till's own count
    ids::UtcMillis occurred_at = 0;  // by the till's clock
};

struct Terminal {
    std::string id;
    std::string store_code;
    std::string name;
    std::string origin;  // "terminal:S01-T1"
    ids::UtcMillis paired_at = 0;
    std::optional<ids::UtcMillis> revoked_at;
    std::optional<TerminalEvent> last_event;
};

// The tills of `store_code` ("" for every store), by store and name.
[[nodiscard]] Result<std::vector<Terminal>> ListTerminals(store::Database& db,
                                                          std::string_view store_code);

// The till with id `id`; nullopt when there is none.
[[nodiscard]] Result<std::optional<Terminal>> FindTerminal(store::Database& db,
                                                           std::string_view id);

// Marks the till revoked at `at`. Its sessions are ended separately
// (AuthService::EndTerminalSessions); its events stay in the ledger.
[[nodiscard]] Status MarkTerminalRevoked(store::Database& db, std::string_view id,
                                         ids::UtcMillis at);

}  // namespace tillbook::office
