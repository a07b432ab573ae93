#pragma once
// A pull's answer taken into the till's database, in one transaction (docs/sync-protocol.md,
// "The till's sync worker"):
//   - SKUs and their barcodes into the shared catalogue tables (cost 0: a till never sees cost),
//     tax classes beside them;
//   - active staff into the shared staff table (no password, the PIN's hash as pulled); staff no
//     longer listed become inactive;
//   - settings as till.NAME, replacing every pulled till.* setting (the till's own identity,
//     till.store_code and till.terminal, stays);
//   - the store into locations;
//   - the office's stock levels at the store into office_stock (never stock_levels, which the
//     till's own journal projects);
//   - the cursor, so the next pull starts where this one ended.
// Nothing is written when any of it fails.
#include <cstdint>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/store/sqlite.hpp"
#include "tillbook/sync/pull.hpp"

namespace tillbook::pos::office {

struct PullApplied {
    std::int64_t skus = 0;          // SKUs saved (new or changed)
    std::int64_t stock = 0;         // stock levels saved
    bool staff_changed = false;     // someone added, changed or gone inactive
    bool settings_changed = false;  // a till.* setting added, changed or removed
    bool tax_changed = false;
    bool store_changed = false;
    // What the till's screens must read again: SKUs, staff, settings or tax classes.
    [[nodiscard]] bool ReferenceDataChanged() const {
        return skus > 0 || staff_changed || settings_changed || tax_changed || store_changed;
    }
};

// The till's own settings, never replaced by a pull.
[[nodiscard]] bool IsTillIdentitySetting(std::string_view key);

[[nodiscard]] Result<PullApplied> ApplyPull(store::Database& db, const sync::PullSnapshot& pull,
                                            ids::UtcMillis now);

}  // namespace tillbook::pos::office
