// The cash drawer behind the emulated USB printer: the kick (ESC p) reaches the printer through
// the spooler, and pin 3 of DLE EOT 1 is read back as open or closed with either polarity. With
// the paper out or the cover open the printer takes only real-time commands, and the kick goes as
// the real-time pulse DLE DC4 1 m t instead, so the drawer opens all the same.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "byte_text.hpp"
#include "fake_usb_printer.hpp"
#include "tillbook/drivers/cash_drawer.hpp"
#include "tillbook/drivers/printer_status.hpp"
#include "tillbook/drivers/spooler.hpp"
#include "tillbook/drivers/usb_transport.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::drivers::CashDrawer;
using tillbook::drivers::DescribeStatus;
using tillbook::drivers::DrawerConfig;
using tillbook::drivers::DrawerPin;
using tillbook::drivers::DrawerState;
using tillbook::drivers::PrintJob;
using tillbook::drivers::PrintJobState;
using tillbook::drivers::Spooler;
using tillbook::drivers::UsbTransport;
using tillbook::testing::FakeDrawerPulse;
using tillbook::testing::FakePrinterOptions;
using tillbook::testing::Hex;
using tillbook::testing::PluggedFakePrinter;

DrawerConfig Drawer(bool open_when_pin3_high) {
    DrawerConfig config;
    config.pin = DrawerPin::kPin2;
    config.pulse_on = 50ms;
    config.pulse_off = 500ms;
    config.open_when_pin3_high = open_when_pin3_high;
    config.poll_timeout = 1500ms;
    return config;
}

// Opens the drawer and waits for the kick's job to finish.
PrintJob Kick(CashDrawer& drawer, Spooler& spooler) {
    const auto kick = drawer.Open();
    REQUIRE(kick.has_value());
    const auto job = spooler.WaitUntilFinished(*kick, 5s);
    REQUIRE(job.has_value());
    return *job;
}

TEST_CASE("a drawer kick reaches the emulated USB printer and the drawer reads open then closed") {
    PluggedFakePrinter fake;
    Spooler spooler(std::make_unique<UsbTransport>(FakePrinterOptions()));
    CashDrawer drawer(spooler, Drawer(/*open_when_pin3_high=*/true));

    CHECK(drawer.Poll().state == DrawerState::kClosed);
    const PrintJob job = Kick(drawer, spooler);
    CHECK(job.state == PrintJobState::kPrinted);
    CHECK_FALSE(job.sent_real_time);
    CHECK(Hex(fake.printer->ReceivedJobBytes()) == "1B 70 00 19 FA");  // 50 ms on, 500 ms off
    CHECK(fake.printer->DrawerKicks() == 1);
    CHECK(fake.printer->DrawerPulses() ==
          std::vector<FakeDrawerPulse>{FakeDrawerPulse{false, 2, 50ms, 500ms}});
    CHECK(drawer.Poll().state == DrawerState::kOpen);

    fake.printer->CloseDrawer();
    CHECK(drawer.Poll().state == DrawerState::kClosed);
}

// Regression (found by the till's test): with the paper out the printer refused ESC p ("drawer
// kick failed: out of paper ... 0 of 5 bytes sent") and the cashier could not give change.
TEST_CASE("the drawer opens with the USB printer out of paper or its cover open") {
    PluggedFakePrinter fake;
    std::string problem;
    SUBCASE("out of paper") {
        fake.printer->SetPaperLeft(0);
        problem = "offline: out of paper";
    }
    SUBCASE("cover open") {
        fake.printer->SetCoverOpen(true);
        problem = "offline: cover open";
    }
    Spooler spooler(std::make_unique<UsbTransport>(FakePrinterOptions()));
    CashDrawer drawer(spooler, Drawer(/*open_when_pin3_high=*/true));
    CHECK(drawer.Poll().state == DrawerState::kClosed);

    const PrintJob job = Kick(drawer, spooler);
    CHECK(job.state == PrintJobState::kPrinted);
    CHECK(job.problem.empty());
    CHECK(job.attempts == 1);
    CHECK(job.sent_real_time);
    REQUIRE(job.status_before.has_value());
    CHECK(DescribeStatus(*job.status_before) == problem);
    // The real-time pulse, once: DLE DC4 1, pin 2 (m = 0), 50 ms rounded up to 1 x 100 ms.
    CHECK(Hex(fake.printer->ReceivedJobBytes()) == "10 14 01 00 01");
    CHECK(fake.printer->DrawerPulses() ==
          std::vector<FakeDrawerPulse>{FakeDrawerPulse{true, 2, 100ms, 100ms}});
    CHECK(drawer.Poll().state == DrawerState::kOpen);
    CHECK(spooler.FailedJobs().empty());

    // Paper in and cover shut: no ESC p was left waiting to open the drawer a second time.
    fake.printer->CloseDrawer();
    fake.printer->LoadPaper();
    fake.printer->SetCoverOpen(false);
    CHECK(drawer.Poll().state == DrawerState::kClosed);
    CHECK(fake.printer->DrawerKicks() == 1);
    CHECK(Hex(fake.printer->ReceivedJobBytes()) == "10 14 01 00 01");
}

TEST_CASE("a drawer whose switch reads low when open is reported with that polarity") {
    PluggedFakePrinter fake;
    Spooler spooler(std::make_unique<UsbTransport>(FakePrinterOptions()));
    CashDrawer drawer(spooler, Drawer(/*open_when_pin3_high=*/false));

    CHECK(drawer.Poll().state == DrawerState::kOpen);  // pin 3 low
    Kick(drawer, spooler);
    CHECK(fake.printer->DrawerPin3High());
    CHECK(drawer.Poll().state == DrawerState::kClosed);  // pin 3 high
    fake.printer->CloseDrawer();
    CHECK(drawer.Poll().state == DrawerState::kOpen);
}

TEST_CASE("the drawer state is unknown when the USB printer is unplugged") {
    PluggedFakePrinter fake;
    Spooler spooler(std::make_unique<UsbTransport>(FakePrinterOptions()));
    CashDrawer drawer(spooler, Drawer(true));
    fake.device.Unplug();
    CHECK(drawer.Poll().state == DrawerState::kUnknown);
}

}  // namespace
