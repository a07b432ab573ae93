// What the till says about its printer and a failed job, from the drivers' status and job values.
#include <doctest/doctest.h>

#include "tillbook/pos/devices/printer_words.hpp"

namespace {

using tillbook::drivers::PrinterStatus;
using tillbook::drivers::PrintJob;
using tillbook::drivers::PrintJobState;
using tillbook::drivers::TransportFailure;
using tillbook::pos::devices::JobProblem;
using tillbook::pos::devices::NoPrinterReport;
using tillbook::pos::devices::PrinterReportAfter;
using tillbook::pos::devices::PrinterReportFor;

PrinterStatus OutOfPaper() {
    PrinterStatus status;
    status.online = false;
    status.paper_end = true;
    return status;
}

}  // namespace

TEST_CASE("a printer's status reads as ready, running low, or its problems for the status bar") {
    CHECK(PrinterReportFor(PrinterStatus{}).ready);
    CHECK(PrinterReportFor(PrinterStatus{}).text == "Printer ready");
    PrinterStatus low;
    low.paper_near_end = true;
    CHECK(PrinterReportFor(low).ready);
    CHECK(PrinterReportFor(low).text == "Printer ready, paper running low");
    CHECK_FALSE(PrinterReportFor(OutOfPaper()).ready);
    CHECK(PrinterReportFor(OutOfPaper()).text == "Printer: out of paper");
    PrinterStatus cover = OutOfPaper();
    cover.cover_open = true;
    CHECK(PrinterReportFor(cover).text == "Printer: cover open, out of paper");
    PrinterStatus offline;
    offline.online = false;
    CHECK(PrinterReportFor(offline).text == "Printer offline");
}

TEST_CASE("a printer that cannot be reached reads as offline, not found or disconnected") {
    using tillbook::drivers::MakeTransportError;
    const auto said = [](TransportFailure failure) {
        return PrinterReportFor(MakeTransportError(failure, "tcp 10.0.0.9:9100: refused"));
    };
    CHECK_FALSE(said(TransportFailure::kOffline).ready);
    CHECK(said(TransportFailure::kOffline).text == "Printer offline");
    CHECK(said(TransportFailure::kNotFound).text == "Printer not found");
    CHECK(said(TransportFailure::kDisconnected).text == "Printer disconnected");
    CHECK(NoPrinterReport().text == "No printer set up");
    CHECK_FALSE(NoPrinterReport().ready);
}

TEST_CASE("a failed job's problem is the printer's own when it said one, else the spooler's") {
    PrintJob paper;
    paper.state = PrintJobState::kFailed;
    paper.status_before = OutOfPaper();
    paper.problem = "offline: out of paper";  // the spooler's DescribeStatus
    CHECK(JobProblem(paper) == "out of paper");
    CHECK(PrinterReportAfter(paper).text == "Printer: out of paper");

    PrintJob offline;
    offline.state = PrintJobState::kFailed;
    offline.problem = "printer offline";
    offline.error = tillbook::drivers::MakeTransportError(TransportFailure::kOffline, "refused");
    CHECK(JobProblem(offline) == "printer offline");
    CHECK(PrinterReportAfter(offline).text == "Printer offline");

    PrintJob printed;
    printed.state = PrintJobState::kPrinted;
    CHECK(JobProblem(printed).empty());
    CHECK(PrinterReportAfter(printed).ready);
    CHECK(PrinterReportAfter(printed).text == "Printer ready");
}
