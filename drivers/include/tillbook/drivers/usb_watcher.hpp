#pragma once
// Hotplug for USB printers (docs/hardware.md §2.1): reports printers that arrive and leave, so the
// till can say "printer unplugged" at once and print again as soon as it is back. libusb's
// hotplug callback only posts to a queue; the watcher's own thread drives libusb's events and
// turns the queue into printer events.
// OWNER: helper "usb".
#include <chrono>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/drivers/usb_transport.hpp"

namespace tillbook::drivers {

enum class UsbPrinterEventKind : int {
    kArrived = 1,
    kLeft = 2,
};

[[nodiscard]] std::string_view ToString(UsbPrinterEventKind kind);

struct UsbPrinterEvent {
    UsbPrinterEventKind kind = UsbPrinterEventKind::kArrived;
    // From the descriptors; on arrival also the strings (serial, ...) when the device could be
    // opened. On leaving, what was known when it arrived.
    UsbPrinterInfo printer;
    // The serial could not be read on arrival (or the printer has none), so a configured serial
    // was not checked: the printer is reported because its vendor:product match.
    bool serial_unknown = false;
};

class UsbWatcher {
  public:
    // Starts watching for printers matching `match` (printer-class interfaces, or the configured
    // vendor:product). Printers already plugged in are reported as arrived first.
    // kUnsupported when libusb has no hotplug on this system.
    [[nodiscard]] static Result<std::unique_ptr<UsbWatcher>> Start(UsbPrinterMatch match);
    ~UsbWatcher();
    UsbWatcher(const UsbWatcher&) = delete;
    UsbWatcher& operator=(const UsbWatcher&) = delete;

    // The next event, waiting at most `timeout`; empty when none came.
    [[nodiscard]] std::optional<UsbPrinterEvent> WaitForEvent(std::chrono::milliseconds timeout);
    // Every event that has come and not been taken yet, oldest first.
    [[nodiscard]] std::vector<UsbPrinterEvent> TakeEvents();

    struct Impl;  // public for the libusb callback; defined in usb_watcher.cpp

  private:
    explicit UsbWatcher(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace tillbook::drivers
