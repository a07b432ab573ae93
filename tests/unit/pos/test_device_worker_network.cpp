// The till's device worker with a network (TCP 9100) receipt printer on loopback: a printer that
// answers gets the receipt and reads ready, paper out in its status replies is reported, and a
// printer nobody answers for reads offline while its receipt fails in the cashier's words.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>

#include "device_worker_testing.hpp"
#include "fake_network_printer.hpp"
#include "tillbook/drivers/device_config.hpp"
#include "tillbook/pos/devices/device_worker.hpp"

namespace {

using namespace std::chrono_literals;
using namespace tillbook::testing;
using namespace tillbook::pos::app;
using tillbook::pos::devices::DeviceWorker;

// The worker for the network printer on 127.0.0.1:`port`, with short waits.
std::unique_ptr<DeviceWorker> StartWithTcpPrinter(std::uint16_t port, ReportQueue& reports) {
    tillbook::drivers::DeviceConfig config;
    auto printer = tillbook::drivers::MakePrinterConfig("tcp://127.0.0.1:" + std::to_string(port),
                                                        "epson-tm-t88");
    REQUIRE(printer.has_value());
    config.printer = *printer;
    tillbook::pos::devices::DeviceWorkerOptions options;
    options.header_lines = {"The Corner Shop"};
    options.terminal = "T1";
    options.transport_timeouts.connect = 300ms;
    options.transport_timeouts.write = 300ms;
    options.spooler.first_retry_delay = 20ms;
    options.spooler.max_retry_delay = 40ms;
    options.spooler.status_timeout = 300ms;
    options.status_interval = 100ms;
    options.log = [](const std::string&) {};
    auto worker = DeviceWorker::Start(config, "till.json", options, reports);
    REQUIRE_MESSAGE(worker.has_value(), (worker ? std::string{} : worker.error().message));
    return std::move(*worker);
}

}  // namespace

TEST_CASE("a network printer that answers gets the receipt, and paper out is reported") {
    FakeNetworkPrinter printer;
    ReportQueue reports;
    ReportWatch watch(reports);
    auto worker = StartWithTcpPrinter(printer.Port(), reports);
    CHECK(PrinterSays(watch, "Printer ready"));

    worker->PrintReceipt(SampleReceipt());
    const auto printed = watch.Next<PrintJobReport>();
    REQUIRE(printed.has_value());
    CHECK(printed->printed);
    bool arrived = false;
    for (const std::string& connection : printer.WaitForJobs(1, 2s)) {
        if (connection.find("S01-T1-000017") != std::string::npos) arrived = true;
    }
    CHECK(arrived);

    printer.SetStatusReply(2, 0x32);  // DLE EOT 2: stopped by paper end
    printer.SetStatusReply(4, 0x72);  // DLE EOT 4: paper end
    CHECK(PrinterSays(watch, "Printer: out of paper"));
    worker->PrintReceipt(SampleReceipt("S01-T1-000018"));
    const auto failed = watch.Next<PrintJobReport>();
    REQUIRE(failed.has_value());
    CHECK_FALSE(failed->printed);
    CHECK(failed->problem == "out of paper");
    CHECK(failed->label == "Receipt S01-T1-000018");
}

TEST_CASE("a network printer nobody answers for reads offline and its receipt fails as offline") {
    ReportQueue reports;
    ReportWatch watch(reports);
    auto worker = StartWithTcpPrinter(FreePort(), reports);
    CHECK(PrinterSays(watch, "Printer offline"));

    const auto asked = std::chrono::steady_clock::now();
    worker->PrintReceipt(SampleReceipt());
    CHECK(std::chrono::steady_clock::now() - asked < 50ms);
    const auto failed = watch.Next<PrintJobReport>();
    REQUIRE(failed.has_value());
    CHECK_FALSE(failed->printed);
    CHECK(failed->problem == "printer offline");
}
