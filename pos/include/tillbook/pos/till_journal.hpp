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
#include "tillbook/orders/order.hpp"
#include "tillbook/services/ledger_session.hpp"
#include "tillbook/services/returns_desk.hpp"
#include "tillbook/services/till_sales.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::pos {

// Which till this is, a line scanned, and a sale rung up: the shared use case's own types.
using TillIdentity = services::Till;
using ScannedLine = services::ScannedLine;
using SaleResult = services::SaleReceipt;

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
                                                const ledger::Actor& actor);
    // Paid in or out of the open shift's drawer, with the reason (services::MoveCash).
    [[nodiscard]] Status MoveCash(ledger::CashMovementKind kind, const money::Money& amount,
                                  const std::string& reason, const ledger::Actor& actor);
    // The open shift's drawer opened with no sale (services::RecordDrawerOpened): journalled
    // before the drawer is kicked; `actor` carries the manager who approved a cashier's.
    [[nodiscard]] Status RecordNoSale(const ledger::Actor& actor);
    // The variance: counted - expected (+ over, - short).
    [[nodiscard]] Result<money::Money> CloseShift(const money::Money& counted,
                                                  const ledger::Actor& actor);
    // Rings up the lines and takes one tender (services::RingUpTillSale): cash goes into the open
    // shift's drawer; `tendered` is the cash handed over (change = tendered - total). Card takes
    // exactly the total.
    [[nodiscard]] Result<SaleResult> Sell(std::span<const ScannedLine> lines, orders::Tender tender,
                                          std::optional<money::Money> tendered,
                                          const ledger::Actor& actor);
    // The touchscreen's sale: the cart's lines as priced and discounted there, paid with one or
    // more tenders (services::PlaceTillSale): one OrderPlaced with every payment.
    [[nodiscard]] Result<SaleResult> PlaceSale(std::span<const services::CartSaleLine> lines,
                                               std::span<const orders::TenderedPayment> tendered,
                                               const ledger::Actor& actor);
    // The money this till pays out for goods the back office received back for an order the till
    // did not make (SyncPort::SendReturnToOffice accepted them): cash from the open shift's
    // drawer, or card (services::RefundReturnReceivedAtOffice). Answers the refund's sequence.
    [[nodiscard]] Result<std::int64_t> RefundReturnReceivedAtOffice(const std::string& order_id,
                                                                    const std::string& return_id,
                                                                    const orders::Refund& refund,
                                                                    const ledger::Actor& actor);
    // The returns desk (services::ReceiveReturn): goods back against an order, refunded at once
    // when `refund_to` is given (cash: from this till's open shift, filled in here); `actor`
    // carries the manager who approved it, when one had to. Only this till's own sales: any other
    // order's goods come back at the office (SyncPort::SendReturnToOffice).
    [[nodiscard]] Result<services::ReturnReceipt> ReceiveReturn(
        const orders::Return& ret, const std::optional<services::DeskTender>& refund_to,
        const ledger::Actor& actor);
    // An exchange (services::CompleteExchange): the goods back pay for `new_goods`, a new sale of
    // this till numbered as its next sale; only the difference goes to `tender`.
    [[nodiscard]] Result<services::ExchangeReceipt> CompleteExchange(
        const orders::Return& ret, std::span<const orders::SaleItem> new_goods,
        const std::optional<services::DeskTender>& tender, const ledger::Actor& actor);
    // The tenders an order in this journal was paid with, in the order they were taken, each
    // once: what "original" means for a refund of this till's sale.
    [[nodiscard]] Result<std::vector<orders::Tender>> TendersOf(std::string_view order_id);
    [[nodiscard]] Result<TillStatus> ReadStatus();
    [[nodiscard]] const TillIdentity& Identity() const { return m_identity; }

  private:
    // `tender` with the open shift filled in for cash.
    [[nodiscard]] Result<std::optional<services::DeskTender>> AtThisTill(
        const std::optional<services::DeskTender>& tender);

    TillJournal(store::Database& db, const ids::Clock& clock, ids::IdSource& ids,
                TillIdentity identity)
        : m_db(db),
          m_clock(clock),
          m_identity(std::move(identity)),
          m_sink(db, m_identity.Origin(), clock, ids, ledger::LedgerScope::kOwnOrders) {}

    store::Database& m_db;
    const ids::Clock& m_clock;
    TillIdentity m_identity;
    services::DatabaseSink m_sink;  // every event of this till goes through the shared use cases
};

}  // namespace tillbook::pos
