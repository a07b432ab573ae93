#include "tillbook/pos/cash_up_report.hpp"

#include <fmt/format.h>

#include "tillbook/ledger/origin.hpp"
#include "tillbook/orders/local_time.hpp"

namespace tillbook::pos {

Result<std::string> FormatReportTime(ids::UtcMillis at, std::string_view time_zone) {
    auto offset = orders::UtcOffsetMinutes(time_zone, at);
    if (!offset) return std::unexpected(offset.error());
    const orders::LocalDateTime local = orders::ToLocal(at, *offset);
    return fmt::format("{:02}/{:02}/{:04} {:02}:{:02}", local.day, local.month, local.year,
                       local.hour, local.minute);
}

Result<drivers::CashUpReport> CashUpReportFor(const queries::ShiftSummary& shift,
                                              drivers::CashUpKind kind,
                                              const CashUpHeading& heading,
                                              const std::optional<money::Money>& counted) {
    const bool z = kind == drivers::CashUpKind::kZ;
    if (z && !shift.closed_at) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "a Z report is printed when the shift is closed; take an "
                                         "X reading of an open shift"));
    }
    auto when = FormatReportTime(z ? *shift.closed_at : heading.now, heading.time_zone);
    if (!when) return std::unexpected(when.error());
    drivers::CashUpReport report;
    report.kind = kind;
    report.header_lines = heading.header_lines;
    report.terminal = std::string(ledger::TerminalOfOrigin(shift.terminal));
    report.cashier = shift.opened_by;
    // The id's last characters, which are random (its first ones are the time it was opened).
    report.shift = shift.shift_id.size() > 8 ? shift.shift_id.substr(shift.shift_id.size() - 8)
                                             : shift.shift_id;
    report.date_time = *when;
    report.opening_float = shift.opening_float;
    report.cash_sales = shift.cash_sales;
    report.paid_in = shift.paid_in;
    report.paid_out = shift.paid_out;
    report.expected = shift.expected;
    report.counted = z ? shift.counted : counted;
    if (!shift.cash_refunds.IsZero()) report.cash_refunds = shift.cash_refunds;
    if (!shift.card_sales.IsZero()) report.card_sales = shift.card_sales;
    if (!shift.card_refunds.IsZero()) report.card_refunds = shift.card_refunds;
    report.no_sales = shift.no_sales;  // printed even when none: an auditor looks for it
    return report;
}

}  // namespace tillbook::pos
