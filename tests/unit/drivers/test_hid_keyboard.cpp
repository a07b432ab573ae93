#include <doctest/doctest.h>
#include <linux/input-event-codes.h>

#include <array>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/text.hpp"
#include "tillbook/drivers/hid_keyboard.hpp"

namespace {

using tillbook::drivers::HidScanDecoder;
using tillbook::drivers::KeyboardLayout;
using tillbook::drivers::KeyText;
using tillbook::drivers::kMaxScanBytes;
using tillbook::drivers::ReportsTyping;
using Report = std::array<std::uint8_t, 8>;

constexpr std::uint8_t kNone = 0x00;
constexpr std::uint8_t kShift = 0x02;
constexpr std::uint8_t kRightShift = 0x20;
constexpr std::uint8_t kCtrl = 0x01;
constexpr std::uint8_t kAlt = 0x04;
constexpr std::uint8_t kAltGr = 0x40;
constexpr std::uint8_t kEnter = 0x28;
constexpr std::uint8_t kTab = 0x2B;
constexpr std::uint8_t kKeypadEnter = 0x58;
constexpr Report kRelease = {};
constexpr Report kRollover = {0, 0, 1, 1, 1, 1, 1, 1};

Report Keys(std::uint8_t modifiers, std::initializer_list<std::uint8_t> keys) {
    Report report{};
    report[0] = modifiers;
    std::size_t slot = 2;
    for (const std::uint8_t key : keys)
        report.at(slot++) = key;
    return report;
}

// "0000220000000000", as in the umockdev .ioctl samples' URB data.
Report FromHex(std::string_view hex) {
    REQUIRE(hex.size() == 16);
    Report report{};
    for (std::size_t i = 0; i < report.size(); ++i)
        report.at(i) =
            static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(2 * i, 2)), nullptr, 16));
    return report;
}

// Feeds every report and returns all the scans they completed.
std::vector<std::string> FeedAll(HidScanDecoder& decoder, const std::vector<Report>& reports) {
    std::vector<std::string> scans;
    for (const Report& report : reports) {
        auto result = decoder.Feed(report);
        REQUIRE(result.has_value());
        scans.insert(scans.end(), result->begin(), result->end());
    }
    return scans;
}

// A key press report followed by the all-zero release report, as scanners send each character.
void Tap(std::vector<Report>& reports, std::uint8_t modifiers, std::uint8_t usage) {
    reports.push_back(Keys(modifiers, {usage}));
    reports.push_back(kRelease);
}

std::vector<std::string> Decode(KeyboardLayout layout, const std::vector<Report>& reports) {
    HidScanDecoder decoder(layout);
    return FeedAll(decoder, reports);
}

using Scans = std::vector<std::string>;

}  // namespace

TEST_CASE("a scanner's reports for 5012345678900 and Enter decode to that code in the US layout") {
    // Press and release for each digit: 5 0 1 2 3 4 5 6 7 8 9 0 0, then Enter.
    const std::vector<std::string_view> hex = {
        "0000220000000000", "0000000000000000", "0000270000000000", "0000000000000000",
        "00001E0000000000", "0000000000000000", "00001F0000000000", "0000000000000000",
        "0000200000000000", "0000000000000000", "0000210000000000", "0000000000000000",
        "0000220000000000", "0000000000000000", "0000230000000000", "0000000000000000",
        "0000240000000000", "0000000000000000", "0000250000000000", "0000000000000000",
        "0000260000000000", "0000000000000000", "0000270000000000", "0000000000000000",
        "0000270000000000", "0000000000000000", "0000280000000000", "0000000000000000",
    };
    HidScanDecoder decoder(KeyboardLayout::kUs);
    Scans scans;
    for (std::size_t i = 0; i < hex.size(); ++i) {
        auto result = decoder.Feed(FromHex(hex[i]));
        REQUIRE(result.has_value());
        if (i < 26) CHECK(result->empty());  // nothing is handed over before the Enter
        scans.insert(scans.end(), result->begin(), result->end());
        if (i == 25) CHECK(decoder.Pending() == "5012345678900");
    }
    CHECK(scans == Scans{"5012345678900"});
    CHECK(decoder.Pending().empty());
}

TEST_CASE("the umockdev scanner sample's reports decode to Ab1") {
    const std::vector<Report> reports = {
        FromHex("0200040000000000"), FromHex("0000000000000000"), FromHex("0000050000000000"),
        FromHex("0000000000000000"), FromHex("00001E0000000000"), FromHex("0000000000000000"),
        FromHex("0000280000000000"), FromHex("0000000000000000"),
    };
    CHECK(Decode(KeyboardLayout::kUs, reports) == Scans{"Ab1"});
}

TEST_CASE("a key held over several reports types once") {
    const std::vector<Report> reports = {Keys(kNone, {0x1E}), Keys(kNone, {0x1E}),
                                         Keys(kNone, {0x1E}), kRelease, Keys(kNone, {kEnter})};
    CHECK(Decode(KeyboardLayout::kUs, reports) == Scans{"1"});
}

TEST_CASE("a digit released and pressed again types twice") {
    std::vector<Report> reports;
    Tap(reports, kNone, 0x27);
    Tap(reports, kNone, 0x27);
    Tap(reports, kNone, kEnter);
    CHECK(Decode(KeyboardLayout::kUs, reports) == Scans{"00"});
}

TEST_CASE("keys pressed together type in slot order and one still held is not typed again") {
    const std::vector<Report> reports = {Keys(kNone, {0x1E, 0x1F}), Keys(kNone, {0x1F, 0x20}),
                                         kRelease, Keys(kNone, {kEnter})};
    CHECK(Decode(KeyboardLayout::kUs, reports) == Scans{"123"});
}

TEST_CASE("a rollover report is ignored and does not count as a release") {
    const std::vector<Report> reports = {
        Keys(kNone, {0x1E}),       kRollover, Keys(kNone, {0x1E}),
        Keys(kNone, {0x1E, 0x1F}), kRelease,  Keys(kNone, {kEnter})};
    CHECK(Decode(KeyboardLayout::kUs, reports) == Scans{"12"});
}

TEST_CASE("Shift+3 types a pound sign and Shift+2 a double quote in the UK layout") {
    std::vector<Report> reports;
    Tap(reports, kShift, 0x20);       // £
    Tap(reports, kNone, 0x1E);        // 1
    Tap(reports, kNone, 0x1F);        // 2
    Tap(reports, kRightShift, 0x1F);  // "
    Tap(reports, kShift, 0x34);       // @ (Shift+')
    Tap(reports, kNone, 0x32);        // #
    Tap(reports, kShift, 0x32);       // ~
    Tap(reports, kAltGr, 0x21);       // €
    Tap(reports, kNone, kEnter);
    CHECK(Decode(KeyboardLayout::kUk, reports) == Scans{"\xC2\xA3"
                                                        "12\"@#~\xE2\x82\xAC"});
    // The same keys on a US keyboard; AltGr+4 types nothing there.
    CHECK(Decode(KeyboardLayout::kUs, reports) == Scans{"#12@\"\\|"});
}

TEST_CASE("Tab and keypad Enter end a scan as Enter does") {
    std::vector<Report> reports;
    Tap(reports, kNone, 0x59);  // keypad 1
    Tap(reports, kNone, kTab);
    Tap(reports, kNone, 0x62);  // keypad 0
    Tap(reports, kNone, kKeypadEnter);
    CHECK(Decode(KeyboardLayout::kUs, reports) == Scans{"1", "0"});
}

TEST_CASE("a terminator with nothing before it gives no scan") {
    std::vector<Report> reports;
    Tap(reports, kNone, 0x04);
    Tap(reports, kNone, kEnter);
    Tap(reports, kNone, kTab);  // a CR + Tab suffix
    Tap(reports, kNone, kEnter);
    CHECK(Decode(KeyboardLayout::kUs, reports) == Scans{"a"});
}

TEST_CASE("Enter in the middle of a report ends the scan and the keys after it start the next") {
    const std::vector<Report> reports = {Keys(kNone, {0x04, kEnter, 0x05}), kRelease,
                                         Keys(kNone, {kEnter})};
    CHECK(Decode(KeyboardLayout::kUs, reports) == Scans{"a", "b"});
}

TEST_CASE("a report that is not 8 bytes is an error and the scan in progress is kept") {
    HidScanDecoder decoder(KeyboardLayout::kUs);
    REQUIRE(decoder.Feed(Keys(kNone, {0x04})).has_value());
    const std::array<std::uint8_t, 5> short_report = {0, 0, 0x05, 0, 0};
    auto result = decoder.Feed(short_report);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == tillbook::ErrorCode::kInvalidInput);
    CHECK(result.error().message ==
          "scanner report of 5 bytes, expected 8 (a boot keyboard report)");
    CHECK(decoder.Pending() == "a");
    // The 'a' is still held: the next full report with it does not type it again.
    auto next = decoder.Feed(Keys(kNone, {0x04, kEnter}));
    REQUIRE(next.has_value());
    CHECK(*next == Scans{"a"});
}

TEST_CASE(
    "Ctrl with the right bracket types the GS1 separator and other Ctrl or Alt combinations type "
    "nothing") {
    std::vector<Report> reports;
    Tap(reports, kNone, 0x1E);
    Tap(reports, kCtrl, 0x30);  // GS
    Tap(reports, kCtrl, 0x04);  // Ctrl+A
    Tap(reports, kAlt, 0x1F);   // Alt+2 (an "ALT mode" keypad sequence would look like this)
    Tap(reports, kNone, 0x1F);
    Tap(reports, kNone, kEnter);
    CHECK(Decode(KeyboardLayout::kUs, reports) == Scans{"1\x1D"
                                                        "2"});
}

TEST_CASE("a shift pressed on its own types nothing") {
    const std::vector<Report> reports = {Keys(kShift, {}), Keys(kShift, {0x04}), Keys(kShift, {}),
                                         kRelease, Keys(kNone, {kEnter})};
    CHECK(Decode(KeyboardLayout::kUs, reports) == Scans{"A"});
}

TEST_CASE("a scan longer than the limit is dropped whole and the next scan decodes") {
    HidScanDecoder decoder(KeyboardLayout::kUs);
    std::vector<Report> reports;
    for (std::size_t i = 0; i <= kMaxScanBytes; ++i)
        Tap(reports, kNone, 0x27);
    Tap(reports, kNone, kEnter);
    Tap(reports, kNone, 0x1E);
    Tap(reports, kNone, kEnter);
    CHECK(FeedAll(decoder, reports) == Scans{"1"});
    CHECK(decoder.OverlongScansDropped() == 1);
}

TEST_CASE("a scan of exactly the limit is kept") {
    std::vector<Report> reports;
    for (std::size_t i = 0; i < kMaxScanBytes; ++i)
        Tap(reports, kNone, 0x27);
    Tap(reports, kNone, kEnter);
    CHECK(Decode(KeyboardLayout::kUs, reports) == Scans{std::string(kMaxScanBytes, '0')});
}

TEST_CASE("Reset forgets the scan in progress and the key held") {
    HidScanDecoder decoder(KeyboardLayout::kUs);
    REQUIRE(decoder.Feed(Keys(kNone, {0x04})).has_value());
    decoder.Reset();
    CHECK(decoder.Pending().empty());
    auto result = decoder.Feed(Keys(kNone, {0x04}));
    REQUIRE(result.has_value());
    CHECK(decoder.Pending() == "a");
}

TEST_CASE("key text follows the layout's table") {
    CHECK(KeyText(0x04, kNone, KeyboardLayout::kUs) == "a");
    CHECK(KeyText(0x1D, kShift, KeyboardLayout::kUk) == "Z");
    CHECK(KeyText(0x1F, kShift, KeyboardLayout::kUs) == "@");
    CHECK(KeyText(0x34, kShift, KeyboardLayout::kUs) == "\"");
    CHECK(KeyText(0x35, kShift, KeyboardLayout::kUk) == "\xC2\xAC");
    CHECK(KeyText(0x64, kNone, KeyboardLayout::kUk) == "\\");
    CHECK(KeyText(0x2C, kNone, KeyboardLayout::kUs) == " ");
    CHECK(KeyText(0x63, kNone, KeyboardLayout::kUs) == ".");
    CHECK(KeyText(0x55, kShift, KeyboardLayout::kUs) == "*");
    CHECK_FALSE(KeyText(kEnter, kNone, KeyboardLayout::kUs).has_value());
    CHECK_FALSE(KeyText(0x29, kNone, KeyboardLayout::kUs).has_value());  // Esc
    CHECK_FALSE(KeyText(0x3A, kNone, KeyboardLayout::kUs).has_value());  // F1
    CHECK_FALSE(KeyText(0x01, kNone, KeyboardLayout::kUs).has_value());  // rollover
}

TEST_CASE("every printable ASCII character typed as reports decodes back in both layouts") {
    std::string printable;
    for (char c = ' '; c <= '~'; ++c)
        printable.push_back(c);
    for (const KeyboardLayout layout : {KeyboardLayout::kUs, KeyboardLayout::kUk}) {
        CAPTURE(static_cast<int>(layout));
        auto reports = ReportsTyping(printable + "\r", layout);
        REQUIRE(reports.has_value());
        CHECK(reports->size() == 2 * (printable.size() + 1));
        CHECK(Decode(layout, *reports) == Scans{printable});
    }
}

TEST_CASE("the UK layout types pound, not-sign and euro, and the US layout refuses them") {
    const std::string text =
        "\xC2\xA3"
        "5 \xC2\xAC \xE2\x82\xAC"
        "9";
    auto uk = ReportsTyping(text + "\t", KeyboardLayout::kUk);
    REQUIRE(uk.has_value());
    CHECK(uk->front() == Keys(kShift, {0x20}));
    CHECK(uk->at(1) == kRelease);
    CHECK(Decode(KeyboardLayout::kUk, *uk) == Scans{text});
    auto us = ReportsTyping(text, KeyboardLayout::kUs);
    REQUIRE_FALSE(us.has_value());
    CHECK(us.error().message == "\"\xC2\xA3\" cannot be typed on a US keyboard");
    CHECK_FALSE(ReportsTyping("caf\xC3\xA9", KeyboardLayout::kUk).has_value());
}

TEST_CASE("typing 5012345678900 with Enter gives the press and release reports a scanner sends") {
    auto reports = ReportsTyping("5012345678900\r", KeyboardLayout::kUs);
    REQUIRE(reports.has_value());
    REQUIRE(reports->size() == 28);
    CHECK(reports->at(0) == FromHex("0000220000000000"));
    CHECK(reports->at(1) == FromHex("0000000000000000"));
    CHECK(reports->at(2) == FromHex("0000270000000000"));
    CHECK(reports->at(26) == FromHex("0000280000000000"));
}

namespace {

struct KeyEvent {
    std::uint16_t code;
    std::int32_t value;  // 1 press, 0 release, 2 auto-repeat
};

std::vector<std::string> DecodeEvdev(KeyboardLayout layout, const std::vector<KeyEvent>& events) {
    tillbook::drivers::EvdevScanDecoder decoder(layout);
    std::vector<std::string> scans;
    for (const KeyEvent& event : events)
        if (auto scan = decoder.Key(event.code, event.value)) scans.push_back(*scan);
    return scans;
}

}  // namespace

TEST_CASE("evdev key events decode with Shift tracked from its own press and release") {
    const std::vector<KeyEvent> events = {
        {KEY_LEFTSHIFT, 1}, {KEY_A, 1}, {KEY_A, 0}, {KEY_LEFTSHIFT, 0}, {KEY_B, 1},
        {KEY_B, 0},         {KEY_1, 1}, {KEY_1, 0}, {KEY_ENTER, 1},     {KEY_ENTER, 0},
    };
    CHECK(DecodeEvdev(KeyboardLayout::kUs, events) == Scans{"Ab1"});
}

TEST_CASE("evdev auto-repeat events are not typed again") {
    const std::vector<KeyEvent> events = {{KEY_0, 1}, {KEY_0, 2}, {KEY_0, 2},      {KEY_0, 0},
                                          {KEY_0, 1}, {KEY_0, 0}, {KEY_KPENTER, 1}};
    CHECK(DecodeEvdev(KeyboardLayout::kUs, events) == Scans{"00"});
}

TEST_CASE("evdev events decode in the UK layout with pound, hash, backslash and AltGr euro") {
    const std::vector<KeyEvent> events = {
        {KEY_RIGHTSHIFT, 1}, {KEY_3, 1},         {KEY_3, 0},     {KEY_RIGHTSHIFT, 0},
        {KEY_BACKSLASH, 1},  {KEY_BACKSLASH, 0}, {KEY_102ND, 1}, {KEY_102ND, 0},
        {KEY_RIGHTALT, 1},   {KEY_4, 1},         {KEY_4, 0},     {KEY_RIGHTALT, 0},
        {KEY_5, 1},          {KEY_5, 0},         {KEY_TAB, 1},
    };
    CHECK(DecodeEvdev(KeyboardLayout::kUk, events) == Scans{"\xC2\xA3#\\\xE2\x82\xAC"
                                                            "5"});
}

TEST_CASE("every typing key's evdev code maps to the one HID usage the kernel gives it") {
    std::array<int, 256> seen{};
    for (std::uint16_t code = 0; code < 512; ++code)
        if (const auto usage = tillbook::drivers::HidUsageOfEvdevKey(code)) ++seen.at(*usage);
    for (std::size_t usage = 0; usage < seen.size(); ++usage) {
        CAPTURE(usage);
        const bool typing = (usage >= 0x04 && usage <= 0x28) ||
                            (usage >= 0x2B && usage <= 0x38 && usage != 0x32) ||
                            (usage >= 0x54 && usage <= 0x64);
        CHECK(seen.at(usage) == (typing ? 1 : 0));
    }
    CHECK(tillbook::drivers::HidUsageOfEvdevKey(KEY_A) == 0x04);
    CHECK(tillbook::drivers::HidUsageOfEvdevKey(KEY_M) == 0x10);
    CHECK(tillbook::drivers::HidUsageOfEvdevKey(KEY_KP0) == 0x62);
    CHECK_FALSE(tillbook::drivers::HidUsageOfEvdevKey(KEY_LEFTSHIFT).has_value());
}

TEST_CASE("random reports never give a scan over the limit or one that is not UTF-8") {
    std::mt19937 random(20261202);  // fixed seed: the same reports every run
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> small_usage(0, 0x70);
    for (const KeyboardLayout layout : {KeyboardLayout::kUs, KeyboardLayout::kUk}) {
        HidScanDecoder decoder(layout);
        std::size_t scan_count = 0;
        for (int i = 0; i < 20000; ++i) {
            Report report{};
            report[0] = static_cast<std::uint8_t>(byte(random));
            report[1] = static_cast<std::uint8_t>(byte(random));
            for (std::size_t slot = 2; slot < report.size(); ++slot)
                report.at(slot) = static_cast<std::uint8_t>(slot < 4 ? small_usage(random) : 0);
            auto scans = decoder.Feed(report);
            REQUIRE(scans.has_value());
            for (const std::string& scan : *scans) {
                CHECK_FALSE(scan.empty());
                CHECK(scan.size() <= kMaxScanBytes);
                CHECK(tillbook::text::IsValidUtf8(scan));
                ++scan_count;
            }
        }
        CHECK(scan_count > 100);  // the reports did reach terminators
    }
}
