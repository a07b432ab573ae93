#pragma once
// Channels and their stock: which locations serve a channel, in what order, what it may sell of
// a SKU, and the durable outbox of "you may now sell N" updates (paused at zero).
#include <set>
#include <string>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/ids/uuid.hpp"
#include "tillbook/office/ledger_writer.hpp"
#include "tillbook/stock/availability.hpp"

namespace tillbook::office::channels {

struct ServingLocation {
    std::string location_id;
    int priority = 0;
};

// The locations serving `channel`, best first. Empty when none are configured.
[[nodiscard]] Result<std::vector<ServingLocation>> ServingLocations(store::Database& db,
                                                                    std::string_view channel);

// Follows the ledger's stock movements (a projection, written with the event that moves the
// stock, so no writer has to remember to mark anything) from where it stopped last time: takes up
// to `limit` movements, computes what each channel may now sell of the SKUs they moved, and queues
// an update in the outbox for every (channel, SKU) whose figure differs from the last one queued;
// and flags the online orders whose reservations at the places that moved are no longer covered
// (reservation_shortfall.hpp). Runs in the writer: the cursor, the updates and the flags commit
// together, so none is lost. Answers how many SKUs it looked at.
[[nodiscard]] Result<std::int64_t> PublishStockChanges(WriteContext& w, const ids::Clock& clock,
                                                       ids::IdSource& ids,
                                                       std::int64_t limit = 500);

// Sets a channel up: the locations that serve it (in priority order), its buffer, and where
// updates go (base_url; empty: none sent) and its webhook secret.
struct ChannelSetup {
    std::string code;
    std::vector<std::string> location_codes;
    std::int64_t buffer = 0;
    std::string base_url;
    std::string webhook_secret;
    std::string despatch_rule;  // "Europe/London 14:00 +0 +2 [holidays]"; empty: unchanged
};
[[nodiscard]] Status ConfigureChannel(store::Database& db, const ChannelSetup& setup);
// The same, in the caller's transaction (with the change's audit record, say).
[[nodiscard]] Status ConfigureChannelInCurrentTransaction(store::Database& db,
                                                          const ChannelSetup& setup);

}  // namespace tillbook::office::channels
