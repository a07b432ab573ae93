#pragma once
// Barcode scanners in keyboard mode read through Linux evdev (docs/hardware.md §2.2): the kernel's
// usbhid driver turns the scanner into /dev/input/eventN (stable name under /dev/input/by-id/).
// The device is grabbed (EVIOCGRAB) so its keys do not also type into the desktop, and its
// EV_KEY events are decoded with our own layout tables (EvdevScanDecoder), never the OS keymap.
// A scan ends on Enter, keypad Enter or Tab. When the kernel's event buffer overflows
// (SYN_DROPPED) the scan it hit is dropped whole rather than reported with digits missing.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "tillbook/core/error.hpp"
#include "tillbook/drivers/barcode_source.hpp"
#include "tillbook/drivers/hid_keyboard.hpp"

namespace tillbook::drivers {

struct EvdevScannerOptions {
    std::string device;  // "/dev/input/event5", "/dev/input/by-id/usb-..-event-kbd"
    KeyboardLayout layout = KeyboardLayout::kUs;
    bool grab = true;  // take the device exclusively (EVIOCGRAB)
};

// A grabbed scanner's input events turned into scans, as EvdevScanner reads them: EV_KEY events go
// to an EvdevScanDecoder; after SYN_DROPPED (the kernel's buffer overflowed) events up to the next
// SYN_REPORT are ignored and the scan that was cut is dropped through its terminator, since its
// tail alone would read as a shorter, wrong barcode. Plain value, no I/O.
class EvdevEventDecoder {
  public:
    explicit EvdevEventDecoder(KeyboardLayout layout) : m_keys(layout) {}

    // Takes one event (type, code, value of a struct input_event); returns the text of a scan it
    // completed.
    [[nodiscard]] std::optional<std::string> Take(std::uint16_t type, std::uint16_t code,
                                                  std::int32_t value);

    // Scans dropped since construction because events were lost (SYN_DROPPED).
    [[nodiscard]] std::size_t ScansLostToOverflow() const { return m_overflow_dropped; }

    // Forgets the scan in progress and any resync (after a reopen); the count stays.
    void Reset();

  private:
    EvdevScanDecoder m_keys;
    bool m_resyncing = false;
    bool m_dropping_scan = false;
    std::size_t m_overflow_dropped = 0;
};

class EvdevScanner final : public BarcodeSource {
  public:
    explicit EvdevScanner(EvdevScannerOptions options);
    ~EvdevScanner() override;
    EvdevScanner(const EvdevScanner&) = delete;
    EvdevScanner& operator=(const EvdevScanner&) = delete;

    // "evdev /dev/input/event5"
    [[nodiscard]] std::string Describe() const override;
    // Opens read-only and non-blocking, then grabs. A failed grab is not fatal (umockdev, or
    // another program holding the grab): the scanner still reads, and Warning() says so.
    [[nodiscard]] Status Open() override;
    // Errors: "evdev /dev/input/event5: scanner disconnected" (ENODEV, hang-up).
    [[nodiscard]] Result<std::optional<ScannedBarcode>> Next(
        std::chrono::milliseconds timeout) override;
    void Close() override;
    [[nodiscard]] bool IsOpen() const override { return m_fd >= 0; }
    // The failed grab, and scans dropped because the kernel's buffer overflowed.
    [[nodiscard]] std::string Warning() const override;

    // Whether the open device is grabbed exclusively.
    [[nodiscard]] bool Grabbed() const { return m_grabbed; }
    // Scans dropped since construction because events were lost (SYN_DROPPED).
    [[nodiscard]] std::size_t ScansLostToOverflow() const {
        return m_decoder.ScansLostToOverflow();
    }

  private:
    EvdevScannerOptions m_options;
    EvdevEventDecoder m_decoder;
    int m_fd = -1;
    bool m_grabbed = false;
    std::string m_warning;
    std::string m_input;  // bytes read that do not yet make a whole input_event
};

}  // namespace tillbook::drivers
