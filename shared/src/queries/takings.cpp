#include "tillbook/queries/takings.hpp"

#include "tillbook/orders/order.hpp"

namespace tillbook::queries {

Result<std::vector<ChannelTakings>> TakingsBetween(store::Database& db, ids::UtcMillis from,
                                                   ids::UtcMillis to) {
    auto q = db.Prepare(
        "SELECT channel, currency, count(*), sum(total_minor), sum(refunded_minor) FROM orders "
        "WHERE placed_at >= ?1 AND placed_at < ?2 AND status <> ?3 GROUP BY channel, currency "
        "ORDER BY channel, currency");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, from);
    q->Bind(2, to);
    q->Bind(3, static_cast<std::int64_t>(orders::OrderStatus::kCancelled));
    std::vector<ChannelTakings> takings;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        takings.push_back({q->Text(0), q->Text(1), q->Int64(2), q->Int64(3), q->Int64(4)});
    }
    return takings;
}

}  // namespace tillbook::queries
