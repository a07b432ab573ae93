#pragma once
// Characters that do not show what they are: white space at the ends of a code, control characters
// (a line break in a log line, ESC @ on a receipt printer) and invisible ones (a zero-width space
// or a direction mark that makes two codes look alike). Text that is not valid UTF-8 is read a byte
// at a time, each byte >= 0x80 as U+FFFD.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tillbook::text {

// Unicode White_Space removed from both ends: ASCII spaces, tabs and line breaks, the no-break and
// other wide spaces, the line and paragraph separators.
[[nodiscard]] std::string_view TrimWhiteSpace(std::string_view text);

// The first control character, C0, DEL or C1 (U+0000 to U+001F, U+007F to U+009F), if any.
[[nodiscard]] std::optional<char32_t> FindControlCharacter(std::string_view text);

// The first character that shows nothing where it stands, if any: a format character (zero-width
// space and joiners, direction marks, embeddings, overrides and isolates, word joiner, byte order
// mark, soft hyphen, variation selectors, tags) or white space other than U+0020.
[[nodiscard]] std::optional<char32_t> FindInvisibleCharacter(std::string_view text);

// The text with every control character left out: what a printer may be sent.
[[nodiscard]] std::string WithoutControlCharacters(std::string_view text);

// Untrusted text (a username, a request path) for a log line: in double quotes and on one line
// whatever it holds, so that it cannot forge a line of its own. As QuoteForMessage (quotes,
// backslashes and C0 controls escaped, \xNN), and besides that the C1 controls, the line and
// paragraph separators and the invisible characters (a right-to-left override would reorder what a
// reader sees) shown as \u{202E}. Cut at `max_shown` bytes, "..." marking the cut.
[[nodiscard]] std::string QuoteForLog(std::string_view text, std::size_t max_shown = 256);

// "U+200B".
[[nodiscard]] std::string CodePointName(char32_t character);

}  // namespace tillbook::text
