#pragma once
// A manager's approval at the till. A controller that needs one calls Ask with what is to be
// approved and what to do once it is; when the signed-in person is a manager it runs at once (they
// approve their own: no approver is recorded), otherwise the prompt opens over the screen and a
// manager's PIN (checked off the UI thread, like sign-in's) runs it with that manager as the
// approver. Cancelling runs nothing. One request at a time: a second Ask while one is open
// replaces it.
#include <functional>
#include <memory>
#include <string>

#include "pin_check.hpp"
#include "till_context.hpp"

namespace tillbook::pos::app {

struct Approver {
    std::string staff_id;  // empty when the signed-in person needed no approval
    std::string display_name;
};

class ApprovalController {
  public:
    using Granted = std::function<void(const Approver&)>;

    explicit ApprovalController(TillContext& context) : m_context(context) {}

    // what: "Refund £24.00 without a receipt"; why: "Refunds without a receipt need a manager".
    void Ask(std::string what, std::string why, Granted granted);
    void Submit(const std::string& pin);  // the manager's PIN from the prompt
    void Cancel();                        // the prompt's "Cancel": nothing runs
    // Picks up a finished PIN check; runs the granted action on the UI thread.
    void Tick();
    [[nodiscard]] bool Open() const { return m_context.view.approval.open; }
    [[nodiscard]] bool Checking() const { return m_check != nullptr; }

  private:
    TillContext& m_context;
    Granted m_granted;
    std::unique_ptr<PinCheck> m_check;
};

}  // namespace tillbook::pos::app
