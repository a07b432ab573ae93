// The till's device worker reading a CDC-ACM scanner emulated by umockdev (/dev/ttyACM0): each
// barcode is posted as app::Scanned, a scanner that goes away is logged and tried again, and the
// worker stops within a second either way.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "device_worker_testing.hpp"
#include "fake_usb_printer.hpp"
#include "recorded_testbed.hpp"
#include "temp_dir.hpp"
#include "tillbook/pos/devices/device_worker.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::pos::app::ReportQueue;
using tillbook::pos::app::Scanned;
using tillbook::pos::app::ScanSource;
using tillbook::pos::devices::DeviceWorker;
using tillbook::pos::devices::DeviceWorkerOptions;
using tillbook::testing::LogLines;
using tillbook::testing::PrinterSays;
using tillbook::testing::ReportWatch;
using tillbook::testing::TempDir;
using tillbook::testing::WaitFor;
using SteadyClock = std::chrono::steady_clock;

}  // namespace

TEST_CASE("each barcode from the till's serial scanner is posted, and an unplug is logged") {
    tillbook::testing::RecordedDeviceTestbed testbed("scanner-acm.umockdev", "/dev/ttyACM0");
    TempDir folder("device-worker-scanner");
    const std::string config = folder.File("till.json");
    std::ofstream(config) << R"({"scanners": [{"uri": "serial:/dev/ttyACM0"}]})";
    LogLines log;
    DeviceWorkerOptions options;
    options.scanner_retry = 200ms;
    options.log = log.Sink();
    ReportQueue reports;
    ReportWatch watch(reports);
    auto worker = DeviceWorker::Start(config, options, reports);
    REQUIRE_MESSAGE(worker.has_value(), (worker ? std::string{} : worker.error().message));
    CHECK((*worker)->ScannerCount() == 1);
    CHECK(PrinterSays(watch, "No printer set up"));
    REQUIRE(WaitFor([&] { return log.Contains("scanner ready: serial /dev/ttyACM0"); }));

    testbed.Send("4006381333931\r");
    testbed.Send("ABC-00123\r5000112637922\r");
    for (const std::string expected : {"4006381333931", "ABC-00123", "5000112637922"}) {
        const auto scanned = watch.Next<Scanned>();
        REQUIRE(scanned.has_value());
        CHECK(scanned->code == expected);
        CHECK(scanned->source == ScanSource::kScanner);
    }

    testbed.Unplug();
    CHECK(WaitFor([&] { return log.Contains("scanner went away: serial /dev/ttyACM0"); }));
    const auto stopping = SteadyClock::now();
    (*worker)->Stop();
    CHECK(SteadyClock::now() - stopping < 1s);
}

TEST_CASE("a scanner plugged in after the till started is found on a retry and its scans arrive") {
    TempDir folder("device-worker-scanner");
    const std::string config = folder.File("till.json");
    std::ofstream(config) << R"({"scanners": [{"uri": "serial:/dev/ttyACM0"}]})";
    LogLines log;
    DeviceWorkerOptions options;
    options.scanner_retry = 100ms;
    options.log = log.Sink();
    ReportQueue reports;
    ReportWatch watch(reports);
    auto worker = DeviceWorker::Start(config, options, reports);
    REQUIRE(worker.has_value());
    REQUIRE(WaitFor([&] { return log.Contains("scanner not available: serial /dev/ttyACM0"); }));

    tillbook::testing::RecordedDeviceTestbed testbed("scanner-acm.umockdev", "/dev/ttyACM0");
    REQUIRE(WaitFor([&] { return log.Contains("scanner ready: serial /dev/ttyACM0"); }));
    testbed.Send("5000112637922\r");
    const auto scanned = watch.Next<Scanned>();
    REQUIRE(scanned.has_value());
    CHECK(scanned->code == "5000112637922");
    (*worker)->Stop();
}

TEST_CASE("each barcode from the till's keyboard-mode (evdev) scanner is posted as scanned") {
    tillbook::testing::RecordedDeviceTestbed testbed("scanner-kbd.umockdev", "/dev/input/event7");
    testbed.LoadEvemuEvents("scanner-ean.events");
    TempDir folder("device-worker-scanner");
    const std::string config = folder.File("till.json");
    std::ofstream(config) << R"({"scanners": [{"uri": "evdev:/dev/input/event7"}]})";
    DeviceWorkerOptions options;
    options.log = [](const std::string&) {};
    ReportQueue reports;
    ReportWatch watch(reports);
    auto worker = DeviceWorker::Start(config, options, reports);
    REQUIRE(worker.has_value());
    // The second has a bad check digit: the till, not the worker, tells the cashier so.
    for (const std::string expected : {"5000112637922", "5000112637923"}) {
        const auto scanned = watch.Next<Scanned>();
        REQUIRE(scanned.has_value());
        CHECK(scanned->code == expected);
    }
    CHECK_FALSE(watch.Next<Scanned>({}, 200ms).has_value());
}
