#pragma once
// Builds an ESC/POS byte stream for Epson-class receipt printers (TM-T20, TM-T88 and compatible
// clones), following the command table of docs/hardware.md §1.1. A plain value: it only appends
// bytes to a string and never talks to a printer; a transport sends Bytes() later.
//
// Bad input never makes a malformed stream. A command whose input it cannot encode (a barcode,
// QR code or picture; see each command) appends nothing at all, and the encoder records the
// first such refusal: FirstError() returns it, and std::move(encoder).TakeBytes() returns it in
// place of the bytes. Later commands are still encoded, so the rest of a receipt stays usable if
// the caller chooses to print it anyway (say, without its QR code); a caller that must not print
// an incomplete receipt uses TakeBytes().
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "tillbook/core/error.hpp"
#include "tillbook/drivers/code_page.hpp"
#include "tillbook/drivers/raster_image.hpp"

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
    // DLE DC4 1 m t counts its pulse in units of 100 ms, t from 1 to 8.
    static constexpr std::chrono::milliseconds kRealTimePulseUnit{100};
    static constexpr int kMaxRealTimePulseUnits = 8;
    static constexpr int kMaxFeedLines = 255;
    // GS k 73 n counts its data in one byte, including the 2 bytes of "{B".
    static constexpr int kMaxCode128Bytes = 253;
    // The most bytes a QR code holds (model 2, version 40, error correction M, byte mode).
    static constexpr int kMaxQrBytes = 2331;
    // GS v 0 bands: python-escpos' fragment height; printers with little memory drop taller ones.
    static constexpr int kMaxRasterBandRows = 960;
    // Barcode set-up sent before every barcode: GS h (height in dots), GS w (module width in dots).
    static constexpr int kBarcodeHeightDots = 80;
    static constexpr int kBarcodeModuleWidthDots = 2;

    // ESC @ (1B 40): clears the printer's buffer and resets every mode, including the character
    // table, which goes back to PC437 (the factory setting). So the encoder also goes back to
    // CodePage::kCp437; call SelectCodePage after Initialise for anything else.
    EscPosEncoder& Initialise();

    // ESC t n (1B 74 n) with n = EpsonTableNumber(page); later Text/Line calls encode with `page`.
    // Until the first call (or after Initialise) text is encoded as CP437.
    EscPosEncoder& SelectCodePage(CodePage page);

    // The same with the model's own number for the table (PrinterProfile::TableNumber): clones
    // and other vendors number their tables differently, and only the profile knows.
    EscPosEncoder& SelectCodePage(CodePage page, std::uint8_t table_number);

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
    // cuts; GS V 0/1 would cut where the paper stands (docs/hardware.md §1.1).
    EscPosEncoder& Cut(CutMode mode);

    // ESC p m t1 t2 (1B 70 m t1 t2): sends a pulse to the drawer kick-out connector; m = 0 for
    // pin 2, 1 for pin 5. The printer counts t1 (pulse on) and t2 (then off) in units of 2 ms, so
    // each duration is rounded up to the next 2 ms (51 ms -> 26 units = 52 ms) and clamped to
    // 0..255 units (0..510 ms; negative durations become 0, anything above 510 ms becomes 510 ms).
    // KickDrawer(kPin2, 50ms, 500ms) = 1B 70 00 19 FA. Most drawers want 50-200 ms on.
    EscPosEncoder& KickDrawer(DrawerPin pin, std::chrono::milliseconds on,
                              std::chrono::milliseconds off);

    // DLE DC4 fn m t (10 14 01 m t): the real-time drawer pulse; m = 0 for pin 2, 1 for pin 5,
    // on for t x 100 ms and then off as long. Epson-compatible printers carry it out as soon as
    // it arrives, even when they are offline (paper out, cover open), their buffer is full or
    // they report an error, where ESC p waits in the buffer until they print again. `on` is
    // rounded up to the next 100 ms and clamped to 1..8 units (50 ms -> t = 1, 510 ms -> 6).
    // KickDrawerRealTime(kPin2, 50ms) = 10 14 01 00 01. Being real-time it is acted on out of
    // turn, wherever it stands: send it as a job of its own, never inside another command's data.
    EscPosEncoder& KickDrawerRealTime(DrawerPin pin, std::chrono::milliseconds on);

    // How long KickDrawerRealTime(pin, on) keeps the pulse on (and then off): 100 to 800 ms.
    [[nodiscard]] static std::chrono::milliseconds RealTimePulseLength(
        std::chrono::milliseconds on);

    // Barcode set-up, then a Code 128 barcode in code set B with its text printed below it:
    //   GS h 80, GS w 2, GS H 2 (1D 68 50 1D 77 02 1D 48 02), then GS k 73 n "{B" data
    //   (1D 6B 49 n 7B 42 ...), n = the bytes after n.
    // Each '{' in `data` is sent as "{{" (in GS k 73 a lone '{' starts a code set switch) and
    // counts 2. Refused (nothing appended; FirstError() says why) when `data` is empty, holds a
    // byte outside printable ASCII 0x20..0x7E, or needs more than kMaxCode128Bytes bytes.
    EscPosEncoder& BarcodeCode128(std::string_view data);

    // The same set-up, then an EAN-13 barcode with its digits below it: GS k 67 13 d1..d13
    // (1D 6B 43 0D ...). `digits` is 13 digits whose check digit must verify, or the first 12, in
    // which case the check digit is computed and sent too. Refused (nothing appended) for any
    // other length, a non-digit, a wrong check digit or all zeros (barcode::ParseGtin's rules).
    EscPosEncoder& BarcodeEan13(std::string_view digits);

    // A QR code, model 2, error correction M, `module_size` dots per module, through GS ( k
    // (1D 28 6B pL pH 31 fn ...): fn 65 model (04 00 31 41 32 00), fn 67 size (03 00 31 43 n),
    // fn 69 error correction (03 00 31 45 31), fn 80 store (pL pH = len + 3, 31 50 30 data),
    // fn 81 print (03 00 31 51 30). Refused (nothing appended) when `data` is empty, longer than
    // kMaxQrBytes, or holds a DLE byte (0x10: "DLE EOT n" inside the data would be taken for a
    // real-time status request), or when module_size is outside 1..16.
    EscPosEncoder& QrCode(std::string_view data, int module_size = 6);

    // The picture as GS v 0 (1D 76 30 00 xL xH yL yH data, x = BytesPerRow(), y = rows), split
    // into bands of at most kMaxRasterBandRows rows, each its own GS v 0. Refused (nothing
    // appended) when !image.IsWellFormed() or a row is wider than 65535 bytes. The width limit
    // of the printer is LoadPng's job (max_width_dots).
    EscPosEncoder& Raster(const RasterImage& image);

    // The first input a command refused, nullopt while every command was accepted.
    [[nodiscard]] const std::optional<Error>& FirstError() const { return m_first_error; }

    // The bytes when every command was accepted, otherwise FirstError().
    [[nodiscard]] Result<std::string> TakeBytes() &&;

    // The code page that Text and Line encode with.
    [[nodiscard]] CodePage SelectedCodePage() const { return m_code_page; }

    // The bytes so far. On an rvalue (std::move(encoder).Bytes()) they are moved out.
    [[nodiscard]] const std::string& Bytes() const& { return m_bytes; }
    [[nodiscard]] std::string Bytes() && { return std::move(m_bytes); }

  private:
    void Append(std::initializer_list<std::uint8_t> bytes);
    void AppendBarcodeSetUp();
    void Refuse(Error error);

    std::string m_bytes;
    std::optional<Error> m_first_error;
    CodePage m_code_page = CodePage::kCp437;
};

}  // namespace tillbook::drivers
