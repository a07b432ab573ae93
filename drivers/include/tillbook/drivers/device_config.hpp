#pragma once
// A terminal's devices as configured: which printer (how it is connected and which profile it
// matches), how its cash drawer is wired, and which barcode scanners to read. Read from a JSON
// file (docs/devices.md) or from command-line flags. Plain values and parsers, no I/O except
// LoadDeviceConfigFile; device_factory turns these into transports and scanner readers.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/drivers/cash_drawer.hpp"
#include "tillbook/drivers/escpos_encoder.hpp"
#include "tillbook/drivers/hid_keyboard.hpp"
#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/drivers/usb_transport.hpp"

namespace tillbook::drivers {

// How the printer is reached. Stored in terminal settings: explicit values, never reused.
enum class PrinterConnection : int {
    kUsb = 1,   // "usb:", "usb:04b8:0e15", "usb:04b8:0e15?serial=X"
    kTcp = 2,   // "tcp://192.168.1.50:9100" (the port defaults to 9100)
    kCups = 3,  // "cups:QUEUE", "cups:QUEUE@host:port"
    kFile = 4,  // "file:/dev/usb/lp0", "file:/tmp/receipts.bin"
};

// A printer URI taken apart. Only the fields of `connection` are set.
struct PrinterAddress {
    PrinterConnection connection = PrinterConnection::kUsb;
    UsbPrinterMatch usb;        // kUsb: {} is the first USB printer found
    std::string host;           // kTcp: a name or address, IPv6 without its brackets
    std::uint16_t port = 9100;  // kTcp
    std::string queue;          // kCups
    std::string server;         // kCups: "host:port" or "host"; empty for libcups' default
    std::string path;           // kFile: an absolute path
};

// Reads a printer URI (the forms above). kInvalidInput saying which part is wrong and what the
// URI must look like.
[[nodiscard]] Result<PrinterAddress> ParsePrinterUri(std::string_view uri);

struct PrinterConfig {
    std::string uri;  // as configured, for messages
    PrinterAddress address;
    std::string profile;  // a printer profile's name: assets/printers/<profile>.json
};

// A printer from its URI and profile name (the --printer and --profile flags). Errors name the
// setting at fault ("printer.uri: ...", "printer.profile: ...").
[[nodiscard]] Result<PrinterConfig> MakePrinterConfig(std::string_view uri,
                                                      std::string_view profile);

// The drawer as configured. Pulse times left out take the printer profile's, which is only known
// once the profile is loaded: ResolveDrawerConfig fills them in.
struct DrawerSettings {
    DrawerPin pin = DrawerPin::kPin2;
    bool open_when_pin3_high = true;
    std::chrono::seconds left_open_after{30};
    std::optional<std::chrono::milliseconds> pulse_on;
    std::optional<std::chrono::milliseconds> pulse_off;
    friend bool operator==(const DrawerSettings&, const DrawerSettings&) = default;
};

// The settings applied to `profile`: missing pulse times from the profile. kInvalidInput naming
// drawer.pin when the printer has no such drawer connector pin.
[[nodiscard]] Result<DrawerConfig> ResolveDrawerConfig(const DrawerSettings& settings,
                                                       const PrinterProfile& profile);

// How a scanner is attached. Stored: explicit values, never reused.
enum class ScannerConnection : int {
    kSerial = 1,  // "serial:/dev/ttyACM0": CDC-ACM or any tty
    kEvdev = 2,   // "evdev:/dev/input/event5" or a /dev/input/by-id/... link
    kUsbHid = 3,  // "usb-hid:05e0:1200" (libusb, boot keyboard); "usb-hid:" the first one found
};

// What the scanner sends after each code. Stored: explicit values, never reused.
enum class ScanSuffix : int {
    kEnter = 1,  // CR (serial: CR, LF or CR LF)
    kTab = 2,
};

struct ScannerAddress {
    ScannerConnection connection = ScannerConnection::kSerial;
    std::string path;                        // kSerial, kEvdev: an absolute path
    std::optional<std::uint16_t> vendor_id;  // kUsbHid; both set or neither
    std::optional<std::uint16_t> product_id;
};

// Reads a scanner URI (the forms above).
[[nodiscard]] Result<ScannerAddress> ParseScannerUri(std::string_view uri);

struct ScannerConfig {
    std::string uri;  // as configured, for messages
    ScannerAddress address;
    KeyboardLayout layout = KeyboardLayout::kUs;  // for HID and evdev: the keyboard it emulates
    ScanSuffix suffix = ScanSuffix::kEnter;
};

// A scanner from its URI and the names "us"/"uk" and "enter"/"tab" (the --scanner, --layout and
// --suffix flags); empty names take the defaults (us, enter).
[[nodiscard]] Result<ScannerConfig> MakeScannerConfig(std::string_view uri,
                                                      std::string_view layout = {},
                                                      std::string_view suffix = {});

// Everything is optional: a terminal may have only a scanner, or only a printer. A drawer needs
// a printer, since it is opened and read through it.
struct DeviceConfig {
    std::optional<PrinterConfig> printer;
    std::optional<DrawerSettings> drawer;
    std::vector<ScannerConfig> scanners;
};

// Reads the configuration from JSON text; `source` names it in errors ("till-1.json"). Every bad,
// missing or unknown setting is named, all in one message as "setting: what it must be"
// ("till-1.json: printer.uri: ...; scanners[0].layout: us or uk; drawer.colour: not a setting");
// Error::field is the first of them. Unknown settings are refused, so that a misspelt one is not
// silently ignored at the till.
[[nodiscard]] Result<DeviceConfig> ParseDeviceConfig(std::string_view json_text,
                                                     std::string_view source);

// Reads the file at `path`; errors start with its name. kNotFound when it cannot be read.
[[nodiscard]] Result<DeviceConfig> LoadDeviceConfigFile(const std::filesystem::path& path);

}  // namespace tillbook::drivers
