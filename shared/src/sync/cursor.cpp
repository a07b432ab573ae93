#include "tillbook/sync/cursor.hpp"

#include <fmt/format.h>

#include <charconv>
#include <vector>

namespace tillbook::sync {

namespace {

// SKU codes are free text: hex keeps the cursor free of dots and of anything a URL must escape.
std::string ToHex(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size() * 2);
    for (const char c : text) {
        out += kHex[static_cast<unsigned char>(c) >> 4];
        out += kHex[static_cast<unsigned char>(c) & 0x0f];
    }
    return out;
}

bool ReadCount(std::string_view text, std::int64_t& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size() && out >= 0;
}

bool ReadHex(std::string_view hex, std::string& out) {
    if (hex.size() % 2 != 0) return false;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
        if (ec != std::errc{} || end != hex.data() + i + 2) return false;
        out += static_cast<char>(value);
    }
    return true;
}

std::vector<std::string_view> SplitAtDots(std::string_view text) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto dot = text.find('.', start);
        parts.push_back(text.substr(
            start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) return parts;
        start = dot + 1;
    }
}

}  // namespace

std::string FormatCursor(const PullCursor& cursor) {
    return fmt::format("1.{}.{}.{}", cursor.catalogue_version, ToHex(cursor.catalogue_code),
                       cursor.ledger_seq);
}

Result<PullCursor> ParseCursor(std::string_view text) {
    PullCursor cursor;
    if (text.empty() || text == "0") return cursor;
    const std::vector<std::string_view> parts = SplitAtDots(text);
    if (parts.size() != 4 || parts[0] != "1" || !ReadCount(parts[1], cursor.catalogue_version) ||
        !ReadHex(parts[2], cursor.catalogue_code) || !ReadCount(parts[3], cursor.ledger_seq)) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "not a cursor this back office gave out"));
    }
    return cursor;
}

}  // namespace tillbook::sync
