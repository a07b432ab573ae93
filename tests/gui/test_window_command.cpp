// The real tillbook-pos's window mode on its command line: a bad script or size is wrong usage
// naming what is wrong, and the verbs keep working beside it.
#include <doctest/doctest.h>

#include <fstream>

#include "run_program.hpp"
#include "temp_dir.hpp"
#include "tillbook/pos/ui/window_command.hpp"

namespace ui = tillbook::pos::ui;
using tillbook::testing::RunProgram;
using tillbook::testing::TempDir;

namespace {

std::string WriteFile(const TempDir& dir, const std::string& name, const std::string& text) {
    const std::string path = dir.File(name);
    std::ofstream(path) << text;
    return path;
}

}  // namespace

TEST_CASE("window sizes are read as width x height within reason") {
    const auto size = ui::ParseWindowSize("1024x768");
    REQUIRE(size.has_value());
    CHECK(size->width == 1024);
    CHECK(size->height == 768);
    CHECK_FALSE(ui::ParseWindowSize("1024").has_value());
    CHECK_FALSE(ui::ParseWindowSize("1024x").has_value());
    CHECK_FALSE(ui::ParseWindowSize("100x100").has_value());
    CHECK_FALSE(ui::ParseWindowSize("1024x768x24").has_value());
    CHECK_FALSE(ui::ParseWindowSize("-1024x768").has_value());
}

TEST_CASE("tillbook-pos refuses a script with a bad line before opening a window, naming it") {
    const TempDir dir("window-command");
    const auto script = WriteFile(dir, "bad.till", "login 1111\ntap Pay\n");
    const auto run =
        RunProgram(TILLBOOK_POS_EXE, {"--db", dir.File("till.db"), "--script", script});
    CHECK(run.code == 2);
    CHECK(run.err.find("bad.till: line 2: tap needs its text in double quotes") !=
          std::string::npos);
}

TEST_CASE("tillbook-pos refuses a window size it cannot use and an option it does not take") {
    const TempDir dir("window-command");
    const auto size = RunProgram(TILLBOOK_POS_EXE, {"--db", dir.File("till.db"), "--size", "big"});
    CHECK(size.code == 2);
    CHECK(size.err.find("--size big: give width x height in pixels") != std::string::npos);
    const auto option =
        RunProgram(TILLBOOK_POS_EXE, {"--db", dir.File("till.db"), "--colour", "blue"});
    CHECK(option.code == 2);
    CHECK(option.err.find("the window does not take --colour") != std::string::npos);
}

TEST_CASE("tillbook-pos's help shows the window beside the command-line verbs") {
    const auto run = RunProgram(TILLBOOK_POS_EXE, {"--help"});
    CHECK(run.code == 0);
    CHECK(run.out.find("shift open") != std::string::npos);
    CHECK(run.out.find("--script FILE [--screenshot-dir DIR]") != std::string::npos);
}
