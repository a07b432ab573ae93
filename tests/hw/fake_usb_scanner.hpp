#pragma once
// An emulated USB barcode scanner in HID keyboard mode (docs/hardware.md §2.2) for umockdev tests:
// one HID interface with an interrupt IN endpoint, bound to usbhid at the start (so the reader
// must detach it), sending 8-byte boot keyboard reports. The test makes it "scan" by typing text
// as a scanner set to a keyboard country does (ReportsTyping: press, then release, per key).
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "tillbook/drivers/hid_keyboard.hpp"
#include "tillbook/drivers/usb_hid_scanner.hpp"
#include "usb_testbed.hpp"

namespace tillbook::testing {

class FakeUsbScanner final : public UsbDeviceModel {
  public:
    static constexpr std::uint16_t kVendorId = 0x05e0;
    static constexpr std::uint16_t kProductId = 0x1200;

    // Bus 1 at /devices/usb1/1-2, device 3 (so it sits beside a FakeUsbPrinter). `boot`: the
    // interface is 3/1/1 (boot keyboard); otherwise 3/0/0, a HID scanner that only a configured
    // vendor:product finds. `endpoint`: the interrupt IN endpoint (0x81 on most scanners).
    static UsbDeviceSpec Spec(bool usbhid_bound = true, bool boot = true,
                              std::uint8_t endpoint = 0x81);

    explicit FakeUsbScanner(std::uint8_t endpoint = 0x81) : m_endpoint(endpoint) {}

    // Scans `utf8` ("5000112637922\r") as a scanner set to `layout` sends it. Fails the test for
    // text the layout cannot type.
    void Type(std::string_view utf8, drivers::KeyboardLayout layout = drivers::KeyboardLayout::kUs);
    // One raw report (8 bytes), for held keys and rollover.
    void SendReport(const drivers::BootReport& report);

    // The protocol the host asked for with SET_PROTOCOL (0 boot, 1 report); nullopt if never.
    [[nodiscard]] std::optional<std::uint16_t> RequestedProtocol() const;
    // The wValue of the host's last SET_IDLE (0: report only on change); nullopt if never.
    [[nodiscard]] std::optional<std::uint16_t> RequestedIdle() const;

    std::optional<std::string> OnControl(const UsbControlSetup& setup,
                                         std::string_view data_out) override;

  private:
    std::uint8_t m_endpoint;
    std::optional<std::uint16_t> m_protocol;
    std::optional<std::uint16_t> m_idle;
};

// While alive, `scanner` sends an all-zero report every millisecond, as a keyboard that ignores
// SET_IDLE repeats its idle state; it stops by itself after `at_most`, so that a reader that never
// returns fails its test instead of hanging it.
class IdleReportStream {
  public:
    IdleReportStream(FakeUsbScanner& scanner, std::chrono::milliseconds at_most);
    ~IdleReportStream();
    IdleReportStream(const IdleReportStream&) = delete;
    IdleReportStream& operator=(const IdleReportStream&) = delete;

    [[nodiscard]] std::size_t ReportsSent() const { return m_sent.load(); }

  private:
    std::atomic<bool> m_stop{false};
    std::atomic<std::size_t> m_sent{0};
    std::thread m_thread;
};

// A testbed with one FakeUsbScanner plugged in. Declare it before any scanner, so that it is
// destroyed after them.
struct PluggedFakeScanner {
    explicit PluggedFakeScanner(bool usbhid_bound = true, bool boot = true);

    UsbTestbed testbed;
    std::shared_ptr<FakeUsbScanner> scanner;
    EmulatedUsbDevice& device;
};

// Reader options for the fake: matched by vendor:product, with `layout`.
[[nodiscard]] drivers::UsbHidScannerOptions FakeScannerOptions(
    drivers::KeyboardLayout layout = drivers::KeyboardLayout::kUs);

}  // namespace tillbook::testing
