#pragma once
// The port between the shop's use cases (shared/services) and the places that keep a ledger: the
// till's journal and the back office's writer. A use case runs inside one transaction of its sink:
// it reads the state the ledger's rules read, appends events made by the sink's origin as the
// actor who asked, and either everything it appended is kept or nothing is.
#include <functional>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/ledger/ledger.hpp"
#include "tillbook/ledger/origin.hpp"
#include "tillbook/ledger/sqlite_state.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::services {

// One use case's hold on the ledger, inside its sink's transaction.
class LedgerSession {
  public:
    LedgerSession(store::Database& db, ledger::Ledger& ledger, const ledger::Origin& origin,
                  ledger::Actor actor, const ids::Clock& clock, ids::IdSource& ids)
        : m_db(db),
          m_ledger(ledger),
          m_state(db),
          m_origin(origin),
          m_actor(std::move(actor)),
          m_clock(clock),
          m_ids(ids) {}

    // What the rules read: orders, stock, shifts, returns.
    [[nodiscard]] ledger::LedgerState& State() { return m_state; }
    // The catalogue and the locations, for pricing and lookups.
    [[nodiscard]] store::Database& Db() { return m_db; }
    [[nodiscard]] const ledger::Origin& Origin() const { return m_origin; }
    [[nodiscard]] std::string NewId() { return m_ids.NextString(); }
    [[nodiscard]] ids::UtcMillis Now() const { return m_clock.Now(); }

    [[nodiscard]] Result<ledger::Appended> Append(ledger::EventPayload payload) {
        return m_origin.AppendInCurrentTransaction(m_ledger, m_actor, std::move(payload));
    }

  private:
    store::Database& m_db;
    ledger::Ledger& m_ledger;
    ledger::SqliteLedgerState m_state;
    const ledger::Origin& m_origin;
    ledger::Actor m_actor;
    const ids::Clock& m_clock;
    ids::IdSource& m_ids;
};

class EventSink {
  public:
    using Work = std::function<Status(LedgerSession&)>;
    virtual ~EventSink() = default;
    // Runs `work` in one transaction, as `actor` (with its approver, if any); keeps what it
    // appended only if it succeeds.
    [[nodiscard]] virtual Status Run(const ledger::Actor& actor, const Work& work) = 0;
};

// A sink on one connection of the caller's: the till's journal, and tests.
class DatabaseSink final : public EventSink {
  public:
    DatabaseSink(store::Database& db, std::string origin, const ids::Clock& clock,
                 ids::IdSource& ids, ledger::LedgerScope scope = ledger::LedgerScope::kEveryOrder)
        : m_db(db),
          m_ledger(db, scope),
          m_origin(std::move(origin), clock, ids),
          m_clock(clock),
          m_ids(ids) {}
    [[nodiscard]] Status Run(const ledger::Actor& actor, const Work& work) override;

  private:
    store::Database& m_db;
    ledger::Ledger m_ledger;
    ledger::Origin m_origin;
    const ids::Clock& m_clock;
    ids::IdSource& m_ids;
};

}  // namespace tillbook::services
