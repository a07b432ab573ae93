#include "tillbook/core/characters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "tillbook/core/text.hpp"

namespace tillbook::text {

namespace {

struct Decoded {
    char32_t character = 0;
    std::size_t length = 1;
};

// The character starting at `at`; a byte that does not start a well-formed sequence is U+FFFD.
Decoded DecodeAt(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) return {lead, 1};
    const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    if (length == 0 || at + length > text.size() || !IsValidUtf8(text.substr(at, length)))
        return {U'\uFFFD', 1};
    char32_t value = lead & (0x7FU >> length);
    for (std::size_t i = 1; i < length; ++i)
        value = (value << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3FU);
    return {value, length};
}

template <class Test>
std::optional<char32_t> FindFirst(std::string_view text, Test test) {
    for (std::size_t i = 0; i < text.size();) {
        const Decoded decoded = DecodeAt(text, i);
        if (test(decoded.character)) return decoded.character;
        i += decoded.length;
    }
    return std::nullopt;
}

bool IsControl(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

bool IsWhiteSpace(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

// Unicode's format characters and fillers that draw nothing.
constexpr std::array<std::pair<char32_t, char32_t>, 17> kInvisible{{
    {0x00AD, 0x00AD},
    {0x034F, 0x034F},
    {0x061C, 0x061C},
    {0x115F, 0x1160},
    {0x17B4, 0x17B5},
    {0x180B, 0x180F},
    {0x200B, 0x200F},
    {0x202A, 0x202E},
    {0x2060, 0x206F},
    {0x3164, 0x3164},
    {0xFE00, 0xFE0F},
    {0xFEFF, 0xFEFF},
    {0xFFA0, 0xFFA0},
    {0xFFF0, 0xFFFB},
    {0x1D173, 0x1D17A},
    {0xE0000, 0xE0FFF},
    {0xE0100, 0xE01EF},
}};

bool IsInvisible(char32_t c) {
    if (c != 0x20 && IsWhiteSpace(c)) return true;
    return std::ranges::any_of(
        kInvisible, [c](const auto& range) { return c >= range.first && c <= range.second; });
}

}  // namespace

std::string_view TrimWhiteSpace(std::string_view text) {
    while (!text.empty()) {
        const Decoded first = DecodeAt(text, 0);
        if (!IsWhiteSpace(first.character)) break;
        text.remove_prefix(first.length);
    }
    while (!text.empty()) {
        // Step back to the start of the last character.
        std::size_t start = text.size() - 1;
        while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0U) == 0x80U &&
               text.size() - start < 4)
            --start;
        const Decoded last = DecodeAt(text, start);
        if (start + last.length != text.size() || !IsWhiteSpace(last.character)) break;
        text.remove_suffix(last.length);
    }
    return text;
}

std::optional<char32_t> FindControlCharacter(std::string_view text) {
    return FindFirst(text, IsControl);
}

std::optional<char32_t> FindInvisibleCharacter(std::string_view text) {
    return FindFirst(text, IsInvisible);
}

std::string WithoutControlCharacters(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const Decoded decoded = DecodeAt(text, i);
        if (!IsControl(decoded.character)) out.append(text.substr(i, decoded.length));
        i += decoded.length;
    }
    return out;
}

std::string QuoteForLog(std::string_view text, std::size_t max_shown) {
    std::string_view shown = text.substr(0, std::min(text.size(), max_shown));
    // Never cut inside a UTF-8 sequence.
    while (shown.size() < text.size() && !shown.empty() &&
           (static_cast<unsigned char>(text[shown.size()]) & 0xC0U) == 0x80U)
        shown.remove_suffix(1);
    std::string out = "\"";
    for (std::size_t i = 0; i < shown.size();) {
        const Decoded decoded = DecodeAt(shown, i);
        const char32_t c = decoded.character;
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x80 && IsControl(c)) {
            out += fmt::format("\\x{:02X}", static_cast<std::uint32_t>(c));
        } else if (c == U'\uFFFD' && decoded.length == 1) {  // a byte that is not UTF-8
            out += fmt::format("\\x{:02X}", static_cast<unsigned char>(shown[i]));
        } else if (IsControl(c) || c == 0x2028 || c == 0x2029 || IsInvisible(c)) {
            out += fmt::format("\\u{{{:04X}}}", static_cast<std::uint32_t>(c));
        } else {
            out.append(shown.substr(i, decoded.length));
        }
        i += decoded.length;
    }
    if (shown.size() < text.size()) out += "...";
    return out + "\"";
}

std::string CodePointName(char32_t character) {
    return fmt::format("U+{:04X}", static_cast<std::uint32_t>(character));
}

}  // namespace tillbook::text
