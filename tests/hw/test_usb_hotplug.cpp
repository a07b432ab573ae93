// UsbWatcher: libusb hotplug under umockdev (synthetic uevents), for printers only.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>

#include "fake_usb_printer.hpp"
#include "tillbook/drivers/usb_watcher.hpp"
#include "usb_testbed.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::drivers::UsbPrinterEventKind;
using tillbook::drivers::UsbPrinterMatch;
using tillbook::drivers::UsbWatcher;
using tillbook::testing::FakeUsbPrinter;
using tillbook::testing::UsbDeviceModel;
using tillbook::testing::UsbDeviceSpec;
using tillbook::testing::UsbInterfaceSpec;
using tillbook::testing::UsbTestbed;

std::unique_ptr<UsbWatcher> Watch(UsbPrinterMatch match) {
    auto watcher = UsbWatcher::Start(std::move(match));
    REQUIRE_MESSAGE(watcher.has_value(), (watcher ? std::string{} : watcher.error().message));
    return std::move(*watcher);
}

TEST_CASE("the USB watcher reports a printer arriving, leaving and arriving again") {
    UsbTestbed testbed;
    UsbPrinterMatch match;
    match.vendor_id = FakeUsbPrinter::kVendorId;
    match.product_id = FakeUsbPrinter::kProductId;
    auto watcher = Watch(match);
    CHECK_FALSE(watcher->WaitForEvent(200ms).has_value());

    auto& device = testbed.AddDevice(FakeUsbPrinter::Spec(), std::make_shared<FakeUsbPrinter>());
    const auto arrived = watcher->WaitForEvent(3s);
    REQUIRE(arrived.has_value());
    CHECK(arrived->kind == UsbPrinterEventKind::kArrived);
    CHECK(arrived->printer.vendor_id == 0x04b8);
    CHECK(arrived->printer.serial == "TESTSERIAL");
    CHECK(arrived->printer.device_id == FakeUsbPrinter::kDeviceId);

    device.Unplug();
    const auto left = watcher->WaitForEvent(3s);
    REQUIRE(left.has_value());
    CHECK(left->kind == UsbPrinterEventKind::kLeft);
    CHECK(left->printer.serial == "TESTSERIAL");
    CHECK(left->printer.bus == 1);
    CHECK(left->printer.address == 2);

    device.Replug();
    const auto back = watcher->WaitForEvent(3s);
    REQUIRE(back.has_value());
    CHECK(back->kind == UsbPrinterEventKind::kArrived);
    CHECK(watcher->TakeEvents().empty());
}

TEST_CASE("the USB watcher reports printers already plugged in and ignores other devices") {
    UsbTestbed testbed;
    testbed.AddDevice(FakeUsbPrinter::Spec(), std::make_shared<FakeUsbPrinter>());
    auto watcher = Watch(UsbPrinterMatch{});
    const auto present = watcher->WaitForEvent(3s);
    REQUIRE(present.has_value());
    CHECK(present->kind == UsbPrinterEventKind::kArrived);
    CHECK(present->printer.product_id == 0x0e15);

    // A HID keyboard (class 3, interrupt IN 0x81) is no printer.
    UsbDeviceSpec keyboard;
    keyboard.sysfs_path = "/devices/usb1/1-2";
    keyboard.address = 3;
    keyboard.descriptors_hex =
        "12010002000000080C05AA0A0001010203010902220001010080320904000001030101000921110100012"
        "23F000705810308000A";
    keyboard.interfaces.push_back(UsbInterfaceSpec{0, 3, 1, 1, 1, "usbhid"});
    testbed.AddDevice(keyboard, std::make_shared<UsbDeviceModel>());
    CHECK_FALSE(watcher->WaitForEvent(400ms).has_value());

    // A second printer after it is reported: the keyboard was skipped, not just slow.
    UsbDeviceSpec second = FakeUsbPrinter::Spec();
    second.sysfs_path = "/devices/usb1/1-3";
    second.address = 4;
    testbed.AddDevice(second, std::make_shared<FakeUsbPrinter>());
    const auto next = watcher->WaitForEvent(3s);
    REQUIRE(next.has_value());
    CHECK(next->kind == UsbPrinterEventKind::kArrived);
    CHECK(next->printer.address == 4);
}

TEST_CASE("a printer whose serial cannot be read is still reported when vendor and product match") {
    UsbTestbed testbed;
    UsbPrinterMatch match;
    match.vendor_id = FakeUsbPrinter::kVendorId;
    match.product_id = FakeUsbPrinter::kProductId;
    match.serial = std::string(FakeUsbPrinter::kSerial);
    auto watcher = Watch(match);

    // A printer with the right serial is reported with it, and checked.
    auto& known = testbed.AddDevice(FakeUsbPrinter::Spec(), std::make_shared<FakeUsbPrinter>());
    const auto first = watcher->WaitForEvent(3s);
    REQUIRE(first.has_value());
    CHECK(first->printer.serial == FakeUsbPrinter::kSerial);
    CHECK_FALSE(first->serial_unknown);
    known.Unplug();
    REQUIRE(watcher->WaitForEvent(3s).has_value());

    // Same vendor:product, but every string request and GET_DEVICE_ID stalls (the base model
    // answers no control request), so the strings stay unknown through the watcher's retries.
    UsbDeviceSpec mute = FakeUsbPrinter::Spec();
    mute.sysfs_path = "/devices/usb1/1-4";
    mute.address = 5;
    mute.manufacturer.clear();
    mute.product.clear();
    mute.serial.clear();
    auto& device = testbed.AddDevice(mute, std::make_shared<UsbDeviceModel>());
    const auto arrived = watcher->WaitForEvent(3s);
    REQUIRE(arrived.has_value());
    CHECK(arrived->kind == UsbPrinterEventKind::kArrived);
    CHECK(arrived->printer.address == 5);
    CHECK(arrived->printer.serial.empty());
    CHECK(arrived->serial_unknown);

    device.Unplug();
    const auto left = watcher->WaitForEvent(3s);
    REQUIRE(left.has_value());
    CHECK(left->kind == UsbPrinterEventKind::kLeft);
    CHECK(left->printer.address == 5);

    // A printer whose serial was read and differs is still not the one configured.
    UsbDeviceSpec other = FakeUsbPrinter::Spec();
    other.sysfs_path = "/devices/usb1/1-5";
    other.address = 6;
    other.serial = "OTHERSERIAL";
    testbed.AddDevice(other, std::make_shared<FakeUsbPrinter>());
    CHECK_FALSE(watcher->WaitForEvent(500ms).has_value());
}

TEST_CASE("the USB watcher says which printers it follows in its event kinds") {
    CHECK(tillbook::drivers::ToString(UsbPrinterEventKind::kArrived) == "arrived");
    CHECK(tillbook::drivers::ToString(UsbPrinterEventKind::kLeft) == "left");
}

}  // namespace
