#include "tillbook/stock/availability.hpp"

#include <algorithm>

#include "tillbook/orders/order.hpp"

namespace tillbook::stock {

std::int64_t AvailableToChannel(std::span<const StockLevel> serving_locations,
                                const ChannelStockRule& rule) {
    if (rule.fixed_quantity) return std::max<std::int64_t>(0, *rule.fixed_quantity);
    std::int64_t total = 0;
    for (const StockLevel& level : serving_locations) {
        total += std::max<std::int64_t>(0, level.on_hand - level.reserved);
    }
    return std::max<std::int64_t>(0, total - std::max<std::int64_t>(0, rule.buffer));
}

std::int64_t WholeUnits(std::int64_t milli_units) {
    if (milli_units <= 0) return 0;
    return milli_units / orders::kMilliPerUnit;
}

}  // namespace tillbook::stock
