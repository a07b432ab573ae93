#include "tillbook/core/cli_args.hpp"

#include <fmt/format.h>

namespace tillbook::cli {

std::optional<std::string> Args::Option(std::string_view name) const {
    const auto found = options.find(std::string(name));
    if (found == options.end()) return std::nullopt;
    return found->second;
}

Result<std::string> Args::Required(std::string_view name) const {
    auto value = Option(name);
    if (!value) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("--{} is required", name), std::string(name)));
    }
    return *value;
}

Result<Args> ParseArgs(int argc, const char* const* argv,
                       const std::set<std::string>& switch_names) {
    Args args;
    for (int i = 1; i < argc; ++i) {
        const std::string_view word = argv[i];
        if (word.starts_with("--") && word.size() > 2) {
            const std::string name(word.substr(2));
            if (switch_names.contains(name)) {
                args.switches.insert(name);
                continue;
            }
            if (i + 1 >= argc) {
                return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                                 fmt::format("--{} needs a value", name), name));
            }
            if (!args.options.emplace(name, argv[++i]).second) {
                return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                                 fmt::format("--{} is given twice", name), name));
            }
        } else if (word.starts_with("-") && word.size() > 1 &&
                   !(word[1] >= '0' && word[1] <= '9')) {
            return std::unexpected(
                MakeError(ErrorCode::kInvalidInput, fmt::format("unknown option {}", word)));
        } else {
            args.words.emplace_back(word);
        }
    }
    return args;
}

}  // namespace tillbook::cli
