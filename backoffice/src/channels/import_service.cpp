#include "tillbook/office/channels/import_service.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <map>
#include <set>

#include "tillbook/ledger/origin.hpp"
#include "tillbook/ledger/sqlite_state.hpp"
#include "tillbook/ledger/validate.hpp"
#include "tillbook/office/channels/channel_stock.hpp"
#include "tillbook/orders/despatch_rules.hpp"
#include "tillbook/orders/local_time.hpp"
#include "tillbook/orders/quantity.hpp"
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
                orders::FormatQuantity(quantity),
                orders::FormatQuantity(std::max<std::int64_t>(0, best))));
        }
    }
    std::vector<Reservation> out;
    for (auto& [id, reservation] : split)
        out.push_back(std::move(reservation));
    return out;
}

// The rule's delivery date for goods despatched on the rule's local day of `despatch_by`: the
// rule's transit business days after that day (after the next business day if it is not one).
Result<ids::UtcMillis> DeliverAfter(ids::UtcMillis despatch_by, orders::DespatchRule rule) {
    auto offset = orders::UtcOffsetMinutes(rule.time_zone, despatch_by);
    if (!offset) return std::unexpected(offset.error());
    orders::LocalDateTime midnight = orders::ToLocal(despatch_by, *offset);
    midnight.hour = midnight.minute = midnight.second = 0;
    auto received = orders::FromLocal(midnight, rule.time_zone);
    if (!received) return std::unexpected(received.error());
    // Received at that midnight, before any cut-off, and despatched the same day.
    rule.handling_business_days = 0;
    rule.cutoff_hour = 23;
    rule.cutoff_minute = 59;
    auto deadlines = orders::ComputeDeadlines(*received, rule);
    if (!deadlines) return std::unexpected(deadlines.error());
    return deadlines->deliver_by;
}

// The channel's deadlines, or the channel's despatch rule where it gives none. A channel that
// gives a despatch-by date alone (Amazon's LatestShipDate without LatestDeliveryDate) is delivered
// the rule's transit days after that date: never before it is despatched.
Status FillDeadlines(store::Database& db, const std::string& code, orders::Order& order) {
    if (order.despatch_by && order.deliver_by) return {};
    auto rule_text = store::GetSetting(db, fmt::format("channel.{}.despatch_rule", code));
    if (!rule_text) return std::unexpected(rule_text.error());
    auto rule = orders::ParseDespatchRule(rule_text->value_or(kDefaultDespatchRule));
    if (!rule) return std::unexpected(rule.error());
    if (order.despatch_by) {
        auto deliver_by = DeliverAfter(*order.despatch_by, *rule);
        if (!deliver_by) return std::unexpected(deliver_by.error());
        order.deliver_by = *deliver_by;
        return {};
    }
    auto deadlines = orders::ComputeDeadlines(order.placed_at, *rule);
    if (!deadlines) return std::unexpected(deadlines.error());
    if (!order.despatch_by) order.despatch_by = deadlines->despatch_by;
    if (!order.deliver_by) order.deliver_by = deadlines->deliver_by;
    return {};
}

// The goods of known SKUs the order wants, per SKU; unknown SKUs become reasons on the order.
Result<std::map<std::string, std::int64_t>> WantedGoods(store::Database& db, orders::Order& order) {
    std::map<std::string, std::int64_t> wanted;
    for (const orders::OrderLine& line : order.lines) {
        if (line.kind != orders::LineKind::kGoods || line.sku.empty()) continue;
        auto sku = store::FindSku(db, line.sku);
        if (!sku) return std::unexpected(sku.error());
        if (!*sku) {
            order.attention.push_back(
                fmt::format("line {}: unknown SKU \"{}\"", line.line_no, line.sku));
            continue;
        }
        wanted[line.sku] += line.quantity;
    }
    return wanted;
}

std::string LineLabel(orders::LineKind kind, const std::string& sku) {
    if (!sku.empty()) return sku;
    return kind == orders::LineKind::kShipping ? "shipping" : "without SKU";
}

// What the order held before the new version: e-mail and deadlines (the rest is in OrderState).
struct StoredDetails {
    std::string customer_email;
    std::optional<ids::UtcMillis> despatch_by;
    std::optional<ids::UtcMillis> deliver_by;
};

Result<StoredDetails> ReadDetails(store::Database& db, const std::string& order_id) {
    auto q = db.Prepare("SELECT customer_email, despatch_by, deliver_by FROM orders WHERE id = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, order_id);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return StoredDetails{};
    return StoredDetails{q->Text(0), q->OptionalInt64(1), q->OptionalInt64(2)};
}

// What the new version changes, in words, line by line; empty when nothing that matters changed.
std::vector<std::string> ChangesOf(const ledger::OrderState& old, const StoredDetails& details,
                                   const orders::Order& next, const orders::OrderTotals& totals,
                                   const money::Currency& currency) {
    std::vector<std::string> changes;
    std::map<int, const ledger::OrderLineState*> before;
    for (const ledger::OrderLineState& line : old.lines)
        before[line.line_no] = &line;
    std::set<int> seen;
    for (std::size_t i = 0; i < next.lines.size(); ++i) {
        const orders::OrderLine& line = next.lines[i];
        const std::string label = LineLabel(line.kind, line.sku);
        seen.insert(line.line_no);
        const auto found = before.find(line.line_no);
        if (found == before.end()) {
            changes.push_back(fmt::format("line {} {} × {} new", line.line_no, label,
                                          orders::FormatQuantity(line.quantity)));
            continue;
        }
        const ledger::OrderLineState& was = *found->second;
        if (was.sku != line.sku || was.kind != line.kind) {
            changes.push_back(fmt::format("line {}: {} → {} × {}", line.line_no,
                                          LineLabel(was.kind, was.sku), label,
                                          orders::FormatQuantity(line.quantity)));
        } else if (was.quantity != line.quantity) {
            changes.push_back(fmt::format("line {} {}: {} → {}", line.line_no, label,
                                          orders::FormatQuantity(was.quantity),
                                          orders::FormatQuantity(line.quantity)));
        } else if (was.total_minor != totals.lines[i].total.Minor()) {
            changes.push_back(
                fmt::format("line {} {}: {} → {}", line.line_no, label,
                            money::FormatMoney(money::Money(was.total_minor, currency)),
                            money::FormatMoney(totals.lines[i].total)));
        }
    }
    for (const ledger::OrderLineState& line : old.lines) {
        if (!seen.contains(line.line_no)) {
            changes.push_back(
                fmt::format("line {} {} removed", line.line_no, LineLabel(line.kind, line.sku)));
        }
    }
    if (old.total_minor != totals.total.Minor()) {
        changes.push_back(fmt::format("total {} → {}",
                                      money::FormatMoney(money::Money(old.total_minor, currency)),
                                      money::FormatMoney(totals.total)));
    }
    if (details.customer_email != next.customer_email) changes.push_back("customer e-mail changed");
    if (details.despatch_by != next.despatch_by) changes.push_back("despatch-by date changed");
    if (details.deliver_by != next.deliver_by) changes.push_back("deliver-by date changed");
    return changes;
}

std::string Join(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& part : parts)
        out += (out.empty() ? "" : "; ") + part;
    return out;
}

// One import inside the writer's transaction: every event it appends is the channel's.
class ImportJob {
  public:
    ImportJob(OfficeContext& context, WriteContext& w, std::string code, const std::string& actor)
        : m_context(context),
          m_w(w),
          m_code(std::move(code)),
          m_origin(ledger::ChannelOrigin(m_code), context.clock, context.ids),
          m_actor(actor) {}

    Result<ledger::Appended> Append(ledger::EventPayload payload) {
        return m_origin.AppendInCurrentTransaction(m_w.ledger, m_actor, std::move(payload));
    }

    Status Flag(const std::string& order_id, std::vector<std::string> reasons) {
        if (reasons.empty()) return {};
        auto flagged = Append(ledger::OrderFlagged{order_id, std::move(reasons)});
        if (!flagged) return std::unexpected(flagged.error());
        return {};
    }

    // Each channel refund once, keyed by the channel's refund id (the refund's reference); one
    // that would refund more than we hold as paid is a reason, not a refund.
    Status RecordRefunds(ledger::OrderState& order, const std::vector<ChannelRefund>& refunds) {
        std::vector<std::string> reasons;
        for (const ChannelRefund& refund : refunds) {
            auto seen = m_w.db.Prepare(
                "SELECT count(*) FROM refunds WHERE order_id = ? AND tender = ? AND reference = ?");
            if (!seen) return std::unexpected(seen.error());
            seen->Bind(1, order.id)
                .Bind(2, static_cast<std::int64_t>(orders::Tender::kChannel))
                .Bind(3, refund.external_id);
            auto row = seen->Step();
            if (!row) return std::unexpected(row.error());
            if (*row && seen->Int64(0) > 0) continue;
            if (!ledger::CanRefund(order, refund.amount.Minor())) {
                reasons.push_back(fmt::format(
                    "refund {} of {} on {}: more than is recorded as paid; not recorded",
                    refund.external_id, money::FormatMoney(refund.amount), m_code));
                continue;
            }
            auto refunded = Append(ledger::RefundIssued{
                order.id, "",
                orders::Refund{orders::Tender::kChannel, refund.amount, refund.external_id, ""}});
            if (!refunded)
                return std::unexpected(refunded.error().WithContext("recording a channel refund"));
            order.refunded_minor += refund.amount.Minor();
        }
        return Flag(order.id, std::move(reasons));
    }

    // Reserves what `wanted` needs beyond what the order holds already; flags what runs short.
    Status ReserveRest(const std::string& order_id, std::map<std::string, std::int64_t> wanted,
                       std::vector<std::string>& attention) {
        ledger::SqliteLedgerState state(m_w.db);
        auto held = state.Reservations(order_id);
        if (!held) return std::unexpected(held.error());
        for (const ledger::ReservationState& r : *held)
            wanted[r.sku] -= r.quantity;
        std::erase_if(wanted, [](const auto& entry) { return entry.second <= 0; });
        auto reservations = Route(m_w.db, m_code, wanted, attention);
        if (!reservations) return std::unexpected(reservations.error());
        for (const Reservation& reservation : *reservations) {
            auto reserved =
                Append(ledger::StockReserved{order_id, reservation.location_id, reservation.lines});
            if (!reserved) return std::unexpected(reserved.error().WithContext("reserving stock"));
        }
        return {};
    }

    // The channel has the order paid: what of `total` is not yet recorded as paid, as one payment.
    Status TakeRest(const std::string& order_id, std::int64_t paid_minor, const money::Money& total,
                    const std::string& reference) {
        if (paid_minor >= total.Minor()) return {};
        const money::Money rest(total.Minor() - paid_minor, total.GetCurrency());
        auto paid = Append(ledger::PaymentTaken{
            order_id, orders::Payment{orders::Tender::kChannel, rest, rest, reference, ""}});
        if (!paid)
            return std::unexpected(paid.error().WithContext("recording the channel's payment"));
        return {};
    }

    Status Place(ImportedOrder& imported, ImportOutcome& outcome);
    Status Update(const std::string& order_id, ImportedOrder& imported);

  private:
    OfficeContext& m_context;
    WriteContext& m_w;
    const std::string m_code;
    const ledger::Origin m_origin;
    const std::string& m_actor;
};

Status ImportJob::Place(ImportedOrder& imported, ImportOutcome& outcome) {
    orders::Order& order = imported.order;
    order.id = m_context.ids.NextString();
    order.channel = m_code;
    if (!imported.shipped_by_channel) {
        if (auto ok = FillDeadlines(m_w.db, m_code, order); !ok) return ok;
    }
    auto wanted = WantedGoods(m_w.db, order);
    if (!wanted) return std::unexpected(wanted.error());
    if (imported.cancelled || imported.shipped_by_channel) wanted->clear();
    auto reservations = Route(m_w.db, m_code, *wanted, order.attention);
    if (!reservations) return std::unexpected(reservations.error());
    if (imported.cancelled)
        order.attention.push_back(fmt::format("cancelled on {} before import", m_code));

    auto placed = Append(ledger::OrderPlaced{order, false});
    if (!placed) return std::unexpected(placed.error().WithContext("placing the order"));
    outcome.order_id = order.id;
    outcome.created = true;
    auto totals = orders::ComputeTotals(order);
    if (!totals) return std::unexpected(totals.error());
    if (imported.paid && totals->total.Minor() > 0) {
        auto paid = Append(
            ledger::PaymentTaken{order.id, orders::Payment{orders::Tender::kChannel, totals->total,
                                                           totals->total, order.external_id, ""}});
        if (!paid)
            return std::unexpected(paid.error().WithContext("recording the channel's payment"));
    }
    if (!imported.refunds.empty()) {
        ledger::SqliteLedgerState state(m_w.db);
        auto held = state.FindOrder(order.id);
        if (!held) return std::unexpected(held.error());
        if (*held) {
            if (auto ok = RecordRefunds(**held, imported.refunds); !ok) return ok;
        }
    }
    for (const Reservation& reservation : *reservations) {
        auto reserved =
            Append(ledger::StockReserved{order.id, reservation.location_id, reservation.lines});
        if (!reserved) return std::unexpected(reserved.error().WithContext("reserving stock"));
    }
    if (imported.cancelled) {
        auto cancelled =
            Append(ledger::OrderCancelled{order.id, fmt::format("cancelled on {}", m_code)});
        if (!cancelled) return std::unexpected(cancelled.error());
    }
    return {};
}

// A newer version of an order we hold: its refunds first, then a cancellation, or an amendment
// while nothing has been picked, or a flag naming what changed once it is too late.
Status ImportJob::Update(const std::string& order_id, ImportedOrder& imported) {
    ledger::SqliteLedgerState state(m_w.db);
    auto found = state.FindOrder(order_id);
    if (!found) return std::unexpected(found.error());
    if (!*found) return {};
    ledger::OrderState& order = **found;
    if (order.currency != imported.order.currency) {
        // Imported in another currency (the shop's, before the importer read the money the
        // customer paid): neither the refunds nor the new version fit the order; a person decides.
        return Flag(order_id, {fmt::format("changed on {} after import: the customer paid in {}, "
                                           "the order was imported in {}; not applied",
                                           m_code, imported.order.currency, order.currency)});
    }
    if (auto ok = RecordRefunds(order, imported.refunds); !ok) return ok;
    using orders::OrderStatus;
    if (imported.cancelled) {
        if (order.status == OrderStatus::kCancelled) return {};
        if (!ledger::CanCancel(order)) {
            return Flag(order_id, {fmt::format("cancelled on {} after it was {}", m_code,
                                               orders::ToString(order.status))});
        }
        auto cancelled =
            Append(ledger::OrderCancelled{order_id, fmt::format("cancelled on {}", m_code)});
        if (!cancelled) return std::unexpected(cancelled.error());
        return {};
    }

    orders::Order next = std::move(imported.order);
    next.id = order_id;
    next.channel = m_code;
    next.location_id.clear();
    auto details = ReadDetails(m_w.db, order_id);
    if (!details) return std::unexpected(details.error());
    // Deadlines the channel does not give stay as they were set at import.
    if (!next.despatch_by) next.despatch_by = details->despatch_by;
    if (!next.deliver_by) next.deliver_by = details->deliver_by;
    if (!imported.shipped_by_channel) {
        if (auto ok = FillDeadlines(m_w.db, m_code, next); !ok) return ok;
    }
    auto wanted = WantedGoods(m_w.db, next);
    if (!wanted) return std::unexpected(wanted.error());
    if (imported.shipped_by_channel) wanted->clear();
    auto currency = money::FindCurrency(next.currency);
    if (!currency) return std::unexpected(currency.error());
    auto totals = orders::ComputeTotals(next);
    if (!totals) return std::unexpected(totals.error());
    const auto changes = ChangesOf(order, *details, next, *totals, *currency);
    if (changes.empty()) {
        // Nothing sold changed, but the channel may have taken the payment since (Shopify's
        // orders/paid after a bank transfer).
        if (!imported.paid || order.status == OrderStatus::kCancelled) return {};
        return TakeRest(order_id, order.paid_minor, totals->total, next.external_id);
    }
    const std::string what = Join(changes);

    // The ledger's own rules decide; its refusal becomes a reason for a person to act on.
    if (!ledger::CanAmend(order)) {
        // The goods may already be in a box, or back: a person decides.
        return Flag(order_id, {fmt::format("changed on {} after import, when it was already {}: "
                                           "{}; not applied",
                                           m_code, orders::ToString(order.status), what)});
    }
    if (!ledger::CanAmendTo(order, totals->total.Minor())) {
        return Flag(order_id,
                    {fmt::format("changed on {} after import: {}; not applied: {} is paid and "
                                 "the new total is {}, with no refund from {} for the difference",
                                 m_code, what,
                                 money::FormatMoney(money::Money(
                                     order.paid_minor - order.refunded_minor, *currency)),
                                 money::FormatMoney(totals->total), m_code)});
    }
    auto amended =
        Append(ledger::OrderAmended{next, fmt::format("changed on {}: {}", m_code, what)});
    if (!amended) return std::unexpected(amended.error().WithContext("amending the order"));
    if (imported.paid) {
        if (auto ok = TakeRest(order_id, order.paid_minor, totals->total, next.external_id); !ok)
            return ok;
    }
    std::vector<std::string> short_lines;
    if (auto ok = ReserveRest(order_id, std::move(*wanted), short_lines); !ok) return ok;
    return Flag(order_id, std::move(short_lines));
}

}  // namespace

Status ImportService::ImportInto(WriteContext& w, const std::string& code, ImportedOrder& imported,
                                 const std::string& payload_hash, const std::string& actor,
                                 ImportOutcome& outcome) {
    ImportJob job(m_context, w, code, actor);
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
        if (same || !newer) return {};  // a re-import, or an older version: nothing changes
        auto update = w.db.Prepare(
            "UPDATE channel_orders SET updated_at = ?, payload_sha256 = ? WHERE channel = ? AND "
            "external_id = ?");
        if (!update) return std::unexpected(update.error());
        if (auto ok = update->Bind(1, imported.updated_at)
                          .Bind(2, payload_hash)
                          .Bind(3, code)
                          .Bind(4, imported.order.external_id)
                          .Run();
            !ok)
            return ok;
        return job.Update(outcome.order_id, imported);
    }

    const std::string external_id = imported.order.external_id;
    if (auto ok = job.Place(imported, outcome); !ok) return ok;
    auto record = w.db.Prepare(
        "INSERT INTO channel_orders (channel, external_id, order_id, updated_at, payload_sha256) "
        "VALUES (?, ?, ?, ?, ?)");
    if (!record) return std::unexpected(record.error());
    return record->Bind(1, code)
        .Bind(2, external_id)
        .Bind(3, outcome.order_id)
        .Bind(4, imported.updated_at)
        .Bind(5, payload_hash)
        .Run();
}

Result<ImportOutcome> ImportService::Import(Channel channel, std::string_view body,
                                            const std::string& actor,
                                            const std::string& delivery_id) {
    auto parsed = ParseFor(channel, body);
    if (!parsed) return std::unexpected(parsed.error());
    ImportedOrder imported = std::move(*parsed);
    const std::string code(ChannelCode(channel));
    const std::string payload_hash = Sha256Hex(body);
    const std::int64_t now = m_context.clock.Now();
    ImportOutcome outcome;

    auto written = m_context.writer.Run([&](WriteContext& w) -> Status {
        if (!delivery_id.empty()) {
            // A retry of a delivery we took (its id), or the same signed body again under another
            // id, which is not signed (a replay): its order, and nothing more.
            auto seen = w.db.Prepare(
                "SELECT order_id FROM webhook_deliveries WHERE channel = ?1 AND order_id <> '' "
                "AND (delivery_id = ?2 OR payload_sha256 = ?3) ORDER BY delivery_id = ?2 DESC "
                "LIMIT 1");
            if (!seen) return std::unexpected(seen.error());
            seen->Bind(1, code).Bind(2, delivery_id).Bind(3, payload_hash);
            auto row = seen->Step();
            if (!row) return std::unexpected(row.error());
            if (*row) {
                outcome.order_id = seen->Text(0);
                return {};
            }
        }
        if (auto ok = ImportInto(w, code, imported, payload_hash, actor, outcome); !ok) return ok;
        if (delivery_id.empty()) return {};
        auto record = w.db.Prepare(
            "INSERT INTO webhook_deliveries (channel, delivery_id, received_at, order_id, "
            "payload_sha256) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET order_id = "
            "excluded.order_id, payload_sha256 = excluded.payload_sha256");
        if (!record) return std::unexpected(record.error());
        return record->Bind(1, code)
            .Bind(2, delivery_id)
            .Bind(3, now)
            .Bind(4, outcome.order_id)
            .Bind(5, payload_hash)
            .Run();
    });
    if (!written) return std::unexpected(written.error());
    return outcome;
}

}  // namespace tillbook::office::channels
