#pragma once
// What the till says about its printer and its print jobs, in a cashier's words: the status bar's
// PrinterReport ("Printer ready", "Printer: out of paper", "Printer offline", "No printer set up")
// and a failed job's problem ("out of paper", "cover open", "printer offline"). Plain functions
// over the drivers' values, no I/O.
#include <string>
#include <string_view>

#include "tillbook/drivers/printer_status.hpp"
#include "tillbook/drivers/spooler.hpp"
#include "tillbook/drivers/transport.hpp"
#include "tillbook/pos/app/worker_reports.hpp"

namespace tillbook::pos::devices {

// A failed receipt's problem when it never reached a printer.
inline constexpr std::string_view kNoPrinterProblem = "no printer set up";
inline constexpr std::string_view kReceiptNotMadeProblem = "the receipt could not be made";
inline constexpr std::string_view kNotKeptProblem = "this receipt is no longer kept for reprinting";

// The printer's state from a status reply: ready ("Printer ready", "Printer ready, paper running
// low") or not ("Printer: cover open, out of paper"; "Printer offline" when the reply gives no
// reason).
[[nodiscard]] app::PrinterReport PrinterReportFor(const drivers::PrinterStatus& status);

// The printer's state when it could not be asked: "Printer offline", "Printer not found",
// "Printer disconnected", ...
[[nodiscard]] app::PrinterReport PrinterReportFor(const drivers::TransportError& error);

// The till has no printer configured.
[[nodiscard]] app::PrinterReport NoPrinterReport();

// A printer that cannot be asked (a file, CUPS, a profile without status) before any job said
// otherwise: "Printer ready".
[[nodiscard]] app::PrinterReport AssumedReadyReport();

// The printer's state with the drawer left open (drawer_left_open set; the status bar says so).
[[nodiscard]] app::PrinterReport WithDrawerLeftOpen(app::PrinterReport printer);

// The printer's state as a finished job left it: its status after (or before) the job when the
// printer answered, otherwise what the job's outcome says.
[[nodiscard]] app::PrinterReport PrinterReportAfter(const drivers::PrintJob& job);

// Why a job failed, for the reprint list: the printer's own problems when it reported any
// ("out of paper", "cover open, out of paper"), else the spooler's words ("printer offline").
[[nodiscard]] std::string JobProblem(const drivers::PrintJob& job);

}  // namespace tillbook::pos::devices
