#include "tillbook/drivers/keyboard_wedge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "tillbook/core/text.hpp"

namespace tillbook::drivers {
namespace {

constexpr std::size_t kSmallestMinLength = 2;

std::string Utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char32_t character : text)
        text::AppendUtf8(out, character);
    return out;
}

}  // namespace

Status ValidateWedgeSettings(const WedgeSettings& settings) {
    if (settings.max_key_gap < std::chrono::milliseconds{0})
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("scanner key gap: {} ms is negative", settings.max_key_gap.count()),
            "max_key_gap"));
    if (settings.min_length < kSmallestMinLength)
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format(
                "scanner minimum length: {} is too short, a scan has at least {} characters",
                settings.min_length, kSmallestMinLength),
            "min_length"));
    return {};
}

KeyboardWedgeDetector::KeyboardWedgeDetector(const WedgeSettings& settings) : m_settings(settings) {
    m_settings.max_key_gap = std::max(m_settings.max_key_gap, std::chrono::milliseconds{0});
    m_settings.min_length = std::max(m_settings.min_length, kSmallestMinLength);
}

bool KeyboardWedgeDetector::IsTerminator(char32_t character) const {
    return character == U'\r' || character == U'\n' ||
           (character == U'\t' && m_settings.tab_ends_scan);
}

void KeyboardWedgeDetector::Flush(std::vector<WedgeEvent>& events) {
    if (m_held.empty()) return;
    const WedgeEventKind kind =
        m_held.size() >= m_settings.min_length ? WedgeEventKind::kScanned : WedgeEventKind::kTyped;
    events.push_back({kind, Utf8(m_held)});
    m_held.clear();
}

std::vector<WedgeEvent> KeyboardWedgeDetector::Key(char32_t character,
                                                   std::chrono::milliseconds at) {
    std::vector<WedgeEvent> events;
    if (!m_held.empty() && at - m_last_at > m_settings.max_key_gap) Flush(events);
    if (IsTerminator(character)) {
        if (m_held.size() >= m_settings.min_length) {
            Flush(events);  // a scan: the terminator is the scanner's suffix, not a key
        } else {
            m_held.push_back(character);
            events.push_back({WedgeEventKind::kTyped, Utf8(m_held)});
            m_held.clear();
        }
        return events;
    }
    m_held.push_back(character);
    m_last_at = at;
    return events;
}

std::vector<WedgeEvent> KeyboardWedgeDetector::Tick(std::chrono::milliseconds now) {
    std::vector<WedgeEvent> events;
    if (!m_held.empty() && now - m_last_at > m_settings.max_key_gap) Flush(events);
    return events;
}

std::optional<std::chrono::milliseconds> KeyboardWedgeDetector::ReleaseDue() const {
    if (m_held.empty()) return std::nullopt;
    return m_last_at + m_settings.max_key_gap + std::chrono::milliseconds{1};
}

}  // namespace tillbook::drivers
