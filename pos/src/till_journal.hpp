#pragma once
// The till's own journal: every sale and cash movement is written to the till's SQLite (WAL,
// synchronous=FULL) through the ledger before anything else happens. Events stay here for good;
// what the back office answered for each is kept beside them (till_sync.hpp).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/ids/uuid.hpp"
#include "tillbook/ledger/ledger.hpp"
#include "tillbook/ledger/origin.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::pos {

struct TillIdentity {
    std::string store_code;  // "S01"
    std::string store_location_id;
    std::string terminal;  // "T1"
    [[nodiscard]] std::string Origin() const {
        return ledger::TerminalOrigin(store_code, terminal);
    }
};

struct ScannedLine {
    std::string code;                 // barcode or SKU as scanned/typed
    std::int64_t quantity_units = 1;  // "x2" on the command line
};

struct SaleResult {
    orders::Order order;
    money::Money total;
    money::Money change;
    std::int64_t seq = 0;
};

struct TillStatus {
    TillIdentity identity;
    std::int64_t events = 0;
    std::int64_t unsent_events = 0;  // not accepted by the back office yet, rejected included
    std::optional<ids::UtcMillis> oldest_unsent_at;
    std::int64_t rejected_events = 0;  // rejected by the back office: staff must look
    std::int64_t sales = 0;
    std::optional<std::string> open_shift;
    std::optional<money::Money> expected_cash;
};

class TillJournal {
  public:
    // The database must exist and have been set up with Setup().
    [[nodiscard]] static Result<TillJournal> Open(store::Database& db, const ids::Clock& clock,
                                                  ids::IdSource& ids);
    // Records which store and terminal this till is; the store must be a known location.
    [[nodiscard]] static Status Setup(store::Database& db, std::string_view store_code,
                                      std::string_view terminal);

    [[nodiscard]] Result<std::string> OpenShift(const money::Money& opening_float,
                                                std::string_view actor);
    [[nodiscard]] Result<money::Money> CloseShift(const money::Money& counted,
                                                  std::string_view actor);
    // Rings up the lines and takes one tender. Cash needs an open shift; `tendered` is the cash
    // handed over (change = tendered - total). Card takes exactly the total.
    [[nodiscard]] Result<SaleResult> Sell(std::span<const ScannedLine> lines, orders::Tender tender,
                                          std::optional<money::Money> tendered,
                                          std::string_view actor);
    [[nodiscard]] Result<TillStatus> ReadStatus();
    [[nodiscard]] const TillIdentity& Identity() const { return m_identity; }

  private:
    TillJournal(store::Database& db, const ids::Clock& clock, ids::IdSource& ids,
                TillIdentity identity)
        : m_db(db),
          m_clock(clock),
          m_ids(ids),
          m_identity(std::move(identity)),
          m_ledger(db),
          m_origin(m_identity.Origin(), clock, ids) {}
    [[nodiscard]] Result<ledger::Appended> Record(ledger::EventPayload payload,
                                                  std::string_view actor);
    [[nodiscard]] Result<std::optional<std::string>> OpenShiftId();

    store::Database& m_db;
    const ids::Clock& m_clock;
    ids::IdSource& m_ids;
    TillIdentity m_identity;
    ledger::Ledger m_ledger;
    ledger::Origin m_origin;
};

}  // namespace tillbook::pos
