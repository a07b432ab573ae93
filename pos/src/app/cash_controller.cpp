#include "cash_controller.hpp"

#include "cash_figures.hpp"
#include "shop_text.hpp"

namespace tillbook::pos::app {

namespace {

constexpr std::size_t kLongestReason = 200;

std::string Trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

bool CashController::SeesExpected() const {
    return !m_policy.blind_close ||
           (m_context.cashier && (m_context.cashier->role == staff::Role::kManager ||
                                  m_context.cashier->role == staff::Role::kAdmin));
}

std::optional<queries::ShiftSummary> CashController::OpenShift() {
    if (!m_context.journal) return std::nullopt;
    auto shift = queries::OpenShiftSummary(m_context.db, m_context.journal->Identity().Origin());
    if (!shift) {
        Say("The drawer's figures could not be read: " + shift.error().message, true);
        return std::nullopt;
    }
    if (!*shift) {
        Say("No shift is open on this till", true);
        return std::nullopt;
    }
    return std::move(**shift);
}

bool CashController::Open() {
    if (!m_context.cashier) return false;
    m_policy = CashPolicy::Load(m_context.db, m_context.currency);
    CashView& view = m_context.view.cash;
    const std::int64_t generation = view.entry_generation;
    view = CashView{};
    view.entry_generation = generation + 1;
    auto shift = OpenShift();
    if (!shift) return false;
    Refresh(*shift);
    return true;
}

void CashController::Refresh(const queries::ShiftSummary& shift) {
    CashView& view = m_context.view.cash;
    view.page = CashPage::kDrawer;
    view.title = "Shift opened " + ClockTime(shift.opened_at, m_context.time_zone) + " by " +
                 StaffName(m_context.db, shift.opened_by);
    view.figures = ReadingFigures(shift, SeesExpected());
    view.amount_hint = money::FormatMoney(
        money::Money(10 * money::MinorPerMajor(m_context.currency), m_context.currency));
    view.can_pay_out = shift.expected.Minor() > 0;
    view.blind = m_policy.blind_close;
    view.close_hint = SeesExpected() ? ""
                                     : "Blind close: what the drawer should hold shows once the "
                                       "count is in";
}

void CashController::Say(std::string message, bool problem) {
    m_context.view.cash.message = std::move(message);
    m_context.view.cash.message_is_problem = problem;
}

void CashController::Move(const MoveCash& request) {
    if (!m_context.journal || !m_context.cashier) return;
    const bool in = request.movement == CashMovement::kPaidIn;
    auto amount = money::ParseMoney(request.amount_text, m_context.currency);
    if (!amount || amount->IsNegative() || amount->IsZero()) {
        Say("Type the amount " + std::string(in ? "paid in" : "paid out") + ", like " +
                m_context.view.cash.amount_hint,
            true);
        return;
    }
    const std::string reason = Trimmed(request.reason);
    if (reason.empty()) {
        Say(std::string("Say why the money was ") + (in ? "paid in" : "paid out") +
                ", like \"change from the bank\"",
            true);
        return;
    }
    if (reason.size() > kLongestReason) {
        Say("Keep the reason under 200 characters", true);
        return;
    }
    auto shift = OpenShift();
    if (!shift) return;
    if (!in && amount->Minor() > shift->expected.Minor()) {
        Say("The drawer should hold " +
                (SeesExpected() ? Amount(shift->expected) : std::string("less than that")) + ": " +
                Amount(*amount) + " cannot be paid out of it",
            true);
        return;
    }
    auto moved = m_context.journal->MoveCash(
        in ? ledger::CashMovementKind::kPaidIn : ledger::CashMovementKind::kPaidOut, *amount,
        reason, m_context.cashier->staff_id);
    if (!moved) {
        Say("Not saved: " + moved.error().message, true);
        return;
    }
    m_context.devices.KickDrawer();
    m_context.sync.Nudge();
    auto after = OpenShift();
    if (after) Refresh(*after);
    ++m_context.view.cash.entry_generation;
    Say(std::string(in ? "Paid in " : "Paid out ") + Amount(*amount) + ": " + reason, false);
}

void CashController::PrintX() {
    if (SeesExpected()) {
        SendX();
        return;
    }
    // Blind close: the paper would show the cashier what the drawer should hold.
    m_approval.Ask("Print an X report",
                   "With blind close the X report shows what the drawer should hold: a manager "
                   "prints it",
                   [this](const Approver&) { SendX(); });
}

void CashController::SendX() {
    auto shift = OpenShift();
    if (!shift) return;
    auto request = CashUpToPrint(m_context, *shift, drivers::CashUpKind::kX);
    if (!request) {
        Say("The X report could not be made: " + request.error().message, true);
        return;
    }
    Refresh(*shift);
    Print(std::move(*request));
}

void CashController::NoSale() {
    if (!m_context.journal || !m_context.cashier) return;
    m_approval.Ask("Open the drawer with no sale",
                   "Opening the drawer with no sale needs a manager",
                   [this](const Approver& approver) { OpenDrawerNoSale(approver); });
}

// Journalled (with both staff ids) before the drawer opens: a no-sale that could not be recorded
// does not open it.
void CashController::OpenDrawerNoSale(const Approver& approver) {
    if (!m_context.journal || !m_context.cashier) return;
    auto recorded = m_context.journal->RecordNoSale(
        ledger::Actor{m_context.cashier->staff_id, approver.staff_id});
    if (!recorded) {
        Say("The drawer stays shut: the no sale could not be recorded: " + recorded.error().message,
            true);
        return;
    }
    m_context.devices.KickDrawer();
    m_context.sync.Nudge();
    if (auto after = OpenShift()) Refresh(*after);
    Say(approver.staff_id.empty() ? std::string("Drawer opened, no sale")
                                  : "Drawer opened, no sale, approved by " + approver.display_name,
        false);
}

void CashController::Print(CashUpRequest request) {
    m_printing = request.label;
    m_printing_what = request.report.kind == drivers::CashUpKind::kZ ? "Z report" : "X report";
    m_context.view.cash.print_text = m_printing_what + " printing";
    m_context.devices.PrintCashUp(std::move(request));
}

void CashController::OnJob(const PrintJobReport& report) {
    if (m_printing.empty() || report.label != m_printing) return;
    const std::string& what = m_printing_what;
    m_context.view.cash.print_text =
        report.printed
            ? what + " printed"
            : what + " failed: " + (report.problem.empty() ? "not printed" : report.problem) +
                  " (reprint it from Status)";
}

}  // namespace tillbook::pos::app
