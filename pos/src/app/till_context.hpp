#pragma once
// What the till's controllers share: the ports and the database they were given, the journal once
// the till is paired, the catalogue in memory, who is signed in, and the view they fill in. One
// owner (TillApp), on the UI thread only.
#include <optional>
#include <string>
#include <vector>

#include "discount_limits.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/ids/uuid.hpp"
#include "tillbook/pos/app/sku_index.hpp"
#include "tillbook/pos/app/till_view.hpp"
#include "tillbook/pos/app/worker_reports.hpp"
#include "tillbook/pos/till_journal.hpp"
#include "tillbook/staff/staff.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::pos::app {

struct SignedIn {
    std::string staff_id;  // the actor of every event
    std::string display_name;
    staff::Role role = staff::Role::kCashier;
};

struct TillContext {
    store::Database& db;
    const ids::Clock& clock;
    ids::IdSource& ids;
    DevicePort& devices;
    SyncPort& sync;
    std::optional<TillJournal> journal;  // empty until the till is paired
    SkuIndex catalogue;                  // read after the PIN pad shows (TillApp::LoadCatalogue)
    money::Currency currency;            // the shop's: prices, floats, payments
    std::vector<catalogue::TaxClass> tax_classes;
    DiscountLimits discount_limits;
    std::string time_zone = "UTC";  // the store's
    std::optional<SignedIn> cashier;
    TillView view;
};

}  // namespace tillbook::pos::app
