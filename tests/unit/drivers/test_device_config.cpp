// Device configuration: printer and scanner URIs, the JSON file (good files, every bad setting
// named, unknown settings refused) and the drawer settings applied to a profile.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "temp_dir.hpp"
#include "tillbook/drivers/device_config.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::ErrorCode;
using tillbook::drivers::DrawerPin;
using tillbook::drivers::KeyboardLayout;
using tillbook::drivers::LoadDeviceConfigFile;
using tillbook::drivers::LoadPrinterProfile;
using tillbook::drivers::MakePrinterConfig;
using tillbook::drivers::MakeScannerConfig;
using tillbook::drivers::ParseDeviceConfig;
using tillbook::drivers::ParsePrinterUri;
using tillbook::drivers::ParseScannerUri;
using tillbook::drivers::PrinterConnection;
using tillbook::drivers::ResolveDrawerConfig;
using tillbook::drivers::ScannerConnection;
using tillbook::drivers::ScanSuffix;

const char* const kFullConfig = R"({
  "printer": { "uri": "tcp://192.168.1.50:9100", "profile": "epson-tm-t20" },
  "drawer": { "pin": 5, "open_when_pin3": "low", "left_open_after_s": 45, "pulse_on_ms": 100 },
  "scanners": [
    { "uri": "serial:/dev/ttyACM0" },
    { "uri": "evdev:/dev/input/event5", "layout": "uk", "suffix": "tab" },
    { "uri": "usb-hid:05e0:1200", "layout": "us", "suffix": "enter" }
  ]
})";

}  // namespace

TEST_CASE("a usb printer uri matches any printer, a vendor and product, or also a serial") {
    auto any = ParsePrinterUri("usb:");
    REQUIRE(any.has_value());
    CHECK(any->connection == PrinterConnection::kUsb);
    CHECK_FALSE(any->usb.vendor_id.has_value());
    CHECK(any->usb.serial.empty());

    auto model = ParsePrinterUri("usb:04b8:0e15");
    REQUIRE(model.has_value());
    CHECK(model->usb.vendor_id == 0x04b8);
    CHECK(model->usb.product_id == 0x0e15);

    auto one = ParsePrinterUri("usb:04B8:0E15?serial=TESTSERIAL");
    REQUIRE(one.has_value());
    CHECK(one->usb.product_id == 0x0e15);
    CHECK(one->usb.serial == "TESTSERIAL");
}

TEST_CASE("bad usb printer uris are refused with what is wrong") {
    for (const char* uri : {"usb:4b8:0e15", "usb:04b8", "usb:04b8:0e15x", "usb:zzzz:0e15",
                            "usb:04b8:0e15?serial=", "usb:04b8:0e15?colour=red", "usb:?serial=X"}) {
        CAPTURE(uri);
        auto address = ParsePrinterUri(uri);
        REQUIRE_FALSE(address.has_value());
        CHECK(address.error().code == ErrorCode::kInvalidInput);
        CHECK(address.error().message.find(uri) != std::string::npos);
    }
}

TEST_CASE("a tcp printer uri gives host and port, 9100 by default, IPv6 in brackets") {
    auto named = ParsePrinterUri("tcp://printer.local");
    REQUIRE(named.has_value());
    CHECK(named->connection == PrinterConnection::kTcp);
    CHECK(named->host == "printer.local");
    CHECK(named->port == 9100);

    auto ip = ParsePrinterUri("tcp://192.168.1.50:9101");
    REQUIRE(ip.has_value());
    CHECK(ip->host == "192.168.1.50");
    CHECK(ip->port == 9101);

    auto v6 = ParsePrinterUri("tcp://[::1]:9100");
    REQUIRE(v6.has_value());
    CHECK(v6->host == "::1");

    for (const char* uri :
         {"tcp://", "tcp://host:", "tcp://host:0", "tcp://host:65536", "tcp://host:91x",
          "tcp://host:9100/raw", "tcp:host", "tcp://[::1", "tcp://fe80::1", "tcp://::1"}) {
        CAPTURE(uri);
        CHECK_FALSE(ParsePrinterUri(uri).has_value());
    }
}

TEST_CASE("a cups printer uri names the queue and optionally its server") {
    auto local = ParsePrinterUri("cups:receipts");
    REQUIRE(local.has_value());
    CHECK(local->connection == PrinterConnection::kCups);
    CHECK(local->queue == "receipts");
    CHECK(local->server.empty());

    auto remote = ParsePrinterUri("cups:TM_T20-1@127.0.0.1:8631");
    REQUIRE(remote.has_value());
    CHECK(remote->queue == "TM_T20-1");
    CHECK(remote->server == "127.0.0.1:8631");

    CHECK_FALSE(ParsePrinterUri("cups:").has_value());
    CHECK_FALSE(ParsePrinterUri("cups:two words").has_value());
    CHECK_FALSE(ParsePrinterUri("cups:q@").has_value());
    CHECK_FALSE(ParsePrinterUri("cups:q@host:99999").has_value());
}

TEST_CASE("a file printer uri needs an absolute path, and unknown schemes are refused") {
    auto node = ParsePrinterUri("file:/dev/usb/lp0");
    REQUIRE(node.has_value());
    CHECK(node->connection == PrinterConnection::kFile);
    CHECK(node->path == "/dev/usb/lp0");

    CHECK_FALSE(ParsePrinterUri("file:receipts.bin").has_value());
    CHECK_FALSE(ParsePrinterUri("file:").has_value());
    auto unknown = ParsePrinterUri("ipp://printer/queue");
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().message.find("not a printer URI") != std::string::npos);
    CHECK_FALSE(ParsePrinterUri("").has_value());
}

TEST_CASE("scanner uris give serial and evdev paths and usb-hid ids") {
    auto serial = ParseScannerUri("serial:/dev/ttyACM0");
    REQUIRE(serial.has_value());
    CHECK(serial->connection == ScannerConnection::kSerial);
    CHECK(serial->path == "/dev/ttyACM0");

    auto evdev = ParseScannerUri("evdev:/dev/input/by-id/usb-Scanner-event-kbd");
    REQUIRE(evdev.has_value());
    CHECK(evdev->connection == ScannerConnection::kEvdev);

    auto hid = ParseScannerUri("usb-hid:05e0:1200");
    REQUIRE(hid.has_value());
    CHECK(hid->connection == ScannerConnection::kUsbHid);
    CHECK(hid->vendor_id == 0x05e0);
    CHECK(hid->product_id == 0x1200);

    auto first = ParseScannerUri("usb-hid:");
    REQUIRE(first.has_value());
    CHECK_FALSE(first->vendor_id.has_value());

    for (const char* uri : {"serial:ttyACM0", "evdev:", "usb-hid:05e0", "hid:05e0:1200", "usb:"}) {
        CAPTURE(uri);
        CHECK_FALSE(ParseScannerUri(uri).has_value());
    }
}

TEST_CASE("a full configuration file reads printer, drawer and scanners") {
    auto config = ParseDeviceConfig(kFullConfig, "till-1.json");
    REQUIRE_MESSAGE(config.has_value(), config.error().message);
    REQUIRE(config->printer.has_value());
    CHECK(config->printer->uri == "tcp://192.168.1.50:9100");
    CHECK(config->printer->address.host == "192.168.1.50");
    CHECK(config->printer->profile == "epson-tm-t20");
    REQUIRE(config->drawer.has_value());
    CHECK(config->drawer->pin == DrawerPin::kPin5);
    CHECK_FALSE(config->drawer->open_when_pin3_high);
    CHECK(config->drawer->left_open_after == 45s);
    CHECK(config->drawer->pulse_on == 100ms);
    CHECK_FALSE(config->drawer->pulse_off.has_value());
    REQUIRE(config->scanners.size() == 3);
    CHECK(config->scanners[0].layout == KeyboardLayout::kUs);
    CHECK(config->scanners[0].suffix == ScanSuffix::kEnter);
    CHECK(config->scanners[1].address.path == "/dev/input/event5");
    CHECK(config->scanners[1].layout == KeyboardLayout::kUk);
    CHECK(config->scanners[1].suffix == ScanSuffix::kTab);
    CHECK(config->scanners[2].address.vendor_id == 0x05e0);
}

TEST_CASE("every part of the configuration is optional") {
    auto empty = ParseDeviceConfig("{}", "empty.json");
    REQUIRE(empty.has_value());
    CHECK_FALSE(empty->printer.has_value());
    CHECK_FALSE(empty->drawer.has_value());
    CHECK(empty->scanners.empty());

    auto scanner_only = ParseDeviceConfig(R"({"scanners": [{"uri": "usb-hid:"}]})", "scanner.json");
    REQUIRE(scanner_only.has_value());
    CHECK(scanner_only->scanners.size() == 1);
}

TEST_CASE("every bad setting in a configuration file is named in one message") {
    const char* const text = R"({
      "printer": { "uri": "tcp://host:70000", "profile": "Epson TM" },
      "drawer": { "pin": 3, "open_when_pin3": "open", "left_open_after_s": 0,
                  "pulse_off_ms": 9000 },
      "scanners": [ { "uri": "serial:/dev/ttyACM0", "layout": "de", "suffix": "space" }, 7 ]
    })";
    auto config = ParseDeviceConfig(text, "till-1.json");
    REQUIRE_FALSE(config.has_value());
    const std::string& message = config.error().message;
    CAPTURE(message);
    CHECK(config.error().code == ErrorCode::kInvalidInput);
    CHECK(message.starts_with("till-1.json: printer.uri: "));
    CHECK(config.error().field == "printer.uri");
    for (const char* field : {"printer.profile: ", "drawer.pin: ", "drawer.open_when_pin3: ",
                              "drawer.left_open_after_s: ", "drawer.pulse_off_ms: ",
                              "scanners[0].layout: ", "scanners[0].suffix: ", "scanners[1]: "}) {
        CHECK_MESSAGE(message.find(field) != std::string::npos, field);
    }
    CHECK(message.find("port must be a number from 1 to 65535") != std::string::npos);
}

TEST_CASE("missing required settings and wrong types are named") {
    auto config = ParseDeviceConfig(
        R"({"printer": {"uri": 9100}, "drawer": {}, "scanners": [{"layout": "uk"}]})", "t.json");
    REQUIRE_FALSE(config.has_value());
    const std::string& message = config.error().message;
    CAPTURE(message);
    for (const char* field : {"printer.uri: ", "printer.profile: ", "drawer.pin: ",
                              "drawer.open_when_pin3: ", "scanners[0].uri: "}) {
        CHECK_MESSAGE(message.find(field) != std::string::npos, field);
    }
    CHECK_FALSE(ParseDeviceConfig(R"({"scanners": {"uri": "usb-hid:"}})", "t.json").has_value());
    CHECK_FALSE(ParseDeviceConfig(R"({"printer": "usb:"})", "t.json").has_value());
}

TEST_CASE("unknown settings are refused, at every level") {
    auto config = ParseDeviceConfig(R"({
      "printer": { "uri": "usb:", "profile": "epson-tm-t20", "baud": 9600 },
      "drawer": { "pin": 2, "open_when_pin3": "high", "colour": "red" },
      "scanners": [ { "uri": "usb-hid:", "sufix": "tab" } ],
      "display": {}
    })",
                                    "t.json");
    REQUIRE_FALSE(config.has_value());
    const std::string& message = config.error().message;
    CAPTURE(message);
    for (const char* field :
         {"printer.baud: ", "drawer.colour: ", "scanners[0].sufix: ", "display: "}) {
        CHECK_MESSAGE(message.find(field) != std::string::npos, field);
    }
    CHECK(message.find("not a setting") != std::string::npos);
}

TEST_CASE("a drawer without a printer and text that is not JSON are refused") {
    auto drawer_only =
        ParseDeviceConfig(R"({"drawer": {"pin": 2, "open_when_pin3": "high"}})", "t.json");
    REQUIRE_FALSE(drawer_only.has_value());
    CHECK(drawer_only.error().message.find("drawer: needs a printer") != std::string::npos);

    for (const char* text : {"", "{", "[1, 2]", "\"printer\"", "{\"printer\": }"}) {
        CAPTURE(text);
        auto config = ParseDeviceConfig(text, "broken.json");
        REQUIRE_FALSE(config.has_value());
        CHECK(config.error().message.starts_with("broken.json: "));
    }
}

TEST_CASE("printer and scanner settings from flags are checked like the file's") {
    auto printer = MakePrinterConfig("file:/tmp/receipts.bin", "generic-58mm");
    REQUIRE(printer.has_value());
    CHECK(printer->address.connection == PrinterConnection::kFile);
    CHECK(printer->profile == "generic-58mm");

    auto bad = MakePrinterConfig("lp0", "../etc/passwd");
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().message.find("printer.uri: ") != std::string::npos);
    CHECK(bad.error().message.find("printer.profile: ") != std::string::npos);

    auto scanner = MakeScannerConfig("serial:/dev/ttyACM1", "uk", "tab");
    REQUIRE(scanner.has_value());
    CHECK(scanner->layout == KeyboardLayout::kUk);
    CHECK(scanner->suffix == ScanSuffix::kTab);
    auto defaults = MakeScannerConfig("serial:/dev/ttyACM1");
    REQUIRE(defaults.has_value());
    CHECK(defaults->layout == KeyboardLayout::kUs);
    auto wrong = MakeScannerConfig("serial:/dev/ttyACM1", "fr");
    REQUIRE_FALSE(wrong.has_value());
    CHECK(wrong.error().message.find("layout: us or uk") != std::string::npos);
}

TEST_CASE("drawer settings take the profile's pulse times unless set, and its pins only") {
    auto profile = LoadPrinterProfile("epson-tm-t20");
    REQUIRE(profile.has_value());
    tillbook::drivers::DrawerSettings settings;
    settings.pin = DrawerPin::kPin5;
    settings.open_when_pin3_high = false;
    settings.pulse_off = 300ms;
    auto drawer = ResolveDrawerConfig(settings, *profile);
    REQUIRE(drawer.has_value());
    CHECK(drawer->pin == DrawerPin::kPin5);
    CHECK(drawer->pulse_on == profile->drawer_pulse_on);
    CHECK(drawer->pulse_off == 300ms);
    CHECK_FALSE(drawer->open_when_pin3_high);
    CHECK(drawer->left_open_after == 30s);

    auto no_drawer = *profile;
    no_drawer.drawer_pins = {tillbook::drivers::DrawerPin::kPin2};
    auto refused = ResolveDrawerConfig(settings, no_drawer);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().field == "drawer.pin");
    CHECK(refused.error().message.find("no drawer on pin 5") != std::string::npos);
}

TEST_CASE("the example configurations in assets/devices load") {
    const std::filesystem::path folder =
        std::filesystem::path{TILLBOOK_PRINTER_PROFILES_DIR}.parent_path() / "devices";
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".json") continue;
        CAPTURE(entry.path().string());
        ++files;
        auto config = LoadDeviceConfigFile(entry.path());
        REQUIRE_MESSAGE(config.has_value(), config.error().message);
        if (!config->printer) continue;
        auto profile = LoadPrinterProfile(config->printer->profile);
        REQUIRE_MESSAGE(profile.has_value(), profile.error().message);
        if (config->drawer) CHECK(ResolveDrawerConfig(*config->drawer, *profile).has_value());
    }
    CHECK(files >= 2);
}

TEST_CASE("a missing configuration file is not found") {
    tillbook::testing::TempDir dir("device-config");
    auto config = LoadDeviceConfigFile(dir.File("missing.json"));
    REQUIRE_FALSE(config.has_value());
    CHECK(config.error().code == ErrorCode::kNotFound);
    CHECK(config.error().message.starts_with("missing.json: "));

    const std::string path = dir.File("till.json");
    std::ofstream(path) << kFullConfig;
    auto loaded = LoadDeviceConfigFile(path);
    REQUIRE(loaded.has_value());
    CHECK(loaded->scanners.size() == 3);
}
