#pragma once
// What the cashier has chosen to take back of one order: for each line a quantity (never more
// than was sold less what came back before), a reason and a condition. Values come from the
// ledger's own rule (orders::ReturnValue, as ledger::ValuesOfReturnLines applies it), so the
// screen shows what the journal will record. Plain values; no I/O.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/orders/returns.hpp"
#include "tillbook/queries/order_detail.hpp"

namespace tillbook::pos::app {

struct ChosenLine {
    std::int64_t quantity = 0;  // milli-units coming back now
    orders::ReturnReason reason = orders::ReturnReason::kChangedMind;
    orders::ItemCondition condition = orders::ItemCondition::kRestock;
};

class ReturnChoice {
  public:
    ReturnChoice() = default;
    explicit ReturnChoice(queries::OrderDetail order) : m_order(std::move(order)) {}

    [[nodiscard]] const queries::OrderDetail& Order() const { return m_order; }
    // What can still come back of line `line_no` (0 when none, or no such goods line).
    [[nodiscard]] std::int64_t Returnable(int line_no) const;
    // One more or one fewer unit; a weighed line comes back whole or not at all. False when the
    // line cannot change that way.
    bool Change(int line_no, std::int64_t delta_units);
    void SetReason(int line_no, orders::ReturnReason reason);
    void SetCondition(int line_no, orders::ItemCondition condition);
    [[nodiscard]] const ChosenLine* Chosen(int line_no) const;
    [[nodiscard]] bool Empty() const;

    // The value of what is chosen of line `line_no`, and of all of it.
    [[nodiscard]] Result<money::Money> LineValue(int line_no) const;
    [[nodiscard]] Result<money::Money> Value() const;
    // The return as the journal takes it, received at `location_id`.
    [[nodiscard]] orders::Return ToReturn(std::string id, std::string location_id) const;

  private:
    [[nodiscard]] const queries::OrderDetailLine* Line(int line_no) const;

    queries::OrderDetail m_order;
    std::map<int, ChosenLine> m_chosen;  // by line number; quantity > 0
};

}  // namespace tillbook::pos::app
