#pragma once
// The till's X reading (mid-shift) and Z report (at close) of a shift, from the ledger's summary of
// it (queries::ShiftSummary), for the receipt printer's layout and for the screen.
#include <optional>
#include <string>
#include <vector>

#include "tillbook/drivers/receipt_renderer.hpp"
#include "tillbook/queries/shift_summary.hpp"

namespace tillbook::pos {

struct CashUpHeading {
    std::vector<std::string> header_lines;  // the shop's name first
    std::string time_zone;                  // the store's, for the date printed
    ids::UtcMillis now = 0;                 // an X reading's time; a Z report uses the close's
};

// An X reading may carry a count of the drawer taken now (`counted`); a Z report prints the count
// the shift was closed with. A Z report of a shift still open is refused.
[[nodiscard]] Result<drivers::CashUpReport> CashUpReportFor(
    const queries::ShiftSummary& shift, drivers::CashUpKind kind, const CashUpHeading& heading,
    const std::optional<money::Money>& counted = std::nullopt);

// "06/12/2026 18:05" in `time_zone`.
[[nodiscard]] Result<std::string> FormatReportTime(ids::UtcMillis at, std::string_view time_zone);

}  // namespace tillbook::pos
