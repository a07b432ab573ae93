#include "tillbook/office/channels/reservation_shortfall.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "tillbook/ledger/sqlite_state.hpp"
#include "tillbook/office/office_events.hpp"

namespace tillbook::office::channels {

namespace {

struct Held {
    std::string order_id;
    std::int64_t quantity = 0;  // milli-units
    bool flagged = false;       // for this place already
};

// How much of what is reserved at the place is not on hand; 0 when it is covered.
Result<std::int64_t> Shortfall(store::Database& db, const StockPlace& place) {
    auto level = ledger::SqliteLedgerState(db).Stock(place.first, place.second);
    if (!level) return std::unexpected(level.error());
    return std::max<std::int64_t>(0, level->reserved - std::max<std::int64_t>(0, level->on_hand));
}

Result<std::string> LocationCode(store::Database& db, const std::string& location_id) {
    auto q = db.Prepare("SELECT code FROM locations WHERE id = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, location_id);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    return *row ? q->Text(0) : location_id;
}

// The orders holding a reservation at the place, the last placed first.
Result<std::vector<Held>> Holders(store::Database& db, const StockPlace& place,
                                  const std::string& reason) {
    auto q = db.Prepare(
        "SELECT r.order_id, r.quantity, instr(o.attention, ?3) > 0 FROM reservations r JOIN orders "
        "o ON o.id = r.order_id WHERE r.location_id = ?1 AND r.sku = ?2 ORDER BY o.placed_seq "
        "DESC");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, place.first).Bind(2, place.second).Bind(3, reason);
    std::vector<Held> held;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        held.push_back({q->Text(0), q->Int64(1), q->Int64(2) != 0});
    }
    return held;
}

}  // namespace

Result<int> FlagUncoveredReservations(WriteContext& w, const ids::Clock& clock, ids::IdSource& ids,
                                      const std::set<StockPlace>& moved) {
    int flagged = 0;
    for (const StockPlace& place : moved) {
        auto shortfall = Shortfall(w.db, place);
        if (!shortfall) return std::unexpected(shortfall.error());
        if (*shortfall == 0) continue;
        auto code = LocationCode(w.db, place.first);
        if (!code) return std::unexpected(code.error());
        const std::string reason = fmt::format(
            "short: {} reserved at {} is no longer there (sold at a till, written off or counted "
            "short after it was reserved); find more or tell the customer",
            place.second, *code);
        auto holders = Holders(w.db, place, reason);
        if (!holders) return std::unexpected(holders.error());
        std::int64_t covered = 0;
        for (const Held& held : *holders) {
            if (covered >= *shortfall) break;
            covered += held.quantity;
            if (held.flagged) continue;
            auto appended = AppendOfficeEvent(w.ledger, clock, ids, "system",
                                              ledger::OrderFlagged{held.order_id, {reason}});
            if (!appended) return std::unexpected(appended.error());
            ++flagged;
        }
    }
    return flagged;
}

}  // namespace tillbook::office::channels
