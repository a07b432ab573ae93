#include "fake_usb_scanner.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <mutex>
#include <string>
#include <utility>

namespace tillbook::testing {
namespace {

// HID class requests (HID 1.11 §7.2), host to device, to the interface.
constexpr std::uint8_t kClassInterfaceOut = 0x21;
constexpr std::uint8_t kSetIdle = 0x0A;
constexpr std::uint8_t kSetProtocol = 0x0B;

}  // namespace

UsbDeviceSpec FakeUsbScanner::Spec(bool usbhid_bound, bool boot, std::uint8_t endpoint) {
    const std::uint8_t subclass = boot ? 1 : 0;
    const std::uint8_t protocol = boot ? 1 : 0;
    UsbDeviceSpec spec;
    spec.sysfs_path = "/devices/usb1/1-2";
    spec.address = 3;
    // Device (USB 2.0, class per interface, EP0 of 8 bytes, 05e0:1200, strings 1/2/3, one
    // configuration); configuration of 34 bytes, bus powered, 100 mA; the HID interface with
    // one endpoint; its HID descriptor (HID 1.11, one report descriptor of 63 bytes); an
    // interrupt IN endpoint of 8 bytes polled every 10 ms.
    spec.descriptors_hex = fmt::format(
        "12 01 0002 00 00 00 08 E005 0012 0001 01 02 03 01"
        "09 02 2200 01 01 00 80 32"
        "09 04 00 00 01 03 {:02X} {:02X} 00"
        "09 21 1101 00 01 22 3F00"
        "07 05 {:02X} 03 0800 0A",
        subclass, protocol, endpoint);
    std::erase(spec.descriptors_hex, ' ');
    spec.manufacturer = "Tillbook";
    spec.product = "Test Barcode Scanner";
    spec.serial = "SCAN0001";
    spec.interfaces.push_back(
        UsbInterfaceSpec{0, 3, subclass, protocol, 1, usbhid_bound ? "usbhid" : ""});
    return spec;
}

void FakeUsbScanner::Type(std::string_view utf8, drivers::KeyboardLayout layout) {
    auto reports = drivers::ReportsTyping(utf8, layout);
    REQUIRE_MESSAGE(reports.has_value(), reports.error().message);
    for (const drivers::BootReport& report : *reports)
        SendReport(report);
}

void FakeUsbScanner::SendReport(const drivers::BootReport& report) {
    QueueIn(m_endpoint, std::string(report.begin(), report.end()));
}

std::optional<std::uint16_t> FakeUsbScanner::RequestedProtocol() const {
    const std::lock_guard lock(Mutex());
    return m_protocol;
}

std::optional<std::uint16_t> FakeUsbScanner::RequestedIdle() const {
    const std::lock_guard lock(Mutex());
    return m_idle;
}

std::optional<std::string> FakeUsbScanner::OnControl(const UsbControlSetup& setup,
                                                     std::string_view /*data_out*/) {
    const std::lock_guard lock(Mutex());
    if (setup.request_type == kClassInterfaceOut && setup.request == kSetProtocol) {
        m_protocol = setup.value;
        return std::string{};
    }
    if (setup.request_type == kClassInterfaceOut && setup.request == kSetIdle) {
        m_idle = setup.value;
        return std::string{};
    }
    return std::nullopt;  // anything else stalls, as a simple scanner's firmware does
}

IdleReportStream::IdleReportStream(FakeUsbScanner& scanner, std::chrono::milliseconds at_most)
    : m_thread([this, &scanner, at_most] {
          const auto until = std::chrono::steady_clock::now() + at_most;
          while (!m_stop.load() && std::chrono::steady_clock::now() < until) {
              scanner.SendReport(drivers::BootReport{});
              ++m_sent;
              std::this_thread::sleep_for(std::chrono::milliseconds{1});
          }
      }) {}

IdleReportStream::~IdleReportStream() {
    m_stop = true;
    m_thread.join();
}

PluggedFakeScanner::PluggedFakeScanner(bool usbhid_bound, bool boot)
    : scanner(std::make_shared<FakeUsbScanner>()),
      device(testbed.AddDevice(FakeUsbScanner::Spec(usbhid_bound, boot), scanner)) {}

drivers::UsbHidScannerOptions FakeScannerOptions(drivers::KeyboardLayout layout) {
    drivers::UsbHidScannerOptions options;
    options.vendor_id = FakeUsbScanner::kVendorId;
    options.product_id = FakeUsbScanner::kProductId;
    options.layout = layout;
    options.transfer_timeout = std::chrono::milliseconds{100};
    return options;
}

}  // namespace tillbook::testing
