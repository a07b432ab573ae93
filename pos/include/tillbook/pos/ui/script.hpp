#pragma once
// The scripted mode's language: one step a line; '#' at the start of a line or after a space
// (outside quotes) starts a comment; blank lines are skipped.
//
//   login PIN              press the PIN pad's digits and OK, as a person would
//   scan BARCODE           a code from the scanner, as the device worker delivers it
//   tap "LABEL"            press the visible control with that label (missing or ambiguous fails)
//   type TEXT              characters into the focused field (the rest of the line, or "quoted")
//   expect-text "TEXT"     TEXT is visible within 2 s
//   wait-sync              until the status bar shows nothing unsent, 15 s at most
//   screenshot NAME.png    the window as a PNG in --screenshot-dir
//   quit                   stop here, passed
//
// Labels and texts are in double quotes, with \" and \\ inside.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"

namespace tillbook::pos::ui {

enum class StepKind : int {
    kLogin = 1,
    kScan = 2,
    kTap = 3,
    kType = 4,
    kExpectText = 5,
    kWaitSync = 6,
    kScreenshot = 7,
    kQuit = 8,
};

struct ScriptStep {
    int line = 0;  // 1-based, in the script's file
    StepKind kind = StepKind::kQuit;
    std::string argument;  // the PIN, code, label, text or file name; empty when none
    std::string source;    // the line as written, for messages

    friend bool operator==(const ScriptStep&, const ScriptStep&) = default;
};

using Script = std::vector<ScriptStep>;

// kInvalidInput "line 3: ..." for the first bad line: an unknown step, a missing or extra
// argument, an unterminated quote, a PIN that is not 4 to 8 digits, a screenshot name that is not
// a plain NAME.png.
[[nodiscard]] Result<Script> ParseScript(std::string_view text);
// The same for a file, its name before the line: "demo.till line 3: ...".
[[nodiscard]] Result<Script> LoadScript(const std::filesystem::path& file);

}  // namespace tillbook::pos::ui
