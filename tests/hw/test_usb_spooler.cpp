// A spooler over the USB transport against the emulated TM-T20: status before and after a job,
// paper running out, an open cover, and the printer unplugged mid-job then plugged in again.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "byte_text.hpp"
#include "fake_usb_printer.hpp"
#include "tillbook/drivers/spooler.hpp"
#include "tillbook/drivers/usb_transport.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::drivers::PrintJob;
using tillbook::drivers::PrintJobState;
using tillbook::drivers::Spooler;
using tillbook::drivers::SpoolerOptions;
using tillbook::drivers::TransportFailure;
using tillbook::drivers::UsbTransport;
using tillbook::testing::FakePrinterOptions;
using tillbook::testing::Hex;
using tillbook::testing::PluggedFakePrinter;
using tillbook::testing::RenderedReceipt;
using tillbook::testing::WaitFor;
using SteadyClock = std::chrono::steady_clock;

SpoolerOptions QuickSpooler() {
    SpoolerOptions options;
    options.first_retry_delay = 50ms;
    options.max_retry_delay = 100ms;
    options.status_timeout = 300ms;
    return options;
}

std::unique_ptr<Spooler> SpoolTo(std::chrono::milliseconds write_timeout = 400ms) {
    return std::make_unique<Spooler>(
        std::make_unique<UsbTransport>(FakePrinterOptions(write_timeout)), QuickSpooler());
}

PrintJob Finished(const Spooler& spooler, tillbook::drivers::PrintJobId id) {
    const auto job = spooler.WaitUntilFinished(id, 8s);
    REQUIRE_MESSAGE(job.has_value(), "the job did not finish in time");
    return *job;
}

TEST_CASE("a receipt spooled to the USB printer prints with its status read before and after") {
    PluggedFakePrinter fake(/*usblp_bound=*/true);
    auto spooler = SpoolTo();
    const std::string receipt = RenderedReceipt();
    const PrintJob job = Finished(*spooler, spooler->Submit(receipt, "receipt S01-T2-004300"));
    CHECK(job.state == PrintJobState::kPrinted);
    CHECK(job.problem.empty());
    REQUIRE(job.status_before.has_value());
    REQUIRE(job.status_after.has_value());
    CHECK(job.status_before->IsReady());
    CHECK(job.status_after->IsReady());
    CHECK(Hex(fake.printer->ReceivedJobBytes()) == Hex(receipt));
    CHECK(fake.printer->StatusRequests() == 8);  // DLE EOT 1..4, before and after
    CHECK(fake.device.DetachCount() == 1);       // usblp let go of the printer first
    REQUIRE(spooler->LastStatus().has_value());
    CHECK(spooler->LastStatus()->IsReady());
}

TEST_CASE("a USB printer running out of paper fails the job as out of paper without hanging") {
    PluggedFakePrinter fake;
    fake.printer->SetPaperLeft(5);
    auto spooler = SpoolTo(300ms);
    const std::string receipt = RenderedReceipt();
    const auto start = SteadyClock::now();
    const PrintJob job = Finished(*spooler, spooler->Submit(receipt, "receipt"));
    CHECK(SteadyClock::now() - start < 3s);
    CHECK(job.state == PrintJobState::kFailed);
    CHECK(job.problem.find("out of paper") != std::string::npos);
    REQUIRE(job.error.has_value());
    CHECK(job.error->failure == TransportFailure::kTimeout);
    CHECK(job.error->bytes_sent > 0);
    CHECK(job.error->bytes_sent < receipt.size());
    CHECK(job.attempts == 1);  // half a receipt is not sent again by itself
    REQUIRE(job.status_after.has_value());
    CHECK(job.status_after->paper_end);
    CHECK(fake.printer->LineFeeds() == 5);
    CHECK(fake.device.PendingUrbs() == 0);
    CHECK(spooler->FailedJobs().size() == 1);
}

TEST_CASE("a USB printer with its cover open fails the job before any of it is sent") {
    PluggedFakePrinter fake;
    fake.printer->SetCoverOpen(true);
    auto spooler = SpoolTo();
    const PrintJob job = Finished(*spooler, spooler->Submit(RenderedReceipt(), "receipt"));
    CHECK(job.state == PrintJobState::kFailed);
    CHECK(job.problem.find("cover open") != std::string::npos);
    REQUIRE(job.status_before.has_value());
    CHECK(job.status_before->cover_open);
    CHECK(fake.printer->ReceivedJobBytes().empty());
    CHECK(fake.printer->StatusRequests() == 4);

    // Shut the cover and print the failed job again.
    fake.printer->SetCoverOpen(false);
    const auto reprint = spooler->Reprint(job.id);
    REQUIRE(reprint.has_value());
    CHECK(Finished(*spooler, *reprint).state == PrintJobState::kPrinted);
    CHECK(fake.printer->ReceivedJobBytes() == RenderedReceipt());
}

TEST_CASE(
    "unplugging the USB printer mid-job fails that job and the next one prints after replug") {
    PluggedFakePrinter fake;
    fake.printer->StallAfter(300);  // the printer is busy with the first part when it goes
    auto spooler = SpoolTo(3000ms);
    const std::string receipt = RenderedReceipt();
    const auto first = spooler->Submit(receipt, "receipt 1");
    REQUIRE(WaitFor([&] { return fake.printer->ReceivedJobBytes().size() >= 300; }));
    const auto start = SteadyClock::now();
    fake.device.Unplug();
    const PrintJob failed = Finished(*spooler, first);
    CHECK(SteadyClock::now() - start < 2s);  // the unplug ends the write, not its timeout
    CHECK(failed.state == PrintJobState::kFailed);
    CHECK(failed.problem == "printer disconnected");
    REQUIRE(failed.error.has_value());
    CHECK(failed.error->failure == TransportFailure::kDisconnected);
    CHECK(failed.error->bytes_sent == 300);
    CHECK(failed.error->message.find("usb 04b8:0e15 (bus 1 device 2)") == 0);

    fake.printer->StallAfter(std::nullopt);
    fake.printer->ClearReceived();
    fake.device.Replug();
    const PrintJob next = Finished(*spooler, spooler->Submit(receipt, "receipt 2"));
    CHECK(next.state == PrintJobState::kPrinted);
    CHECK(Hex(fake.printer->ReceivedJobBytes()) == Hex(receipt));
}

TEST_CASE("a job for a USB printer that is not plugged in fails as printer not found") {
    tillbook::testing::UsbTestbed testbed;
    auto spooler = SpoolTo();
    const PrintJob job = Finished(*spooler, spooler->Submit("\x1b@x\n", "receipt"));
    CHECK(job.state == PrintJobState::kFailed);
    CHECK(job.problem == "printer not found");
}

}  // namespace
