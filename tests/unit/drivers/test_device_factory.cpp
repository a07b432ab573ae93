// The device factory: each printer URI gives the transport for its connection, each scanner URI
// its reader, with the configured settings. Real parts: a file, a loopback fake network printer,
// a pseudo-terminal standing in for a CDC-ACM scanner.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "fake_network_printer.hpp"
#include "loopback_socket.hpp"
#include "pseudo_terminal.hpp"
#include "temp_dir.hpp"
#include "tillbook/drivers/device_factory.hpp"

namespace {

using tillbook::testing::PseudoTerminal;

using namespace std::chrono_literals;
using tillbook::drivers::CheckDigit;
using tillbook::drivers::MakeBarcodeSource;
using tillbook::drivers::MakePrinterConfig;
using tillbook::drivers::MakePrinterTransport;
using tillbook::drivers::MakeScannerConfig;
using tillbook::drivers::PrinterConfig;
using tillbook::drivers::ScannerConfig;
using tillbook::drivers::TransportFailure;
using tillbook::testing::FakeNetworkPrinter;

PrinterConfig Printer(const std::string& uri) {
    auto config = MakePrinterConfig(uri, "epson-tm-t20");
    REQUIRE_MESSAGE(config.has_value(), config.error().message);
    return *config;
}

ScannerConfig Scanner(const std::string& uri, const std::string& suffix = {}) {
    auto config = MakeScannerConfig(uri, "us", suffix);
    REQUIRE_MESSAGE(config.has_value(), config.error().message);
    return *config;
}

std::string ReadFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream contents;
    contents << file.rdbuf();
    return contents.str();
}

}  // namespace

TEST_CASE("a file printer uri records every job in the file") {
    tillbook::testing::TempDir dir("device-factory");
    const std::string path = dir.File("receipts.bin");
    auto transport = MakePrinterTransport(Printer("file:" + path));
    REQUIRE(transport != nullptr);
    CHECK(transport->Describe().find(path) != std::string::npos);
    CHECK_FALSE(transport->CanRead());
    REQUIRE(transport->Open().has_value());
    REQUIRE(transport->Write("\x1b@first\n").has_value());
    transport->Close();
    REQUIRE(transport->Open().has_value());
    REQUIRE(transport->Write("second\n").has_value());
    transport->Close();
    CHECK(ReadFile(path) == "\x1b@first\nsecond\n");
}

TEST_CASE("a device node that is missing is an unplugged printer, not a file to create") {
    const std::string node = "/dev/tillbook-test-no-such-lp";
    REQUIRE_FALSE(std::filesystem::exists(node));
    auto transport = MakePrinterTransport(Printer("file:" + node));
    auto opened = transport->Open();
    REQUIRE_FALSE(opened.has_value());
    CHECK(opened.error().failure == TransportFailure::kNotFound);
    CHECK_FALSE(std::filesystem::exists(node));
}

TEST_CASE("a tcp printer uri sends to that host and port and reads status back") {
    FakeNetworkPrinter printer;
    auto transport =
        MakePrinterTransport(Printer("tcp://127.0.0.1:" + std::to_string(printer.Port())));
    CHECK(transport->Describe() == "tcp 127.0.0.1:" + std::to_string(printer.Port()));
    CHECK(transport->CanRead());
    REQUIRE(transport->Open().has_value());
    REQUIRE(transport->Write("\x1b@hello\n\x10\x04\x01").has_value());
    auto reply = transport->Read(1, 2000ms);
    REQUIRE(reply.has_value());
    CHECK(*reply == "\x12");
    transport->Close();
    const auto jobs = printer.WaitForJobs(1, 3000ms);
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0] == "\x1b@hello\n\x10\x04\x01");
}

TEST_CASE("the configured timeouts reach the tcp transport") {
    // Nobody listens on this port: refused at once, reported as offline with where it is.
    const auto port = tillbook::testing::FreePort();
    tillbook::drivers::TransportTimeouts timeouts;
    timeouts.connect = 500ms;
    auto transport =
        MakePrinterTransport(Printer("tcp://127.0.0.1:" + std::to_string(port)), timeouts);
    const auto started = std::chrono::steady_clock::now();
    auto opened = transport->Open();
    REQUIRE_FALSE(opened.has_value());
    CHECK(opened.error().failure == TransportFailure::kOffline);
    CHECK(opened.error().message.find("127.0.0.1:" + std::to_string(port)) != std::string::npos);
    CHECK(std::chrono::steady_clock::now() - started < 2s);
}

TEST_CASE("usb and cups printer uris give transports that name their printer") {
    auto usb = MakePrinterTransport(Printer("usb:04b8:0e15?serial=TESTSERIAL"));
    REQUIRE(usb != nullptr);
    CHECK(usb->Describe().find("04b8:0e15") != std::string::npos);
    CHECK_FALSE(usb->IsOpen());

    auto cups = MakePrinterTransport(Printer("cups:receipts@127.0.0.1:8631"));
    REQUIRE(cups != nullptr);
    CHECK(cups->Describe().find("receipts") != std::string::npos);
    CHECK_FALSE(cups->CanRead());
    CHECK_FALSE(cups->IsOpen());
}

TEST_CASE("a serial scanner uri reads scans from that tty with the configured suffix") {
    PseudoTerminal tty;
    auto source = MakeBarcodeSource(Scanner("serial:" + tty.SlavePath()));
    REQUIRE(source != nullptr);
    CHECK(source->Describe().find(tty.SlavePath()) != std::string::npos);
    auto opened = source->Open();
    REQUIRE_MESSAGE(opened.has_value(), opened.error().message);
    tty.Send("4006381333931\r\n4006381333932\r\n");
    auto first = source->Next(2000ms);
    REQUIRE(first.has_value());
    REQUIRE(first->has_value());
    CHECK((*first)->text == "4006381333931");
    CHECK((*first)->check_digit == CheckDigit::kValid);
    auto second = source->Next(2000ms);
    REQUIRE(second.has_value());
    REQUIRE(second->has_value());
    CHECK((*second)->check_digit == CheckDigit::kInvalid);
    source->Close();
}

TEST_CASE("a serial scanner set to a tab suffix ends scans on tab") {
    PseudoTerminal tty;
    auto source = MakeBarcodeSource(Scanner("serial:" + tty.SlavePath(), "tab"));
    REQUIRE(source->Open().has_value());
    tty.Send("ABC-123\t");
    auto scan = source->Next(2000ms);
    REQUIRE(scan.has_value());
    REQUIRE(scan->has_value());
    CHECK((*scan)->text == "ABC-123");
    source->Close();
}

TEST_CASE("evdev and usb-hid scanner uris give readers that name their device") {
    auto evdev = MakeBarcodeSource(Scanner("evdev:/dev/input/tillbook-test-no-such-event"));
    REQUIRE(evdev != nullptr);
    CHECK(evdev->Describe().find("/dev/input/tillbook-test-no-such-event") != std::string::npos);
    auto opened = evdev->Open();
    REQUIRE_FALSE(opened.has_value());
    CHECK(opened.error().message.find("tillbook-test-no-such-event") != std::string::npos);

    auto hid = MakeBarcodeSource(Scanner("usb-hid:05e0:1200"));
    REQUIRE(hid != nullptr);
    CHECK(hid->Describe().find("05e0:1200") != std::string::npos);
    CHECK_FALSE(hid->IsOpen());
}
