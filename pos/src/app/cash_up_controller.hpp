#pragma once
// Closing the shift (Screen::kCash, pages kCount and kClosed): the drawer counted by denomination,
// the count's total against what the ledger expects (hidden until the count is in when the close
// is blind), a manager's approval when the variance is beyond the store's limit, then the
// ShiftClosed in the journal and the Z report printed. Cancelling the approval journals nothing.
#include <optional>
#include <string>

#include "approval_controller.hpp"
#include "cash_controller.hpp"
#include "denominations.hpp"
#include "till_context.hpp"

namespace tillbook::pos::app {

class CashUpController {
  public:
    CashUpController(TillContext& context, ApprovalController& approval, CashController& cash)
        : m_context(context), m_approval(approval), m_cash(cash), m_count(context.currency) {}

    // To the count page: a fresh count (a blind count already in stays as it was).
    void Start();
    void Count(std::size_t row, const std::string& count_text);
    // The count is in: the shift closes, or a manager is asked first.
    void Finish();
    // The shift is closed and its Z report sent: the screen is done with it.
    [[nodiscard]] bool Closed() const { return m_closed; }
    // A new shift: a fresh count.
    void Reset();

  private:
    void Refresh();
    void Close(const Approver& approver);

    TillContext& m_context;
    ApprovalController& m_approval;
    CashController& m_cash;
    DenominationCount m_count;
    bool m_locked = false;       // a blind count is in: it stays as counted
    std::string m_locked_shift;  // the shift it was counted for
    bool m_closed = false;
    std::string m_message;  // the last count typed that was refused
};

}  // namespace tillbook::pos::app
