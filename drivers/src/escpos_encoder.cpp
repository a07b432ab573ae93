#include "tillbook/drivers/escpos_encoder.hpp"

#include <algorithm>
#include <cassert>

namespace tillbook::drivers {
namespace {

constexpr std::uint8_t kEsc = 0x1B;
constexpr std::uint8_t kGs = 0x1D;
constexpr std::uint8_t kLineFeed = 0x0A;

constexpr std::uint8_t kDoubleWidthAndHeight = 0x11;  // GS ! n: width-1 in the high nibble
constexpr std::uint8_t kNormalSize = 0x00;

constexpr std::uint8_t kCutFullAfterFeed = 65;     // GS V 65 n
constexpr std::uint8_t kCutPartialAfterFeed = 66;  // GS V 66 n

constexpr std::chrono::milliseconds kDrawerPulseUnit{2};

std::uint8_t DrawerPinSelector(DrawerPin pin) {
    switch (pin) {
        case DrawerPin::kPin2:
            return 0;
        case DrawerPin::kPin5:
            return 1;
    }
    assert(false && "DrawerPin value outside the enum");
    return 0;
}

// Milliseconds as ESC p pulse units: rounded up to the next 2 ms, clamped to 0..255.
std::uint8_t DrawerPulseUnits(std::chrono::milliseconds duration) {
    // Clamped first, so the rounding cannot overflow however long `duration` is.
    const std::chrono::milliseconds clamped =
        std::clamp(duration, std::chrono::milliseconds{0}, EscPosEncoder::kMaxDrawerPulse);
    const auto units =
        (clamped + kDrawerPulseUnit - std::chrono::milliseconds{1}) / kDrawerPulseUnit;
    return static_cast<std::uint8_t>(units);
}

}  // namespace

EscPosEncoder& EscPosEncoder::Initialise() {
    Append({kEsc, '@'});
    m_code_page = CodePage::kCp437;
    return *this;
}

EscPosEncoder& EscPosEncoder::SelectCodePage(CodePage page) {
    Append({kEsc, 't', EpsonTableNumber(page)});
    m_code_page = page;
    return *this;
}

EscPosEncoder& EscPosEncoder::Text(std::string_view utf8) {
    m_bytes += EncodeText(utf8, m_code_page);
    return *this;
}

EscPosEncoder& EscPosEncoder::Line(std::string_view utf8) {
    Text(utf8);
    Append({kLineFeed});
    return *this;
}

EscPosEncoder& EscPosEncoder::Bold(bool on) {
    Append({kEsc, 'E', on ? std::uint8_t{1} : std::uint8_t{0}});
    return *this;
}

EscPosEncoder& EscPosEncoder::DoubleSize(bool on) {
    Append({kGs, '!', on ? kDoubleWidthAndHeight : kNormalSize});
    return *this;
}

EscPosEncoder& EscPosEncoder::Align(Alignment alignment) {
    Append({kEsc, 'a', static_cast<std::uint8_t>(alignment)});
    return *this;
}

EscPosEncoder& EscPosEncoder::Feed(int lines) {
    Append({kEsc, 'd', static_cast<std::uint8_t>(std::clamp(lines, 0, kMaxFeedLines))});
    return *this;
}

EscPosEncoder& EscPosEncoder::Cut(CutMode mode) {
    const std::uint8_t m = mode == CutMode::kPartial ? kCutPartialAfterFeed : kCutFullAfterFeed;
    Append({kGs, 'V', m, 0});
    return *this;
}

EscPosEncoder& EscPosEncoder::KickDrawer(DrawerPin pin, std::chrono::milliseconds on,
                                         std::chrono::milliseconds off) {
    Append({kEsc, 'p', DrawerPinSelector(pin), DrawerPulseUnits(on), DrawerPulseUnits(off)});
    return *this;
}

void EscPosEncoder::Append(std::initializer_list<std::uint8_t> bytes) {
    for (const std::uint8_t byte : bytes)
        m_bytes.push_back(static_cast<char>(byte));
}

}  // namespace tillbook::drivers
