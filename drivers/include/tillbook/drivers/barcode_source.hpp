#pragma once
// One interface for every scanner connection (libusb HID keyboard, CDC-ACM serial, evdev), so
// the till and tillbook-devices read barcodes without knowing how the scanner is attached.
// Not thread-safe: one owner (the till's scanner thread) uses a source at a time.
#include <chrono>
#include <optional>
#include <string>

#include "tillbook/core/error.hpp"
#include "tillbook/drivers/scanned_barcode.hpp"

namespace tillbook::drivers {

class BarcodeSource {
  public:
    virtual ~BarcodeSource() = default;
    // "usb 05e0:1200", "serial /dev/ttyACM0", "evdev /dev/input/event5"
    [[nodiscard]] virtual std::string Describe() const = 0;
    // Opens the device; opening an open source does nothing. Errors name the device:
    // "serial /dev/ttyACM0: cannot open (No such file or directory)".
    [[nodiscard]] virtual Status Open() = 0;
    // The next complete scan, waiting at most `timeout`; nullopt when none came in that time.
    // An error when the device went away or cannot be read (the source is then closed, and
    // Open may be tried again later). Scans that ReadScannedBarcode rejects (empty) are skipped.
    [[nodiscard]] virtual Result<std::optional<ScannedBarcode>> Next(
        std::chrono::milliseconds timeout) = 0;
    virtual void Close() = 0;
    [[nodiscard]] virtual bool IsOpen() const = 0;
    // Something the operator should know that did not stop the source from working ("keys also
    // reach the desktop: exclusive grab failed (...)"); empty when all is well.
    [[nodiscard]] virtual std::string Warning() const { return {}; }
};

}  // namespace tillbook::drivers
