#pragma once
// Text a caller sent, made safe for the server's log: one line, printable, and short. A username
// or path with a newline in it would otherwise forge log lines.
#include <cstddef>
#include <string>
#include <string_view>

namespace tillbook::office::http {

// Printable ASCII stays (a backslash doubled); every other byte becomes \xNN. Beyond `max_bytes`
// of the input the rest is left out and its size said: "aaaa…(+999996 bytes)".
[[nodiscard]] std::string LogText(std::string_view text, std::size_t max_bytes = 100);

}  // namespace tillbook::office::http
