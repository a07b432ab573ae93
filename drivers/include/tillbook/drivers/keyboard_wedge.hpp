#pragma once
// Telling a barcode scanner from a person when both arrive as keyboard input ("keyboard wedge"):
// the till's UI feeds every character with the time it arrived, and gets back what a person typed
// (to go into the focused field) and what a scanner sent (one scan). A scanner types a whole code
// in a burst far faster than anyone types. Plain values, no I/O and no clock reads: time comes in.
//
// Where the device is known (evdev by-id path, HID over libusb) prefer that: timing is a fallback
// for a scanner that reaches the UI only as keystrokes. A key a person presses within max_key_gap
// of a burst joins the burst, and keyboard auto-repeat faster than max_key_gap looks like a scan.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "tillbook/core/error.hpp"

namespace tillbook::drivers {

// Read from terminal settings.
struct WedgeSettings {
    // Keys that follow each other within this gap (inclusive) belong to one burst.
    std::chrono::milliseconds max_key_gap{30};
    // A burst is a scan when it has at least this many characters (terminator not counted).
    std::size_t min_length = 6;
    // Which keys end a scan: Enter ('\r' or '\n') always, Tab when this is true.
    bool tab_ends_scan = true;
};

// kInvalidInput for a negative gap or a min_length below 2 (a single key is never a burst).
[[nodiscard]] Status ValidateWedgeSettings(const WedgeSettings& settings);

// Not stored.
enum class WedgeEventKind : int {
    kTyped = 1,    // a person's keys, in order, terminators included: hand them to the UI as keys
    kScanned = 2,  // one scan, without its terminator: hand it to ReadScannedBarcode
};

struct WedgeEvent {
    WedgeEventKind kind = WedgeEventKind::kTyped;
    std::string text;  // UTF-8

    friend bool operator==(const WedgeEvent&, const WedgeEvent&) = default;
};

// Holds each key back until it knows whether it starts a burst: until the next key arrives or
// max_key_gap has passed (call Tick then; ReleaseDue says when). A person's key is therefore
// delayed by at most max_key_gap plus the UI's tick interval. A burst ends:
//  - with Enter (or Tab): a scan if it has min_length characters; otherwise the characters and
//    the Enter are typing;
//  - with a gap longer than max_key_gap, seen by the next key or by Tick: a scan if it has
//    min_length characters (a scanner configured without a suffix), otherwise typing.
class KeyboardWedgeDetector {
  public:
    KeyboardWedgeDetector() = default;
    // Settings should have passed ValidateWedgeSettings; bad values are clamped into range.
    explicit KeyboardWedgeDetector(const WedgeSettings& settings);

    // One character that arrived at `at` (any monotonic time base, never going backwards; a
    // time before the previous key's counts as no gap). Returns the events it completed.
    [[nodiscard]] std::vector<WedgeEvent> Key(char32_t character, std::chrono::milliseconds at);

    // Releases the held keys once more than max_key_gap has passed since the last key.
    [[nodiscard]] std::vector<WedgeEvent> Tick(std::chrono::milliseconds now);

    // The earliest time at which Tick will release held keys; nullopt when nothing is held.
    [[nodiscard]] std::optional<std::chrono::milliseconds> ReleaseDue() const;

  private:
    [[nodiscard]] bool IsTerminator(char32_t character) const;
    void Flush(std::vector<WedgeEvent>& events);

    WedgeSettings m_settings;
    std::u32string m_held;
    std::chrono::milliseconds m_last_at{0};
};

}  // namespace tillbook::drivers
