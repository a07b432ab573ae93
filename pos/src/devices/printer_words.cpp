#include "tillbook/pos/devices/printer_words.hpp"

#include <string_view>
#include <vector>

namespace tillbook::pos::devices {

namespace {

constexpr std::string_view kRunningLow = "paper running low";

// The problems that stop printing, joined: "cover open, out of paper"; empty when none.
std::string BlockingProblems(const drivers::PrinterStatus& status) {
    std::string joined;
    for (const std::string& problem : drivers::DescribeProblems(status)) {
        if (problem == kRunningLow) continue;
        if (!joined.empty()) joined += ", ";
        joined += problem;
    }
    return joined;
}

// "printer offline" -> "Printer offline".
std::string Sentence(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = static_cast<char>(text[0] - 32);
    return text;
}

// The status the job last saw from the printer, if that status had something wrong.
const drivers::PrinterStatus* TroubledStatus(const drivers::PrintJob& job) {
    if (job.status_after && !job.status_after->IsReady()) return &*job.status_after;
    if (job.status_before && !job.status_before->IsReady()) return &*job.status_before;
    return nullptr;
}

}  // namespace

app::PrinterReport PrinterReportFor(const drivers::PrinterStatus& status) {
    if (status.IsReady()) {
        return {true, status.paper_near_end ? "Printer ready, paper running low" : "Printer ready"};
    }
    const std::string problems = BlockingProblems(status);
    if (!problems.empty()) return {false, "Printer: " + problems};
    return {false, status.online ? "Printer not ready" : "Printer offline"};
}

app::PrinterReport PrinterReportFor(const drivers::TransportError& error) {
    return {false, Sentence(drivers::DescribeFailure(error))};
}

app::PrinterReport NoPrinterReport() {
    return {false, "No printer set up"};
}

app::PrinterReport AssumedReadyReport() {
    return PrinterReportFor(drivers::PrinterStatus{});
}

app::PrinterReport WithDrawerLeftOpen(app::PrinterReport printer) {
    printer.drawer_left_open = true;
    return printer;
}

app::PrinterReport PrinterReportAfter(const drivers::PrintJob& job) {
    if (const drivers::PrinterStatus* troubled = TroubledStatus(job)) {
        return PrinterReportFor(*troubled);
    }
    if (job.state == drivers::PrintJobState::kPrinted) {
        return job.status_after ? PrinterReportFor(*job.status_after) : AssumedReadyReport();
    }
    if (job.error) return PrinterReportFor(*job.error);
    return {false, "Printer: " + JobProblem(job)};
}

std::string JobProblem(const drivers::PrintJob& job) {
    if (const drivers::PrinterStatus* troubled = TroubledStatus(job)) {
        std::string problems = BlockingProblems(*troubled);
        if (!problems.empty()) return problems;
        return troubled->online ? "printer not ready" : "printer offline";
    }
    if (!job.problem.empty()) return job.problem;
    return job.state == drivers::PrintJobState::kFailed ? "printer error" : std::string{};
}

}  // namespace tillbook::pos::devices
