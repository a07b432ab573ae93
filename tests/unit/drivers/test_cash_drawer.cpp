// The cash drawer: the monitor's state machine with time as values, the config checks against
// printer profiles, and CashDrawer kicking and polling through a spooler to a fake network
// printer on a real loopback socket.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "byte_text.hpp"
#include "fake_network_printer.hpp"
#include "loopback_socket.hpp"
#include "tillbook/drivers/cash_drawer.hpp"
#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/drivers/printer_status.hpp"
#include "tillbook/drivers/spooler.hpp"
#include "tillbook/drivers/tcp_transport.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::ErrorCode;
using tillbook::drivers::CashDrawer;
using tillbook::drivers::CheckDrawerConfig;
using tillbook::drivers::DefaultDrawerConfig;
using tillbook::drivers::DrawerConfig;
using tillbook::drivers::DrawerMonitor;
using tillbook::drivers::DrawerPin;
using tillbook::drivers::DrawerReport;
using tillbook::drivers::DrawerState;
using tillbook::drivers::FullStatusRequest;
using tillbook::drivers::LoadPrinterProfile;
using tillbook::drivers::PrinterProfile;
using tillbook::drivers::PrinterStatus;
using tillbook::drivers::PrintJobState;
using tillbook::drivers::Spooler;
using tillbook::drivers::SpoolerOptions;
using tillbook::drivers::TcpTransport;
using tillbook::drivers::TcpTransportOptions;
using tillbook::testing::ByteString;
using tillbook::testing::FakeNetworkPrinter;
using tillbook::testing::Hex;
using SteadyClock = std::chrono::steady_clock;

// DLE EOT 1 replies of an idle, online printer (docs/hardware.md §1.1).
constexpr std::uint8_t kPin3Low = 0x12;
constexpr std::uint8_t kPin3High = 0x16;

const SteadyClock::time_point kStart{std::chrono::hours{100}};

PrinterStatus Pin3(bool high) {
    PrinterStatus status;
    status.drawer_pin3_high = high;
    return status;
}

PrinterProfile Profile(std::string_view name) {
    auto profile = LoadPrinterProfile(name);
    REQUIRE_MESSAGE(profile, profile.error().message);
    return *profile;
}

std::unique_ptr<TcpTransport> Loopback(std::uint16_t port) {
    TcpTransportOptions options;
    options.host = "127.0.0.1";
    options.port = port;
    options.connect_timeout = 1s;
    options.write_timeout = 1s;
    return std::make_unique<TcpTransport>(options);
}

SpoolerOptions QuickSpooler() {
    SpoolerOptions options;
    options.max_attempts = 2;
    options.first_retry_delay = 20ms;
    options.max_retry_delay = 50ms;
    options.status_timeout = 300ms;
    return options;
}

// The epson-tm-t20 profile's drawer (pin 2, 50 ms on, 500 ms off) with a short poll timeout.
DrawerConfig TmT20Drawer() {
    DrawerConfig config = DefaultDrawerConfig(Profile("epson-tm-t20"));
    config.poll_timeout = 2s;
    return config;
}

}  // namespace

TEST_CASE("the drawer reads open when pin 3 is at the configured level, for either polarity") {
    DrawerConfig high_is_open;
    high_is_open.open_when_pin3_high = true;
    DrawerMonitor monitor(high_is_open);
    CHECK(monitor.Update(Pin3(true), kStart).state == DrawerState::kOpen);
    CHECK(monitor.Update(Pin3(false), kStart + 1s).state == DrawerState::kClosed);

    DrawerConfig low_is_open;
    low_is_open.open_when_pin3_high = false;
    DrawerMonitor inverted(low_is_open);
    CHECK(inverted.Update(Pin3(true), kStart).state == DrawerState::kClosed);
    CHECK(inverted.Update(Pin3(false), kStart + 1s).state == DrawerState::kOpen);
    CHECK(inverted.Report().state == DrawerState::kOpen);
}

TEST_CASE("the drawer is left open only once it has been open longer than the set time") {
    DrawerConfig config;
    config.left_open_after = 30s;
    DrawerMonitor monitor(config);
    CHECK(monitor.Update(Pin3(false), kStart).state == DrawerState::kClosed);
    CHECK_FALSE(monitor.Report().open_since);

    const auto opened = kStart + 2s;
    DrawerReport report = monitor.Update(Pin3(true), opened);
    CHECK(report.state == DrawerState::kOpen);
    CHECK(report.open_since == opened);
    CHECK_FALSE(report.left_open);
    CHECK(report.Describe(opened + 1s) == "drawer open");

    report = monitor.Update(Pin3(true), opened + 30s);  // exactly the set time: not yet
    CHECK(report.open_since == opened);
    CHECK_FALSE(report.left_open);

    report = monitor.Update(Pin3(true), opened + 30s + 1ms);
    CHECK(report.open_since == opened);
    CHECK(report.left_open);
    CHECK(report.Describe(opened + 45s + 600ms) == "drawer left open (45 s)");

    report = monitor.Update(Pin3(false), opened + 50s);
    CHECK(report.state == DrawerState::kClosed);
    CHECK_FALSE(report.left_open);
    CHECK_FALSE(report.open_since);
    CHECK(report.Describe(opened + 50s) == "drawer closed");

    // Opened again: the clock starts afresh.
    report = monitor.Update(Pin3(true), opened + 60s);
    CHECK(report.open_since == opened + 60s);
    CHECK_FALSE(report.left_open);
}

TEST_CASE("no answer from the printer makes the drawer unknown without restarting its open clock") {
    DrawerConfig config;
    config.left_open_after = 10s;
    DrawerMonitor monitor(config);
    CHECK(monitor.Report().state == DrawerState::kUnknown);  // nothing asked yet
    CHECK(monitor.Update(std::nullopt, kStart).state == DrawerState::kUnknown);

    monitor.Update(Pin3(true), kStart + 1s);
    const DrawerReport unknown = monitor.Update(std::nullopt, kStart + 5s);
    CHECK(unknown.state == DrawerState::kUnknown);
    CHECK_FALSE(unknown.open_since);
    CHECK_FALSE(unknown.left_open);
    CHECK(unknown.Describe(kStart + 5s) == "drawer state unknown");

    // Still open when the printer answers again: open since the first sighting.
    const DrawerReport open = monitor.Update(Pin3(true), kStart + 12s);
    CHECK(open.open_since == kStart + 1s);
    CHECK(open.left_open);
    CHECK(open.Describe(kStart + 12s) == "drawer left open (11 s)");
}

TEST_CASE("the default drawer config takes the profile's first pin and pulse times") {
    const DrawerConfig generic = DefaultDrawerConfig(Profile("generic-58mm"));
    CHECK(generic.pin == DrawerPin::kPin2);
    CHECK(generic.pulse_on == 100ms);
    CHECK(generic.pulse_off == 500ms);
    CHECK(CheckDrawerConfig(generic, Profile("generic-58mm")));

    PrinterProfile pin5_only = Profile("generic-58mm");
    pin5_only.drawer_pins = {DrawerPin::kPin5};
    CHECK(DefaultDrawerConfig(pin5_only).pin == DrawerPin::kPin5);
}

TEST_CASE("a drawer pin the printer lacks is refused, naming the pins it has") {
    Spooler spooler(Loopback(tillbook::testing::FreePort()));
    DrawerConfig config = DefaultDrawerConfig(Profile("generic-58mm"));
    config.pin = DrawerPin::kPin5;
    const auto drawer = CashDrawer::Make(spooler, Profile("generic-58mm"), config);
    REQUIRE_FALSE(drawer);
    CHECK(drawer.error().code == ErrorCode::kUnsupported);
    CHECK(drawer.error().field == "pin");
    CHECK(drawer.error().message == "generic-58mm: no drawer on pin 5 (it has pin 2)");

    PrinterProfile no_port = Profile("generic-58mm");
    no_port.drawer_pins.clear();
    const auto none = CheckDrawerConfig(DefaultDrawerConfig(no_port), no_port);
    REQUIRE_FALSE(none);
    CHECK(none.error().code == ErrorCode::kUnsupported);
    CHECK(none.error().message == "generic-58mm: the printer has no drawer port");

    PrinterProfile both = Profile("generic-58mm");
    both.drawer_pins = {DrawerPin::kPin2, DrawerPin::kPin5};
    CHECK(CheckDrawerConfig(config, both));
}

TEST_CASE("a drawer config ESC p cannot send is refused and nothing is queued") {
    FakeNetworkPrinter printer;
    Spooler spooler(Loopback(printer.Port()), QuickSpooler());
    DrawerConfig config;
    std::string field;
    SUBCASE("no pulse") {
        config.pulse_on = 0ms;
        field = "pulse_on";
    }
    SUBCASE("a pulse longer than 510 ms") {
        config.pulse_off = 600ms;
        field = "pulse_off";
    }
    SUBCASE("a pin that is neither 2 nor 5") {
        config.pin = static_cast<DrawerPin>(3);
        field = "pin";
    }
    SUBCASE("left open after no time at all") {
        config.left_open_after = 0s;
        field = "left_open_after";
    }
    const auto checked = CheckDrawerConfig(config);
    REQUIRE_FALSE(checked);
    CHECK(checked.error().code == ErrorCode::kInvalidInput);
    CHECK(checked.error().field == field);

    CashDrawer drawer(spooler, config);
    const auto kicked = drawer.Open();
    REQUIRE_FALSE(kicked);
    CHECK(kicked.error().message.starts_with("drawer kick: drawer "));
    CHECK(printer.WaitForJobs(1, 100ms).empty());
}

TEST_CASE("opening the drawer sends exactly the ESC p pulse as a job labelled drawer kick") {
    FakeNetworkPrinter printer;
    Spooler spooler(Loopback(printer.Port()), QuickSpooler());
    auto drawer = CashDrawer::Make(spooler, Profile("generic-58mm"),
                                   DefaultDrawerConfig(Profile("generic-58mm")));
    REQUIRE(drawer);
    const auto id = drawer->Open();
    REQUIRE(id);
    const auto job = spooler.WaitUntilFinished(*id, 3s);
    REQUIRE(job);
    CHECK(job->label == "drawer kick");
    CHECK(job->state == PrintJobState::kPrinted);
    CHECK_FALSE(job->sent_real_time);  // a ready printer (or one not asked) gets ESC p
    // generic-58mm: pin 2 (m = 0), 100 ms on (50 units), 500 ms off (250 units).
    const std::string kick = ByteString({0x1B, 0x70, 0x00, 0x32, 0xFA});
    CHECK(job->size == kick.size());
    const auto jobs = printer.WaitForJobs(1, 3s);
    REQUIRE(jobs.size() == 1);
    CHECK(Hex(jobs[0]) == Hex(FullStatusRequest() + kick + FullStatusRequest()));
}

TEST_CASE("polling reads pin 3 through the spooler, after the jobs queued before it") {
    FakeNetworkPrinter printer;
    printer.SetStatusReply(1, kPin3Low);
    Spooler spooler(Loopback(printer.Port()), QuickSpooler());
    DrawerConfig config = TmT20Drawer();
    config.pin = DrawerPin::kPin5;  // the TM-T20 has both connectors
    auto drawer = CashDrawer::Make(spooler, Profile("epson-tm-t20"), config);
    REQUIRE(drawer);

    CHECK(drawer->Poll(kStart).state == DrawerState::kClosed);
    const std::string receipt = "\x1b@Total 4.20\n";
    spooler.Submit(receipt, "receipt 1");
    REQUIRE(drawer->Open());
    printer.SetStatusReply(1, kPin3High);  // the drawer springs open
    const DrawerReport open = drawer->Poll(kStart + 1s);
    CHECK(open.state == DrawerState::kOpen);
    CHECK(open.open_since == kStart + 1s);
    CHECK(drawer->Report().state == DrawerState::kOpen);

    printer.SetStatusReply(1, kPin3Low);  // the cashier shuts it
    CHECK(drawer->Poll(kStart + 5s).state == DrawerState::kClosed);

    // One connection each: the poll, the receipt, the kick (ESC p m=1 for pin 5), two polls.
    const auto jobs = printer.WaitForJobs(5, 3s);
    REQUIRE(jobs.size() == 5);
    CHECK(Hex(jobs[0]) == Hex(FullStatusRequest()));
    CHECK(Hex(jobs[1]) == Hex(FullStatusRequest() + receipt + FullStatusRequest()));
    CHECK(Hex(jobs[2]) == Hex(FullStatusRequest() + ByteString({0x1B, 0x70, 0x01, 0x19, 0xFA}) +
                              FullStatusRequest()));
    CHECK(Hex(jobs[3]) == Hex(FullStatusRequest()));
    CHECK(Hex(jobs[4]) == Hex(FullStatusRequest()));
}

TEST_CASE("a drawer whose switch reads low when open is reported with that polarity") {
    FakeNetworkPrinter printer;
    printer.SetStatusReply(1, kPin3Low);
    Spooler spooler(Loopback(printer.Port()), QuickSpooler());
    DrawerConfig config = TmT20Drawer();
    config.open_when_pin3_high = false;
    CashDrawer drawer(spooler, config);
    CHECK(drawer.Poll(kStart).state == DrawerState::kOpen);
    printer.SetStatusReply(1, kPin3High);
    CHECK(drawer.Poll(kStart + 1s).state == DrawerState::kClosed);
}

TEST_CASE("polling a printer that is off or silent says unknown and why, within the timeout") {
    std::optional<FakeNetworkPrinter> printer;
    std::uint16_t port = 0;
    std::string expected;
    SUBCASE("nobody listening") {
        port = tillbook::testing::FreePort();
        expected = "drawer state unknown (printer offline)";
    }
    SUBCASE("a printer that does not answer DLE EOT") {
        printer.emplace();
        printer->SetStatusReply(1, 0);
        port = printer->Port();
        expected = "drawer state unknown (printer not responding)";
    }
    Spooler spooler(Loopback(port), QuickSpooler());
    DrawerConfig config = TmT20Drawer();
    config.poll_timeout = 1500ms;
    CashDrawer drawer(spooler, config);
    const auto started = SteadyClock::now();
    const DrawerReport report = drawer.Poll(kStart);
    // Bounded by the poll timeout; the slack is for a loaded 2-core CI machine.
    CHECK(SteadyClock::now() - started < 1500ms + 1500ms);
    CHECK(report.state == DrawerState::kUnknown);
    CHECK(report.Describe(kStart) == expected);
}

TEST_CASE("a printer whose profile has no status read-back is not asked for the drawer state") {
    FakeNetworkPrinter printer;
    printer.SetStatusReply(1, kPin3High);
    Spooler spooler(Loopback(printer.Port()), QuickSpooler());
    const PrinterProfile generic = Profile("generic-58mm");
    REQUIRE_FALSE(generic.real_time_status);
    auto drawer = CashDrawer::Make(spooler, generic, DefaultDrawerConfig(generic));
    REQUIRE(drawer);
    const DrawerReport report = drawer->Poll(kStart);
    CHECK(report.state == DrawerState::kUnknown);
    CHECK(report.Describe(kStart) == "drawer state unknown (printer cannot report status)");
    CHECK(printer.WaitForJobs(1, 200ms).empty());
}

// An offline printer takes only real-time commands: an ESC p would wait in its buffer (and open
// the drawer once the paper is back), so the kick goes as DLE DC4 1 m t; but only to a printer
// whose profile says it takes real-time commands.
TEST_CASE(
    "with the paper out the kick is the real-time pulse if the profile has real-time status") {
    FakeNetworkPrinter printer;
    printer.SetPaperRunsOutAfter(1);  // every DLE EOT 2 and 4 says paper end
    Spooler spooler(Loopback(printer.Port()), QuickSpooler());
    PrinterProfile profile;
    DrawerConfig config;
    std::string kick;
    bool real_time = false;
    SUBCASE("epson-tm-t20: DLE DC4 1 m t") {
        profile = Profile("epson-tm-t20");
        config = TmT20Drawer();
        config.pin = DrawerPin::kPin5;
        config.pulse_on = 150ms;                            // 2 units of 100 ms
        kick = ByteString({0x10, 0x14, 0x01, 0x01, 0x02});  // pin 5, 200 ms
        real_time = true;
    }
    SUBCASE("generic-58mm (no status in its profile, though this one answers): ESC p") {
        profile = Profile("generic-58mm");
        config = DefaultDrawerConfig(profile);
        kick = ByteString({0x1B, 0x70, 0x00, 0x32, 0xFA});  // pin 2, 100/500 ms
    }
    auto drawer = CashDrawer::Make(spooler, profile, config);
    REQUIRE(drawer);
    const auto id = drawer->Open();
    REQUIRE(id);
    const auto job = spooler.WaitUntilFinished(*id, 3s);
    REQUIRE(job);
    CHECK(job->state == PrintJobState::kPrinted);
    CHECK(job->sent_real_time == real_time);
    REQUIRE(job->status_before);
    CHECK(job->status_before->paper_end);
    CHECK_FALSE(job->status_before->IsReady());
    const auto jobs = printer.WaitForJobs(1, 3s);
    REQUIRE(jobs.size() == 1);
    CHECK(Hex(jobs[0]) == Hex(FullStatusRequest() + kick + FullStatusRequest()));
    CHECK(spooler.FailedJobs().empty());
}

TEST_CASE("a kick that could not be sent is failed but never kept for a later reprint") {
    Spooler spooler(Loopback(tillbook::testing::FreePort()), QuickSpooler());  // printer off
    CashDrawer drawer(spooler, TmT20Drawer());
    const auto id = drawer.Open();
    REQUIRE(id);
    const auto job = spooler.WaitUntilFinished(*id, 5s);
    REQUIRE(job);
    CHECK(job->state == PrintJobState::kFailed);
    CHECK(job->problem == "printer offline");
    CHECK(spooler.FailedJobs().empty());
    const auto reprint = spooler.Reprint(*id);
    REQUIRE_FALSE(reprint);
    CHECK(reprint.error().code == ErrorCode::kUnsupported);
}
