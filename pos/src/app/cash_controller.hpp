#pragma once
// The drawer screen (Screen::kCash, page kDrawer): the X reading of the open shift, cash paid in
// and out with a reason, the X report printed, and "No sale" (the drawer opened with no sale:
// a cashier needs a manager's approval). It also follows the X and Z reports it sends to the
// printer, for the screen's "X report printed".
#include <optional>
#include <string>

#include "approval_controller.hpp"
#include "cash_policy.hpp"
#include "till_context.hpp"
#include "tillbook/queries/shift_summary.hpp"

namespace tillbook::pos::app {

class CashController {
  public:
    CashController(TillContext& context, ApprovalController& approval)
        : m_context(context), m_approval(approval) {}

    // The drawer page of the open shift; false (and nothing shown) when no shift is open.
    [[nodiscard]] bool Open();
    void Move(const MoveCash& request);
    // The X report to the printer; with blind close, a cashier's needs a manager's approval.
    void PrintX();
    void NoSale();
    // An X or Z report to the printer; the screen follows it.
    void Print(CashUpRequest request);
    void OnJob(const PrintJobReport& report);

    [[nodiscard]] const CashPolicy& Policy() const { return m_policy; }
    // The open shift as the ledger has it now; nullopt with the problem said when there is none.
    [[nodiscard]] std::optional<queries::ShiftSummary> OpenShift();
    void Say(std::string message, bool problem);
    // Whether the signed-in person is a manager (they see what a blind close hides).
    [[nodiscard]] bool SeesExpected() const;

  private:
    void SendX();
    void OpenDrawerNoSale(const Approver& approver);
    void Refresh(const queries::ShiftSummary& shift);

    TillContext& m_context;
    ApprovalController& m_approval;
    CashPolicy m_policy;
    std::string m_printing;       // the label of the last report sent to the printer
    std::string m_printing_what;  // "X report", "Z report"
};

}  // namespace tillbook::pos::app
