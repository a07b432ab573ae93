#include "tillbook/core/text.hpp"

#include <algorithm>
#include <cstdint>

namespace tillbook::text {

bool IsValidUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        std::uint32_t code_point = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        }
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            code_point = lead & 0x1Fu;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            code_point = lead & 0x0Fu;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            code_point = lead & 0x07u;
        } else {
            return false;
        }
        if (i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0u) != 0x80u) return false;
            code_point = (code_point << 6) | (next & 0x3Fu);
        }
        if (length == 3 && (code_point < 0x800 || (code_point >= 0xD800 && code_point <= 0xDFFF))) {
            return false;
        }
        if (length == 4 && (code_point < 0x10000 || code_point > 0x10FFFF)) return false;
        i += length;
    }
    return true;
}

std::string QuoteForMessage(std::string_view text, std::size_t max_shown) {
    constexpr std::string_view kHex = "0123456789ABCDEF";
    const bool utf8 = IsValidUtf8(text);
    std::size_t shown = std::min(text.size(), max_shown);
    if (utf8) {
        // Never cut inside a UTF-8 sequence.
        while (shown < text.size() && shown > 0 &&
               (static_cast<unsigned char>(text[shown]) & 0xC0U) == 0x80U)
            --shown;
    }
    std::string out = "\"";
    for (const char c : text.substr(0, shown)) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || byte == 0x7F || (!utf8 && byte >= 0x80)) {
            out += "\\x";
            out += kHex[byte >> 4U];
            out += kHex[byte & 0x0FU];
        } else {
            out += c;
        }
    }
    if (shown < text.size()) out += "...";
    return out + "\"";
}

void AppendUtf8(std::string& out, char32_t character) {
    auto cp = static_cast<std::uint32_t>(character);
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;  // not a character
    const auto put = [&out](std::uint32_t byte) { out.push_back(static_cast<char>(byte)); };
    if (cp < 0x80) {
        put(cp);
    } else if (cp < 0x800) {
        put(0xC0 | (cp >> 6));
        put(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        put(0xE0 | (cp >> 12));
        put(0x80 | ((cp >> 6) & 0x3F));
        put(0x80 | (cp & 0x3F));
    } else {
        put(0xF0 | (cp >> 18));
        put(0x80 | ((cp >> 12) & 0x3F));
        put(0x80 | ((cp >> 6) & 0x3F));
        put(0x80 | (cp & 0x3F));
    }
}

}  // namespace tillbook::text
