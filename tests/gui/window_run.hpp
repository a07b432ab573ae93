#pragma once
// Runs the till's window in this process against a model, under a private Xvfb, driven by a
// script given as text; answers the exit code and what the window logged.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "tillbook/pos/ui/till_window.hpp"
#include "xvfb_display.hpp"

namespace tillbook::testing {

struct WindowRun {
    int exit_code = -1;
    std::string log;
};

// Where the window tests keep their screenshots (test artefacts, under the build folder): a
// folder for `test`, emptied for this run.
inline std::filesystem::path FreshScreenshotDir(std::string_view test) {
    const auto dir = std::filesystem::path(TILLBOOK_GUI_ARTEFACTS_DIR) / test;
    std::filesystem::remove_all(dir);
    return dir;
}

inline WindowRun RunScriptedWindow(pos::app::TillModel& model, std::string_view script_text,
                                   pos::ui::WindowSize size = {},
                                   const std::filesystem::path& screenshots = {}) {
    auto script = pos::ui::ParseScript(script_text);
    REQUIRE_MESSAGE(script.has_value(), script.error().message);
    std::ostringstream log;
    pos::ui::TillWindowOptions options;
    options.size = size;
    options.script = *script;
    options.screenshot_dir = screenshots;
    options.log = &log;
    const int code = pos::ui::RunTillWindow(model, options);
    return WindowRun{code, log.str()};
}

}  // namespace tillbook::testing
