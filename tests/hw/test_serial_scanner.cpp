// SerialScanner against a CDC-ACM scanner emulated by umockdev: /dev/ttyACM0 is a pty in the
// testbed, fed by a umockdev script (tests/data/hw/scanner-acm.script) or by writes to its
// master side. Unplugging is the master side going away, which hangs the line up.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <umockdev.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "next_scan.hpp"
#include "recorded_testbed.hpp"
#include "temp_dir.hpp"
#include "tillbook/drivers/serial_scanner.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::ErrorCode;
using tillbook::barcode::Symbology;
using tillbook::drivers::CheckDigit;
using tillbook::drivers::ParseSerialSuffix;
using tillbook::drivers::ScannedBarcode;
using tillbook::drivers::SerialScanner;
using tillbook::drivers::SerialScannerOptions;
using tillbook::drivers::SerialSuffix;
using tillbook::drivers::ValidateSerialScannerOptions;
using SteadyClock = std::chrono::steady_clock;
using tillbook::testing::NextScan;

// A umockdev testbed holding one CDC-ACM scanner at /dev/ttyACM0.
class AcmTestbed : public tillbook::testing::RecordedDeviceTestbed {
  public:
    AcmTestbed() : RecordedDeviceTestbed("scanner-acm.umockdev", "/dev/ttyACM0") {}
};

SerialScannerOptions Acm0() {
    SerialScannerOptions options;
    options.device = "/dev/ttyACM0";
    return options;
}

}  // namespace

TEST_CASE("a CDC-ACM scanner's lines arrive as barcodes, a bad EAN-13 check digit flagged") {
    AcmTestbed testbed;
    SerialScanner scanner(Acm0());
    REQUIRE(scanner.Open().has_value());
    testbed.LoadScript("scanner-acm.script");
    CHECK(scanner.Describe() == "serial /dev/ttyACM0");

    const ScannedBarcode good = NextScan(scanner);
    CHECK(good.text == "5000112637922");
    CHECK(good.symbology == Symbology::kEan13);
    CHECK(good.check_digit == CheckDigit::kValid);

    // Sent with CR LF: one scan, the check digit wrong, reported and not dropped.
    const ScannedBarcode bad = NextScan(scanner);
    CHECK(bad.text == "5000112637923");
    CHECK(bad.symbology == Symbology::kEan13);
    CHECK(bad.check_digit == CheckDigit::kInvalid);

    const ScannedBarcode code128 = NextScan(scanner);
    CHECK(code128.text == "ABC-00123");
    CHECK(code128.aim_identifier == "]C1");

    // Repeated digits are neither lost nor doubled.
    CHECK(NextScan(scanner).text == "0000");

    // Nothing more: a bounded wait that ends empty, not an error.
    const auto started = SteadyClock::now();
    auto none = scanner.Next(100ms);
    REQUIRE(none.has_value());
    CHECK_FALSE(none->has_value());
    CHECK(SteadyClock::now() - started < 1500ms);
}

TEST_CASE("a serial scan split over several reads is joined, and one read may hold two scans") {
    AcmTestbed testbed;
    SerialScanner scanner(Acm0());
    REQUIRE(scanner.Open().has_value());
    testbed.Send("40063");
    auto partial = scanner.Next(50ms);
    REQUIRE(partial.has_value());
    CHECK_FALSE(partial->has_value());
    testbed.Send("81333931\r00112233\r");
    const ScannedBarcode first = NextScan(scanner);
    CHECK(first.text == "4006381333931");
    CHECK(first.check_digit == CheckDigit::kValid);
    CHECK(NextScan(scanner).text == "00112233");
}

TEST_CASE("a serial scanner with a Tab suffix ends scans at Tab and drops CR and LF") {
    AcmTestbed testbed;
    SerialScannerOptions options = Acm0();
    options.suffix = SerialSuffix::kTab;
    SerialScanner scanner(options);
    REQUIRE(scanner.Open().has_value());
    testbed.Send("ABC\r\n123\t9780201379624\t");
    CHECK(NextScan(scanner).text == "ABC123");
    const ScannedBarcode isbn = NextScan(scanner);
    CHECK(isbn.text == "9780201379624");
    CHECK(isbn.check_digit == CheckDigit::kValid);
}

TEST_CASE("a serial scanner set to CR LF does not end a scan at a lone CR") {
    AcmTestbed testbed;
    SerialScannerOptions options = Acm0();
    options.suffix = SerialSuffix::kCrLf;
    SerialScanner scanner(options);
    REQUIRE(scanner.Open().has_value());
    testbed.Send("12\r34\r\n");
    CHECK(NextScan(scanner).text == "1234");
}

TEST_CASE("a serial line longer than the limit is dropped whole and the next scan still arrives") {
    AcmTestbed testbed;
    SerialScannerOptions options = Acm0();
    options.max_line_bytes = 16;
    SerialScanner scanner(options);
    REQUIRE(scanner.Open().has_value());
    testbed.Send(std::string(40, '7') + "\r4006381333931\r");
    CHECK(NextScan(scanner).text == "4006381333931");
    CHECK(scanner.OverlongScansDropped() == 1);
}

TEST_CASE("an unplugged serial scanner gives a disconnected error at once, not a hang") {
    AcmTestbed testbed;
    SerialScanner scanner(Acm0());
    REQUIRE(scanner.Open().has_value());
    testbed.Send("4006381333931\r");
    CHECK(NextScan(scanner).text == "4006381333931");
    testbed.Unplug();
    const auto started = SteadyClock::now();
    auto gone = scanner.Next(5000ms);
    CHECK(SteadyClock::now() - started < 2000ms);
    REQUIRE_FALSE(gone.has_value());
    CHECK(gone.error().message.find("serial /dev/ttyACM0: scanner disconnected") == 0);
    CHECK_FALSE(scanner.IsOpen());
}

TEST_CASE("a missing serial device, a file and bad settings are reported with the device named") {
    AcmTestbed testbed;
    SerialScannerOptions missing = Acm0();
    missing.device = "/dev/ttyACM7";
    SerialScanner absent(missing);
    auto not_found = absent.Open();
    REQUIRE_FALSE(not_found.has_value());
    CHECK(not_found.error().code == ErrorCode::kNotFound);
    CHECK(not_found.error().message.find("serial /dev/ttyACM7: cannot open") == 0);

    tillbook::testing::TempDir folder("serial-scanner");
    const std::string path = folder.File("not-a-tty");
    const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY, 0600);
    REQUIRE(fd >= 0);
    ::close(fd);
    SerialScannerOptions file = Acm0();
    file.device = path;
    SerialScanner plain_file(file);
    auto not_tty = plain_file.Open();
    REQUIRE_FALSE(not_tty.has_value());
    CHECK(not_tty.error().code == ErrorCode::kUnsupported);
    CHECK_FALSE(plain_file.IsOpen());

    SerialScannerOptions odd_speed = Acm0();
    odd_speed.baud = 9601;
    const auto bad_speed = ValidateSerialScannerOptions(odd_speed);
    REQUIRE_FALSE(bad_speed.has_value());
    CHECK(bad_speed.error().field == "baud");
    SerialScanner odd(odd_speed);
    const auto refused = odd.Open();
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == ErrorCode::kInvalidInput);
    const auto no_device = ValidateSerialScannerOptions(SerialScannerOptions{});
    REQUIRE_FALSE(no_device.has_value());
    CHECK(no_device.error().field == "device");

    CHECK(ParseSerialSuffix("crlf").value() == SerialSuffix::kCrLf);
    const auto unknown = ParseSerialSuffix("CR+LF");
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().code == ErrorCode::kInvalidInput);
}
