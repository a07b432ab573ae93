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

// For each of `skus` and each channel (only `channel` unless it is ""), works out what the channel
// may sell now and queues it in the outbox when it differs from the figure last queued (an older
// undelivered one is superseded). A changed channel setting or per-SKU rule calls it, in the
// change's transaction, so the channels hear of the new figure without waiting for stock to move.
[[nodiscard]] Status QueueStockFigures(store::Database& db, std::string_view channel,
                                       const std::set<std::string>& skus, std::int64_t now);
// The same for every SKU of the catalogue on one channel: its buffer or locations changed.
[[nodiscard]] Status QueueChannelFigures(store::Database& db, std::string_view channel,
                                         std::int64_t now);

}  // namespace tillbook::office::channels
