#pragma once
// Untrusted text: checking it is UTF-8, and showing it safely inside an error message.
#include <cstddef>
#include <string>
#include <string_view>

namespace tillbook::text {

// Well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
[[nodiscard]] bool IsValidUtf8(std::string_view text);

// Appends one character as UTF-8; a surrogate or a value above U+10FFFF becomes U+FFFD.
void AppendUtf8(std::string& out, char32_t character);

// The text in double quotes, on one line and printable: quotes and backslashes escaped, control
// bytes (and every byte >= 0x80 when the text is not valid UTF-8) as \xNN. Text longer than
// `max_shown` bytes is cut there and "..." follows the closing quote's contents.
[[nodiscard]] std::string QuoteForMessage(std::string_view text, std::size_t max_shown = 256);

}  // namespace tillbook::text
