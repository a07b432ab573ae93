#include "channels/import_service.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <map>

#include "channels/channel_stock.hpp"
#include "tillbook/ledger/sqlite_state.hpp"
#include "tillbook/orders/despatch_rules.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::channels {

namespace {

// Orders in by 14:00 London time on a business day go out that day; delivery two business days on.
constexpr const char* kDefaultDespatchRule = "Europe/London 14:00 +0 +2";

Result<ImportedOrder> ParseFor(Channel channel, std::string_view body) {
    switch (channel) {
        case Channel::kShopify:
            return ParseShopifyOrder(body);
        case Channel::kWooCommerce:
            return ParseWooCommerceOrder(body);
        case Channel::kEbay:
            return ParseEbayOrder(body);
        case Channel::kAmazon:
            return ParseAmazonOrder(body);
    }
    return std::unexpected(MakeError(ErrorCode::kUnsupported, "unknown channel"));
}

std::string Sha256Hex(std::string_view text) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

struct Reservation {
    std::string location_id;
    std::vector<ledger::SkuQuantity> lines;
};

// Where the order's goods come from: one location that has everything, in priority order; else
// each SKU from the first location that has enough of it; what no location has is short.
Result<std::vector<Reservation>> Route(store::Database& db, const std::string& channel,
                                       const std::map<std::string, std::int64_t>& wanted,
                                       std::vector<std::string>& attention) {
    auto serving = ServingLocations(db, channel);
    if (!serving) return std::unexpected(serving.error());
    if (wanted.empty()) return std::vector<Reservation>{};
    if (serving->empty()) {
        attention.push_back(fmt::format("no location serves {}: nothing reserved", channel));
        return std::vector<Reservation>{};
    }
    ledger::SqliteLedgerState state(db);
    std::map<std::string, std::map<std::string, std::int64_t>> available;  // location -> sku -> qty
    for (const ServingLocation& location : *serving) {
        for (const auto& [sku, quantity] : wanted) {
            auto stock = state.Stock(location.location_id, sku);
            if (!stock) return std::unexpected(stock.error());
            available[location.location_id][sku] = stock->Available();
        }
    }
    for (const ServingLocation& location : *serving) {
        bool all = true;
        for (const auto& [sku, quantity] : wanted)
            all = all && available[location.location_id][sku] >= quantity;
        if (!all) continue;
        Reservation whole{location.location_id, {}};
        for (const auto& [sku, quantity] : wanted)
            whole.lines.push_back({sku, quantity});
        return std::vector<Reservation>{whole};
    }
    std::map<std::string, Reservation> split;
    for (const auto& [sku, quantity] : wanted) {
        bool found = false;
        for (const ServingLocation& location : *serving) {
            if (available[location.location_id][sku] >= quantity) {
                split[location.location_id].location_id = location.location_id;
                split[location.location_id].lines.push_back({sku, quantity});
                found = true;
                break;
            }
        }
        if (!found) {
            std::int64_t best = 0;
            for (const ServingLocation& location : *serving)
                best = std::max(best, available[location.location_id][sku]);
            attention.push_back(fmt::format(
                "short: {} needs {} but at most {} is available at one location; not reserved", sku,
                quantity / 1000, std::max<std::int64_t>(0, best) / 1000));
        }
    }
    std::vector<Reservation> out;
    for (auto& [id, reservation] : split)
        out.push_back(std::move(reservation));
    return out;
}

}  // namespace

Result<ImportOutcome> ImportService::Import(Channel channel, std::string_view body,
                                            const std::string& actor,
                                            const std::string& delivery_id) {
    auto parsed = ParseFor(channel, body);
    if (!parsed) return std::unexpected(parsed.error());
    ImportedOrder imported = std::move(*parsed);
    const std::string code(ChannelCode(channel));
    const std::string origin = "channel:" + code;
    const std::string payload_hash = Sha256Hex(body);
    const std::int64_t now = m_context.clock.Now();
    ImportOutcome outcome;

    auto written = m_context.writer.Run([&](WriteContext& w) -> Status {
        const auto append = [&](ledger::EventPayload payload) -> Result<ledger::Appended> {
            auto seq = w.ledger.NextOriginSeq(origin);
            if (!seq) return std::unexpected(seq.error());
            return w.ledger.AppendInCurrentTransaction(ledger::Event{
                m_context.ids.NextString(), origin, *seq, actor, now, std::move(payload)});
        };
        if (!delivery_id.empty()) {
            auto seen = w.db.Prepare(
                "INSERT INTO webhook_deliveries (channel, delivery_id, received_at) VALUES (?, ?, "
                "?) "
                "ON CONFLICT DO NOTHING");
            if (!seen) return std::unexpected(seen.error());
            if (auto ok = seen->Bind(1, code).Bind(2, delivery_id).Bind(3, now).Run(); !ok)
                return ok;
        }
        auto known = w.db.Prepare(
            "SELECT order_id, updated_at, payload_sha256 FROM channel_orders WHERE channel = ? AND "
            "external_id = ?");
        if (!known) return std::unexpected(known.error());
        known->Bind(1, code).Bind(2, imported.order.external_id);
        auto row = known->Step();
        if (!row) return std::unexpected(row.error());
        if (*row) {
            outcome.order_id = known->Text(0);
            const auto stored_updated = known->OptionalInt64(1);
            const bool same = known->Text(2) == payload_hash;
            const bool newer =
                imported.updated_at && (!stored_updated || *imported.updated_at > *stored_updated);
            if (same || !newer) return {};  // a re-delivery, or an older version: nothing changes
            const std::string order_id = outcome.order_id;
            auto update = w.db.Prepare(
                "UPDATE channel_orders SET updated_at = ?, payload_sha256 = ? WHERE channel = ? "
                "AND external_id = ?");
            if (!update) return std::unexpected(update.error());
            if (auto ok = update->Bind(1, imported.updated_at)
                              .Bind(2, payload_hash)
                              .Bind(3, code)
                              .Bind(4, imported.order.external_id)
                              .Run();
                !ok)
                return ok;
            ledger::SqliteLedgerState state(w.db);
            auto order = state.FindOrder(order_id);
            if (!order) return std::unexpected(order.error());
            if (imported.cancelled && *order &&
                orders::CanMove((*order)->status, orders::OrderStatus::kCancelled)) {
                auto cancelled =
                    append(ledger::OrderCancelled{order_id, fmt::format("cancelled on {}", code)});
                if (!cancelled) return std::unexpected(cancelled.error());
                return MarkStockChanged(w, cancelled->seq, cancelled->seq);
            }
            if (!imported.cancelled) {
                auto flagged = append(ledger::OrderFlagged{
                    order_id, {fmt::format("changed on {} after import; check the lines", code)}});
                if (!flagged) return std::unexpected(flagged.error());
            }
            return {};
        }

        // A new order.
        orders::Order& order = imported.order;
        order.id = m_context.ids.NextString();
        order.channel = code;
        if (!order.despatch_by || !order.deliver_by) {
            // The channel gives no deadline: the channel's despatch rule does.
            auto rule_text = store::GetSetting(w.db, fmt::format("channel.{}.despatch_rule", code));
            if (!rule_text) return std::unexpected(rule_text.error());
            auto rule = orders::ParseDespatchRule(rule_text->value_or(kDefaultDespatchRule));
            if (!rule) return std::unexpected(rule.error());
            auto deadlines = orders::ComputeDeadlines(order.placed_at, *rule);
            if (!deadlines) return std::unexpected(deadlines.error());
            if (!order.despatch_by) order.despatch_by = deadlines->despatch_by;
            if (!order.deliver_by) order.deliver_by = deadlines->deliver_by;
        }
        std::map<std::string, std::int64_t> wanted;
        for (orders::OrderLine& line : order.lines) {
            if (line.kind != orders::LineKind::kGoods || line.sku.empty()) continue;
            auto sku = store::FindSku(w.db, line.sku);
            if (!sku) return std::unexpected(sku.error());
            if (!*sku) {
                order.attention.push_back(
                    fmt::format("line {}: unknown SKU \"{}\"", line.line_no, line.sku));
                continue;
            }
            wanted[line.sku] += line.quantity;
        }
        if (imported.cancelled) wanted.clear();
        auto reservations = Route(w.db, code, wanted, order.attention);
        if (!reservations) return std::unexpected(reservations.error());
        if (imported.cancelled)
            order.attention.push_back(fmt::format("cancelled on {} before import", code));

        auto placed = append(ledger::OrderPlaced{order, false});
        if (!placed) return std::unexpected(placed.error().WithContext("placing the order"));
        outcome.order_id = order.id;
        outcome.created = true;
        auto totals = orders::ComputeTotals(order);
        if (!totals) return std::unexpected(totals.error());
        if (imported.paid && totals->total.Minor() > 0) {
            auto paid = append(ledger::PaymentTaken{
                order.id, orders::Payment{orders::Tender::kChannel, totals->total, totals->total,
                                          order.external_id, ""}});
            if (!paid)
                return std::unexpected(paid.error().WithContext("recording the channel's payment"));
        }
        std::int64_t first_seq = placed->seq;
        std::int64_t last_seq = placed->seq;
        for (const Reservation& reservation : *reservations) {
            auto reserved =
                append(ledger::StockReserved{order.id, reservation.location_id, reservation.lines});
            if (!reserved) return std::unexpected(reserved.error().WithContext("reserving stock"));
            last_seq = reserved->seq;
        }
        if (imported.cancelled) {
            auto cancelled =
                append(ledger::OrderCancelled{order.id, fmt::format("cancelled on {}", code)});
            if (!cancelled) return std::unexpected(cancelled.error());
        }
        auto record = w.db.Prepare(
            "INSERT INTO channel_orders (channel, external_id, order_id, updated_at, "
            "payload_sha256) VALUES (?, ?, ?, ?, ?)");
        if (!record) return std::unexpected(record.error());
        if (auto ok = record->Bind(1, code)
                          .Bind(2, order.external_id)
                          .Bind(3, order.id)
                          .Bind(4, imported.updated_at)
                          .Bind(5, payload_hash)
                          .Run();
            !ok) {
            return ok;
        }
        return MarkStockChanged(w, first_seq, last_seq);
    });
    if (!written) return std::unexpected(written.error());
    return outcome;
}

}  // namespace tillbook::office::channels
