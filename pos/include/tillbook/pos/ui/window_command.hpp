#pragma once
// `tillbook-pos --db FILE [--size WxH] [--devices FILE]` opens the till's window;
// `... --script FILE [--screenshot-dir DIR]` runs it in scripted mode. The window runs against
// the TillModel the composition root (main.cpp) makes for the journal.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>

#include "tillbook/core/cli_args.hpp"
#include "tillbook/core/error.hpp"
#include "tillbook/pos/app/till_model.hpp"
#include "tillbook/pos/ui/till_window.hpp"

namespace tillbook::pos::ui {

struct WindowCommand {
    std::filesystem::path db;
    std::optional<std::filesystem::path> devices;  // the till's devices file
    TillWindowOptions window;
};

using TillModelFactory =
    std::function<Result<std::unique_ptr<app::TillModel>>(const WindowCommand& command)>;

// Whether the command line asks for the window: options but no command word.
[[nodiscard]] bool IsWindowCommand(const cli::Args& args);

// "1024x768"; kInvalidInput unless both are within 640..7680.
[[nodiscard]] Result<WindowSize> ParseWindowSize(std::string_view text);

// The window command's options, its script read and checked.
[[nodiscard]] Result<WindowCommand> ReadWindowCommand(const cli::Args& args);

// Exit codes: those of RunTillWindow; 1 when the model cannot be made; 2 for wrong usage or a bad
// script (naming its line).
[[nodiscard]] int RunWindowCommand(const cli::Args& args, const TillModelFactory& make_model,
                                   std::ostream& err);

// The window's usage lines, for --help.
void PrintWindowUsage(std::ostream& out);

}  // namespace tillbook::pos::ui
