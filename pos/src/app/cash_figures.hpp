#pragma once
// A shift's figures as the cash screen shows them and as the printer prints them, both from the
// ledger's summary of the shift (queries::ShiftSummary), so the screen, the paper and the ledger
// always agree.
#include <string>
#include <vector>

#include "denominations.hpp"
#include "till_context.hpp"
#include "tillbook/queries/shift_summary.hpp"

namespace tillbook::pos::app {

// The X reading on screen: float, cash sales, cash refunds, paid in, paid out, what the drawer
// should hold (left out when `show_expected` is false: a blind close), card sales and refunds,
// and the number of sales.
[[nodiscard]] std::vector<CashFigureView> ReadingFigures(const queries::ShiftSummary& shift,
                                                         bool show_expected);

// What a count shows: what the drawer should hold and the variance (only with `show_expected`),
// and what was counted.
[[nodiscard]] std::vector<CashFigureView> CountFigures(const money::Money& expected,
                                                       const money::Money& counted,
                                                       bool show_expected);

// "Over £0.50", "Short £7.20", "Exact".
[[nodiscard]] std::string VarianceText(const money::Money& variance);

// A member of staff's name as the till knows it; the id when it does not.
[[nodiscard]] std::string StaffName(store::Database& db, const std::string& staff_id);

// The X reading or Z report of `shift` to print, in the store's zone at `context.clock`'s now
// (a Z report: the close's time), its cashier named.
[[nodiscard]] Result<CashUpRequest> CashUpToPrint(TillContext& context,
                                                  const queries::ShiftSummary& shift,
                                                  drivers::CashUpKind kind);

}  // namespace tillbook::pos::app
