#include "cash_figures.hpp"

#include "shop_text.hpp"
#include "tillbook/pos/cash_up_report.hpp"

namespace tillbook::pos::app {

std::vector<CashFigureView> ReadingFigures(const queries::ShiftSummary& shift, bool show_expected) {
    std::vector<CashFigureView> figures{
        {"Opening float", Amount(shift.opening_float), false},
        {"Cash sales", Amount(shift.cash_sales), false},
        {"Cash refunds", Amount(shift.cash_refunds), false},
        {"Paid in", Amount(shift.paid_in), false},
        {"Paid out", Amount(shift.paid_out), false},
    };
    if (show_expected) figures.push_back({"Expected in drawer", Amount(shift.expected), true});
    figures.push_back({"Card sales", Amount(shift.card_sales), false});
    figures.push_back({"Card refunds", Amount(shift.card_refunds), false});
    figures.push_back({"Number of sales", std::to_string(shift.sales), false});
    figures.push_back({"No sales", std::to_string(shift.no_sales), false});
    return figures;
}

std::string VarianceText(const money::Money& variance) {
    if (variance.IsZero()) return "Exact";
    if (variance.IsNegative())
        return "Short " + Amount(money::Money(-variance.Minor(), variance.GetCurrency()));
    return "Over " + Amount(variance);
}

std::vector<CashFigureView> CountFigures(const money::Money& expected, const money::Money& counted,
                                         bool show_expected) {
    std::vector<CashFigureView> figures;
    if (show_expected) figures.push_back({"Expected in drawer", Amount(expected), false});
    figures.push_back({"Counted", Amount(counted), !show_expected});
    if (show_expected) {
        const money::Money variance(counted.Minor() - expected.Minor(), counted.GetCurrency());
        figures.push_back({"Variance", VarianceText(variance), true});
    }
    return figures;
}

std::string StaffName(store::Database& db, const std::string& staff_id) {
    auto q = db.Prepare("SELECT display_name FROM staff WHERE id = ?");
    if (!q) return staff_id;
    q->Bind(1, staff_id);
    auto row = q->Step();
    if (!row || !*row) return staff_id;
    return q->Text(0);
}

Result<CashUpRequest> CashUpToPrint(TillContext& context, const queries::ShiftSummary& shift,
                                    drivers::CashUpKind kind) {
    const ids::UtcMillis now = context.clock.Now();
    auto report = CashUpReportFor(shift, kind, {{}, context.time_zone, now});
    if (!report) return std::unexpected(report.error());
    report->cashier = StaffName(context.db, shift.opened_by);
    report->sales = shift.sales;
    const bool z = kind == drivers::CashUpKind::kZ;
    const ids::UtcMillis at = z && shift.closed_at ? *shift.closed_at : now;
    return CashUpRequest{std::move(*report), std::string(z ? "Z report " : "X report ") +
                                                 ClockTime(at, context.time_zone)};
}

}  // namespace tillbook::pos::app
