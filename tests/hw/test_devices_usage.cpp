// The real tillbook-devices binary's usage: what --help shows, and what wrong usage answers.
#include <doctest/doctest.h>

#include "run_program.hpp"

using tillbook::testing::CheckHelpAnswer;
using tillbook::testing::CheckWrongUsage;

namespace {

const std::string kDevices = TILLBOOK_DEVICES_EXE;

}  // namespace

TEST_CASE("tillbook-devices --help shows every command, and each command's help every option") {
    const std::vector<std::string> printer{"--config",   "--printer",     "--profile",
                                           "--profiles", "usb:VVVV:PPPP", "tcp://HOST"};
    std::vector<std::string> drawer = printer;
    drawer.push_back("--watch");
    tillbook::testing::CheckUsageOfEveryCommand(
        kDevices, {{"list", {}},
                   {"test-page", printer},
                   {"kick-drawer", drawer},
                   {"status", printer},
                   {"scans",
                    {"--config", "--scanner", "--layout", "--suffix", "--count", "--timeout",
                     "serial:/dev/ttyACM0"}}});
}

TEST_CASE("tillbook-devices help wins over the rest of the command line and sends nothing") {
    tillbook::testing::TempDir dir("devices-help");
    const std::string recording = dir.File("printer.bin");
    CheckHelpAnswer(
        kDevices,
        {"test-page", "--printer", "file:" + recording, "--profile", "epson-tm-t20", "--help"},
        {"tillbook-devices test-page"});
    CheckHelpAnswer(kDevices, {"kick-drawer", "--watch", "soon", "-h"},
                    {"tillbook-devices kick-drawer"});
    CHECK_FALSE(std::filesystem::exists(recording));
}

TEST_CASE("tillbook-devices wrong usage prints the problem and the usage on stderr, exit 2") {
    CheckWrongUsage(kDevices, {}, "usage:");
    CheckWrongUsage(kDevices, {"print"}, "tillbook-devices: unknown command print\n");
    CheckWrongUsage(kDevices, {"print", "--help"}, "unknown command print\n");
    CheckWrongUsage(kDevices, {"scans"}, "give either --config FILE or --scanner URI\n");
    CheckWrongUsage(kDevices,
                    {"status", "--printer", "usb:", "--profile", "epson-tm-t20", "--x", "y"},
                    "status does not take --x\n");
}
