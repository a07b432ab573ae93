#include "tillbook/core/percent_encoding.hpp"

#include <fmt/format.h>

namespace tillbook::text {

std::string PercentEncode(std::string_view text, bool keep_slash) {
    std::string out;
    for (const char c : text) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' ||
                           (keep_slash && c == '/');
        out += plain ? std::string(1, c)
                     : fmt::format("%{:02X}", static_cast<unsigned>(static_cast<unsigned char>(c)));
    }
    return out;
}

}  // namespace tillbook::text
