#pragma once
// Barcode scanners on a serial line (docs/hardware.md §2.2, "USB COM port emulation"): CDC-ACM
// /dev/ttyACMn or any tty. The line is set raw (8N1, no flow control, the configured speed) and
// each scan is one line of text ended by the scanner's suffix. Full 8-bit data and no keymap, so
// this is the connection to prefer where the scanner offers it.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/drivers/barcode_source.hpp"
#include "tillbook/drivers/hid_keyboard.hpp"

namespace tillbook::drivers {

// What the scanner sends after each code. Stored in terminal settings: explicit values, never
// reused. CR, LF and Tab bytes that are not part of the suffix are dropped, never kept as data.
enum class SerialSuffix : int {
    kCrOrLf = 1,  // CR, LF or CR LF (the default: works whatever the scanner is set to)
    kCr = 2,
    kLf = 3,
    kCrLf = 4,  // only CR followed by LF ends a scan
    kTab = 5,
};

// "cr-or-lf", "cr", "lf", "crlf", "tab"; and back (kInvalidInput naming the text).
[[nodiscard]] std::string_view ToString(SerialSuffix suffix);
[[nodiscard]] Result<SerialSuffix> ParseSerialSuffix(std::string_view text);

struct SerialScannerOptions {
    std::string device;         // "/dev/ttyACM0", "/dev/serial/by-id/usb-...", "/dev/ttyS0"
    std::uint32_t baud = 9600;  // ignored by CDC-ACM, needed by RS-232 scanners
    SerialSuffix suffix = SerialSuffix::kCrOrLf;
    std::size_t max_line_bytes = kMaxScanBytes;  // longer lines are dropped whole
};

// kInvalidInput for an empty device, a speed termios does not have (1200 .. 230400), or a
// max_line_bytes of 0.
[[nodiscard]] Status ValidateSerialScannerOptions(const SerialScannerOptions& options);

// A serial scanner's bytes turned into lines, as SerialScanner reads them: the suffix ends a line,
// CR, LF and Tab bytes that are not the suffix are dropped, and a line longer than max_line_bytes
// is dropped whole (up to its suffix). Plain value, no I/O.
class SerialLineDecoder {
  public:
    SerialLineDecoder(SerialSuffix suffix, std::size_t max_line_bytes)
        : m_suffix(suffix), m_max_line_bytes(max_line_bytes) {}

    // Takes one byte; returns the line it completed, without the suffix (empty for a suffix with
    // nothing before it, or after an overlong line).
    [[nodiscard]] std::optional<std::string> Take(char byte);

    // Lines dropped for being longer than max_line_bytes.
    [[nodiscard]] std::size_t OverlongScansDropped() const { return m_overlong_dropped; }

    // Forgets the line in progress (after a reopen); the count of dropped lines stays.
    void Reset();

  private:
    SerialSuffix m_suffix;
    std::size_t m_max_line_bytes;
    std::string m_line;       // the line being received
    bool m_after_cr = false;  // the previous byte was a CR (for kCrOrLf and kCrLf)
    bool m_overlong = false;  // the line being received went past max_line_bytes
    std::size_t m_overlong_dropped = 0;
};

class SerialScanner final : public BarcodeSource {
  public:
    explicit SerialScanner(SerialScannerOptions options);
    ~SerialScanner() override;
    SerialScanner(const SerialScanner&) = delete;
    SerialScanner& operator=(const SerialScanner&) = delete;

    // "serial /dev/ttyACM0"
    [[nodiscard]] std::string Describe() const override;
    // Opens O_RDWR|O_NOCTTY|O_NONBLOCK and sets the line raw. Fails for options that do not
    // validate, a missing device (kNotFound), no permission (kForbidden), or a device that is
    // not a tty (kUnsupported).
    [[nodiscard]] Status Open() override;
    // Errors: "serial /dev/ttyACM0: scanner disconnected" (hang-up, EIO, ENODEV), kNotFound.
    [[nodiscard]] Result<std::optional<ScannedBarcode>> Next(
        std::chrono::milliseconds timeout) override;
    void Close() override;
    [[nodiscard]] bool IsOpen() const override { return m_fd >= 0; }

    // Lines dropped for being longer than max_line_bytes.
    [[nodiscard]] std::size_t OverlongScansDropped() const {
        return m_decoder.OverlongScansDropped();
    }

  private:
    SerialScannerOptions m_options;
    SerialLineDecoder m_decoder;
    int m_fd = -1;
    std::string m_input;  // bytes read but not yet taken
};

}  // namespace tillbook::drivers
