#pragma once
// Builds an ESC/POS byte stream for Epson-class receipt printers (TM-T20, TM-T88 and compatible
// clones), following the command table of hardware.md §1.1. A plain value: it only appends bytes
// to a string and never talks to a printer; a transport sends Bytes() later.
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "tillbook/drivers/code_page.hpp"

namespace tillbook::drivers {

// Values are the n of ESC a n.
enum class Alignment : int {
    kLeft = 0,
    kCentre = 1,
    kRight = 2,
};

enum class CutMode : int {
    kFull = 1,     // GS V 65 n
    kPartial = 2,  // GS V 66 n (leaves a small tab uncut)
};

// The pin of the printer's drawer kick-out connector that drives the drawer's solenoid.
enum class DrawerPin : int {
    kPin2 = 2,  // drawer 1, ESC p m = 0 (the usual wiring)
    kPin5 = 5,  // drawer 2, ESC p m = 1
};

class EscPosEncoder {
  public:
    // Longest pulse ESC p can express: 255 units of 2 ms.
    static constexpr std::chrono::milliseconds kMaxDrawerPulse{510};
    static constexpr int kMaxFeedLines = 255;

    // ESC @ (1B 40): clears the printer's buffer and resets every mode, including the character
    // table, which goes back to PC437 (the factory setting). So the encoder also goes back to
    // CodePage::kCp437; call SelectCodePage after Initialise for anything else.
    EscPosEncoder& Initialise();

    // ESC t n (1B 74 n) with n = EpsonTableNumber(page); later Text/Line calls encode with `page`.
    // Until the first call (or after Initialise) text is encoded as CP437.
    EscPosEncoder& SelectCodePage(CodePage page);

    // `utf8` encoded with the selected code page (EncodeText: unmappable characters, control
    // characters and invalid UTF-8 print as '?'). Nothing prints until a line feed.
    EscPosEncoder& Text(std::string_view utf8);

    // Text(utf8) followed by LF (0A), which prints the line and feeds one line. Line() feeds a
    // blank line.
    EscPosEncoder& Line(std::string_view utf8 = {});

    // ESC E n (1B 45 01 / 1B 45 00): emphasised (bold) text on or off.
    EscPosEncoder& Bold(bool on);

    // GS ! n (1D 21 11 / 1D 21 00): double width and double height together, or normal size.
    EscPosEncoder& DoubleSize(bool on);

    // ESC a n (1B 61 00/01/02). The printer applies it only at the start of a line, so call it
    // before the line's text.
    EscPosEncoder& Align(Alignment alignment);

    // ESC d n (1B 64 n): prints the buffer and feeds `lines` lines, clamped to 0..255 (negative
    // counts feed nothing; more than 255 feed 255).
    EscPosEncoder& Feed(int lines);

    // GS V m n with m = 65 (full) or 66 (partial) and n = 0 (1D 56 41 00 / 1D 56 42 00): the
    // printer first feeds the paper to the cutter, so the last line printed is not cut off, then
    // cuts. hardware.md prefers these forms to GS V 0/1, which cut where the paper stands.
    EscPosEncoder& Cut(CutMode mode);

    // ESC p m t1 t2 (1B 70 m t1 t2): sends a pulse to the drawer kick-out connector; m = 0 for
    // pin 2, 1 for pin 5. The printer counts t1 (pulse on) and t2 (then off) in units of 2 ms, so
    // each duration is rounded up to the next 2 ms (51 ms -> 26 units = 52 ms) and clamped to
    // 0..255 units (0..510 ms; negative durations become 0, anything above 510 ms becomes 510 ms).
    // KickDrawer(kPin2, 50ms, 500ms) = 1B 70 00 19 FA. Most drawers want 50-200 ms on.
    EscPosEncoder& KickDrawer(DrawerPin pin, std::chrono::milliseconds on,
                              std::chrono::milliseconds off);

    // The code page that Text and Line encode with.
    [[nodiscard]] CodePage SelectedCodePage() const { return m_code_page; }

    // The bytes so far. On an rvalue (std::move(encoder).Bytes()) they are moved out.
    [[nodiscard]] const std::string& Bytes() const& { return m_bytes; }
    [[nodiscard]] std::string Bytes() && { return std::move(m_bytes); }

  private:
    void Append(std::initializer_list<std::uint8_t> bytes);

    std::string m_bytes;
    CodePage m_code_page = CodePage::kCp437;
};

}  // namespace tillbook::drivers
