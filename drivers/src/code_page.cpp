#include "tillbook/drivers/code_page.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstddef>

namespace tillbook::drivers {
namespace {

// The characters of bytes 0x80..0xFF, as Unicode code points (all in the BMP); 0 marks a byte
// the table leaves unassigned. From the IBM/Microsoft mapping tables (the same as glibc iconv's
// IBM437, IBM858 and CP1252, which the unit tests compare them with).
using UpperHalf = std::array<char16_t, 128>;

constexpr UpperHalf kCp437UpperHalf = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,  // 80-87 Ç ü é â ä à å ç
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,  // 88-8F ê ë è ï î ì Ä Å
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,  // 90-97 É æ Æ ô ö ò û ù
    0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,  // 98-9F ÿ Ö Ü ¢ £ ¥ ₧ ƒ
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,  // A0-A7 á í ó ú ñ Ñ ª º
    0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,  // A8-AF ¿ ⌐ ¬ ½ ¼ ¡ « »
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,  // B0-B7 ░ ▒ ▓ │ ┤ ╡ ╢ ╖
    0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,  // B8-BF ╕ ╣ ║ ╗ ╝ ╜ ╛ ┐
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,  // C0-C7 └ ┴ ┬ ├ ─ ┼ ╞ ╟
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,  // C8-CF ╚ ╔ ╩ ╦ ╠ ═ ╬ ╧
    0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,  // D0-D7 ╨ ╤ ╥ ╙ ╘ ╒ ╓ ╫
    0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,  // D8-DF ╪ ┘ ┌ █ ▄ ▌ ▐ ▀
    0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,  // E0-E7 α ß Γ π Σ σ µ τ
    0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,  // E8-EF Φ Θ Ω δ ∞ φ ε ∩
    0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,  // F0-F7 ≡ ± ≥ ≤ ⌠ ⌡ ÷ ≈
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,  // F8-FF ° ∙ · √ ⁿ ² ■ NBSP
};

constexpr UpperHalf kCp858UpperHalf = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,  // 80-87 Ç ü é â ä à å ç
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,  // 88-8F ê ë è ï î ì Ä Å
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,  // 90-97 É æ Æ ô ö ò û ù
    0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192,  // 98-9F ÿ Ö Ü ø £ Ø × ƒ
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,  // A0-A7 á í ó ú ñ Ñ ª º
    0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,  // A8-AF ¿ ® ¬ ½ ¼ ¡ « »
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0,  // B0-B7 ░ ▒ ▓ │ ┤ Á Â À
    0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510,  // B8-BF © ╣ ║ ╗ ╝ ¢ ¥ ┐
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3,  // C0-C7 └ ┴ ┬ ├ ─ ┼ ã Ã
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4,  // C8-CF ╚ ╔ ╩ ╦ ╠ ═ ╬ ¤
    0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x20AC, 0x00CD, 0x00CE,  // D0-D7 ð Ð Ê Ë È € Í Î
    0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580,  // D8-DF Ï ┘ ┌ █ ▄ ¦ Ì ▀
    0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE,  // E0-E7 Ó ß Ô Ò õ Õ µ þ
    0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4,  // E8-EF Þ Ú Û Ù ý Ý ¯ ´
    0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8,  // F0-F7 SHY ± ‗ ¾ ¶ § ÷ ¸
    0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,  // F8-FF ° ¨ · ¹ ³ ² ■ NBSP
};

constexpr UpperHalf kCp1252UpperHalf = {
    0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80-87 € - ‚ ƒ „ … † ‡
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0000, 0x017D, 0x0000,  // 88-8F ˆ ‰ Š ‹ Œ - Ž -
    0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90-97 - ‘ ’ “ ” • – —
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x017E, 0x0178,  // 98-9F ˜ ™ š › œ - ž Ÿ
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,  // A0-A7 NBSP ¡ ¢ £ ¤ ¥ ¦ §
    0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,  // A8-AF ¨ © ª « ¬ SHY ® ¯
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,  // B0-B7 ° ± ² ³ ´ µ ¶ ·
    0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,  // B8-BF ¸ ¹ º » ¼ ½ ¾ ¿
    0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,  // C0-C7 À Á Â Ã Ä Å Æ Ç
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,  // C8-CF È É Ê Ë Ì Í Î Ï
    0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,  // D0-D7 Ð Ñ Ò Ó Ô Õ Ö ×
    0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,  // D8-DF Ø Ù Ú Û Ü Ý Þ ß
    0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,  // E0-E7 à á â ã ä å æ ç
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,  // E8-EF è é ê ë ì í î ï
    0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,  // F0-F7 ð ñ ò ó ô õ ö ÷
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,  // F8-FF ø ù ú û ü ý þ ÿ
};

constexpr char32_t kFirstPrintableAscii = 0x20;
constexpr char32_t kLastPrintableAscii = 0x7E;
constexpr char32_t kFirstAfterC1Controls = 0xA0;
constexpr char32_t kLastLatinOne = 0xFF;
constexpr char32_t kLastBmpCodePoint = 0xFFFF;

// One unsigned comparison: this runs for every byte of every receipt.
bool IsPrintableAscii(char c) {
    return static_cast<unsigned char>(static_cast<unsigned char>(c) - kFirstPrintableAscii) <=
           kLastPrintableAscii - kFirstPrintableAscii;
}

// One step of UTF-8 decoding: a code point, or an ill-formed part of the text to replace.
struct DecodedUnit {
    bool well_formed = false;
    char32_t code_point = 0;  // only when well_formed
    std::size_t length = 1;   // bytes consumed, 1..4
};

// How a lead byte continues (Unicode Table 3-7, "Well-Formed UTF-8 Byte Sequences"): the number
// of continuation bytes, the range allowed for the first of them (which is what excludes overlong
// forms, surrogates and code points above U+10FFFF), and the payload bits of the lead byte.
struct LeadByte {
    std::size_t continuation_bytes = 0;
    unsigned char first_min = 0x80;
    unsigned char first_max = 0xBF;
    std::uint32_t payload = 0;
};

constexpr unsigned char kContinuationMin = 0x80;
constexpr unsigned char kContinuationMax = 0xBF;
constexpr std::uint32_t kContinuationPayloadMask = 0x3F;

// nullopt for bytes that never start a character: 80..BF (continuation), C0, C1 (only overlong
// forms of ASCII) and F5..FF (beyond U+10FFFF).
std::optional<LeadByte> ClassifyLeadByte(unsigned char lead) {
    if (lead >= 0xC2 && lead <= 0xDF) return LeadByte{1, 0x80, 0xBF, lead & 0x1Fu};
    if (lead == 0xE0) return LeadByte{2, 0xA0, 0xBF, lead & 0x0Fu};  // no overlong 3-byte forms
    if (lead == 0xED) return LeadByte{2, 0x80, 0x9F, lead & 0x0Fu};  // no surrogates D800..DFFF
    if (lead >= 0xE1 && lead <= 0xEF) return LeadByte{2, 0x80, 0xBF, lead & 0x0Fu};
    if (lead == 0xF0) return LeadByte{3, 0x90, 0xBF, lead & 0x07u};  // no overlong 4-byte forms
    if (lead >= 0xF1 && lead <= 0xF3) return LeadByte{3, 0x80, 0xBF, lead & 0x07u};
    if (lead == 0xF4) return LeadByte{3, 0x80, 0x8F, lead & 0x07u};  // nothing above U+10FFFF
    return std::nullopt;
}

// Decodes the unit starting at text[pos] (pos < text.size()). An ill-formed unit is the longest
// prefix of a well-formed sequence found there (at least one byte): the byte that breaks it, or
// the end of the text, ends the unit and is not part of it.
DecodedUnit DecodeUnitAt(std::string_view text, std::size_t pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80) return DecodedUnit{true, lead, 1};
    const std::optional<LeadByte> kind = ClassifyLeadByte(lead);
    if (!kind) return DecodedUnit{false, 0, 1};

    std::uint32_t code_point = kind->payload;
    unsigned char min = kind->first_min;
    unsigned char max = kind->first_max;
    std::size_t length = 1;
    for (std::size_t i = 0; i < kind->continuation_bytes; ++i) {
        if (pos + length >= text.size()) return DecodedUnit{false, 0, length};
        const auto byte = static_cast<unsigned char>(text[pos + length]);
        if (byte < min || byte > max) return DecodedUnit{false, 0, length};
        code_point = (code_point << 6) | (byte & kContinuationPayloadMask);
        ++length;
        min = kContinuationMin;
        max = kContinuationMax;
    }
    return DecodedUnit{true, static_cast<char32_t>(code_point), length};
}

// The byte for each Latin-1 character U+00A0..U+00FF, the non-ASCII characters receipts use
// most (£ é ü ß ...), found without a search; 0 where the table has none.
using LatinOneBytes = std::array<std::uint8_t, kLastLatinOne + 1 - kFirstAfterC1Controls>;

constexpr LatinOneBytes LatinOneBytesOf(const UpperHalf& upper_half) {
    LatinOneBytes bytes{};
    for (std::size_t i = 0; i < upper_half.size(); ++i) {
        const char32_t code_point = upper_half[i];
        if (code_point >= kFirstAfterC1Controls && code_point <= kLastLatinOne)
            bytes[code_point - kFirstAfterC1Controls] = static_cast<std::uint8_t>(0x80 + i);
    }
    return bytes;
}

// A table both ways: byte to character, and character to byte.
struct CodePageTable {
    UpperHalf upper_half;
    LatinOneBytes latin_one;
};

constexpr CodePageTable MakeTable(const UpperHalf& upper_half) {
    return {upper_half, LatinOneBytesOf(upper_half)};
}

constexpr CodePageTable kCp437Table = MakeTable(kCp437UpperHalf);
constexpr CodePageTable kCp858Table = MakeTable(kCp858UpperHalf);
constexpr CodePageTable kCp1252Table = MakeTable(kCp1252UpperHalf);
// Only reached through a CodePage value outside the enum (a bug): every non-ASCII character then
// prints as '?' rather than as some other table's glyph.
constexpr CodePageTable kNoTable = MakeTable({});

const CodePageTable& TableOf(CodePage page) {
    switch (page) {
        case CodePage::kCp437:
            return kCp437Table;
        case CodePage::kCp858:
            return kCp858Table;
        case CodePage::kCp1252:
            return kCp1252Table;
    }
    assert(false && "CodePage value outside the enum");
    return kNoTable;
}

std::optional<std::uint8_t> ByteOf(char32_t code_point, const CodePageTable& table) {
    if (code_point >= kFirstPrintableAscii && code_point <= kLastPrintableAscii) {
        return static_cast<std::uint8_t>(code_point);
    }
    if (code_point < kFirstAfterC1Controls || code_point > kLastBmpCodePoint) return std::nullopt;
    if (code_point <= kLastLatinOne) {
        const std::uint8_t byte = table.latin_one[code_point - kFirstAfterC1Controls];
        if (byte == 0) return std::nullopt;
        return byte;
    }
    const auto it = std::ranges::find(table.upper_half, static_cast<char16_t>(code_point));
    if (it == table.upper_half.end()) return std::nullopt;
    return static_cast<std::uint8_t>(0x80 + (it - table.upper_half.begin()));
}

}  // namespace

std::uint8_t EpsonTableNumber(CodePage page) {
    switch (page) {
        case CodePage::kCp437:
            return 0;
        case CodePage::kCp858:
            return 19;
        case CodePage::kCp1252:
            return 16;
    }
    assert(false && "CodePage value outside the enum");
    return 0;
}

void AppendEncodedText(std::string& bytes, std::string_view utf8, CodePage page) {
    const CodePageTable& table = TableOf(page);
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        // Runs of printable ASCII, most of any receipt, are copied in one go.
        std::size_t ascii_end = pos;
        while (ascii_end < utf8.size() && IsPrintableAscii(utf8[ascii_end]))
            ++ascii_end;
        bytes.append(utf8.substr(pos, ascii_end - pos));
        pos = ascii_end;
        if (pos == utf8.size()) break;
        const DecodedUnit unit = DecodeUnitAt(utf8, pos);
        pos += unit.length;
        const std::optional<std::uint8_t> byte =
            unit.well_formed ? ByteOf(unit.code_point, table) : std::nullopt;
        bytes.push_back(byte ? static_cast<char>(*byte) : kFallbackByte);
    }
}

std::string EncodeText(std::string_view utf8, CodePage page) {
    std::string bytes;
    bytes.reserve(utf8.size());
    AppendEncodedText(bytes, utf8, page);
    return bytes;
}

std::optional<char32_t> DecodeByte(std::uint8_t byte, CodePage page) {
    if (byte < kFirstPrintableAscii || byte == 0x7F) return std::nullopt;
    if (byte < 0x80) return byte;
    const char16_t character = TableOf(page).upper_half[static_cast<std::size_t>(byte - 0x80)];
    if (character == 0) return std::nullopt;
    return character;
}

}  // namespace tillbook::drivers
