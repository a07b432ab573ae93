#include "tillbook/ids/uuid.hpp"

#include <fmt/format.h>

namespace tillbook::ids {

std::string Uuid::ToString() const {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
        out.push_back(kHex[bytes[i] >> 4]);
        out.push_back(kHex[bytes[i] & 0x0f]);
    }
    return out;
}

namespace {
int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

Result<Uuid> ParseUuid(std::string_view text) {
    const auto bad = [&] {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("\"{}\": not a UUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
                        text)));
    };
    if (text.size() != 36) return bad();
    Uuid out;
    std::size_t byte = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (text[i] != '-') return bad();
            ++i;
            continue;
        }
        const int hi = HexValue(text[i]);
        const int lo = HexValue(text[i + 1]);
        if (hi < 0 || lo < 0) return bad();
        out.bytes[byte++] = static_cast<std::uint8_t>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

UuidV7Source::UuidV7Source(const Clock& clock, std::uint64_t seed)
    : m_clock(clock), m_random(seed) {}

UuidV7Source::UuidV7Source(const Clock& clock)
    : UuidV7Source(clock, (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^
                              std::random_device{}()) {}

Uuid UuidV7Source::Next() {
    std::int64_t millis = m_clock.Now();
    if (millis <= m_last_millis) {
        // Same millisecond, or the clock stepped back: keep ordering with the counter.
        millis = m_last_millis;
        if (++m_counter > 0x0fff) {
            ++millis;
            m_counter = 0;
        }
    } else {
        m_counter = 0;
    }
    m_last_millis = millis;
    const auto ms = static_cast<std::uint64_t>(millis);
    const std::uint64_t random = m_random();
    Uuid id;
    for (int i = 0; i < 6; ++i) {
        id.bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
    }
    id.bytes[6] = static_cast<std::uint8_t>(0x70 | ((m_counter >> 8) & 0x0f));
    id.bytes[7] = static_cast<std::uint8_t>(m_counter & 0xff);
    id.bytes[8] = static_cast<std::uint8_t>(0x80 | ((random >> 56) & 0x3f));
    for (int i = 9; i < 16; ++i) {
        id.bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(random >> (8 * (15 - i)));
    }
    return id;
}

}  // namespace tillbook::ids
