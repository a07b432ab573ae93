// The scanners' stream decoders on their own, without a device: SerialLineDecoder and
// EvdevEventDecoder (the scanners themselves are tested under umockdev in tests/hw).
#include <doctest/doctest.h>
#include <linux/input-event-codes.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/drivers/evdev_scanner.hpp"
#include "tillbook/drivers/serial_scanner.hpp"

namespace {

using tillbook::drivers::EvdevEventDecoder;
using tillbook::drivers::KeyboardLayout;
using tillbook::drivers::SerialLineDecoder;
using tillbook::drivers::SerialSuffix;
using Lines = std::vector<std::string>;

Lines TakeAll(SerialLineDecoder& decoder, std::string_view bytes) {
    Lines lines;
    for (const char byte : bytes) {
        if (auto line = decoder.Take(byte)) lines.push_back(std::move(*line));
    }
    return lines;
}

// A key pressed and released, each followed by SYN_REPORT.
void Tap(EvdevEventDecoder& decoder, std::uint16_t code, Lines& scans) {
    for (const std::int32_t value : {1, 0}) {
        if (auto scan = decoder.Take(EV_KEY, code, value)) scans.push_back(std::move(*scan));
        if (auto scan = decoder.Take(EV_SYN, SYN_REPORT, 0)) scans.push_back(std::move(*scan));
    }
}

}  // namespace

TEST_CASE("a serial line decoder ends lines on CR or LF, the LF of CR LF giving an empty line") {
    SerialLineDecoder decoder(SerialSuffix::kCrOrLf, 64);
    CHECK(TakeAll(decoder, "5000112637922\r\nABC\n") == Lines{"5000112637922", "", "ABC"});
}

TEST_CASE("a serial line decoder set to CR LF drops a lone CR and tabs as data") {
    SerialLineDecoder decoder(SerialSuffix::kCrLf, 64);
    CHECK(TakeAll(decoder, "12\r3\t4\r\n") == Lines{"1234"});
}

TEST_CASE("a serial line longer than the limit is dropped whole and counted") {
    SerialLineDecoder decoder(SerialSuffix::kLf, 4);
    CHECK(TakeAll(decoder, "12345\n1234\n") == Lines{"", "1234"});
    CHECK(decoder.OverlongScansDropped() == 1);
}

TEST_CASE("an evdev event decoder drops the scan that SYN_DROPPED cut and decodes the next") {
    EvdevEventDecoder decoder(KeyboardLayout::kUs);
    Lines scans;
    Tap(decoder, KEY_1, scans);
    CHECK_FALSE(decoder.Take(EV_SYN, SYN_DROPPED, 0).has_value());
    CHECK_FALSE(decoder.Take(EV_KEY, KEY_2, 1).has_value());  // ignored until SYN_REPORT
    CHECK_FALSE(decoder.Take(EV_SYN, SYN_REPORT, 0).has_value());
    Tap(decoder, KEY_3, scans);
    Tap(decoder, KEY_ENTER, scans);  // the cut scan's tail: dropped
    Tap(decoder, KEY_4, scans);
    Tap(decoder, KEY_ENTER, scans);
    CHECK(scans == Lines{"4"});
    CHECK(decoder.ScansLostToOverflow() == 1);
}
