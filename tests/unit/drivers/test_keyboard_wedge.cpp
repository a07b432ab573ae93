#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tillbook/drivers/keyboard_wedge.hpp"

namespace {

using std::chrono::milliseconds;
using tillbook::drivers::KeyboardWedgeDetector;
using tillbook::drivers::ValidateWedgeSettings;
using tillbook::drivers::WedgeEvent;
using tillbook::drivers::WedgeEventKind;
using tillbook::drivers::WedgeSettings;
using Events = std::vector<WedgeEvent>;

WedgeEvent Typed(std::string text) {
    return {WedgeEventKind::kTyped, std::move(text)};
}
WedgeEvent Scanned(std::string text) {
    return {WedgeEventKind::kScanned, std::move(text)};
}

// Feeds `keys` (ASCII) starting at `start`, one every `gap`; returns every event and leaves
// `last` at the last key's time.
Events Type(KeyboardWedgeDetector& detector, std::u32string_view keys, milliseconds start,
            milliseconds gap, milliseconds& last) {
    Events events;
    milliseconds at = start;
    for (const char32_t key : keys) {
        const Events step = detector.Key(key, at);
        events.insert(events.end(), step.begin(), step.end());
        last = at;
        at += gap;
    }
    return events;
}

Events Type(KeyboardWedgeDetector& detector, std::u32string_view keys, milliseconds gap) {
    milliseconds last{0};
    return Type(detector, keys, milliseconds{1000}, gap, last);
}

}  // namespace

TEST_CASE("a scanner's burst ended by Enter is handed over as one scan and nothing is typed") {
    KeyboardWedgeDetector detector;
    CHECK(Type(detector, U"5012345678900\r", milliseconds{8}) == Events{Scanned("5012345678900")});
    CHECK_FALSE(detector.ReleaseDue().has_value());
}

TEST_CASE("keys exactly max_key_gap apart still make a burst") {
    KeyboardWedgeDetector detector;  // max_key_gap 30 ms
    CHECK(Type(detector, U"123456\r", milliseconds{30}) == Events{Scanned("123456")});
}

TEST_CASE("keys one millisecond over max_key_gap apart are typing") {
    KeyboardWedgeDetector detector;
    const Events events = Type(detector, U"123456\r", milliseconds{31});
    CHECK(events == Events{Typed("1"), Typed("2"), Typed("3"), Typed("4"), Typed("5"), Typed("6"),
                           Typed("\r")});
}

TEST_CASE("a burst of exactly min_length characters is a scan and one fewer is typing") {
    KeyboardWedgeDetector detector;  // min_length 6
    CHECK(Type(detector, U"ABC123\r", milliseconds{5}) == Events{Scanned("ABC123")});
    CHECK(Type(detector, U"ABC12\r", milliseconds{5}) == Events{Typed("ABC12\r")});
}

TEST_CASE("a slow typist's keys are each released once max_key_gap has passed") {
    KeyboardWedgeDetector detector;
    CHECK(detector.Key(U'4', milliseconds{100}).empty());
    CHECK(detector.ReleaseDue() == milliseconds{131});
    CHECK(detector.Tick(milliseconds{130}).empty());  // exactly at the threshold: still held
    CHECK(detector.Tick(milliseconds{131}) == Events{Typed("4")});
    CHECK(detector.Key(U'2', milliseconds{300}).empty());
    CHECK(detector.Key(U'\r', milliseconds{450}) == Events{Typed("2"), Typed("\r")});
    CHECK_FALSE(detector.ReleaseDue().has_value());
}

TEST_CASE("a person's Enter on its own is passed on at once") {
    KeyboardWedgeDetector detector;
    CHECK(detector.Key(U'\n', milliseconds{5}) == Events{Typed("\n")});
}

TEST_CASE("a burst without a terminator is ended by a pause") {
    KeyboardWedgeDetector detector;
    milliseconds last{0};
    CHECK(Type(detector, U"40063813", milliseconds{500}, milliseconds{4}, last).empty());
    CHECK(detector.Tick(last + milliseconds{30}).empty());
    CHECK(detector.ReleaseDue() == last + milliseconds{31});
    CHECK(detector.Tick(last + milliseconds{31}) == Events{Scanned("40063813")});
    CHECK(detector.Tick(last + milliseconds{500}).empty());
}

TEST_CASE("a burst without a terminator is also ended by the next key after a pause") {
    KeyboardWedgeDetector detector;
    milliseconds last{0};
    CHECK(Type(detector, U"40063813", milliseconds{500}, milliseconds{4}, last).empty());
    CHECK(detector.Key(U'x', last + milliseconds{200}) == Events{Scanned("40063813")});
    CHECK(detector.Tick(last + milliseconds{231}) == Events{Typed("x")});
}

TEST_CASE("a short fast run without a terminator is typing") {
    KeyboardWedgeDetector detector;
    milliseconds last{0};
    CHECK(Type(detector, U"th", milliseconds{0}, milliseconds{12}, last).empty());
    CHECK(detector.Tick(last + milliseconds{31}) == Events{Typed("th")});
}

TEST_CASE("Tab ends a scan unless the settings say it is part of the code") {
    KeyboardWedgeDetector tab_ends;
    CHECK(Type(tab_ends, U"ABC123\t", milliseconds{3}) == Events{Scanned("ABC123")});
    KeyboardWedgeDetector tab_kept(WedgeSettings{milliseconds{30}, 6, false});
    CHECK(Type(tab_kept, U"ABC\t123\r", milliseconds{3}) == Events{Scanned("ABC\t123")});
}

TEST_CASE("the thresholds come from the settings") {
    KeyboardWedgeDetector detector(WedgeSettings{milliseconds{50}, 3, true});
    CHECK(Type(detector, U"123\r", milliseconds{50}) == Events{Scanned("123")});
    CHECK(Type(detector, U"12\r", milliseconds{10}) == Events{Typed("12\r")});
}

TEST_CASE("characters beyond ASCII come out as UTF-8") {
    KeyboardWedgeDetector detector;
    CHECK(Type(detector, U"\u00A3\u20AC12345\r", milliseconds{2}) ==
          Events{Scanned("\xC2\xA3\xE2\x82\xAC"
                         "12345")});
    CHECK(detector.Key(char32_t{0xD800}, milliseconds{5000}).empty());
    CHECK(detector.Tick(milliseconds{6000}) == Events{Typed("\xEF\xBF\xBD")});
}

TEST_CASE("a key stamped before the previous one counts as no gap") {
    KeyboardWedgeDetector detector;
    CHECK(detector.Key(U'1', milliseconds{1000}).empty());
    milliseconds last{0};
    const Events events = Type(detector, U"23456\r", milliseconds{990}, milliseconds{1}, last);
    CHECK(events == Events{Scanned("123456")});
}

TEST_CASE("wedge settings with a negative gap or a minimum length below 2 are refused") {
    CHECK(ValidateWedgeSettings(WedgeSettings{}).has_value());
    const auto negative = ValidateWedgeSettings(WedgeSettings{milliseconds{-1}, 6, true});
    REQUIRE_FALSE(negative.has_value());
    CHECK(negative.error().field == "max_key_gap");
    CHECK(negative.error().message == "scanner key gap: -1 ms is negative");
    const auto too_short = ValidateWedgeSettings(WedgeSettings{milliseconds{30}, 1, true});
    REQUIRE_FALSE(too_short.has_value());
    CHECK(too_short.error().field == "min_length");
    // A detector made with such settings clamps them: one key is never a scan.
    KeyboardWedgeDetector detector(WedgeSettings{milliseconds{-5}, 0, true});
    CHECK(Type(detector, U"7\r", milliseconds{0}) == Events{Typed("7\r")});
}

TEST_CASE("whatever the timing, every key comes out once and in order") {
    std::mt19937 random(777);  // fixed seed
    constexpr std::u32string_view kKeys = U"0123456789abc\r\t";
    std::uniform_int_distribution<std::size_t> pick(0, kKeys.size() - 1);
    std::uniform_int_distribution<int> gap(0, 60);
    for (int round = 0; round < 200; ++round) {
        KeyboardWedgeDetector detector;
        std::string fed;
        std::string out;
        auto collect = [&out](const Events& events) {
            for (const WedgeEvent& event : events) {
                if (event.kind == WedgeEventKind::kScanned) {
                    CHECK(event.text.size() >= 6);
                    out += event.text + "\r";  // the terminator or pause that ended it
                } else {
                    out += event.text;
                }
            }
        };
        milliseconds at{0};
        for (int i = 0; i < 100; ++i) {
            const char32_t key = kKeys[pick(random)];
            fed.push_back(static_cast<char>(key));
            at += milliseconds{gap(random)};
            if (gap(random) < 10) collect(detector.Tick(at));
            collect(detector.Key(key, at));
        }
        collect(detector.Tick(at + milliseconds{1000}));
        CHECK_FALSE(detector.ReleaseDue().has_value());
        // Terminators are consumed by scans, and a pause ends one too: compare without them.
        auto strip = [](std::string text) {
            std::erase_if(text, [](char c) { return c == '\r' || c == '\t'; });
            return text;
        };
        CHECK(strip(out) == strip(fed));
    }
}
