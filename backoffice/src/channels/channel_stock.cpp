#include "tillbook/office/channels/channel_stock.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "tillbook/office/channels/reservation_shortfall.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::channels {

Result<std::vector<ServingLocation>> ServingLocations(store::Database& db,
                                                      std::string_view channel) {
    auto q = db.Prepare(
        "SELECT location_id, priority FROM channel_locations WHERE channel = ? ORDER BY priority, "
        "location_id");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, channel);
    std::vector<ServingLocation> out;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return out;
        out.push_back({q->Text(0), static_cast<int>(q->Int64(1))});
    }
}

namespace {

Result<std::int64_t> AvailableFor(store::Database& db, const std::string& channel,
                                  std::int64_t channel_buffer, const std::string& sku) {
    auto levels = db.Prepare(
        "SELECT l.location_id, coalesce(s.on_hand, 0), coalesce(s.reserved, 0) FROM "
        "channel_locations l "
        "LEFT JOIN stock_levels s ON s.location_id = l.location_id AND s.sku = ?2 WHERE l.channel "
        "= ?1");
    if (!levels) return std::unexpected(levels.error());
    levels->Bind(1, channel).Bind(2, sku);
    std::vector<stock::StockLevel> serving;
    while (true) {
        auto row = levels->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        serving.push_back({levels->Text(0), levels->Int64(1), levels->Int64(2)});
    }
    stock::ChannelStockRule rule{channel_buffer, std::nullopt};
    auto override_rule = db.Prepare(
        "SELECT buffer, fixed_quantity FROM channel_sku_rules WHERE channel = ? AND sku = ?");
    if (!override_rule) return std::unexpected(override_rule.error());
    override_rule->Bind(1, channel).Bind(2, sku);
    auto row = override_rule->Step();
    if (!row) return std::unexpected(row.error());
    if (*row) {
        if (!override_rule->IsNull(0)) rule.buffer = override_rule->Int64(0);
        rule.fixed_quantity = override_rule->OptionalInt64(1);
    }
    return stock::WholeUnits(stock::AvailableToChannel(serving, rule));
}

}  // namespace

Status QueueStockFigures(store::Database& db, std::string_view channel_code,
                         const std::set<std::string>& skus, std::int64_t now) {
    auto channels =
        db.Prepare("SELECT code, buffer FROM channels WHERE ?1 = '' OR code = ?1 ORDER BY code");
    if (!channels) return std::unexpected(channels.error());
    channels->Bind(1, channel_code);
    std::vector<std::pair<std::string, std::int64_t>> all;
    while (true) {
        auto row = channels->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        all.emplace_back(channels->Text(0), channels->Int64(1));
    }
    for (const auto& [channel, buffer] : all) {
        for (const std::string& sku : skus) {
            auto available = AvailableFor(db, channel, buffer, sku);
            if (!available) return std::unexpected(available.error());
            auto last = db.Prepare(
                "SELECT available FROM channel_stock_published WHERE channel = ? AND sku = ?");
            if (!last) return std::unexpected(last.error());
            last->Bind(1, channel).Bind(2, sku);
            auto row = last->Step();
            if (!row) return std::unexpected(row.error());
            if (*row && last->Int64(0) == *available) continue;
            auto publish = db.Prepare(
                "INSERT INTO channel_stock_published (channel, sku, available) VALUES (?, ?, ?) "
                "ON CONFLICT (channel, sku) DO UPDATE SET available = excluded.available");
            if (!publish) return std::unexpected(publish.error());
            if (auto ok = publish->Bind(1, channel).Bind(2, sku).Bind(3, *available).Run(); !ok)
                return ok;
            // Only the newest figure matters: an older one not yet delivered is superseded.
            auto supersede = db.Prepare(
                "UPDATE outbox SET delivered_at = ?, last_error = 'superseded by a newer figure' "
                "WHERE channel = ? AND topic = 'stock' AND subject = ? AND delivered_at IS NULL");
            if (!supersede) return std::unexpected(supersede.error());
            if (auto ok = supersede->Bind(1, now).Bind(2, channel).Bind(3, sku).Run(); !ok)
                return ok;
            const nlohmann::json body{{"channel", channel},
                                      {"sku", sku},
                                      {"available", *available},
                                      {"paused", *available == 0}};
            auto queue = db.Prepare(
                "INSERT INTO outbox (channel, topic, subject, body, created_at, next_attempt_at) "
                "VALUES (?, 'stock', ?, ?, ?, ?)");
            if (!queue) return std::unexpected(queue.error());
            if (auto ok = queue->Bind(1, channel)
                              .Bind(2, sku)
                              .Bind(3, body.dump())
                              .Bind(4, now)
                              .Bind(5, now)
                              .Run();
                !ok)
                return ok;
        }
    }
    return {};
}

Status QueueChannelFigures(store::Database& db, std::string_view channel, std::int64_t now) {
    auto q = db.Prepare("SELECT code FROM skus");
    if (!q) return std::unexpected(q.error());
    std::set<std::string> skus;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        skus.insert(q->Text(0));
    }
    return QueueStockFigures(db, channel, skus, now);
}

Result<std::int64_t> PublishStockChanges(WriteContext& w, const ids::Clock& clock,
                                         ids::IdSource& ids, std::int64_t limit) {
    auto cursor = w.db.QueryInt64("SELECT seq FROM channel_stock_cursor");
    if (!cursor) return std::unexpected(cursor.error());
    // Up to `limit` movements, and never half of an event's: up to the last sequence among them.
    auto upto = w.db.Prepare(
        "SELECT max(seq) FROM (SELECT seq FROM stock_movements WHERE seq > ? ORDER BY seq LIMIT "
        "?)");
    if (!upto) return std::unexpected(upto.error());
    upto->Bind(1, *cursor).Bind(2, limit);
    if (auto row = upto->Step(); !row) return std::unexpected(row.error());
    const auto last = upto->OptionalInt64(0);
    if (!last) return 0;
    std::set<std::string> skus;
    std::set<StockPlace> places;
    auto moved = w.db.Prepare(
        "SELECT DISTINCT location_id, sku FROM stock_movements WHERE seq > ? AND seq <= ?");
    if (!moved) return std::unexpected(moved.error());
    moved->Bind(1, *cursor).Bind(2, *last);
    while (true) {
        auto row = moved->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        places.emplace(moved->Text(0), moved->Text(1));
        skus.insert(moved->Text(1));
    }
    if (auto ok = QueueStockFigures(w.db, "", skus, clock.Now()); !ok)
        return std::unexpected(ok.error());
    if (auto flagged = FlagUncoveredReservations(w, clock, ids, places); !flagged)
        return std::unexpected(flagged.error());
    auto advance = w.db.Prepare("UPDATE channel_stock_cursor SET seq = ?");
    if (!advance) return std::unexpected(advance.error());
    if (auto ok = advance->Bind(1, *last).Run(); !ok) return std::unexpected(ok.error());
    return static_cast<std::int64_t>(skus.size());
}

}  // namespace tillbook::office::channels
