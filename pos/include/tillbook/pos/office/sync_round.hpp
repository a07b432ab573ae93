#pragma once
// One round of sync between the till and its back office: push every event it has not had an
// answer for, 500 at a time in origin_seq order (TillSync), then pull from the cursor until the
// office has no more. The sync worker runs rounds; `tillbook-pos sync` runs one.
#include <cstdint>
#include <functional>
#include <optional>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/pos/office/office_client.hpp"
#include "tillbook/pos/office/office_link.hpp"
#include "tillbook/pos/till_sync.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::pos::office {

struct RoundOutcome {
    PushTally pushed;  // answers taken in this round
    std::int64_t pushes = 0;
    std::int64_t pulls = 0;
    std::int64_t skus_pulled = 0;
    bool reference_data_changed = false;
    std::optional<OfficeFailure> failure;  // where the round stopped, when it did
    SyncBacklog backlog;                   // what is left to send, after the round
    std::optional<ids::UtcMillis> last_push_at;
    std::optional<ids::UtcMillis> last_pull_at;
};

// Called after each push's answer is kept, with what is left: a worker reports progress.
using PushProgress = std::function<void(const SyncBacklog&)>;

// The office's failures are in the outcome; an error is the till's own database failing.
[[nodiscard]] Result<RoundOutcome> RunSyncRound(store::Database& db, OfficeClient& client,
                                                const ids::Clock& clock,
                                                const PushProgress& progress = {});

}  // namespace tillbook::pos::office
