#pragma once
// A shift's drawer and takings as the ledger has them: what X (mid-shift) and Z (close) reports
// print, and what a cash-up screen shows. Read from the projections; no JSON, no I/O beyond the
// database.
#include <cstdint>
#include <optional>
#include <string>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/money/money.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::queries {

struct ShiftSummary {
    std::string shift_id;
    std::string terminal;  // the till's origin: "terminal:S01-T1"
    std::string location_id;
    std::string opened_by;  // staff id
    ids::UtcMillis opened_at = 0;
    std::optional<ids::UtcMillis> closed_at;
    money::Money opening_float;
    money::Money cash_sales;    // cash taken into this drawer (sales, exchanges' differences)
    money::Money cash_refunds;  // cash that left it as refunds
    money::Money paid_in;
    money::Money paid_out;
    money::Money expected;                // float + cash sales + paid in - paid out - cash refunds
    std::optional<money::Money> counted;  // once closed
    // What the till took and gave back by card while the shift was open: never in the drawer.
    money::Money card_sales;
    money::Money card_refunds;
    std::int64_t sales = 0;     // orders the till placed while the shift was open
    std::int64_t no_sales = 0;  // times the drawer was opened with no sale (DrawerOpened)
};

// nullopt: no such shift.
[[nodiscard]] Result<std::optional<ShiftSummary>> ShiftSummaryOf(store::Database& db,
                                                                 const std::string& shift_id);

// The open shift of `terminal` (its origin), if there is one.
[[nodiscard]] Result<std::optional<ShiftSummary>> OpenShiftSummary(store::Database& db,
                                                                   const std::string& terminal);

// The most recently closed shift of `terminal`, if there is one.
[[nodiscard]] Result<std::optional<ShiftSummary>> LastClosedShiftSummary(
    store::Database& db, const std::string& terminal);

}  // namespace tillbook::queries
