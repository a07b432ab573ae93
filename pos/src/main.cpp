// tillbook-pos: composition root. Parses the command line; with options and no command word it
// opens the till's window, otherwise it hands the line to the commands.
#include <filesystem>
#include <iostream>

#include "tillbook/pos/pos_commands.hpp"
#include "tillbook/pos/till_runtime.hpp"
#include "tillbook/pos/ui/window_command.hpp"

namespace {

// The window runs against the till itself: its database, its workers and its controllers.
tillbook::Result<std::unique_ptr<tillbook::pos::app::TillModel>> MakeTillModel(
    const tillbook::pos::ui::WindowCommand& command) {
    return tillbook::pos::OpenTillRuntime(
        {command.db.string(), command.devices.value_or(std::filesystem::path())});
}

}  // namespace

int main(int argc, char** argv) {
    auto args = tillbook::cli::ParseArgs(argc, argv, {});
    if (!args)
        return tillbook::cli::WrongUsage(tillbook::pos::PosUsage(), {}, std::cerr,
                                         args.error().message);
    if (tillbook::pos::ui::IsWindowCommand(*args))
        return tillbook::pos::ui::RunWindowCommand(*args, MakeTillModel, std::cerr);
    const int code = tillbook::pos::RunPosCommand(*args, std::cout, std::cerr);
    if (args->Has("help") && args->words.empty()) tillbook::pos::ui::PrintWindowUsage(std::cout);
    return code;
}
