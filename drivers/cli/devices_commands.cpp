#include "devices_commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tillbook/drivers/cash_drawer.hpp"
#include "tillbook/drivers/device_config.hpp"
#include "tillbook/drivers/device_factory.hpp"
#include "tillbook/drivers/escpos_encoder.hpp"
#include "tillbook/drivers/printer_status.hpp"
#include "tillbook/drivers/receipt_renderer.hpp"
#include "tillbook/drivers/spooler.hpp"
#include "tillbook/drivers/usb_transport.hpp"

namespace tillbook::devices {

namespace {

using namespace std::chrono_literals;
using drivers::PrinterConfig;
using SteadyClock = std::chrono::steady_clock;

// A job is bounded by its transport's timeouts (connect, write, status replies); this is only a
// backstop so that the tool never waits for ever on a spooler that went wrong.
constexpr auto kJobBound = 60s;
constexpr auto kStatusTimeout = 2s;
constexpr auto kDrawerPollInterval = 200ms;

int Fail(std::ostream& err, std::string_view message) {
    err << "tillbook-devices: " << message << "\n";
    return 1;
}

int Fail(std::ostream& err, const Error& error) {
    return Fail(err, error.message);
}

int Usage(const cli::Args& args, std::ostream& err, std::string_view problem = {}) {
    return cli::WrongUsage(DevicesUsage(), args.words, err, problem);
}

Result<int> WholeNumberOption(const cli::Args& args, std::string_view name, int fallback) {
    const auto text = args.Option(name);
    if (!text) return fallback;
    int value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc{} || end != text->data() + text->size() || value < 0 || value > 86400) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("--{}: a whole number from 0 to 86400", name),
                                         std::string{name}));
    }
    return value;
}

// The printer and its profile, from --config or from --printer and --profile.
struct PrinterSetup {
    PrinterConfig printer;
    drivers::PrinterProfile profile;
    drivers::DrawerConfig drawer;
};

Result<PrinterSetup> LoadPrinterSetup(const cli::Args& args) {
    const auto config_path = args.Option("config");
    const auto uri = args.Option("printer");
    std::optional<drivers::DrawerSettings> drawer;
    PrinterSetup setup;
    if (config_path) {
        auto config = drivers::LoadDeviceConfigFile(*config_path);
        if (!config) return std::unexpected(config.error());
        if (!config->printer) {
            return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                             fmt::format("{}: has no printer", *config_path)));
        }
        setup.printer = *config->printer;
        drawer = config->drawer;
    } else {
        auto printer = drivers::MakePrinterConfig(*uri, args.Option("profile").value_or(""));
        if (!printer) return std::unexpected(printer.error());
        setup.printer = std::move(*printer);
    }
    const std::filesystem::path folder =
        args.Option("profiles").value_or(TILLBOOK_PRINTER_PROFILES_DIR);
    auto profile = drivers::LoadPrinterProfile(setup.printer.profile, folder);
    if (!profile) return std::unexpected(profile.error());
    setup.profile = std::move(*profile);
    if (drawer) {
        auto resolved = drivers::ResolveDrawerConfig(*drawer, setup.profile);
        if (!resolved) return std::unexpected(resolved.error());
        setup.drawer = *resolved;
    } else {
        setup.drawer = drivers::DefaultDrawerConfig(setup.profile);
    }
    return setup;
}

// The tool tries each job once: whoever runs it is watching and wants the first answer.
drivers::SpoolerOptions ToolSpoolerOptions() {
    drivers::SpoolerOptions options;
    options.max_attempts = 1;
    return options;
}

// "printer offline: tcp 127.0.0.1:9100: connection refused", or the problem the printer
// reported before the job ("offline: cover open") with where it is.
std::string JobFailure(const drivers::PrintJob& job, std::string_view where) {
    if (job.error) return fmt::format("{}: {}", job.problem, job.error->message);
    return fmt::format("{}: {}", where, job.problem.empty() ? "failed" : job.problem);
}

// The options of the commands that talk to a printer: one printer, from a file or from flags.
// (Options a command does not take are refused before it runs: cli::RefuseUnknownOptions.)
bool TakesPrinterOptions(const cli::Args& args, std::ostream& err, int& exit_code) {
    const bool from_file = args.Option("config").has_value();
    if (from_file == args.Option("printer").has_value()) {
        exit_code = Usage(args, err, "give either --config FILE or --printer URI --profile NAME");
        return false;
    }
    if (!from_file && !args.Option("profile")) {
        exit_code = Usage(args, err, "--printer needs --profile NAME (a file in assets/printers)");
        return false;
    }
    if (from_file && args.Option("profile")) {
        exit_code = Usage(args, err, "--profile goes with --printer; a file names its own profile");
        return false;
    }
    return true;
}

int List(const cli::Args&, std::ostream& out, std::ostream& err) {
    int exit_code = 0;
    out << "USB printers:\n";
    auto printers = drivers::ListUsbPrinters();
    if (!printers) {
        out << "  (cannot list: " << printers.error().message << ")\n";
        exit_code = Fail(err, printers.error());
    } else if (printers->empty()) {
        out << "  none\n";
    }
    const std::vector<drivers::UsbPrinterInfo> none;
    for (const drivers::UsbPrinterInfo& printer : printers ? *printers : none) {
        std::string uri = fmt::format("usb:{:04x}:{:04x}", printer.vendor_id, printer.product_id);
        if (!printer.serial.empty()) uri += "?serial=" + printer.serial;
        out << fmt::format("  {:03}:{:03}  {:04x}:{:04x}  {} {}{}\n", printer.bus, printer.address,
                           printer.vendor_id, printer.product_id,
                           printer.manufacturer.empty() ? "?" : printer.manufacturer,
                           printer.product.empty() ? "?" : printer.product,
                           printer.serial.empty() ? "" : " serial " + printer.serial);
        out << fmt::format(
            "      interface {}, {}\n", printer.interface_number,
            printer.bidirectional ? "bidirectional (status can be read)" : "send only (no status)");
        if (!printer.device_id.empty()) out << "      IEEE 1284: " << printer.device_id << "\n";
        out << "      uri " << uri << "\n";
    }
    // Serial scanners (CDC-ACM) and keyboard-mode scanners seen by the input layer.
    const auto list_matching = [&](std::string_view heading, const std::filesystem::path& folder,
                                   const auto& matches, std::string_view scheme) {
        out << heading << ":\n";
        std::vector<std::string> found;
        std::error_code ignored;
        for (const auto& entry : std::filesystem::directory_iterator(folder, ignored)) {
            const std::string name = entry.path().filename().string();
            if (matches(name)) found.push_back(entry.path().string());
        }
        std::ranges::sort(found);
        if (found.empty()) out << "  none\n";
        for (const std::string& path : found)
            out << "  " << path << "  uri " << scheme << path << "\n";
    };
    list_matching(
        "Serial ports (CDC-ACM)", "/dev",
        [](const std::string& name) { return name.starts_with("ttyACM"); }, "serial:");
    list_matching(
        "Keyboard input devices", "/dev/input/by-id",
        [](const std::string& name) { return name.ends_with("-event-kbd"); }, "evdev:");
    return exit_code;
}

int TestPage(const cli::Args& args, std::ostream& out, std::ostream& err) {
    if (int usage = 0; !TakesPrinterOptions(args, err, usage)) return usage;
    auto setup = LoadPrinterSetup(args);
    if (!setup) return Fail(err, setup.error());
    auto bytes = drivers::RenderTestPage(setup->profile);
    if (!bytes) return Fail(err, bytes.error().WithContext("test page"));
    auto transport = drivers::MakePrinterTransport(setup->printer);
    const std::string where = transport->Describe();
    drivers::Spooler spooler(std::move(transport), ToolSpoolerOptions());
    const std::size_t size = bytes->size();
    const drivers::PrintJobId id = spooler.Submit(std::move(*bytes), "test page");
    const auto job = spooler.WaitUntilFinished(id, kJobBound);
    if (!job) return Fail(err, fmt::format("test page: {} did not finish in time", where));
    if (job->state != drivers::PrintJobState::kPrinted) {
        return Fail(err, "test page not printed: " + JobFailure(*job, where));
    }
    out << fmt::format("test page printed on {} ({}, {} bytes)", where, setup->profile.name, size);
    if (job->status_after) out << "; printer " << drivers::DescribeStatus(*job->status_after);
    out << "\n";
    return 0;
}

int KickDrawer(const cli::Args& args, std::ostream& out, std::ostream& err) {
    if (int usage = 0; !TakesPrinterOptions(args, err, usage)) return usage;
    auto watch = WholeNumberOption(args, "watch", 0);
    if (!watch) return Usage(args, err, watch.error().message);
    auto setup = LoadPrinterSetup(args);
    if (!setup) return Fail(err, setup.error());
    auto transport = drivers::MakePrinterTransport(setup->printer);
    const std::string where = transport->Describe();
    drivers::Spooler spooler(std::move(transport), ToolSpoolerOptions());
    auto made = drivers::CashDrawer::Make(spooler, setup->profile, setup->drawer);
    if (!made) return Fail(err, made.error().WithContext("drawer"));
    drivers::CashDrawer& drawer = *made;
    auto id = drawer.Open();
    if (!id) return Fail(err, id.error().WithContext("drawer"));
    const auto job = spooler.WaitUntilFinished(*id, kJobBound);
    if (!job) return Fail(err, fmt::format("drawer kick: {} did not finish in time", where));
    if (job->state != drivers::PrintJobState::kPrinted) {
        return Fail(err, "drawer not opened: " + JobFailure(*job, where));
    }
    if (job->sent_real_time) {
        // The printer was offline: the spooler sent DLE DC4 1 m t, on and off t x 100 ms.
        const auto pulse = drivers::EscPosEncoder::RealTimePulseLength(setup->drawer.pulse_on);
        out << fmt::format(
            "drawer kick sent to {} as the real-time pulse (pin {}, {} ms on, {} ms off): printer "
            "{}\n",
            where, static_cast<int>(setup->drawer.pin), pulse.count(), pulse.count(),
            job->status_before ? drivers::DescribeStatus(*job->status_before) : "not ready");
    } else {
        out << fmt::format("drawer kick sent to {} (pin {}, {} ms on, {} ms off)\n", where,
                           static_cast<int>(setup->drawer.pin), setup->drawer.pulse_on.count(),
                           setup->drawer.pulse_off.count());
    }
    // The drawer state is what pin 3 reads after the kick; --watch keeps reading, printing
    // every change, so that an installer can check the polarity and the left-open warning.
    const auto deadline = SteadyClock::now() + std::chrono::seconds{*watch};
    std::string last;
    for (;;) {
        const auto now = SteadyClock::now();
        const std::string described = drawer.Poll(now).Describe(now);
        if (described != last) out << described << "\n" << std::flush;
        last = described;
        if (SteadyClock::now() + kDrawerPollInterval > deadline) break;
        std::this_thread::sleep_for(kDrawerPollInterval);
    }
    return 0;
}

int Status(const cli::Args& args, std::ostream& out, std::ostream& err) {
    if (int usage = 0; !TakesPrinterOptions(args, err, usage)) return usage;
    auto setup = LoadPrinterSetup(args);
    if (!setup) return Fail(err, setup.error());
    auto transport = drivers::MakePrinterTransport(setup->printer);
    const std::string where = transport->Describe();
    // Opened here, not by the spooler, so that "offline" comes with its reason; and only an open
    // transport knows whether it can read (a USB printer may have no bulk IN endpoint).
    if (auto opened = transport->Open(); !opened) {
        return Fail(err, fmt::format("{}: {}", drivers::DescribeFailure(opened.error()),
                                     opened.error().message));
    }
    if (!transport->CanRead()) {
        return Fail(
            err, fmt::format("{}: cannot report the printer's status (it only takes data)", where));
    }
    drivers::Spooler spooler(std::move(transport), ToolSpoolerOptions());
    const auto status = spooler.ReadStatus(kStatusTimeout);
    if (!status) {
        return Fail(err, fmt::format("{}: {}: no answer to a status request within {} s ({})",
                                     drivers::DescribeFailure(status.error()), where,
                                     kStatusTimeout.count(), status.error().message));
    }
    out << fmt::format("printer {} ({}): {}\n", where, setup->profile.name,
                       drivers::DescribeStatus(*status));
    if (!setup->profile.drawer_pins.empty()) {
        drivers::DrawerMonitor monitor(setup->drawer);
        const auto now = SteadyClock::now();
        out << monitor.Update(*status, now).Describe(now) << "\n";
    }
    return 0;
}

// Every configured scanner is read in turn, each for a short slice, so that one quiet scanner
// does not hide the others.
int Scans(const cli::Args& args, std::ostream& out, std::ostream& err) {
    auto count = WholeNumberOption(args, "count", 0);  // 0: no limit
    if (!count) return Usage(args, err, count.error().message);
    auto timeout = WholeNumberOption(args, "timeout", 0);  // 0: until stopped
    if (!timeout) return Usage(args, err, timeout.error().message);
    const auto config_path = args.Option("config");
    const auto uri = args.Option("scanner");
    if (config_path.has_value() == uri.has_value()) {
        return Usage(args, err, "give either --config FILE or --scanner URI");
    }
    std::vector<drivers::ScannerConfig> configs;
    if (config_path) {
        if (args.Option("layout") || args.Option("suffix")) {
            return Usage(args, err, "--layout and --suffix go with --scanner; a file sets its own");
        }
        auto config = drivers::LoadDeviceConfigFile(*config_path);
        if (!config) return Fail(err, config.error());
        configs = config->scanners;
        if (configs.empty()) return Fail(err, fmt::format("{}: has no scanners", *config_path));
    } else {
        auto scanner = drivers::MakeScannerConfig(*uri, args.Option("layout").value_or(""),
                                                  args.Option("suffix").value_or(""));
        if (!scanner) return Fail(err, scanner.error());
        configs.push_back(std::move(*scanner));
    }
    std::vector<std::unique_ptr<drivers::BarcodeSource>> sources;
    for (const drivers::ScannerConfig& config : configs) {
        auto source = drivers::MakeBarcodeSource(config);
        if (auto opened = source->Open(); !opened) return Fail(err, opened.error());
        if (const std::string warning = source->Warning(); !warning.empty())
            err << "tillbook-devices: warning: " << warning << "\n";
        out << "reading " << source->Describe() << "\n";
        sources.push_back(std::move(source));
    }
    out << std::flush;
    const bool until_stopped = *timeout == 0;
    const auto deadline = SteadyClock::now() + std::chrono::seconds{*timeout};
    const auto slice = sources.size() == 1 ? 250ms : 50ms;
    int scanned = 0;
    while (*count == 0 || scanned < *count) {
        if (!until_stopped && SteadyClock::now() >= deadline) break;
        for (const auto& source : sources) {
            auto next = source->Next(slice);
            if (!next) return Fail(err, next.error());
            if (!next->has_value()) continue;
            const drivers::ScannedBarcode& barcode = **next;
            out << fmt::format("{}{}  {}  {}\n",
                               sources.size() > 1 ? source->Describe() + ": " : std::string{},
                               barcode.text, drivers::ToString(barcode.symbology),
                               drivers::ToString(barcode.check_digit))
                << std::flush;
            ++scanned;
            if (*count != 0 && scanned >= *count) break;
        }
    }
    if (*count != 0 && scanned < *count) {
        return Fail(err, fmt::format("{} of {} barcodes scanned before the {} s timeout", scanned,
                                     *count, *timeout));
    }
    return 0;
}

}  // namespace

namespace {

constexpr cli::CommandUsage kCommands[] = {
    {"list", "list",
     "the USB printers with their IEEE 1284 id and the usb: URI to configure, the serial ports\n"
     "(CDC-ACM) and the keyboard input devices a scanner may be"},
    {"test-page", "test-page (--config FILE | --printer URI --profile NAME) [--profiles DIR]",
     "print the profile's test page (one attempt), and say where it went and the printer's\n"
     "status after it"},
    {"kick-drawer",
     "kick-drawer (--config FILE | --printer URI --profile NAME) [--profiles DIR]\n"
     "[--watch SECONDS]",
     "open the cash drawer, then read whether it is open; --watch keeps reading for SECONDS\n"
     "and prints each change (to check the drawer's polarity and the left-open warning)"},
    {"status", "status (--config FILE | --printer URI --profile NAME) [--profiles DIR]",
     "the printer's status in a cashier's words, and the drawer's when the profile has a drawer\n"
     "(USB and TCP printers only: CUPS and file printers cannot report their status)"},
    {"scans",
     "scans (--config FILE | --scanner URI [--layout us|uk] [--suffix enter|tab])\n"
     "[--count N] [--timeout SECONDS]",
     "print each barcode as it is scanned: text, symbology and check digit; --config reads\n"
     "every scanner in the file. Stops after N barcodes, or after SECONDS (exit 1 if fewer than\n"
     "N came); both are 0 by default: no limit, until Ctrl-C"},
};

}  // namespace

const cli::ProgramUsage& DevicesUsage() {
    static constexpr cli::ProgramUsage kUsage{
        "tillbook-devices", kCommands,
        "--config FILE: a terminal's devices in JSON (docs/devices.md; examples in "
        "assets/devices/)\n"
        "--profile NAME: a printer profile such as epson-tm-t20, the file NAME.json in --profiles\n"
        "    DIR (by default the assets/printers folder the program was built with)\n"
        "printer URIs: usb: (the first USB printer), usb:VVVV:PPPP[?serial=S], tcp://HOST[:PORT]\n"
        "    (port 9100 by default), cups:QUEUE[@HOST[:PORT]], file:/PATH\n"
        "scanner URIs: serial:/dev/ttyACM0, evdev:/dev/input/event5 (or a /dev/input/by-id link),\n"
        "    usb-hid:VVVV:PPPP, usb-hid: (the first boot keyboard)\n"};
    return kUsage;
}

int RunDevicesCommand(const cli::Args& args, std::ostream& out, std::ostream& err) {
    if (auto answered = cli::AnswerHelp(DevicesUsage(), args, out, err)) return *answered;
    if (auto refused = cli::RefuseUnknownOptions(DevicesUsage(), args, err)) return *refused;
    const std::string command = args.words.size() == 1 ? args.words.front() : std::string{};
    if (command == "list") return List(args, out, err);
    if (command == "test-page") return TestPage(args, out, err);
    if (command == "kick-drawer") return KickDrawer(args, out, err);
    if (command == "status") return Status(args, out, err);
    if (command == "scans") return Scans(args, out, err);
    return Usage(args, err);
}

}  // namespace tillbook::devices
