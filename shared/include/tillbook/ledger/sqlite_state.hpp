#pragma once
// LedgerState read from the projection tables of a SQLite database.
#include "tillbook/ledger/state.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::ledger {

class SqliteLedgerState final : public LedgerState {
  public:
    explicit SqliteLedgerState(store::Database& db, bool holds_every_order = true)
        : m_db(db), m_holds_every_order(holds_every_order) {}
    [[nodiscard]] bool HoldsEveryOrder() const override { return m_holds_every_order; }
    Result<std::optional<OrderState>> FindOrder(std::string_view id) override;
    Result<StockState> Stock(std::string_view location_id, std::string_view sku) override;
    Result<std::vector<ReservationState>> Reservations(std::string_view order_id) override;
    Result<std::optional<ShiftState>> FindShift(std::string_view id) override;
    Result<std::optional<ShiftState>> OpenShiftOf(std::string_view terminal) override;
    Result<std::optional<ReturnState>> FindReturn(std::string_view id) override;
    Result<bool> LocationExists(std::string_view id) override;
    Result<std::optional<CreditCardState>> FindCreditCard(std::string_view card_number) override;
    Result<std::optional<RedemptionState>> FindRedemption(std::string_view id) override;

  private:
    Result<std::optional<ShiftState>> ShiftWhere(std::string_view sql, std::string_view key);
    store::Database& m_db;
    bool m_holds_every_order = true;
};

}  // namespace tillbook::ledger
