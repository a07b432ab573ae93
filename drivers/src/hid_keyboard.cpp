#include "tillbook/drivers/hid_keyboard.hpp"

#include <fmt/format.h>
#include <linux/input-event-codes.h>

#include <algorithm>
#include <string_view>
#include <utility>

#include "tillbook/core/text.hpp"

namespace tillbook::drivers {
namespace {

using namespace std::string_view_literals;

// What a key types without and with Shift.
struct KeyPair {
    std::string_view plain;
    std::string_view shifted;
};

// Usages 0x2D..0x38 on a US keyboard: - = [ ] \ (non-US #) ; ' ` , . /
constexpr std::array<KeyPair, 12> kUsPunctuation = {{
    {"-", "_"},
    {"=", "+"},
    {"[", "{"},
    {"]", "}"},
    {"\\", "|"},
    {"\\", "|"},  // 0x32 "non-US # and ~": hosts give it the backslash key's meaning
    {";", ":"},
    {"'", "\""},
    {"`", "~"},
    {",", "<"},
    {".", ">"},
    {"/", "?"},
}};

// The same keys on a UK keyboard: the #/~ key sits where US has backslash, '@' is on Shift+',
// and Shift+` is '¬'.
constexpr std::array<KeyPair, 12> kUkPunctuation = {{
    {"-", "_"},
    {"=", "+"},
    {"[", "{"},
    {"]", "}"},
    {"#", "~"},
    {"#", "~"},
    {";", ":"},
    {"'", "@"},
    {"`", "\xC2\xAC"},
    {",", "<"},
    {".", ">"},
    {"/", "?"},
}};

constexpr std::string_view kDigits = "1234567890";
constexpr std::array<std::string_view, 10> kUsShiftedDigits = {"!", "@", "#", "$", "%",
                                                               "^", "&", "*", "(", ")"};
constexpr std::array<std::string_view, 10> kUkShiftedDigits = {"!", "\"", "\xC2\xA3", "$", "%",
                                                               "^", "&",  "*",        "(", ")"};
// Keypad 0x54..0x63 (Num Lock assumed on, as scanners that use the keypad expect).
constexpr std::array<std::string_view, 16> kKeypad = {"/", "*", "-", "+", "",  "1", "2", "3",
                                                      "4", "5", "6", "7", "8", "9", "0", "."};

constexpr std::uint8_t kUsageA = 0x04;
constexpr std::uint8_t kUsageZ = 0x1D;
constexpr std::uint8_t kUsage1 = 0x1E;
constexpr std::uint8_t kUsage0 = 0x27;
constexpr std::uint8_t kUsage4 = 0x21;
constexpr std::uint8_t kUsageSpace = 0x2C;
constexpr std::uint8_t kUsageMinus = 0x2D;
constexpr std::uint8_t kUsageSlash = 0x38;
constexpr std::uint8_t kUsageRightBracket = 0x30;
constexpr std::uint8_t kUsageKeypadSlash = 0x54;
constexpr std::uint8_t kUsageKeypadDot = 0x63;
constexpr std::uint8_t kUsageNonUsBackslash = 0x64;
constexpr std::uint8_t kUsageLastError = 0x03;  // 0x01 rollover, 0x02 POST fail, 0x03 undefined

constexpr std::uint8_t kShift = kLeftShift | kRightShift;
constexpr std::uint8_t kCtrl = kLeftCtrl | kRightCtrl;
constexpr std::uint8_t kAltOrGui = kLeftAlt | kLeftGui | kRightGui;

std::optional<std::string_view> PlainKeyText(std::uint8_t usage, bool shift,
                                             KeyboardLayout layout) {
    const bool uk = layout == KeyboardLayout::kUk;
    if (usage >= kUsageA && usage <= kUsageZ) {
        static constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz";
        static constexpr std::string_view kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        return (shift ? kUpper : kLower).substr(static_cast<std::size_t>(usage - kUsageA), 1);
    }
    if (usage >= kUsage1 && usage <= kUsage0) {
        const auto index = static_cast<std::size_t>(usage - kUsage1);
        if (!shift) return kDigits.substr(index, 1);
        return uk ? kUkShiftedDigits[index] : kUsShiftedDigits[index];
    }
    if (usage == kUsageSpace) return " "sv;
    if (usage >= kUsageMinus && usage <= kUsageSlash) {
        const KeyPair& pair =
            (uk ? kUkPunctuation : kUsPunctuation)[static_cast<std::size_t>(usage - kUsageMinus)];
        return shift ? pair.shifted : pair.plain;
    }
    if (usage >= kUsageKeypadSlash && usage <= kUsageKeypadDot && usage != kUsageKeypadEnter)
        return kKeypad[static_cast<std::size_t>(usage - kUsageKeypadSlash)];
    if (usage == kUsageNonUsBackslash) {
        if (uk) return shift ? "|"sv : "\\"sv;
        return shift ? ">"sv : "<"sv;
    }
    return std::nullopt;
}

bool IsTerminator(std::uint8_t usage) {
    return usage == kUsageEnter || usage == kUsageKeypadEnter || usage == kUsageTab;
}

bool IsRolloverReport(std::span<const std::uint8_t> keys) {
    return std::any_of(keys.begin(), keys.end(),
                       [](std::uint8_t usage) { return usage != 0 && usage <= kUsageLastError; });
}

// Adds typed text to the scan in progress; a scan that grows past kMaxScanBytes is dropped.
void AppendToScan(std::string& pending, bool& overlong, std::string_view text) {
    if (overlong) return;
    if (pending.size() + text.size() > kMaxScanBytes) {
        overlong = true;
        pending.clear();
        return;
    }
    pending += text;
}

// Ends the scan in progress at a terminator: the scan, or nullopt when it was empty or dropped.
std::optional<std::string> EndScan(std::string& pending, bool& overlong, std::size_t& dropped) {
    std::optional<std::string> scan;
    if (overlong)
        ++dropped;
    else if (!pending.empty())
        scan = std::move(pending);
    pending.clear();
    overlong = false;
    return scan;
}

// Linux KEY_* codes of the keys that type, as HID keyboard usages (the inverse of the kernel's
// hid-input table). Index: the KEY_* code; 0: no usage.
constexpr std::array<std::uint8_t, KEY_KPSLASH + 1> kUsageOfEvdevKey = [] {
    std::array<std::uint8_t, KEY_KPSLASH + 1> table{};
    constexpr std::array<std::pair<int, std::uint8_t>, 61> kPairs = {{
        {KEY_1, 0x1E},          {KEY_2, 0x1F},          {KEY_3, 0x20},
        {KEY_4, 0x21},          {KEY_5, 0x22},          {KEY_6, 0x23},
        {KEY_7, 0x24},          {KEY_8, 0x25},          {KEY_9, 0x26},
        {KEY_0, 0x27},          {KEY_MINUS, 0x2D},      {KEY_EQUAL, 0x2E},
        {KEY_TAB, 0x2B},        {KEY_Q, 0x14},          {KEY_W, 0x1A},
        {KEY_E, 0x08},          {KEY_R, 0x15},          {KEY_T, 0x17},
        {KEY_Y, 0x1C},          {KEY_U, 0x18},          {KEY_I, 0x0C},
        {KEY_O, 0x12},          {KEY_P, 0x13},          {KEY_LEFTBRACE, 0x2F},
        {KEY_RIGHTBRACE, 0x30}, {KEY_ENTER, 0x28},      {KEY_A, 0x04},
        {KEY_S, 0x16},          {KEY_D, 0x07},          {KEY_F, 0x09},
        {KEY_G, 0x0A},          {KEY_H, 0x0B},          {KEY_J, 0x0D},
        {KEY_K, 0x0E},          {KEY_L, 0x0F},          {KEY_SEMICOLON, 0x33},
        {KEY_APOSTROPHE, 0x34}, {KEY_GRAVE, 0x35},      {KEY_BACKSLASH, 0x31},
        {KEY_Z, 0x1D},          {KEY_X, 0x1B},          {KEY_C, 0x06},
        {KEY_V, 0x19},          {KEY_B, 0x05},          {KEY_N, 0x11},
        {KEY_M, 0x10},          {KEY_COMMA, 0x36},      {KEY_DOT, 0x37},
        {KEY_SLASH, 0x38},      {KEY_KPASTERISK, 0x55}, {KEY_SPACE, 0x2C},
        {KEY_KP7, 0x5F},        {KEY_KP8, 0x60},        {KEY_KP9, 0x61},
        {KEY_KPMINUS, 0x56},    {KEY_KP4, 0x5C},        {KEY_KP5, 0x5D},
        {KEY_KP6, 0x5E},        {KEY_KPPLUS, 0x57},     {KEY_KP1, 0x59},
        {KEY_KP2, 0x5A},
    }};
    for (const auto& [code, usage] : kPairs)
        table.at(static_cast<std::size_t>(code)) = usage;
    table[KEY_KP3] = 0x5B;
    table[KEY_KP0] = 0x62;
    table[KEY_KPDOT] = 0x63;
    table[KEY_102ND] = kUsageNonUsBackslash;
    table[KEY_KPENTER] = kUsageKeypadEnter;
    table[KEY_KPSLASH] = kUsageKeypadSlash;
    return table;
}();

// The modifier bit a KEY_* code holds down; 0 for other keys.
std::uint8_t ModifierOfEvdevKey(std::uint16_t code) {
    switch (code) {
        case KEY_LEFTCTRL:
            return kLeftCtrl;
        case KEY_LEFTSHIFT:
            return kLeftShift;
        case KEY_LEFTALT:
            return kLeftAlt;
        case KEY_LEFTMETA:
            return kLeftGui;
        case KEY_RIGHTCTRL:
            return kRightCtrl;
        case KEY_RIGHTSHIFT:
            return kRightShift;
        case KEY_RIGHTALT:
            return kRightAlt;
        case KEY_RIGHTMETA:
            return kRightGui;
        default:
            return 0;
    }
}

}  // namespace

std::optional<std::string> KeyText(std::uint8_t usage, std::uint8_t modifiers,
                                   KeyboardLayout layout) {
    if (usage <= kUsageLastError || (modifiers & kAltOrGui) != 0) return std::nullopt;
    const bool shift = (modifiers & kShift) != 0;
    if ((modifiers & kCtrl) != 0) {
        if (usage == kUsageRightBracket && !shift) return std::string("\x1D");
        return std::nullopt;
    }
    if ((modifiers & kRightAlt) != 0) {
        if (layout == KeyboardLayout::kUk && usage == kUsage4 && !shift)
            return std::string("\xE2\x82\xAC");
        return std::nullopt;
    }
    const std::optional<std::string_view> text = PlainKeyText(usage, shift, layout);
    if (!text || text->empty()) return std::nullopt;
    return std::string(*text);
}

Result<std::vector<BootReport>> ReportsTyping(std::string_view utf8, KeyboardLayout layout) {
    constexpr std::array<std::uint8_t, 4> kModifierChoices = {0, kLeftShift, kRightAlt, kLeftCtrl};
    std::vector<BootReport> reports;
    std::size_t at = 0;
    while (at < utf8.size()) {
        const auto lead = static_cast<unsigned char>(utf8[at]);
        const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        const std::string_view character = utf8.substr(at, length);
        at += character.size();
        std::optional<std::pair<std::uint8_t, std::uint8_t>> key;  // usage, modifiers
        if (character == "\r" || character == "\n") key.emplace(kUsageEnter, 0);
        if (character == "\t") key.emplace(kUsageTab, 0);
        for (std::uint8_t usage = kUsageA; !key && usage <= kUsageNonUsBackslash; ++usage) {
            for (const std::uint8_t modifiers : kModifierChoices) {
                if (KeyText(usage, modifiers, layout) == character) {
                    key.emplace(usage, modifiers);
                    break;
                }
            }
        }
        if (!key)
            return std::unexpected(MakeError(
                ErrorCode::kInvalidInput,
                fmt::format("{} cannot be typed on a {} keyboard", text::QuoteForMessage(character),
                            layout == KeyboardLayout::kUk ? "UK" : "US"),
                "text"));
        BootReport press{};
        press[0] = key->second;
        press[2] = key->first;
        reports.push_back(press);
        reports.push_back(BootReport{});
    }
    return reports;
}

Result<std::vector<std::string>> HidScanDecoder::Feed(std::span<const std::uint8_t> report) {
    if (report.size() != kBootReportSize)
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("scanner report of {} bytes, expected {} (a boot keyboard report)",
                        report.size(), kBootReportSize),
            "report"));
    const std::uint8_t modifiers = report[0];
    const std::span<const std::uint8_t> keys = report.subspan(2);
    std::vector<std::string> scans;
    if (IsRolloverReport(keys)) return scans;

    for (const std::uint8_t usage : keys) {
        if (usage == 0) continue;
        if (std::find(m_previous_keys.begin(), m_previous_keys.end(), usage) !=
            m_previous_keys.end())
            continue;  // still held from the previous report
        if (IsTerminator(usage)) {
            if (auto scan = EndScan(m_pending, m_overlong, m_overlong_dropped))
                scans.push_back(std::move(*scan));
            continue;
        }
        if (const std::optional<std::string> text = KeyText(usage, modifiers, m_layout))
            AppendToScan(m_pending, m_overlong, *text);
    }
    std::copy(keys.begin(), keys.end(), m_previous_keys.begin());
    return scans;
}

void HidScanDecoder::Reset() {
    m_previous_keys.fill(0);
    m_pending.clear();
    m_overlong = false;
}

std::optional<std::uint8_t> HidUsageOfEvdevKey(std::uint16_t code) {
    if (code >= kUsageOfEvdevKey.size() || kUsageOfEvdevKey.at(code) == 0) return std::nullopt;
    return kUsageOfEvdevKey.at(code);
}

std::optional<std::string> EvdevScanDecoder::Key(std::uint16_t code, std::int32_t value) {
    constexpr std::int32_t kRelease = 0;
    constexpr std::int32_t kPress = 1;
    if (const std::uint8_t modifier = ModifierOfEvdevKey(code); modifier != 0) {
        if (value == kPress) m_modifiers = static_cast<std::uint8_t>(m_modifiers | modifier);
        if (value == kRelease) m_modifiers = static_cast<std::uint8_t>(m_modifiers & ~modifier);
        return std::nullopt;
    }
    if (value != kPress) return std::nullopt;
    const std::optional<std::uint8_t> usage = HidUsageOfEvdevKey(code);
    if (!usage) return std::nullopt;
    if (IsTerminator(*usage)) return EndScan(m_pending, m_overlong, m_overlong_dropped);
    if (const std::optional<std::string> text = KeyText(*usage, m_modifiers, m_layout))
        AppendToScan(m_pending, m_overlong, *text);
    return std::nullopt;
}

void EvdevScanDecoder::Reset() {
    m_modifiers = 0;
    m_pending.clear();
    m_overlong = false;
}

}  // namespace tillbook::drivers
