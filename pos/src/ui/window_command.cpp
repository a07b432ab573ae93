#include "tillbook/pos/ui/window_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace tillbook::pos::ui {

namespace {

constexpr std::string_view kOptions[] = {"db", "size", "devices", "script", "screenshot-dir"};

constexpr std::string_view kUsage =
    "tillbook-pos --db FILE [--size WxH] [--devices FILE]\n"
    "    open the touchscreen till (1920x1080 unless --size says otherwise, e.g. 1024x768)\n"
    "tillbook-pos --db FILE --script FILE [--screenshot-dir DIR] [--size WxH]\n"
    "    run the till's window driven by a script, one step a line (see the README): login PIN,\n"
    "    scan BARCODE, tap \"LABEL\", type TEXT, expect-text \"TEXT\", wait-sync,\n"
    "    screenshot NAME.png, quit; exit 0 when every step passed, else 1 naming the line\n";

int WrongUsage(std::ostream& err, std::string_view problem) {
    err << "tillbook-pos: " << problem << "\n" << kUsage;
    return 2;
}

Result<int> ParseDimension(std::string_view text) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < 640 || value > 7680)
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "", "size"));
    return value;
}

}  // namespace

bool IsWindowCommand(const cli::Args& args) {
    return args.words.empty() && !args.Has("help") && args.Option("db").has_value();
}

Result<WindowSize> ParseWindowSize(std::string_view text) {
    const auto x = text.find('x');
    const auto bad = [&] {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("--size {}: give width x height in pixels, like 1024x768 (640 to 7680)",
                        text),
            "size"));
    };
    if (x == std::string_view::npos) return bad();
    auto width = ParseDimension(text.substr(0, x));
    auto height = ParseDimension(text.substr(x + 1));
    if (!width || !height) return bad();
    return WindowSize{*width, *height};
}

Result<WindowCommand> ReadWindowCommand(const cli::Args& args) {
    for (const auto& [name, value] : args.options) {
        if (std::ranges::find(kOptions, name) == std::end(kOptions))
            return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                             fmt::format("the window does not take --{}", name),
                                             name));
    }
    for (const auto& name : args.switches) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("the window does not take --{}", name), name));
    }
    WindowCommand command;
    auto db = args.Required("db");
    if (!db) return std::unexpected(db.error());
    command.db = *db;
    if (auto devices = args.Option("devices")) command.devices = *devices;
    if (auto size = args.Option("size")) {
        auto parsed = ParseWindowSize(*size);
        if (!parsed) return std::unexpected(parsed.error());
        command.window.size = *parsed;
    }
    if (auto dir = args.Option("screenshot-dir")) {
        if (!args.Option("script"))
            return std::unexpected(MakeError(
                ErrorCode::kInvalidInput, "--screenshot-dir goes with --script", "screenshot-dir"));
        command.window.screenshot_dir = *dir;
    }
    if (auto file = args.Option("script")) {
        auto script = LoadScript(*file);
        if (!script) return std::unexpected(script.error());
        command.window.script = std::move(*script);
    }
    return command;
}

int RunWindowCommand(const cli::Args& args, const TillModelFactory& make_model, std::ostream& err) {
    auto command = ReadWindowCommand(args);
    if (!command) return WrongUsage(err, command.error().message);
    auto model = make_model(*command);
    if (!model) {
        err << "tillbook-pos: " << model.error().message << "\n";
        return 1;
    }
    command->window.log = &err;
    return RunTillWindow(**model, command->window);
}

void PrintWindowUsage(std::ostream& out) {
    out << "\nThe till's window:\n" << kUsage;
}

}  // namespace tillbook::pos::ui
