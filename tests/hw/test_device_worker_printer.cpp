// The till's device worker against the emulated USB TM-T20 (umockdev): a receipt's bytes reach
// the printer, paper out fails the receipt at once and a reprint after loading paper sends it
// exactly once more, the drawer's pulse arrives and a drawer left open is reported, and an
// unplugged printer is reported offline while the sale carries on.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "byte_text.hpp"
#include "device_worker_testing.hpp"
#include "escpos_decoder.hpp"
#include "fake_usb_printer.hpp"
#include "temp_dir.hpp"
#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/pos/devices/device_worker.hpp"
#include "tillbook/pos/devices/receipt_job.hpp"
#include "usb_printer_worker.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::pos::app::PrinterReport;
using tillbook::pos::app::PrintJobReport;
using tillbook::pos::app::ReportQueue;
using tillbook::pos::devices::DeviceWorker;
using tillbook::pos::devices::DeviceWorkerOptions;
using tillbook::pos::devices::ReceiptText;
using tillbook::testing::FakeUsbPrinter;
using tillbook::testing::Hex;
using tillbook::testing::Occurrences;
using tillbook::testing::PluggedFakePrinter;
using tillbook::testing::PrinterSays;
using tillbook::testing::QuickDeviceOptions;
using tillbook::testing::ReportWatch;
using tillbook::testing::SampleReceipt;
using tillbook::testing::TempDir;
using tillbook::testing::WaitFor;
using tillbook::testing::WriteUsbPrinterConfig;
using SteadyClock = std::chrono::steady_clock;

// What the worker sends for SampleReceipt() with QuickDeviceOptions().
std::string ExpectedReceiptBytes() {
    const DeviceWorkerOptions options = QuickDeviceOptions();
    const auto profile = tillbook::drivers::LoadPrinterProfile("epson-tm-t20");
    REQUIRE(profile.has_value());
    ReceiptText text;
    text.header_lines = options.header_lines;
    text.footer_lines = options.footer_lines;
    text.terminal = options.terminal;
    auto bytes = tillbook::pos::devices::RenderReceiptJob(SampleReceipt(), text, *profile);
    REQUIRE(bytes.has_value());
    return *bytes;
}

// The emulated printer plugged in, and the till's device worker started with it (and `extra`
// sections in its device file). The printer outlives the worker.
struct TillWithUsbPrinter {
    explicit TillWithUsbPrinter(const std::string& extra = {}) {
        auto started = DeviceWorker::Start(WriteUsbPrinterConfig(folder, extra),
                                           QuickDeviceOptions(), reports);
        REQUIRE_MESSAGE(started.has_value(), (started ? std::string{} : started.error().message));
        worker = std::move(*started);
        CHECK(PrinterSays(watch, "Printer ready"));
    }

    // Asks for the sample receipt, which must return at once whatever the printer does.
    void PrintReceipt() const {
        const auto asked = SteadyClock::now();
        worker->PrintReceipt(SampleReceipt());
        CHECK(SteadyClock::now() - asked < 50ms);
    }

    // The next job report, which must be the sample receipt failed with `problem`.
    PrintJobReport NextFailure(const std::string& problem) {
        const auto failed = watch.Next<PrintJobReport>();
        REQUIRE(failed.has_value());
        CHECK_FALSE(failed->printed);
        CHECK(failed->problem == problem);
        CHECK(failed->label == "Receipt S01-T1-000017");
        return *failed;
    }

    // Paper back in, and the failed receipt reprinted: its report, which must say printed.
    PrintJobReport ReprintAfterLoadingPaper(const PrintJobReport& failed) {
        fake.printer->LoadPaper();
        CHECK(PrinterSays(watch, "Printer ready"));
        worker->Reprint(failed.job_id);
        const auto reprinted = watch.Next<PrintJobReport>();
        REQUIRE(reprinted.has_value());
        CHECK(reprinted->printed);
        CHECK(reprinted->reprint_of == failed.job_id);
        CHECK(reprinted->job_id != failed.job_id);
        CHECK(reprinted->label == "Receipt S01-T1-000017");
        return *reprinted;
    }

    PluggedFakePrinter fake;
    TempDir folder{"device-worker"};
    ReportQueue reports;
    ReportWatch watch{reports};
    std::unique_ptr<DeviceWorker> worker;
};

}  // namespace

TEST_CASE("the till's receipt reaches the USB printer with its order number as CODE128 and total") {
    TillWithUsbPrinter till;
    till.PrintReceipt();
    const auto report = till.watch.Next<PrintJobReport>();
    REQUIRE(report.has_value());
    CHECK(report->printed);
    CHECK(report->problem.empty());
    CHECK(report->label == "Receipt S01-T1-000017");
    CHECK_FALSE(report->reprint_of.has_value());

    const std::string sent = till.fake.printer->ReceivedJobBytes();
    CHECK(Hex(sent) == Hex(ExpectedReceiptBytes()));
    const auto decoded = tillbook::testing::DecodeEscPos(sent);
    REQUIRE(decoded.has_value());
    REQUIRE(decoded->barcodes.size() == 1);
    CHECK(decoded->barcodes[0].type == 73);  // GS k 73: CODE128
    CHECK(decoded->barcodes[0].data == "S01-T1-000017");
    bool total_printed = false;
    for (const auto& line : decoded->lines) {
        if (line.text.starts_with("TOTAL") && line.text.ends_with("£6.59")) total_printed = true;
    }
    CHECK_MESSAGE(total_printed, "no TOTAL £6.59 line");
}

TEST_CASE("a receipt with the USB printer out of paper fails at once and reprints once after") {
    TillWithUsbPrinter till;
    FakeUsbPrinter& printer = *till.fake.printer;
    printer.SetPaperLeft(0);
    CHECK(PrinterSays(till.watch, "Printer: out of paper"));

    till.PrintReceipt();
    const PrintJobReport failed = till.NextFailure("out of paper");
    CHECK(printer.ReceivedJobBytes().empty());

    till.ReprintAfterLoadingPaper(failed);
    CHECK(Hex(printer.ReceivedJobBytes()) == Hex(ExpectedReceiptBytes()));

    // Asking again for the same failed receipt sends nothing more: it has been reprinted.
    till.worker->Reprint(failed.job_id);
    CHECK_FALSE(till.watch.Next<PrintJobReport>({}, 500ms).has_value());
    CHECK(Occurrences(printer.ReceivedJobBytes(), ExpectedReceiptBytes()) == 1);
}

TEST_CASE("paper running out in the middle of a receipt fails it, and its reprint is whole") {
    TillWithUsbPrinter till;
    FakeUsbPrinter& printer = *till.fake.printer;
    printer.SetPaperLeft(5);
    till.PrintReceipt();
    const PrintJobReport failed = till.NextFailure("out of paper");
    const std::string receipt = ExpectedReceiptBytes();
    const std::string half = printer.ReceivedJobBytes();
    CHECK_FALSE(half.empty());
    CHECK(half.size() < receipt.size());
    CHECK(PrinterSays(till.watch, "Printer: out of paper"));

    till.ReprintAfterLoadingPaper(failed);
    CHECK(Hex(printer.ReceivedJobBytes()) == Hex(half + receipt));
}

TEST_CASE("the drawer's pulse reaches the USB printer and a drawer left open is reported") {
    TillWithUsbPrinter till(R"(, "drawer": {"pin": 2, "open_when_pin3": "high", )"
                            R"("left_open_after_s": 1})");
    FakeUsbPrinter& printer = *till.fake.printer;
    REQUIRE(till.worker->HasDrawer());

    const auto asked = SteadyClock::now();
    till.worker->KickDrawer();
    CHECK(SteadyClock::now() - asked < 50ms);
    REQUIRE(WaitFor([&] { return printer.DrawerKicks() == 1; }));
    CHECK(Hex(printer.ReceivedJobBytes()) == "1B 70 00 19 FA");  // pin 2, 50 ms on, 500 ms off
    const auto left_open = till.watch.Next<PrinterReport>(
        [](const PrinterReport& report) { return report.drawer_left_open; }, 5s);
    REQUIRE(left_open.has_value());
    CHECK(left_open->text == "Printer ready");
    printer.CloseDrawer();
    const auto closed = till.watch.Next<PrinterReport>(
        [](const PrinterReport& report) { return !report.drawer_left_open; }, 5s);
    REQUIRE(closed.has_value());
    CHECK(closed->text == "Printer ready");
    CHECK(till.watch.All<PrintJobReport>().empty());  // a kick is not a receipt
}

TEST_CASE("an unplugged USB printer is reported and its receipt fails without holding the till") {
    TillWithUsbPrinter till;
    till.fake.device.Unplug();
    CHECK(PrinterSays(till.watch, "Printer not found"));

    till.PrintReceipt();
    const PrintJobReport failed = till.NextFailure("printer not found");

    till.fake.device.Replug();
    CHECK(PrinterSays(till.watch, "Printer ready"));
    till.worker->Reprint(failed.job_id);
    const auto reprinted = till.watch.Next<PrintJobReport>();
    REQUIRE(reprinted.has_value());
    CHECK(reprinted->printed);
    CHECK(Occurrences(till.fake.printer->ReceivedJobBytes(), ExpectedReceiptBytes()) == 1);

    const auto stopping = SteadyClock::now();
    till.worker->Stop();
    CHECK(SteadyClock::now() - stopping < 1s);
}
