#pragma once
// Single-byte character tables of ESC/POS receipt printers, and UTF-8 text encoded into them.
// Receipt printers have no UTF-8: text is sent as bytes of the table selected with ESC t n.
// Plain functions, no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tillbook::drivers {

// Stored in terminal settings: explicit values, never reused. These are our own ids, not the
// ESC t numbers, which differ between vendors and models (see EpsonTableNumber).
enum class CodePage : int {
    kCp437 = 1,   // IBM PC437 (USA): box drawing and some Greek/maths, no €
    kCp858 = 2,   // IBM PC858: PC850 (Western Europe) with € at 0xD5 in place of dotless ı
    kCp1252 = 3,  // Windows-1252 (Epson "WPC1252"): ISO 8859-1 plus €, curly quotes and dashes
};

// The byte every character without a place in the table becomes: a visible '?', never a gap,
// so a missing character shows on the receipt instead of silently changing a product name.
inline constexpr char kFallbackByte = '?';

// The n of ESC t n that selects `page` on Epson printers and Epson-compatible clones (TM-T20,
// TM-T88 and most ESC/POS printers; docs/hardware.md §1.1): PC437 = 0, PC858 = 19, WPC1252 = 16.
// Star printers and some clones number their tables differently; they will need the table
// number from the printer profile.
[[nodiscard]] std::uint8_t EpsonTableNumber(CodePage page);

// Encodes UTF-8 text as bytes of `page`, one byte per Unicode code point:
//  - printable ASCII (U+0020..U+007E) is copied unchanged;
//  - U+0080 and above becomes the table's byte for it (0x80..0xFF), found in the full 128-entry
//    upper half of the table ("£" -> 0x9C in CP437/CP858, 0xA3 in CP1252; "€" -> 0xD5 in CP858,
//    0x80 in CP1252; NBSP -> 0xFF in CP437/CP858, 0xA0 in CP1252);
//  - a code point the table lacks becomes one kFallbackByte ('?'), however many UTF-8 bytes it
//    took ("漢" and "😀" are one '?' each; "€" in CP437 is '?'). Nothing is transliterated:
//    "–" (en dash) is '?' in CP437/CP858, which have no dash;
//  - control characters (U+0000..U+001F, U+007F, and the C1 controls U+0080..U+009F) become '?'
//    too, so that text from the catalogue or a sales channel can never inject a printer command
//    (ESC @, or DLE EOT, which the printer acts on even in the middle of other data). Line ends
//    are EscPosEncoder::Line's job;
//  - ill-formed UTF-8 becomes one '?' per "maximal subpart" (Unicode §3.9 / WHATWG, as Python's
//    errors="replace" does): a lone continuation byte, a byte that can never start a character
//    (C0, C1, F5..FF), and every byte of an overlong form are one '?' each ("\xC0\xAF" -> "??");
//    a sequence cut short by the next character or the end of the text is one '?' in all
//    ("\xE2\x82" -> "?") and the byte that cut it short is decoded afresh. Surrogates
//    (ED A0..BF xx) and code points above U+10FFFF are ill-formed. Nothing is read past the end.
[[nodiscard]] std::string EncodeText(std::string_view utf8, CodePage page);

// EncodeText's bytes appended to `bytes`, without a string of their own.
void AppendEncodedText(std::string& bytes, std::string_view utf8, CodePage page);

// The character that `byte` prints in `page`: what EncodeText maps to that byte. nullopt for
// control bytes (0x00..0x1F, 0x7F), which are commands rather than characters, and for the five
// bytes CP1252 leaves unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D).
[[nodiscard]] std::optional<char32_t> DecodeByte(std::uint8_t byte, CodePage page);

}  // namespace tillbook::drivers
