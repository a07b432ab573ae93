#include "tillbook/drivers/device_config.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

#include "host_port.hpp"
#include "json_fields.hpp"
#include "tillbook/core/text.hpp"

namespace tillbook::drivers {
namespace {

using json_fields::FieldProblems;
using json_fields::Member;
using json_fields::RefuseUnknown;
using json_fields::Text;
using json_fields::WholeNumber;
using json_fields::WholeNumberFrom;
using nlohmann::json;

constexpr std::string_view kPrinterUriForms =
    "usb:, usb:VVVV:PPPP, usb:VVVV:PPPP?serial=S, tcp://HOST[:PORT], cups:QUEUE[@HOST[:PORT]] or "
    "file:/PATH";
constexpr std::string_view kScannerUriForms =
    "serial:/PATH, evdev:/PATH, usb-hid: or usb-hid:VVVV:PPPP";
constexpr int kMaxPulseMs = 510;  // ESC p: 255 units of 2 ms
constexpr int kMaxLeftOpenSeconds = 3600;

Error Invalid(std::string message) {
    return MakeError(ErrorCode::kInvalidInput, std::move(message));
}

// "04b8" -> 0x04b8: exactly four hex digits, as lsusb prints them.
std::optional<std::uint16_t> UsbId(std::string_view text) {
    if (text.size() != 4) return std::nullopt;
    std::uint16_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// "04b8:0e15" into its two ids; `what` is the URI for messages.
Result<std::pair<std::uint16_t, std::uint16_t>> UsbIds(std::string_view ids, std::string_view uri) {
    const auto colon = ids.find(':');
    const auto vendor = UsbId(ids.substr(0, colon));
    const auto product =
        colon == std::string_view::npos ? std::nullopt : UsbId(ids.substr(colon + 1));
    if (!vendor || !product) {
        return std::unexpected(Invalid(text::QuoteForMessage(uri) +
                                       ": vendor:product must be two 4-digit hex ids, like "
                                       "04b8:0e15"));
    }
    return std::pair{*vendor, *product};
}

Result<PrinterAddress> ParseUsbUri(std::string_view rest, std::string_view uri) {
    PrinterAddress address;
    address.connection = PrinterConnection::kUsb;
    std::string_view ids = rest;
    const auto query = rest.find('?');
    if (query != std::string_view::npos) {
        ids = rest.substr(0, query);
        const std::string_view parameter = rest.substr(query + 1);
        constexpr std::string_view kSerial = "serial=";
        if (!parameter.starts_with(kSerial) || parameter.size() == kSerial.size() ||
            parameter.find_first_of("?&") != std::string_view::npos) {
            return std::unexpected(
                Invalid(text::QuoteForMessage(uri) + ": the only option is ?serial=SERIAL"));
        }
        address.usb.serial = std::string{parameter.substr(kSerial.size())};
    }
    if (ids.empty()) {
        if (!address.usb.serial.empty()) {
            return std::unexpected(Invalid(text::QuoteForMessage(uri) +
                                           ": ?serial= needs a vendor:product before it"));
        }
        return address;
    }
    auto pair = UsbIds(ids, uri);
    if (!pair) return std::unexpected(pair.error());
    address.usb.vendor_id = pair->first;
    address.usb.product_id = pair->second;
    return address;
}

// "HOST", "HOST:PORT", "[::1]:PORT" (host_port.hpp), with the URI in the messages.
Result<std::pair<std::string, std::optional<std::uint16_t>>> HostAndPort(std::string_view text,
                                                                         std::string_view uri) {
    const auto split = host_port::Split(text);
    if (split) return std::pair{std::string{split->host}, split->port};
    switch (split.error()) {
        case host_port::Problem::kBracketNotClosed:
            return std::unexpected(Invalid(text::QuoteForMessage(uri) + ": ']' missing"));
        case host_port::Problem::kJunkAfterBracket:
            return std::unexpected(
                Invalid(text::QuoteForMessage(uri) + ": only :PORT may follow ']'"));
        case host_port::Problem::kBadHost:
            break;
        case host_port::Problem::kBadPort:
            return std::unexpected(Invalid(text::QuoteForMessage(uri) +
                                           ": the port must be a number from 1 to 65535"));
    }
    return std::unexpected(Invalid(text::QuoteForMessage(uri) + ": the host name is missing " +
                                   "or has characters a host cannot have"));
}

Result<PrinterAddress> ParseTcpUri(std::string_view rest, std::string_view uri) {
    auto host = HostAndPort(rest, uri);
    if (!host) return std::unexpected(host.error());
    PrinterAddress address;
    address.connection = PrinterConnection::kTcp;
    address.host = host->first;
    address.port = host->second.value_or(9100);
    return address;
}

bool IsQueueName(std::string_view name) {
    return !name.empty() && name.size() <= 127 && std::ranges::all_of(name, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
    });
}

Result<PrinterAddress> ParseCupsUri(std::string_view rest, std::string_view uri) {
    PrinterAddress address;
    address.connection = PrinterConnection::kCups;
    const auto at = rest.find('@');
    address.queue = std::string{rest.substr(0, at)};
    if (!IsQueueName(address.queue)) {
        return std::unexpected(
            Invalid(text::QuoteForMessage(uri) +
                    ": the queue name must be letters, digits, '-', '_' or '.'"));
    }
    if (at != std::string_view::npos) {
        auto host = HostAndPort(rest.substr(at + 1), uri);
        if (!host) return std::unexpected(host.error());
        const bool ipv6 = host->first.find(':') != std::string::npos;
        address.server = ipv6 ? "[" + host->first + "]" : host->first;
        if (host->second) address.server += ":" + std::to_string(*host->second);
    }
    return address;
}

// The path of "file:/x" or "serial:/x": absolute, so that a configuration means the same thing
// whatever folder the till was started in.
Result<std::string> AbsolutePath(std::string_view rest, std::string_view uri) {
    if (!rest.starts_with('/') || rest.size() < 2) {
        return std::unexpected(
            Invalid(text::QuoteForMessage(uri) + ": the path must be absolute, like /dev/ttyACM0"));
    }
    return std::string{rest};
}

void ReadPrinter(const json& printer, DeviceConfig& config, FieldProblems& problems) {
    if (!printer.is_object()) {
        problems.Add("printer", "an object with uri and profile");
        return;
    }
    RefuseUnknown(printer, "printer", {"uri", "profile"}, problems);
    const auto uri = Text(Member(printer, "uri"));
    const auto profile = Text(Member(printer, "profile"));
    PrinterConfig result;
    bool ok = true;
    if (!uri) {
        problems.Add("printer.uri", std::string{"a text: "} + std::string{kPrinterUriForms});
        ok = false;
    } else if (auto address = ParsePrinterUri(*uri); !address) {
        problems.Add("printer.uri", address.error());
        ok = false;
    } else {
        result.uri = *uri;
        result.address = *address;
    }
    if (!profile || !IsPrinterProfileName(*profile)) {
        problems.Add("printer.profile",
                     "a printer profile's name: lower-case letters, digits and '-', like "
                     "epson-tm-t20");
        ok = false;
    } else {
        result.profile = *profile;
    }
    if (ok) config.printer = std::move(result);
}

void ReadPulse(const json& drawer, std::string_view key,
               std::optional<std::chrono::milliseconds>& out, FieldProblems& problems) {
    const json* value = Member(drawer, key);
    if (value == nullptr) return;  // the profile's
    const auto ms = WholeNumber(value, 2, kMaxPulseMs);
    if (!ms) {
        problems.Add("drawer." + std::string{key}, WholeNumberFrom(2, kMaxPulseMs) + " (ms)");
        return;
    }
    out = std::chrono::milliseconds{*ms};
}

void ReadDrawer(const json& drawer, DeviceConfig& config, FieldProblems& problems) {
    if (!drawer.is_object()) {
        problems.Add("drawer", "an object with pin and open_when_pin3");
        return;
    }
    RefuseUnknown(drawer, "drawer",
                  {"pin", "open_when_pin3", "left_open_after_s", "pulse_on_ms", "pulse_off_ms"},
                  problems);
    DrawerSettings settings;
    const auto pin = WholeNumber(Member(drawer, "pin"), 2, 5);
    if (pin == 2 || pin == 5) {
        settings.pin = *pin == 2 ? DrawerPin::kPin2 : DrawerPin::kPin5;
    } else {
        problems.Add("drawer.pin", "2 or 5 (the drawer connector pin the drawer is wired to)");
    }
    const auto polarity = Text(Member(drawer, "open_when_pin3"));
    if (polarity == "high" || polarity == "low") {
        settings.open_when_pin3_high = polarity == "high";
    } else {
        problems.Add("drawer.open_when_pin3", "high or low (what pin 3 reads when it is open)");
    }
    if (const json* left_open = Member(drawer, "left_open_after_s"); left_open != nullptr) {
        const auto seconds = WholeNumber(left_open, 1, kMaxLeftOpenSeconds);
        if (seconds) {
            settings.left_open_after = std::chrono::seconds{*seconds};
        } else {
            problems.Add("drawer.left_open_after_s", WholeNumberFrom(1, kMaxLeftOpenSeconds));
        }
    }
    ReadPulse(drawer, "pulse_on_ms", settings.pulse_on, problems);
    ReadPulse(drawer, "pulse_off_ms", settings.pulse_off, problems);
    config.drawer = settings;
}

std::optional<KeyboardLayout> LayoutNamed(std::string_view name) {
    if (name == "us") return KeyboardLayout::kUs;
    if (name == "uk") return KeyboardLayout::kUk;
    return std::nullopt;
}

std::optional<ScanSuffix> SuffixNamed(std::string_view name) {
    if (name == "enter") return ScanSuffix::kEnter;
    if (name == "tab") return ScanSuffix::kTab;
    return std::nullopt;
}

// One scanner's settings; problems are named with `where` ("scanners[1]").
std::optional<ScannerConfig> ReadScanner(const json& scanner, const std::string& where,
                                         FieldProblems& problems) {
    if (!scanner.is_object()) {
        problems.Add(where, "an object with uri, layout and suffix");
        return std::nullopt;
    }
    const std::size_t before = problems.Count();
    RefuseUnknown(scanner, where, {"uri", "layout", "suffix"}, problems);
    ScannerConfig result;
    const auto uri = Text(Member(scanner, "uri"));
    if (!uri) {
        problems.Add(where + ".uri", std::string{"a text: "} + std::string{kScannerUriForms});
    } else if (auto address = ParseScannerUri(*uri); !address) {
        problems.Add(where + ".uri", address.error());
    } else {
        result.uri = *uri;
        result.address = *address;
    }
    if (const json* layout = Member(scanner, "layout"); layout != nullptr) {
        const auto named = LayoutNamed(Text(layout).value_or(""));
        if (named) {
            result.layout = *named;
        } else {
            problems.Add(where + ".layout", "us or uk (the keyboard the scanner emulates)");
        }
    }
    if (const json* suffix = Member(scanner, "suffix"); suffix != nullptr) {
        const auto named = SuffixNamed(Text(suffix).value_or(""));
        if (named) {
            result.suffix = *named;
        } else {
            problems.Add(where + ".suffix", "enter or tab (what the scanner sends after a code)");
        }
    }
    if (problems.Count() != before) return std::nullopt;
    return result;
}

void ReadScanners(const json& scanners, DeviceConfig& config, FieldProblems& problems) {
    if (!scanners.is_array()) {
        problems.Add("scanners", "a list of scanners, each an object with uri");
        return;
    }
    for (std::size_t i = 0; i < scanners.size(); ++i) {
        auto scanner = ReadScanner(scanners[i], "scanners[" + std::to_string(i) + "]", problems);
        if (scanner) config.scanners.push_back(std::move(*scanner));
    }
}

}  // namespace

Result<PrinterAddress> ParsePrinterUri(std::string_view uri) {
    const auto colon = uri.find(':');
    const std::string_view scheme = uri.substr(0, colon);
    const std::string_view rest =
        colon == std::string_view::npos ? std::string_view{} : uri.substr(colon + 1);
    if (colon != std::string_view::npos) {
        if (scheme == "usb") return ParseUsbUri(rest, uri);
        if (scheme == "tcp" && rest.starts_with("//")) return ParseTcpUri(rest.substr(2), uri);
        if (scheme == "cups") return ParseCupsUri(rest, uri);
        if (scheme == "file") {
            auto path = AbsolutePath(rest, uri);
            if (!path) return std::unexpected(path.error());
            PrinterAddress address;
            address.connection = PrinterConnection::kFile;
            address.path = std::move(*path);
            return address;
        }
    }
    return std::unexpected(Invalid(text::QuoteForMessage(uri) + ": not a printer URI; use " +
                                   std::string{kPrinterUriForms}));
}

Result<ScannerAddress> ParseScannerUri(std::string_view uri) {
    const auto colon = uri.find(':');
    const std::string_view scheme = uri.substr(0, colon);
    const std::string_view rest =
        colon == std::string_view::npos ? std::string_view{} : uri.substr(colon + 1);
    ScannerAddress address;
    if (colon != std::string_view::npos && (scheme == "serial" || scheme == "evdev")) {
        auto path = AbsolutePath(rest, uri);
        if (!path) return std::unexpected(path.error());
        address.connection =
            scheme == "serial" ? ScannerConnection::kSerial : ScannerConnection::kEvdev;
        address.path = std::move(*path);
        return address;
    }
    if (colon != std::string_view::npos && scheme == "usb-hid") {
        address.connection = ScannerConnection::kUsbHid;
        if (rest.empty()) return address;
        auto ids = UsbIds(rest, uri);
        if (!ids) return std::unexpected(ids.error());
        address.vendor_id = ids->first;
        address.product_id = ids->second;
        return address;
    }
    return std::unexpected(Invalid(text::QuoteForMessage(uri) + ": not a scanner URI; use " +
                                   std::string{kScannerUriForms}));
}

Result<PrinterConfig> MakePrinterConfig(std::string_view uri, std::string_view profile) {
    json printer = json::object();
    printer["uri"] = std::string{uri};
    printer["profile"] = std::string{profile};
    DeviceConfig config;
    FieldProblems problems;
    ReadPrinter(printer, config, problems);
    if (!problems.Empty()) return std::unexpected(problems.ToError({}));
    return std::move(*config.printer);
}

Result<ScannerConfig> MakeScannerConfig(std::string_view uri, std::string_view layout,
                                        std::string_view suffix) {
    json scanner = json::object();
    scanner["uri"] = std::string{uri};
    if (!layout.empty()) scanner["layout"] = std::string{layout};
    if (!suffix.empty()) scanner["suffix"] = std::string{suffix};
    FieldProblems problems;
    auto config = ReadScanner(scanner, "scanner", problems);
    if (!config) return std::unexpected(problems.ToError({}));
    return std::move(*config);
}

Result<DrawerConfig> ResolveDrawerConfig(const DrawerSettings& settings,
                                         const PrinterProfile& profile) {
    if (!profile.HasDrawerPin(settings.pin)) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "drawer.pin: printer profile " + profile.name +
                                             " has no drawer on pin " +
                                             std::to_string(static_cast<int>(settings.pin)),
                                         "drawer.pin"));
    }
    DrawerConfig config;
    config.pin = settings.pin;
    config.open_when_pin3_high = settings.open_when_pin3_high;
    config.left_open_after = settings.left_open_after;
    config.pulse_on = settings.pulse_on.value_or(profile.drawer_pulse_on);
    config.pulse_off = settings.pulse_off.value_or(profile.drawer_pulse_off);
    return config;
}

Result<DeviceConfig> ParseDeviceConfig(std::string_view json_text, std::string_view source) {
    const json root = json::parse(json_text, nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput, std::string{source} + ": not a JSON object (broken file?)"));
    }
    DeviceConfig config;
    FieldProblems problems;
    RefuseUnknown(root, "", {"printer", "drawer", "scanners"}, problems);
    if (const json* printer = Member(root, "printer")) ReadPrinter(*printer, config, problems);
    if (const json* drawer = Member(root, "drawer")) {
        ReadDrawer(*drawer, config, problems);
        if (Member(root, "printer") == nullptr) {
            problems.Add("drawer", "needs a printer: the drawer is opened and read through it");
        }
    }
    if (const json* scanners = Member(root, "scanners")) ReadScanners(*scanners, config, problems);
    if (!problems.Empty()) return std::unexpected(problems.ToError(source));
    return config;
}

Result<DeviceConfig> LoadDeviceConfigFile(const std::filesystem::path& path) {
    const std::string source = path.filename().string();
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return std::unexpected(
            MakeError(ErrorCode::kNotFound, source + ": device configuration not found at " +
                                                text::QuoteForMessage(path.string())));
    }
    std::ostringstream contents;
    contents << file.rdbuf();
    if (file.bad()) {
        return std::unexpected(
            MakeError(ErrorCode::kNotFound, source + ": device configuration could not be read"));
    }
    return ParseDeviceConfig(contents.str(), source);
}

}  // namespace tillbook::drivers
