// UsbTransport and ListUsbPrinters through real libusb against an emulated TM-T20 under umockdev.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>

#include "byte_text.hpp"
#include "fake_usb_printer.hpp"
#include "tillbook/drivers/printer_status.hpp"
#include "tillbook/drivers/usb_transport.hpp"
#include "usb_testbed.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::drivers::ListUsbPrinters;
using tillbook::drivers::StatusQuery;
using tillbook::drivers::StatusRequest;
using tillbook::drivers::TransportFailure;
using tillbook::drivers::UsbPrinterMatch;
using tillbook::drivers::UsbTransport;
using tillbook::testing::FakePrinterOptions;
using tillbook::testing::FakeUsbPrinter;
using tillbook::testing::Hex;
using tillbook::testing::PluggedFakePrinter;
using tillbook::testing::RenderedReceipt;
using tillbook::testing::UsbTestbed;

template <class T>
std::string ErrorText(const T& result) {
    return result.has_value() ? std::string{} : result.error().message;
}

TEST_CASE("a rendered receipt sent through the USB transport arrives byte for byte") {
    PluggedFakePrinter fake;
    UsbTransport transport(FakePrinterOptions());
    const std::string receipt = RenderedReceipt();
    REQUIRE(receipt.size() > 512);  // more than one 512-byte chunk

    const auto opened = transport.Open();
    REQUIRE_MESSAGE(opened.has_value(), ErrorText(opened));
    CHECK(transport.IsOpen());
    CHECK(transport.CanRead());
    CHECK(transport.Describe() == "usb 04b8:0e15 (bus 1 device 2)");
    const auto written = transport.Write(receipt);
    REQUIRE_MESSAGE(written.has_value(), ErrorText(written));
    CHECK(Hex(fake.printer->Received()) == Hex(receipt));
    CHECK(fake.printer->LineFeeds() > 10);

    const auto connected = transport.Connected();
    REQUIRE(connected.has_value());
    CHECK(connected->serial == "TESTSERIAL");
    CHECK(connected->product == "TM-T20II");
    CHECK(connected->bidirectional);
    transport.Close();
    CHECK_FALSE(transport.IsOpen());
    CHECK_FALSE(fake.device.Claimed(0));
}

TEST_CASE("the USB transport detaches usblp before it claims the printer") {
    PluggedFakePrinter fake(/*usblp_bound=*/true);
    REQUIRE(fake.device.KernelDriver(0) == "usblp");
    UsbTransport transport(FakePrinterOptions());
    const auto opened = transport.Open();
    REQUIRE_MESSAGE(opened.has_value(), ErrorText(opened));
    CHECK(fake.device.DetachCount() == 1);
    CHECK(fake.device.KernelDriver(0).empty());
    CHECK(fake.device.Claimed(0));
    REQUIRE(transport.Write("\x1b@hello\n").has_value());
    CHECK(fake.printer->Received() == "\x1b@hello\n");
}

TEST_CASE("closing the USB transport gives the printer back to usblp") {
    PluggedFakePrinter fake(/*usblp_bound=*/true);
    UsbTransport transport(FakePrinterOptions());
    REQUIRE(transport.Open().has_value());
    REQUIRE(fake.device.KernelDriver(0).empty());
    transport.Close();
    CHECK(fake.device.AttachCount() == 1);
    CHECK(fake.device.KernelDriver(0) == "usblp");
    CHECK_FALSE(fake.device.Claimed(0));

    // Opened again, usblp is detached again: the next session finds it the same way.
    REQUIRE(transport.Open().has_value());
    CHECK(fake.device.DetachCount() == 2);
    transport.Close();
    CHECK(fake.device.AttachCount() == 2);
}

TEST_CASE("a printer no kernel driver held is not handed to one on close") {
    PluggedFakePrinter fake(/*usblp_bound=*/false);
    UsbTransport transport(FakePrinterOptions());
    REQUIRE(transport.Open().has_value());
    transport.Close();
    CHECK(fake.device.AttachCount() == 0);
    CHECK(fake.device.KernelDriver(0).empty());
}

TEST_CASE("the USB transport takes its endpoints from the descriptors") {
    PluggedFakePrinter fake(false, /*bulk_out=*/0x03, /*bulk_in=*/0x85);
    UsbTransport transport(FakePrinterOptions());
    REQUIRE(transport.Open().has_value());
    REQUIRE(transport.Write(StatusRequest(StatusQuery::kPrinter)).has_value());
    const auto reply = transport.Read(1, 500ms);
    REQUIRE_MESSAGE(reply.has_value(), ErrorText(reply));
    CHECK(Hex(*reply) == "12");
}

TEST_CASE("a status reply is read from bulk IN and a read with nothing to read times out") {
    PluggedFakePrinter fake;
    fake.printer->SetCoverOpen(true);
    UsbTransport transport(FakePrinterOptions());
    REQUIRE(transport.Open().has_value());
    REQUIRE(transport.Write(StatusRequest(StatusQuery::kOfflineCause)).has_value());
    const auto reply = transport.Read(1, 500ms);
    REQUIRE_MESSAGE(reply.has_value(), ErrorText(reply));
    CHECK(Hex(*reply) == "16");  // cover open

    const auto start = std::chrono::steady_clock::now();
    const auto nothing = transport.Read(1, 100ms);
    REQUIRE_FALSE(nothing.has_value());
    CHECK(nothing.error().failure == TransportFailure::kTimeout);
    const auto instant = transport.Read(64, 0ms);  // 0 must not mean "wait for ever"
    CHECK_FALSE(instant.has_value());
    CHECK(std::chrono::steady_clock::now() - start < 2s);
    CHECK(transport.IsOpen());
    CHECK(fake.device.PendingUrbs() == 0);  // the timed-out reads were cancelled
}

TEST_CASE("a USB write the printer stops taking times out with the bytes sent and stays open") {
    PluggedFakePrinter fake;
    fake.printer->StallAfter(10);
    UsbTransport transport(FakePrinterOptions(200ms));
    REQUIRE(transport.Open().has_value());
    const std::string job = "\x1b@" + std::string(98, 'x');
    const auto start = std::chrono::steady_clock::now();
    const auto written = transport.Write(job);
    CHECK(std::chrono::steady_clock::now() - start < 2s);
    REQUIRE_FALSE(written.has_value());
    CHECK(written.error().failure == TransportFailure::kTimeout);
    CHECK(written.error().bytes_sent == 10);
    CHECK(written.error().message.find("usb 04b8:0e15 (bus 1 device 2): ") == 0);
    CHECK(transport.IsOpen());  // so that the spooler can ask the printer why
    CHECK(fake.printer->Received() == job.substr(0, 10));
}

TEST_CASE("unplugging the USB printer during a write reports it disconnected and closes") {
    PluggedFakePrinter fake;
    fake.printer->StallAfter(20);
    UsbTransport transport(FakePrinterOptions(3000ms));
    REQUIRE(transport.Open().has_value());
    std::thread unplug([&] {
        if (tillbook::testing::WaitFor([&] { return fake.printer->Received().size() >= 20; }))
            fake.device.Unplug();
    });
    const auto start = std::chrono::steady_clock::now();
    const auto written = transport.Write(std::string(100, 'x'));
    unplug.join();
    CHECK(std::chrono::steady_clock::now() - start < 2500ms);  // not the write timeout
    REQUIRE_FALSE(written.has_value());
    CHECK(written.error().failure == TransportFailure::kDisconnected);
    CHECK(written.error().bytes_sent == 20);
    CHECK_FALSE(transport.IsOpen());

    const auto reopened = transport.Open();
    REQUIRE_FALSE(reopened.has_value());
    CHECK(reopened.error().failure == TransportFailure::kNotFound);

    fake.printer->StallAfter(std::nullopt);
    fake.device.Replug();
    const auto back = transport.Open();
    REQUIRE_MESSAGE(back.has_value(), ErrorText(back));
    CHECK(transport.Write("again\n").has_value());
}

TEST_CASE("a USB printer that is not plugged in is reported not found") {
    UsbTestbed testbed;
    UsbTransport transport(FakePrinterOptions());
    const auto opened = transport.Open();
    REQUIRE_FALSE(opened.has_value());
    CHECK(opened.error().failure == TransportFailure::kNotFound);
    CHECK(opened.error().message == "usb 04b8:0e15: no such printer plugged in");
    CHECK_FALSE(transport.IsOpen());
    const auto written = transport.Write("x");
    REQUIRE_FALSE(written.has_value());
    CHECK(written.error().failure == TransportFailure::kDisconnected);
}

TEST_CASE("a USB printer is matched by its serial number when one is configured") {
    PluggedFakePrinter fake;
    auto options = FakePrinterOptions();
    options.match.serial = "OTHER";
    UsbTransport other(options);
    const auto wrong = other.Open();
    REQUIRE_FALSE(wrong.has_value());
    CHECK(wrong.error().failure == TransportFailure::kNotFound);
    CHECK(wrong.error().message.find("04b8:0e15 serial OTHER") != std::string::npos);

    options.match.serial = "TESTSERIAL";
    UsbTransport right(options);
    CHECK(right.Open().has_value());
}

TEST_CASE("any printer-class device is found when no vendor or product is configured") {
    PluggedFakePrinter fake;
    UsbTransport transport(tillbook::drivers::UsbTransportOptions{});
    CHECK(transport.Describe() == "usb any USB printer");
    REQUIRE(transport.Open().has_value());
    CHECK(transport.Connected()->vendor_id == 0x04b8);
}

TEST_CASE("the emulated printer is listed with its IEEE 1284 device id") {
    PluggedFakePrinter fake;
    const auto printers = ListUsbPrinters();
    REQUIRE_MESSAGE(printers.has_value(), ErrorText(printers));
    REQUIRE(printers->size() == 1);
    const auto& printer = printers->front();
    CHECK(printer.vendor_id == 0x04b8);
    CHECK(printer.product_id == 0x0e15);
    CHECK(printer.bus == 1);
    CHECK(printer.address == 2);
    CHECK(printer.manufacturer == "EPSON");
    CHECK(printer.product == "TM-T20II");
    CHECK(printer.serial == "TESTSERIAL");
    CHECK(printer.interface_number == 0);
    CHECK(printer.bidirectional);
    CHECK(printer.device_id == FakeUsbPrinter::kDeviceId);
    CHECK(UsbPrinterMatch{}.Describe() == "any USB printer");
}

}  // namespace
