#pragma once
// The three calls a till makes to the back office (docs/sync-protocol.md): pair, push, pull. Each
// carries its bytes through an OfficeClient and reads the answer with the shared codec.
#include <cstdint>
#include <string>
#include <string_view>

#include "tillbook/pos/office/office_client.hpp"
#include "tillbook/sync/pull.hpp"
#include "tillbook/sync/push.hpp"

namespace tillbook::pos::office {

// The office's answer to POST /api/v1/terminals/pair.
struct PairingAnswer {
    std::string terminal_id;
    std::string origin;  // "terminal:S01-T1"
    std::string store;   // "S01"
    std::string token;
    std::string expires_at;
    std::int64_t last_origin_seq = 0;  // the highest origin_seq the office holds of this origin
};

[[nodiscard]] OfficeResult<PairingAnswer> PairWithOffice(OfficeClient& client,
                                                         std::string_view code,
                                                         std::string_view name);

// POST /api/v1/sync/push with `request`; the results, one per event.
[[nodiscard]] OfficeResult<sync::PushResults> PushToOffice(OfficeClient& client,
                                                           const std::string& token,
                                                           const sync::PushRequest& request);

// GET /api/v1/sync/pull?since=CURSOR ("" the first time).
[[nodiscard]] OfficeResult<sync::PullSnapshot> PullFromOffice(OfficeClient& client,
                                                              const std::string& token,
                                                              std::string_view since);

}  // namespace tillbook::pos::office
