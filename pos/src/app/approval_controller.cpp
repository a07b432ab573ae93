#include "approval_controller.hpp"

#include <algorithm>
#include <array>

namespace tillbook::pos::app {

namespace {

constexpr std::array kApprovingRoles{staff::Role::kManager};

bool Approves(staff::Role role) {
    return std::find(kApprovingRoles.begin(), kApprovingRoles.end(), role) != kApprovingRoles.end();
}

}  // namespace

void ApprovalController::Ask(std::string what, std::string why, Granted granted) {
    if (m_context.cashier && Approves(m_context.cashier->role)) {
        Cancel();
        granted(Approver{});
        return;
    }
    m_check.reset();
    m_granted = std::move(granted);
    m_context.view.approval = ApprovalView{true, std::move(what), std::move(why), 0, {}, false};
}

void ApprovalController::Submit(const std::string& pin) {
    ApprovalView& view = m_context.view.approval;
    if (!Open() || m_check) return;
    if (pin.empty() || pin.size() > 12 ||
        !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        view.message = "A PIN is 4 to 8 digits";
        return;
    }
    auto holders = ReadPinHolders(m_context.db, kApprovingRoles);
    if (!holders) {
        view.message = "Could not read the staff list: " + holders.error().message;
        return;
    }
    if (holders->empty()) {
        view.message = "No manager has a PIN on this till yet";
        return;
    }
    m_check = std::make_unique<PinCheck>(pin, std::move(*holders));
    view.digits_entered = 0;
    view.message = "Checking…";
    view.checking = true;
}

void ApprovalController::Tick() {
    if (!m_check) return;
    auto done = m_check->Poll();
    if (!done) return;
    m_check.reset();
    m_context.view.approval.checking = false;
    if (!*done) {
        m_context.view.approval.message = "Not a manager's PIN";
        return;
    }
    Granted granted = std::move(m_granted);
    m_granted = nullptr;
    m_context.view.approval = {};
    if (granted) granted(Approver{(*done)->staff_id, (*done)->display_name});
}

void ApprovalController::Cancel() {
    m_check.reset();
    m_granted = nullptr;
    m_context.view.approval = {};
}

}  // namespace tillbook::pos::app
