#pragma once
// Barcode scanners in USB HID keyboard mode (docs/hardware.md §2.2): 8-byte boot keyboard reports
// turned into the text of complete scans. Plain values, no I/O: a transport (libusb interrupt IN,
// hidraw) reads the reports and feeds them here.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"

namespace tillbook::drivers {

// The keyboard country the scanner emulates. Stored in terminal settings: explicit values, never
// reused. Decoding uses our own tables of physical keys (HID usage IDs), never the OS keymap.
enum class KeyboardLayout : int {
    kUs = 1,  // US English: Shift+2 '@', Shift+3 '#', Shift+' '"'
    kUk = 2,  // UK English: Shift+2 '"', Shift+3 '£', Shift+' '@', a '#'/'~' key, AltGr+4 '€'
};

// A boot keyboard report: [modifiers][reserved][key1..key6].
inline constexpr std::size_t kBootReportSize = 8;

// Modifier bits of byte 0.
inline constexpr std::uint8_t kLeftCtrl = 0x01;
inline constexpr std::uint8_t kLeftShift = 0x02;
inline constexpr std::uint8_t kLeftAlt = 0x04;
inline constexpr std::uint8_t kLeftGui = 0x08;
inline constexpr std::uint8_t kRightCtrl = 0x10;
inline constexpr std::uint8_t kRightShift = 0x20;
inline constexpr std::uint8_t kRightAlt = 0x40;  // AltGr on UK keyboards
inline constexpr std::uint8_t kRightGui = 0x80;

// Usage IDs (HID Usage Tables, keyboard page 0x07) that end a scan.
inline constexpr std::uint8_t kUsageEnter = 0x28;
inline constexpr std::uint8_t kUsageTab = 0x2B;
inline constexpr std::uint8_t kUsageKeypadEnter = 0x58;

// The longest scan kept, in bytes of text; longer runs without a terminator are dropped whole.
inline constexpr std::size_t kMaxScanBytes = 1024;

// The UTF-8 text that the key `usage` types with `modifiers` held in `layout`, as a keyboard of
// that country would: "a"/"A", "2"/"@" (US) or "2"/"\"" (UK), "3"/"£" (UK), keypad digits as
// digits. Ctrl+] is the GS character (0x1D), which scanners send as the GS1 field separator.
// nullopt for keys that type nothing (Esc, Backspace, arrows, F-keys, Enter, Tab), for a key
// with Ctrl (other than Ctrl+]), Alt or GUI held, for AltGr combinations the layout lacks, and
// for the error usages 0x01..0x03.
[[nodiscard]] std::optional<std::string> KeyText(std::uint8_t usage, std::uint8_t modifiers,
                                                 KeyboardLayout layout);

// One boot keyboard report.
using BootReport = std::array<std::uint8_t, kBootReportSize>;

// The reports a scanner set to `layout` sends to type `utf8`: for each character a press report
// (the key, with Shift, AltGr or Ctrl as needed) followed by an all-zero release report; '\r' and
// '\n' are Enter and '\t' is Tab. For emulated scanners in tests and the devices tool; decoding
// the result with HidScanDecoder gives the text back. kInvalidInput, naming the character, for
// one the layout cannot type ("é", "£" on a US keyboard) or text that is not UTF-8.
[[nodiscard]] Result<std::vector<BootReport>> ReportsTyping(std::string_view utf8,
                                                            KeyboardLayout layout);

// Decodes a scanner's reports one at a time and hands back each scan when its terminator (Enter,
// keypad Enter or Tab) arrives. Only keys newly pressed compared with the previous report count,
// so a key held over several reports types once, and a key released and pressed again ("00")
// types twice. A rollover report (0x01 in the key slots) is ignored and not remembered as the
// previous report. A terminator with nothing before it (a Tab after a CR, a second Enter) gives
// no scan.
class HidScanDecoder {
  public:
    explicit HidScanDecoder(KeyboardLayout layout) : m_layout(layout) {}

    // Feeds one report; returns the scans it completed (usually none or one), without their
    // terminators. kInvalidInput, with the state unchanged, when `report` is not 8 bytes.
    [[nodiscard]] Result<std::vector<std::string>> Feed(std::span<const std::uint8_t> report);

    // The text of the scan in progress (typed since the last terminator).
    [[nodiscard]] const std::string& Pending() const { return m_pending; }

    // How many scans were dropped for being longer than kMaxScanBytes.
    [[nodiscard]] std::size_t OverlongScansDropped() const { return m_overlong_dropped; }

    // Forgets the scan in progress and the previous report (after a reconnect).
    void Reset();

  private:
    KeyboardLayout m_layout;
    std::array<std::uint8_t, 6> m_previous_keys{};
    std::string m_pending;
    bool m_overlong = false;
    std::size_t m_overlong_dropped = 0;
};

// The same scanners read through Linux evdev (/dev/input/event*, grabbed): the HID usage of a
// KEY_* code (KEY_A -> 0x04, KEY_1 -> 0x1E, KEY_102ND -> 0x64, KEY_KPENTER -> 0x58), so evdev
// events decode with the same layout tables. nullopt for modifiers and keys that type nothing.
[[nodiscard]] std::optional<std::uint8_t> HidUsageOfEvdevKey(std::uint16_t code);

// Decodes a scanner's EV_KEY events into scans, tracking Shift, Ctrl, Alt and AltGr from their
// own press and release events. Auto-repeat events are ignored.
class EvdevScanDecoder {
  public:
    explicit EvdevScanDecoder(KeyboardLayout layout) : m_layout(layout) {}

    // One EV_KEY event (value 1 press, 0 release, 2 auto-repeat); returns the scan it completed
    // (on the press of Enter, keypad Enter or Tab), without the terminator.
    [[nodiscard]] std::optional<std::string> Key(std::uint16_t code, std::int32_t value);

    [[nodiscard]] const std::string& Pending() const { return m_pending; }
    [[nodiscard]] std::size_t OverlongScansDropped() const { return m_overlong_dropped; }
    void Reset();

  private:
    KeyboardLayout m_layout;
    std::uint8_t m_modifiers = 0;
    std::string m_pending;
    bool m_overlong = false;
    std::size_t m_overlong_dropped = 0;
};

}  // namespace tillbook::drivers
