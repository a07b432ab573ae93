#include "tillbook/office/http/log_text.hpp"

#include <fmt/format.h>

namespace tillbook::office::http {

std::string LogText(std::string_view text, std::size_t max_bytes) {
    const std::string_view shown = text.substr(0, max_bytes);
    std::string out;
    out.reserve(shown.size());
    for (const char c : shown) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\\') {
            out += "\\\\";
        } else if (byte >= 0x20 && byte < 0x7f) {
            out += c;
        } else {
            out += fmt::format("\\x{:02x}", byte);
        }
    }
    if (text.size() > shown.size()) out += fmt::format("…(+{} bytes)", text.size() - shown.size());
    return out;
}

}  // namespace tillbook::office::http
