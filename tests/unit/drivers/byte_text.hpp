#pragma once
// Bytes in the drivers' tests: written as hex byte arrays, compared as hex text so that a failed
// CHECK shows which byte differs.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace tillbook::testing {

// The bytes written as a hex byte array in the test.
inline std::string ByteString(std::initializer_list<std::uint8_t> bytes) {
    std::string result;
    for (const std::uint8_t byte : bytes)
        result.push_back(static_cast<char>(byte));
    return result;
}

// "1B 40 0A".
inline std::string Hex(std::string_view bytes) {
    constexpr std::string_view kDigits = "0123456789ABCDEF";
    std::string text;
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (!text.empty()) text += ' ';
        text += kDigits[byte >> 4];
        text += kDigits[byte & 0x0F];
    }
    return text;
}

}  // namespace tillbook::testing
