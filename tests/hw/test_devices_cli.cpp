// tillbook-devices end to end with real parts: the commands run in-process (so that the umockdev
// testbed applies to libusb) against an emulated USB printer, a loopback network printer, a file
// and a pseudo-terminal scanner; and the built binary for its exit codes.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "byte_text.hpp"
#include "devices_commands.hpp"
#include "escpos_decoder.hpp"
#include "fake_network_printer.hpp"
#include "fake_usb_printer.hpp"
#include "loopback_socket.hpp"
#include "pseudo_terminal.hpp"
#include "temp_dir.hpp"
#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/drivers/receipt_renderer.hpp"

namespace {

using tillbook::testing::PseudoTerminal;

using namespace std::chrono_literals;
using tillbook::testing::DecodeEscPos;
using tillbook::testing::FakeNetworkPrinter;
using tillbook::testing::Hex;
using tillbook::testing::PluggedFakePrinter;

struct Run {
    int code = -1;
    std::string out;
    std::string err;
};

// tillbook-devices with these words, as main() would run it.
Run Devices(std::vector<std::string> words) {
    std::vector<const char*> argv{"tillbook-devices"};
    for (const std::string& word : words)
        argv.push_back(word.c_str());
    auto args = tillbook::cli::ParseArgs(static_cast<int>(argv.size()), argv.data(), {});
    REQUIRE_MESSAGE(args.has_value(), args.error().message);
    std::ostringstream out;
    std::ostringstream err;
    Run run;
    run.code = tillbook::devices::RunDevicesCommand(*args, out, err);
    run.out = out.str();
    run.err = err.str();
    return run;
}

bool Contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string ReadFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream contents;
    contents << file.rdbuf();
    return contents.str();
}

std::string TestPageBytes(const std::string& profile_name) {
    auto profile = tillbook::drivers::LoadPrinterProfile(profile_name);
    REQUIRE(profile.has_value());
    auto bytes = tillbook::drivers::RenderTestPage(*profile);
    REQUIRE(bytes.has_value());
    return *bytes;
}

std::string TcpUri(std::uint16_t port) {
    return "tcp://127.0.0.1:" + std::to_string(port);
}

// The bytes of a job without the spooler's DLE EOT requests around it.
std::string WithoutStatusRequests(std::string bytes) {
    for (auto at = bytes.find("\x10\x04"); at != std::string::npos; at = bytes.find("\x10\x04"))
        bytes.erase(at, 3);
    return bytes;
}

}  // namespace

TEST_CASE("tillbook-devices list shows an emulated USB printer with its IEEE 1284 id") {
    PluggedFakePrinter fake;
    const Run run = Devices({"list"});
    INFO(run.out, run.err);
    CHECK(run.code == 0);
    CHECK(Contains(run.out, "USB printers:"));
    CHECK(Contains(run.out, "001:002  04b8:0e15"));
    CHECK(Contains(run.out, "TM-T20II serial TESTSERIAL"));
    CHECK(Contains(run.out, "bidirectional"));
    CHECK(Contains(run.out, "IEEE 1284: MFG:EPSON;CMD:ESC/POS;MDL:TM-T20II;"));
    CHECK(Contains(run.out, "uri usb:04b8:0e15?serial=TESTSERIAL"));
}

TEST_CASE("tillbook-devices test-page through an emulated USB printer arrives byte for byte") {
    PluggedFakePrinter fake;
    const Run run = Devices(
        {"test-page", "--printer", "usb:04b8:0e15?serial=TESTSERIAL", "--profile", "epson-tm-t20"});
    INFO(run.out, run.err);
    REQUIRE(run.code == 0);
    CHECK(Contains(run.out, "test page printed on usb 04b8:0e15"));
    CHECK(Contains(run.out, "printer ready"));
    CHECK(Hex(fake.printer->ReceivedJobBytes()) == Hex(TestPageBytes("epson-tm-t20")));
}

TEST_CASE("tillbook-devices kick-drawer opens an emulated USB printer's drawer and reads it") {
    PluggedFakePrinter fake;
    const Run run =
        Devices({"kick-drawer", "--printer", "usb:04b8:0e15", "--profile", "epson-tm-t20"});
    INFO(run.out, run.err);
    REQUIRE(run.code == 0);
    CHECK(fake.printer->DrawerKicks() == 1);
    CHECK(Contains(run.out, "drawer kick sent to usb 04b8:0e15"));
    CHECK(Contains(run.out, "(pin 2, 50 ms on, 500 ms off)"));
    CHECK(Contains(run.out, "drawer open"));
}

TEST_CASE("tillbook-devices kick-drawer opens the drawer of a USB printer out of paper") {
    PluggedFakePrinter fake;
    fake.printer->SetPaperLeft(0);
    const Run run =
        Devices({"kick-drawer", "--printer", "usb:04b8:0e15", "--profile", "epson-tm-t20"});
    INFO(run.out, run.err);
    REQUIRE(run.code == 0);
    CHECK(fake.printer->DrawerKicks() == 1);
    CHECK(Hex(fake.printer->ReceivedJobBytes()) == "10 14 01 00 01");  // DLE DC4 1, pin 2, 100 ms
    CHECK(Contains(run.out, "drawer kick sent to usb 04b8:0e15 as the real-time pulse"));
    CHECK(Contains(run.out, "(pin 2, 100 ms on, 100 ms off): printer offline: out of paper"));
    CHECK(Contains(run.out, "drawer open"));
}

TEST_CASE("tillbook-devices test-page to a file uri writes a well-formed test page") {
    tillbook::testing::TempDir dir("devices-cli");
    const std::string path = dir.File("test-page.bin");
    const Run run =
        Devices({"test-page", "--printer", "file:" + path, "--profile", "generic-58mm"});
    INFO(run.out, run.err);
    REQUIRE(run.code == 0);
    CHECK(Contains(run.out, "test page printed on file"));
    const std::string bytes = ReadFile(path);
    CHECK(Hex(bytes) == Hex(TestPageBytes("generic-58mm")));
    auto decoded = DecodeEscPos(bytes);
    REQUIRE_MESSAGE(decoded.has_value(), decoded.error().reason);
    const auto texts = decoded->Texts();
    CHECK(
        std::ranges::any_of(texts, [](const std::string& t) { return Contains(t, "TEST PAGE"); }));
    CHECK(std::ranges::any_of(texts,
                              [](const std::string& t) { return Contains(t, "generic-58mm"); }));
}

TEST_CASE("tillbook-devices test-page reaches a network printer named in a config file") {
    FakeNetworkPrinter printer;
    tillbook::testing::TempDir dir("devices-cli");
    const std::string config = dir.File("till.json");
    std::ofstream(config) << R"({"printer": {"uri": ")" << TcpUri(printer.Port())
                          << R"(", "profile": "epson-tm-t88"}})";
    const Run run = Devices({"test-page", "--config", config});
    INFO(run.out, run.err);
    REQUIRE(run.code == 0);
    CHECK(
        Contains(run.out, "test page printed on tcp 127.0.0.1:" + std::to_string(printer.Port())));
    const auto jobs = printer.WaitForJobs(1, 3000ms);
    REQUIRE(jobs.size() == 1);
    const std::string job = WithoutStatusRequests(jobs[0]);
    CHECK(Hex(job) == Hex(TestPageBytes("epson-tm-t88")));
    auto decoded = DecodeEscPos(job);
    REQUIRE_MESSAGE(decoded.has_value(), decoded.error().reason);
}

TEST_CASE("tillbook-devices status reports a network printer's problems and its drawer") {
    FakeNetworkPrinter printer;
    const std::vector<std::string> words{"status", "--printer", TcpUri(printer.Port()), "--profile",
                                         "epson-tm-t20"};
    const Run ready = Devices(words);
    INFO(ready.out, ready.err);
    REQUIRE(ready.code == 0);
    CHECK(Contains(ready.out, ": ready\n"));
    CHECK(Contains(ready.out, "drawer closed"));

    printer.SetStatusReply(1, 0x16);  // pin 3 high: open with the default polarity
    printer.SetStatusReply(2, 0x16);  // cover open
    const Run problems = Devices(words);
    INFO(problems.out, problems.err);
    REQUIRE(problems.code == 0);
    CHECK(Contains(problems.out, "cover open"));
    CHECK(Contains(problems.out, "drawer open"));
}

TEST_CASE("tillbook-devices kick-drawer sends the configured pulse to a network printer") {
    FakeNetworkPrinter printer;
    tillbook::testing::TempDir dir("devices-cli");
    const std::string config = dir.File("till.json");
    std::ofstream(config) << R"({"printer": {"uri": ")" << TcpUri(printer.Port())
                          << R"(", "profile": "epson-tm-t20"},
        "drawer": {"pin": 5, "open_when_pin3": "low", "pulse_on_ms": 100}})";
    const Run run = Devices({"kick-drawer", "--config", config});
    INFO(run.out, run.err);
    REQUIRE(run.code == 0);
    CHECK(Contains(run.out, "(pin 5, 100 ms on, 500 ms off)"));
    // Pin 3 reads low (0x12), which this drawer's polarity calls open.
    CHECK(Contains(run.out, "drawer open"));
    const auto jobs = printer.WaitForJobs(1, 3000ms);
    REQUIRE_FALSE(jobs.empty());
    // ESC p 1 t1 t2 in units of 2 ms: pin 5, 100 ms on, 500 ms off.
    CHECK(Contains(Hex(jobs[0]), Hex("\x1b\x70\x01\x32\xfa")));
}

TEST_CASE("kick-drawer refuses a printer whose profile has no drawer on that pin") {
    tillbook::testing::TempDir dir("devices-cli");
    const std::string path = dir.File("recording.bin");
    std::ofstream(dir.File("till.json"))
        << R"({"printer": {"uri": "file:)" << path << R"(", "profile": "generic-58mm"},
        "drawer": {"pin": 5, "open_when_pin3": "high"}})";
    const Run run = Devices({"kick-drawer", "--config", dir.File("till.json")});
    INFO(run.out, run.err);
    CHECK(run.code == 1);
    CHECK(Contains(run.err, "drawer.pin: "));
    CHECK(Contains(run.err, "no drawer on pin 5"));
    CHECK_FALSE(std::filesystem::exists(path));  // nothing was sent
}

TEST_CASE("an offline printer gives exit 1 and the reason in one line") {
    const auto port = tillbook::testing::FreePort();
    const std::string where = "tcp 127.0.0.1:" + std::to_string(port);
    for (const char* command : {"test-page", "kick-drawer", "status"}) {
        CAPTURE(command);
        const Run run = Devices({command, "--printer", TcpUri(port), "--profile", "epson-tm-t20"});
        INFO(run.out, run.err);
        CHECK(run.code == 1);
        CHECK(Contains(run.err, "printer offline: " + where + ": "));
        CHECK(Contains(run.err, "refused"));
        CHECK(run.err.find('\n') == run.err.size() - 1);
    }
}

TEST_CASE("a missing printer device node is reported as not found") {
    const Run run = Devices({"test-page", "--printer", "file:/dev/tillbook-test-no-such-lp",
                             "--profile", "epson-tm-t20"});
    INFO(run.out, run.err);
    CHECK(run.code == 1);
    CHECK(Contains(run.err, "printer not found: file /dev/tillbook-test-no-such-lp"));
    const Run status = Devices(
        {"status", "--printer", "file:/dev/tillbook-test-no-such-lp", "--profile", "epson-tm-t20"});
    CHECK(status.code == 1);
    CHECK(Contains(status.err, "printer not found: file /dev/tillbook-test-no-such-lp"));
}

TEST_CASE("a printer that only takes data cannot report status, and says so") {
    tillbook::testing::TempDir dir("devices-cli");
    const std::string path = dir.File("recording.bin");
    const Run run = Devices({"status", "--printer", "file:" + path, "--profile", "epson-tm-t20"});
    INFO(run.out, run.err);
    CHECK(run.code == 1);
    CHECK(Contains(run.err, "file " + path + ": cannot report the printer's status"));
}

TEST_CASE("tillbook-devices status reads an emulated USB printer's status") {
    PluggedFakePrinter fake;
    const std::vector<std::string> words{"status", "--printer", "usb:04b8:0e15", "--profile",
                                         "epson-tm-t20"};
    const Run ready = Devices(words);
    INFO(ready.out, ready.err);
    REQUIRE(ready.code == 0);
    CHECK(Contains(ready.out, "printer usb 04b8:0e15"));
    CHECK(Contains(ready.out, ": ready\n"));
    CHECK(Contains(ready.out, "drawer closed"));

    fake.printer->SetCoverOpen(true);
    const Run cover = Devices(words);
    INFO(cover.out, cover.err);
    REQUIRE(cover.code == 0);
    CHECK(Contains(cover.out, "cover open"));
}

TEST_CASE("wrong usage exits 2 with the usage text") {
    const std::vector<std::vector<std::string>> wrong{
        {},
        {"print"},
        {"list", "extra"},
        {"test-page"},
        {"test-page", "--printer", "usb:"},
        {"test-page", "--printer", "usb:", "--profile", "epson-tm-t20", "--config", "x.json"},
        {"status", "--printer", "usb:", "--profile", "epson-tm-t20", "--colour", "red"},
        {"kick-drawer", "--printer", "usb:", "--profile", "epson-tm-t20", "--watch", "soon"},
        {"scans"},
        {"scans", "--scanner", "serial:/dev/ttyACM0", "--count", "-1"},
    };
    for (const auto& words : wrong) {
        const Run run = Devices(words);
        INFO(run.out, run.err);
        CAPTURE(words.size());
        CHECK(run.code == 2);
        CHECK(Contains(run.err, "usage:"));
    }
}

TEST_CASE("bad settings give exit 1 naming the setting") {
    tillbook::testing::TempDir dir("devices-cli");
    const std::string config = dir.File("till.json");
    std::ofstream(config) << R"({"printer": {"uri": "tcp://printer:99999", "profile": "tm"},
                                 "scanners": [{"uri": "serial:/dev/ttyACM0", "layout": "de"}]})";
    const Run file = Devices({"status", "--config", config});
    INFO(file.out, file.err);
    CHECK(file.code == 1);
    CHECK(Contains(file.err, "till.json: printer.uri: "));
    CHECK(Contains(file.err, "scanners[0].layout: us or uk"));

    const Run profile = Devices({"test-page", "--printer", "usb:", "--profile", "no-such-printer"});
    CHECK(profile.code == 1);
    CHECK(Contains(profile.err, "no-such-printer"));

    const Run uri = Devices({"test-page", "--printer", "lpt1", "--profile", "epson-tm-t20"});
    CHECK(uri.code == 1);
    CHECK(Contains(uri.err, "printer.uri: \"lpt1\": not a printer URI"));
}

TEST_CASE("tillbook-devices scans prints each barcode with its symbology and check digit") {
    PseudoTerminal tty;
    tty.SendWhenRaw("4006381333931\r\n4006381333932\r\nABC-123\r\n");
    const Run run = Devices(
        {"scans", "--scanner", "serial:" + tty.SlavePath(), "--count", "3", "--timeout", "10"});
    INFO(run.out, run.err);
    REQUIRE(run.code == 0);
    CHECK(Contains(run.out, "reading serial " + tty.SlavePath()));
    CHECK(Contains(run.out, "4006381333931  EAN-13  check digit valid\n"));
    CHECK(Contains(run.out, "4006381333932  EAN-13  bad check digit\n"));
    CHECK(Contains(run.out, "ABC-123  Code 128 or other  no check digit\n"));
}

TEST_CASE("tillbook-devices scans reads every scanner of a config file and names each") {
    PseudoTerminal first;
    PseudoTerminal second;
    tillbook::testing::TempDir dir("devices-cli");
    const std::string config = dir.File("till.json");
    std::ofstream(config) << R"({"scanners": [{"uri": "serial:)" << first.SlavePath()
                          << R"("}, {"uri": "serial:)" << second.SlavePath()
                          << R"(", "suffix": "tab"}]})";
    first.SendWhenRaw("4006381333931\r");
    second.SendWhenRaw("96385074\t");
    const Run run = Devices({"scans", "--config", config, "--count", "2", "--timeout", "10"});
    INFO(run.out, run.err);
    REQUIRE(run.code == 0);
    CHECK(Contains(run.out,
                   "serial " + first.SlavePath() + ": 4006381333931  EAN-13  check digit valid"));
    CHECK(
        Contains(run.out, "serial " + second.SlavePath() + ": 96385074  EAN-8  check digit valid"));
}

TEST_CASE("tillbook-devices scans stops at its timeout and says how many came") {
    PseudoTerminal tty;
    const auto started = std::chrono::steady_clock::now();
    const Run run = Devices(
        {"scans", "--scanner", "serial:" + tty.SlavePath(), "--count", "1", "--timeout", "1"});
    INFO(run.out, run.err);
    CHECK(run.code == 1);
    CHECK(Contains(run.err, "0 of 1 barcodes scanned before the 1 s timeout"));
    CHECK(std::chrono::steady_clock::now() - started < 4s);

    const Run missing =
        Devices({"scans", "--scanner", "serial:/dev/tillbook-test-no-such-tty", "--timeout", "1"});
    CHECK(missing.code == 1);
    CHECK(Contains(missing.err, "/dev/tillbook-test-no-such-tty"));
}

TEST_CASE("the tillbook-devices program exits 2 on wrong usage and 1 when the printer is off") {
    tillbook::testing::TempDir dir("devices-cli");
    const std::string out = dir.File("out.txt");
    const std::string err = dir.File("err.txt");
    const auto run = [&](const std::string& arguments) {
        const std::string command = std::string{TILLBOOK_DEVICES_EXE} + " " + arguments + " >" +
                                    out + " 2>" + err + " </dev/null";
        const int status = std::system(command.c_str());
        REQUIRE(WIFEXITED(status));
        return WEXITSTATUS(status);
    };
    CHECK(run("") == 2);
    CHECK(Contains(ReadFile(err), "usage:"));
    CHECK(run("--printer") == 2);
    CHECK(Contains(ReadFile(err), "--printer needs a value"));
    const auto port = tillbook::testing::FreePort();
    CHECK(run("status --printer " + TcpUri(port) + " --profile epson-tm-t20") == 1);
    CHECK(Contains(ReadFile(err), "printer offline: tcp 127.0.0.1:" + std::to_string(port)));
}
