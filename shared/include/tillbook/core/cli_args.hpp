#pragma once
// Command-line arguments: "command [subcommand] --flag value --switch positional...".
#include <map>
#include <optional>
#include <set>
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
// Errors: a flag given twice, a flag missing its value, an unknown switch-looking word ("-x").
[[nodiscard]] Result<Args> ParseArgs(int argc, const char* const* argv,
                                     const std::set<std::string>& switch_names);

}  // namespace tillbook::cli
