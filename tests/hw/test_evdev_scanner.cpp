// EvdevScanner against a keyboard-mode scanner emulated by umockdev: /dev/input/event7 in the
// testbed, replaying evemu event files (tests/data/hw/scanner-*.events) or fed input_event
// structs on the master side. Unplugging is the master side going away.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <linux/input.h>
#include <sys/stat.h>
#include <umockdev.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "next_scan.hpp"
#include "recorded_testbed.hpp"
#include "temp_dir.hpp"
#include "tillbook/drivers/evdev_scanner.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::ErrorCode;
using tillbook::barcode::Symbology;
using tillbook::drivers::CheckDigit;
using tillbook::drivers::EvdevScanner;
using tillbook::drivers::EvdevScannerOptions;
using tillbook::drivers::KeyboardLayout;
using tillbook::drivers::ScannedBarcode;
using SteadyClock = std::chrono::steady_clock;
using tillbook::testing::NextScan;

constexpr const char* kNode = "/dev/input/event7";

using KeyEvents = std::vector<std::pair<std::uint16_t, std::int32_t>>;

// Key events (code, value) as the kernel delivers them, each followed by a SYN_REPORT.
void WriteKeys(int fd, const KeyEvents& keys) {
    for (const auto& [code, value] : keys) {
        const std::array<input_event, 2> events = {
            input_event{{}, EV_KEY, code, value},
            input_event{{}, EV_SYN, SYN_REPORT, 0},
        };
        REQUIRE(::write(fd, events.data(), sizeof events) == static_cast<ssize_t>(sizeof events));
    }
}

// A umockdev testbed holding one keyboard-mode scanner at /dev/input/event7.
class EvdevTestbed : public tillbook::testing::RecordedDeviceTestbed {
  public:
    EvdevTestbed() : RecordedDeviceTestbed("scanner-kbd.umockdev", kNode) {}

    // Key events written on the master side of the node.
    void SendKeys(const KeyEvents& keys) { WriteKeys(MasterFd(), keys); }
};

EvdevScannerOptions Event7(KeyboardLayout layout = KeyboardLayout::kUs) {
    EvdevScannerOptions options;
    options.device = kNode;
    options.layout = layout;
    return options;
}

}  // namespace

TEST_CASE("a grabbed evdev scanner gives EAN-13 codes, repeated zeros kept, a bad one flagged") {
    EvdevTestbed testbed;
    testbed.LoadEvemuEvents("scanner-ean.events");
    EvdevScanner scanner(Event7());
    REQUIRE(scanner.Open().has_value());
    CHECK(scanner.Grabbed());
    CHECK(scanner.Warning().empty());
    CHECK(scanner.Describe() == "evdev /dev/input/event7");

    const ScannedBarcode good = NextScan(scanner);
    CHECK(good.text == "5000112637922");
    CHECK(good.symbology == Symbology::kEan13);
    CHECK(good.check_digit == CheckDigit::kValid);

    // Ended by Tab, not Enter.
    const ScannedBarcode bad = NextScan(scanner);
    CHECK(bad.text == "5000112637923");
    CHECK(bad.check_digit == CheckDigit::kInvalid);

    auto none = scanner.Next(100ms);
    REQUIRE(none.has_value());
    CHECK_FALSE(none->has_value());
}

TEST_CASE("an evdev scanner set to a UK keyboard reads pound, quote and at as the UK places them") {
    EvdevTestbed testbed;
    testbed.LoadEvemuEvents("scanner-code128-uk.events");
    EvdevScanner scanner(Event7(KeyboardLayout::kUk));
    REQUIRE(scanner.Open().has_value());
    const ScannedBarcode scan = NextScan(scanner);
    CHECK(scan.text ==
          "AB\xC2\xA3"
          "12\"@#");
    CHECK(scan.symbology == Symbology::kCode128OrOther);
    CHECK(scan.check_digit == CheckDigit::kNotApplicable);
}

TEST_CASE("the same UK scanner read with the US layout gives the US characters of those keys") {
    EvdevTestbed testbed;
    testbed.LoadEvemuEvents("scanner-code128-uk.events");
    EvdevScanner scanner(Event7(KeyboardLayout::kUs));
    REQUIRE(scanner.Open().has_value());
    CHECK(NextScan(scanner).text == "AB#12@\"\\");
}

TEST_CASE("a scan cut by SYN_DROPPED is dropped whole and said so, and the next scan is read") {
    EvdevTestbed testbed;
    testbed.LoadEvemuEvents("scanner-syn-dropped.events");
    EvdevScanner scanner(Event7());
    REQUIRE(scanner.Open().has_value());
    CHECK(scanner.Warning().empty());
    // Neither 4006381333931 (events were lost from it) nor its tail 6381333931 comes out.
    const ScannedBarcode next = NextScan(scanner);
    CHECK(next.text == "5000112637922");
    CHECK(next.check_digit == CheckDigit::kValid);
    CHECK(scanner.ScansLostToOverflow() == 1);
    CHECK(scanner.Warning() ==
          "evdev /dev/input/event7: 1 scan(s) dropped: the kernel lost key events (SYN_DROPPED)");
    auto none = scanner.Next(100ms);
    REQUIRE(none.has_value());
    CHECK_FALSE(none->has_value());
}

TEST_CASE("an evdev scanner that cannot be grabbed still reads, with a warning") {
    // umockdev grants every EVIOCGRAB, so the refusal comes from a node that is no input device:
    // a FIFO, whose EVIOCGRAB fails with ENOTTY as on a device another program has grabbed.
    tillbook::testing::TempDir folder("evdev-scanner");
    const std::string fifo = folder.File("event-fifo");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    EvdevScannerOptions options;
    options.device = fifo;
    EvdevScanner scanner(options);
    REQUIRE(scanner.Open().has_value());
    CHECK_FALSE(scanner.Grabbed());
    CHECK(scanner.Warning().find("evdev " + fifo + ": keys also reach the desktop") == 0);

    const int writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    REQUIRE(writer >= 0);
    // "00" then keypad Enter; auto-repeat (value 2) of a held key types nothing more.
    WriteKeys(writer, {{KEY_0, 1},
                       {KEY_0, 2},
                       {KEY_0, 0},
                       {KEY_0, 1},
                       {KEY_0, 0},
                       {KEY_KPENTER, 1},
                       {KEY_KPENTER, 0}});
    CHECK(NextScan(scanner).text == "00");
    ::close(writer);
}

TEST_CASE("an unplugged evdev scanner gives a disconnected error at once, not a hang") {
    EvdevTestbed testbed;
    EvdevScanner scanner(Event7());
    REQUIRE(scanner.Open().has_value());
    testbed.SendKeys({{KEY_4, 1}, {KEY_4, 0}});
    testbed.Unplug();
    const auto started = SteadyClock::now();
    auto gone = scanner.Next(5000ms);
    CHECK(SteadyClock::now() - started < 2000ms);
    REQUIRE_FALSE(gone.has_value());
    CHECK(gone.error().message.find("evdev /dev/input/event7: scanner disconnected") == 0);
    CHECK_FALSE(scanner.IsOpen());
    auto closed = scanner.Next(10ms);
    CHECK_FALSE(closed.has_value());
}

TEST_CASE("a missing evdev device is reported as not found, with the device named") {
    EvdevTestbed testbed;
    EvdevScannerOptions options = Event7();
    options.device = "/dev/input/event9";
    EvdevScanner scanner(options);
    auto opened = scanner.Open();
    REQUIRE_FALSE(opened.has_value());
    CHECK(opened.error().code == ErrorCode::kNotFound);
    CHECK(opened.error().message.find("evdev /dev/input/event9: cannot open") == 0);
    CHECK_FALSE(scanner.IsOpen());
}
