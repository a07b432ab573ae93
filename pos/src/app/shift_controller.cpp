#include "shift_controller.hpp"

#include "shop_text.hpp"
#include "tillbook/queries/shift_summary.hpp"

namespace tillbook::pos::app {

bool ShiftController::HasOpenShift() {
    if (!m_context.journal) return false;
    auto shift = queries::OpenShiftSummary(m_context.db, m_context.journal->Identity().Origin());
    return shift && shift->has_value();
}

void ShiftController::Prompt() {
    OpenShiftView& view = m_context.view.open_shift;
    view.cashier = m_context.cashier ? m_context.cashier->display_name : "";
    view.amount_hint = money::FormatMoney(
        money::Money(100 * money::MinorPerMajor(m_context.currency), m_context.currency));
    view.message.clear();
    m_count = DenominationCount(m_context.currency);
    view.count = CountView(m_count, "");
}

void ShiftController::Count(std::size_t row, const std::string& count_text) {
    auto ok = m_count.Set(row, count_text);
    OpenShiftView& view = m_context.view.open_shift;
    view.count = CountView(m_count, ok ? "" : ok.error().message);
    view.amount_prefill = money::FormatMoney(m_count.Total());
    ++view.amount_generation;
}

bool ShiftController::Open(const std::string& amount_text) {
    OpenShiftView& view = m_context.view.open_shift;
    if (!m_context.journal || !m_context.cashier) return false;
    auto amount = money::ParseMoney(amount_text, m_context.currency);
    if (!amount || amount->IsNegative()) {
        view.message = "Type the float in pounds, like " + view.amount_hint;
        return false;
    }
    auto opened = m_context.journal->OpenShift(*amount, m_context.cashier->staff_id);
    if (!opened) {
        view.message = "The shift could not open: " + opened.error().message;
        return false;
    }
    view.message.clear();
    return true;
}

}  // namespace tillbook::pos::app
