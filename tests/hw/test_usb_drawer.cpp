// The cash drawer behind the emulated USB printer: the kick (ESC p) reaches the printer through
// the spooler, and pin 3 of DLE EOT 1 is read back as open or closed with either polarity.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>

#include "byte_text.hpp"
#include "fake_usb_printer.hpp"
#include "tillbook/drivers/cash_drawer.hpp"
#include "tillbook/drivers/spooler.hpp"
#include "tillbook/drivers/usb_transport.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::drivers::CashDrawer;
using tillbook::drivers::DrawerConfig;
using tillbook::drivers::DrawerPin;
using tillbook::drivers::DrawerState;
using tillbook::drivers::PrintJobState;
using tillbook::drivers::Spooler;
using tillbook::drivers::UsbTransport;
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

TEST_CASE("a drawer kick reaches the emulated USB printer and the drawer reads open then closed") {
    PluggedFakePrinter fake;
    Spooler spooler(std::make_unique<UsbTransport>(FakePrinterOptions()));
    CashDrawer drawer(spooler, Drawer(/*open_when_pin3_high=*/true));

    CHECK(drawer.Poll().state == DrawerState::kClosed);
    const auto kick = drawer.Open();
    REQUIRE(kick.has_value());
    const auto job = spooler.WaitUntilFinished(*kick, 5s);
    REQUIRE(job.has_value());
    CHECK(job->state == PrintJobState::kPrinted);
    CHECK(Hex(fake.printer->ReceivedJobBytes()) == "1B 70 00 19 FA");  // 50 ms on, 500 ms off
    CHECK(fake.printer->DrawerKicks() == 1);
    CHECK(drawer.Poll().state == DrawerState::kOpen);

    fake.printer->CloseDrawer();
    CHECK(drawer.Poll().state == DrawerState::kClosed);
}

TEST_CASE("a drawer whose switch reads low when open is reported with that polarity") {
    PluggedFakePrinter fake;
    Spooler spooler(std::make_unique<UsbTransport>(FakePrinterOptions()));
    CashDrawer drawer(spooler, Drawer(/*open_when_pin3_high=*/false));

    CHECK(drawer.Poll().state == DrawerState::kOpen);  // pin 3 low
    const auto kick = drawer.Open();
    REQUIRE(kick.has_value());
    REQUIRE(spooler.WaitUntilFinished(*kick, 5s).has_value());
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
