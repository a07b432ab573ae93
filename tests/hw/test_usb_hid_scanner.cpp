// UsbHidScanner through real libusb against FakeUsbScanner, a HID keyboard-mode scanner emulated
// in-process under umockdev (usb_testbed.hpp): usbhid detached, interface claimed, boot reports
// read from the interrupt IN endpoint and decoded with the configured keyboard country.
#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <string>

#include "fake_usb_printer.hpp"
#include "fake_usb_scanner.hpp"
#include "next_scan.hpp"
#include "tillbook/drivers/usb_hid_scanner.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::ErrorCode;
using tillbook::barcode::Symbology;
using tillbook::drivers::BootReport;
using tillbook::drivers::CheckDigit;
using tillbook::drivers::KeyboardLayout;
using tillbook::drivers::ScannedBarcode;
using tillbook::drivers::UsbHidScanner;
using tillbook::drivers::UsbHidScannerOptions;
using tillbook::testing::FakeScannerOptions;
using tillbook::testing::FakeUsbPrinter;
using tillbook::testing::FakeUsbScanner;
using tillbook::testing::IdleReportStream;
using tillbook::testing::PluggedFakeScanner;
using tillbook::testing::UsbTestbed;
using SteadyClock = std::chrono::steady_clock;
using tillbook::testing::NextScan;

}  // namespace

TEST_CASE(
    "an emulated HID scanner gives the right barcodes, repeated digits neither lost nor doubled") {
    PluggedFakeScanner plugged;
    UsbHidScanner scanner(FakeScannerOptions());
    REQUIRE(scanner.Open().has_value());
    CHECK(scanner.Describe() == "usb 05e0:1200");
    // usbhid was detached explicitly and the interface is ours, in boot protocol.
    CHECK(plugged.device.DetachCount() == 1);
    CHECK(plugged.device.KernelDriver(0).empty());
    CHECK(plugged.device.Claimed(0));
    CHECK(plugged.scanner->RequestedProtocol() == std::optional<std::uint16_t>(0));
    CHECK(plugged.scanner->RequestedIdle() == std::optional<std::uint16_t>(0));

    plugged.scanner->Type("5000112637922\r");
    plugged.scanner->Type("0011000\r");
    const ScannedBarcode ean = NextScan(scanner);
    CHECK(ean.text == "5000112637922");
    CHECK(ean.symbology == Symbology::kEan13);
    CHECK(ean.check_digit == CheckDigit::kValid);
    CHECK(NextScan(scanner).text == "0011000");

    auto none = scanner.Next(50ms);
    REQUIRE(none.has_value());
    CHECK_FALSE(none->has_value());
    scanner.Close();
    CHECK_FALSE(plugged.device.Claimed(0));
}

TEST_CASE("a HID scanner's bad EAN-13 check digit is flagged and a Tab suffix ends the scan") {
    PluggedFakeScanner plugged;
    UsbHidScanner scanner(FakeScannerOptions());
    REQUIRE(scanner.Open().has_value());
    plugged.scanner->Type("5000112637923\t");
    const ScannedBarcode bad = NextScan(scanner);
    CHECK(bad.text == "5000112637923");
    CHECK(bad.symbology == Symbology::kEan13);
    CHECK(bad.check_digit == CheckDigit::kInvalid);
    CHECK_FALSE(bad.IsVerifiedGtin());
}

TEST_CASE("a HID scanner set to a UK keyboard gives a Code 128 with pound, quote and at intact") {
    PluggedFakeScanner plugged;
    UsbHidScanner scanner(FakeScannerOptions(KeyboardLayout::kUk));
    REQUIRE(scanner.Open().has_value());
    const std::string code =
        "RTN-\xC2\xA3"
        "5\"@#7";  // RTN-£5"@#7
    plugged.scanner->Type(code + "\r", KeyboardLayout::kUk);
    const ScannedBarcode scan = NextScan(scanner);
    CHECK(scan.text == code);
    CHECK(scan.symbology == Symbology::kCode128OrOther);
    CHECK(scan.check_digit == CheckDigit::kNotApplicable);
}

TEST_CASE("the same UK scanner read as a US keyboard gives the US characters of those keys") {
    PluggedFakeScanner plugged;
    UsbHidScanner scanner(FakeScannerOptions(KeyboardLayout::kUs));
    REQUIRE(scanner.Open().has_value());
    plugged.scanner->Type("\"@\r", KeyboardLayout::kUk);  // Shift+2, Shift+'
    CHECK(NextScan(scanner).text == "@\"");
}

TEST_CASE("a key held over several HID reports types once, and a rollover report is ignored") {
    PluggedFakeScanner plugged;
    UsbHidScanner scanner(FakeScannerOptions());
    REQUIRE(scanner.Open().has_value());
    constexpr std::uint8_t kUsage7 = 0x24;
    plugged.scanner->SendReport(BootReport{0, 0, kUsage7, 0, 0, 0, 0, 0});
    plugged.scanner->SendReport(BootReport{0, 0, kUsage7, 0, 0, 0, 0, 0});
    plugged.scanner->SendReport(BootReport{0, 0, 1, 1, 1, 1, 1, 1});
    plugged.scanner->SendReport(BootReport{0, 0, kUsage7, 0, 0, 0, 0, 0});
    plugged.scanner->SendReport(BootReport{});
    plugged.scanner->Type("7\r");
    CHECK(NextScan(scanner).text == "77");
}

TEST_CASE(
    "a HID scanner unplugged while waiting gives scanner disconnected at once, and comes back") {
    PluggedFakeScanner plugged;
    UsbHidScanner scanner(FakeScannerOptions());
    REQUIRE(scanner.Open().has_value());
    plugged.scanner->Type("400638");  // half a scan, then the cable is pulled
    auto half = scanner.Next(100ms);
    REQUIRE(half.has_value());
    CHECK_FALSE(half->has_value());
    plugged.device.Unplug();
    const auto started = SteadyClock::now();
    auto gone = scanner.Next(5000ms);
    CHECK(SteadyClock::now() - started < 2000ms);
    REQUIRE_FALSE(gone.has_value());
    CHECK(gone.error().message == "usb 05e0:1200: scanner disconnected");
    CHECK_FALSE(scanner.IsOpen());
    const auto while_gone = scanner.Open();
    REQUIRE_FALSE(while_gone.has_value());
    CHECK(while_gone.error().code == ErrorCode::kNotFound);

    // Plugged in again: found by a fresh look at the bus, and the half scan is not resurrected.
    plugged.device.Replug();
    REQUIRE(scanner.Open().has_value());
    plugged.scanner->Type("4006381333931\r");
    CHECK(NextScan(scanner).text == "4006381333931");
}

TEST_CASE("a HID scanner streaming idle reports without end still lets Next time out") {
    PluggedFakeScanner plugged;
    UsbHidScanner scanner(FakeScannerOptions());
    REQUIRE(scanner.Open().has_value());
    // Ends by itself after 3 s: a Next that only looked at the deadline on a transfer timeout
    // would wait for that, not 200 ms.
    IdleReportStream stream(*plugged.scanner, 3000ms);
    const auto started = SteadyClock::now();
    auto none = scanner.Next(200ms);
    const auto took = SteadyClock::now() - started;
    REQUIRE_MESSAGE(none.has_value(), none.error().message);
    CHECK_FALSE(none->has_value());
    CHECK(took >= 190ms);
    CHECK(took < 1000ms);
    CHECK(stream.ReportsSent() >= 20);  // the reports did arrive during the wait
    CHECK(scanner.IsOpen());
}

TEST_CASE("without a vendor and product the first boot keyboard is the scanner, not a printer") {
    UsbTestbed testbed;
    testbed.AddDevice(FakeUsbPrinter::Spec(), std::make_shared<FakeUsbPrinter>());
    auto fake = std::make_shared<FakeUsbScanner>();
    testbed.AddDevice(FakeUsbScanner::Spec(), fake);
    UsbHidScannerOptions options;
    options.transfer_timeout = 100ms;
    UsbHidScanner scanner(options);
    CHECK(scanner.Describe() == "usb hid keyboard");
    REQUIRE(scanner.Open().has_value());
    CHECK(scanner.Describe() == "usb 05e0:1200");
    fake->Type("ABC123\r");
    CHECK(NextScan(scanner).text == "ABC123");
}

TEST_CASE("a HID scanner without the boot subclass is found only by its vendor and product") {
    PluggedFakeScanner plugged(/*usbhid_bound=*/false, /*boot=*/false);
    UsbHidScanner any(UsbHidScannerOptions{});
    auto not_found = any.Open();
    REQUIRE_FALSE(not_found.has_value());
    CHECK(not_found.error().code == ErrorCode::kNotFound);
    CHECK(not_found.error().message == "usb hid keyboard: no such scanner plugged in");

    UsbHidScanner configured(FakeScannerOptions());
    REQUIRE(configured.Open().has_value());
    CHECK(plugged.device.DetachCount() == 0);  // nothing was bound
    CHECK_FALSE(plugged.scanner->RequestedProtocol().has_value());
    plugged.scanner->Type("X-1\r");
    CHECK(NextScan(configured).text == "X-1");
}

TEST_CASE("a HID scanner that is not plugged in is reported as not found, with its ids") {
    UsbTestbed testbed;
    UsbHidScanner scanner(FakeScannerOptions());
    auto opened = scanner.Open();
    REQUIRE_FALSE(opened.has_value());
    CHECK(opened.error().code == ErrorCode::kNotFound);
    CHECK(opened.error().message == "usb 05e0:1200: no such scanner plugged in");
    CHECK_FALSE(scanner.Next(10ms).has_value());
}
