#pragma once
// Command-line arguments: "command [subcommand] --flag value --switch positional...", and the
// usage every program prints the same way: for --help, -h or `help`, and for wrong usage.
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"

namespace tillbook::cli {

struct Args {
    std::vector<std::string> words;              // positional words in order (command first)
    std::map<std::string, std::string> options;  // --name value
    std::set<std::string> switches;              // --name without a value

    [[nodiscard]] std::optional<std::string> Option(std::string_view name) const;
    [[nodiscard]] Result<std::string> Required(std::string_view name) const;
    [[nodiscard]] bool Has(std::string_view name) const {
        return switches.contains(std::string(name));
    }
};

// `switch_names` lists the flags that take no value; every other --flag takes the next word.
// --help and -h in a flag's place are the switch "help" in every program, and a request for help
// wins over any mistake elsewhere on the line (it is answered, not refused).
// Errors: a flag given twice, a flag missing its value, an unknown switch-looking word ("-x").
[[nodiscard]] Result<Args> ParseArgs(int argc, const char* const* argv,
                                     const std::set<std::string>& switch_names);

// One command of a program, as its usage shows it.
struct CommandUsage {
    std::string_view command;      // the words that name it: "staff add"
    std::string_view synopsis;     // what follows the program's name; '\n' before a wrapped part
    std::string_view description;  // what it does, in lines of at most 90 characters
};

struct ProgramUsage {
    std::string_view program;  // "tillbook-office"
    std::span<const CommandUsage> commands;
    std::string_view notes;  // lines shown with any command's usage (URI forms...), or empty
};

// A request for help (--help, -h, or `help` as the first word) gets the usage of the commands
// its words name (every command when they name none) on `out`, and the exit code 0; help for a
// command there is not is wrong usage. Returns nothing when the line does not ask for help.
[[nodiscard]] std::optional<int> AnswerHelp(const ProgramUsage& usage, const Args& args,
                                            std::ostream& out, std::ostream& err);

// An option or switch the commands `args.words` name do not take (none of their synopses shows
// "--NAME") is wrong usage: "PROGRAM: COMMAND does not take --NAME" and their usage on `err`, and
// the exit code 2, so a misspelt option is never silently ignored. Returns
// nothing when every option is known, or when the words name no command (the caller answers that).
[[nodiscard]] std::optional<int> RefuseUnknownOptions(const ProgramUsage& usage, const Args& args,
                                                      std::ostream& err);

// Wrong usage: "PROGRAM: problem" (or "unknown command ..." when `words` name no command) and the
// usage of the commands `words` name, or of every command, on `err`. Returns the exit code, 2.
int WrongUsage(const ProgramUsage& usage, std::span<const std::string> words, std::ostream& err,
               std::string_view problem = {});

}  // namespace tillbook::cli
