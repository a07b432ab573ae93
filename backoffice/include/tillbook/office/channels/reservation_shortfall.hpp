#pragma once
// Reservations that the stock no longer covers. A till sells what is on the shelf even when an
// online order reserved it (the goods left the shop: a fact, never refused), and stock can be
// written off or counted short after it was reserved. The shortfall then belongs to the online
// orders waiting for those units: staff must find more or tell the customer.
#include <set>
#include <string>
#include <utility>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/ids/uuid.hpp"
#include "tillbook/office/ledger_writer.hpp"

namespace tillbook::office::channels {

// (location id, SKU)
using StockPlace = std::pair<std::string, std::string>;

// At each place of `moved` where more is reserved than is on hand, flags the orders that reserved
// there last, newest first, until the reservations flagged cover the shortfall: an OrderFlagged
// event of the office (actor "system") with the reason "short: SKU reserved at CODE is no longer
// there ...". An order already flagged for that place counts toward the shortfall and is not
// flagged again. Runs in the writer's transaction. Answers how many orders it flagged.
[[nodiscard]] Result<int> FlagUncoveredReservations(WriteContext& w, const ids::Clock& clock,
                                                    ids::IdSource& ids,
                                                    const std::set<StockPlace>& moved);

}  // namespace tillbook::office::channels
