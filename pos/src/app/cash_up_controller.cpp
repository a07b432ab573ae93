#include "cash_up_controller.hpp"

#include <algorithm>

#include "cash_figures.hpp"
#include "shop_text.hpp"

namespace tillbook::pos::app {

void CashUpController::Reset() {
    m_count = DenominationCount(m_context.currency);
    m_locked = false;
    m_locked_shift.clear();
    m_closed = false;
    m_message.clear();
}

void CashUpController::Start() {
    // A count starts afresh, in the shop's currency as it is now; a blind count that is in stays
    // while its shift is open.
    auto shift = m_cash.OpenShift();
    if (!shift) return;
    if (m_closed || !m_locked || shift->shift_id != m_locked_shift) Reset();
    m_context.view.cash.page = CashPage::kCount;
    m_cash.Say("", false);
    Refresh();
}

void CashUpController::Count(std::size_t row, const std::string& count_text) {
    if (m_locked || m_closed) return;
    auto ok = m_count.Set(row, count_text);
    m_message = ok ? "" : ok.error().message;
    Refresh();
}

void CashUpController::Refresh() {
    CashView& view = m_context.view.cash;
    auto shift = m_cash.OpenShift();
    if (!shift) return;
    const bool blind = m_cash.Policy().blind_close;
    const bool show_expected = m_locked || !blind || m_cash.SeesExpected();
    view.blind = blind;
    view.count_locked = m_locked;
    view.count = CountView(m_count, m_message);
    view.figures = CountFigures(shift->expected, m_count.Total(), show_expected);
    const std::string limit = Amount(m_cash.Policy().variance_limit);
    view.close_hint = m_locked ? "The count is in: a variance above " + limit + " needs a manager"
                      : show_expected
                          ? "A variance above " + limit + " needs a manager"
                          : "Counted blind: what the drawer should hold shows once the count is in";
}

void CashUpController::Finish() {
    if (m_closed || !m_context.cashier) return;
    auto shift = m_cash.OpenShift();
    if (!shift) return;
    const money::Money counted = m_count.Total();
    const money::Money variance(counted.Minor() - shift->expected.Minor(), counted.GetCurrency());
    if (m_cash.Policy().blind_close) {
        m_locked = true;
        m_locked_shift = shift->shift_id;
    }
    Refresh();
    if (!m_cash.Policy().NeedsManager(variance)) {
        Close(Approver{});
        return;
    }
    m_approval.Ask(
        "Close the shift " + VarianceText(variance),
        "A variance above " + Amount(m_cash.Policy().variance_limit) + " needs a manager",
        [this](const Approver& approver) { Close(approver); });
    if (m_approval.Open())
        m_cash.Say(VarianceText(variance) + ": the close waits for a manager's approval", true);
}

void CashUpController::Close(const Approver& approver) {
    if (!m_context.journal || !m_context.cashier || m_closed) return;
    const money::Money counted = m_count.Total();
    // The manager who approved a variance beyond the limit is recorded on the ShiftClosed.
    auto variance = m_context.journal->CloseShift(
        counted, ledger::Actor(m_context.cashier->staff_id, approver.staff_id));
    if (!variance) {
        m_cash.Say("The shift did not close: " + variance.error().message, true);
        return;
    }
    m_closed = true;
    m_context.sync.Nudge();
    CashView& view = m_context.view.cash;
    view.page = CashPage::kClosed;
    view.count_locked = true;
    auto closed =
        queries::LastClosedShiftSummary(m_context.db, m_context.journal->Identity().Origin());
    if (!closed || !*closed) {
        m_cash.Say("Shift closed; its figures could not be read for the Z report", true);
        return;
    }
    // The Z reading: the count and its variance right under what the drawer should have held.
    view.figures = ReadingFigures(**closed, true);
    const auto expected = std::find_if(view.figures.begin(), view.figures.end(),
                                       [](const CashFigureView& f) { return f.total; });
    view.figures.insert(
        expected == view.figures.end() ? expected : expected + 1,
        {{"Counted", Amount(counted), false}, {"Variance", VarianceText(*variance), true}});
    std::string said = "Shift closed, " + VarianceText(*variance);
    if (!approver.staff_id.empty()) said += ", approved by " + approver.display_name;
    m_cash.Say(said, false);
    auto request = CashUpToPrint(m_context, **closed, drivers::CashUpKind::kZ);
    if (!request) {
        m_cash.Say(said + "; the Z report could not be made: " + request.error().message, true);
        return;
    }
    request->report.counted_by_denomination = m_count.Counted();
    request->report.variance_approved_by = approver.display_name;
    m_cash.Print(std::move(*request));
}

}  // namespace tillbook::pos::app
