#pragma once
// Channels and their stock: which locations serve a channel, in what order, what it may sell of
// a SKU, and the durable outbox of "you may now sell N" updates (paused at zero).
#include <set>
#include <string>
#include <vector>

#include "ledger_writer.hpp"
#include "tillbook/core/error.hpp"
#include "tillbook/stock/availability.hpp"

namespace tillbook::office::channels {

struct ServingLocation {
    std::string location_id;
    int priority = 0;
};

// The locations serving `channel`, best first. Empty when none are configured.
[[nodiscard]] Result<std::vector<ServingLocation>> ServingLocations(store::Database& db,
                                                                    std::string_view channel);

// Computes what each channel served by a location holding these SKUs may now sell, and queues an
// update in the outbox for every (channel, SKU) whose figure differs from the last one queued.
// Runs inside the writer's transaction, so the update is as durable as the change behind it.
[[nodiscard]] Status QueueStockUpdates(WriteContext& w, const std::set<std::string>& skus,
                                       std::int64_t now);

// The SKUs whose stock moved in ledger events [first_seq, last_seq].
[[nodiscard]] Result<std::set<std::string>> SkusMovedBetween(store::Database& db,
                                                             std::int64_t first_seq,
                                                             std::int64_t last_seq);

// Sets a channel up: the locations that serve it (in priority order), its buffer, and where
// updates go (base_url; empty: none sent) and its webhook secret.
struct ChannelSetup {
    std::string code;
    std::vector<std::string> location_codes;
    std::int64_t buffer = 0;
    std::string base_url;
    std::string webhook_secret;
};
[[nodiscard]] Status ConfigureChannel(store::Database& db, const ChannelSetup& setup);

}  // namespace tillbook::office::channels
