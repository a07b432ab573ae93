#pragma once
// What the shop has taken in a span of time, channel by channel: for the managers' "today" page.
// A read model over the orders projection; cancelled orders are left out.
#include <cstdint>
#include <string>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::queries {

struct ChannelTakings {
    std::string channel;   // "store:S01", "shopify"
    std::string currency;  // one row per channel and currency
    std::int64_t orders = 0;
    std::int64_t total_minor = 0;     // what the orders came to
    std::int64_t refunded_minor = 0;  // refunded on them so far
};

// Orders placed in [from, to), by channel, then currency.
[[nodiscard]] Result<std::vector<ChannelTakings>> TakingsBetween(store::Database& db,
                                                                 ids::UtcMillis from,
                                                                 ids::UtcMillis to);

}  // namespace tillbook::queries
