#include "tillbook/core/cli_args.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

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
    std::optional<Error> mistake;  // the first; the rest of the line is still read for --help
    const auto note = [&](std::string message, std::string field = {}) {
        if (!mistake) mistake = MakeError(ErrorCode::kInvalidInput, std::move(message), field);
    };
    for (int i = 1; i < argc; ++i) {
        const std::string_view word = argv[i];
        if (word == "--help" || word == "-h") {
            args.switches.insert("help");
        } else if (word.starts_with("--") && word.size() > 2) {
            const std::string name(word.substr(2));
            if (switch_names.contains(name)) {
                args.switches.insert(name);
            } else if (i + 1 >= argc) {
                note(fmt::format("--{} needs a value", name), name);
            } else if (!args.options.emplace(name, argv[++i]).second) {
                note(fmt::format("--{} is given twice", name), name);
            }
        } else if (word.starts_with("-") && word.size() > 1 &&
                   !(word[1] >= '0' && word[1] <= '9')) {
            note(fmt::format("unknown option {}", word));
        } else {
            args.words.emplace_back(word);
        }
    }
    if (mistake && !args.Has("help")) return std::unexpected(*mistake);
    return args;
}

namespace {

std::vector<std::string_view> SplitWords(std::string_view text) {
    std::vector<std::string_view> words;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t space = std::min(text.find(' ', at), text.size());
        if (space > at) words.push_back(text.substr(at, space - at));
        at = space + 1;
    }
    return words;
}

// Whether the first `count` words of `command` are the first `count` of `words`.
bool SameStart(const CommandUsage& command, std::span<const std::string> words, std::size_t count) {
    const auto command_words = SplitWords(command.command);
    if (command_words.size() < count || words.size() < count) return false;
    return std::equal(command_words.begin(),
                      command_words.begin() + static_cast<std::ptrdiff_t>(count), words.begin());
}

template <class Keep>
std::vector<const CommandUsage*> CommandsWhere(const ProgramUsage& usage, const Keep& keep) {
    std::vector<const CommandUsage*> kept;
    for (const CommandUsage& command : usage.commands) {
        if (keep(command)) kept.push_back(&command);
    }
    return kept;
}

// The commands `words` name: those whose words begin `words` ("sell 5060..." names sell), and
// those whose words `words` begin ("shift" names shift open and shift close).
std::vector<const CommandUsage*> NamedCommands(const ProgramUsage& usage,
                                               std::span<const std::string> words) {
    return CommandsWhere(usage, [&](const CommandUsage& command) {
        return SameStart(command, words,
                         std::min(SplitWords(command.command).size(), words.size()));
    });
}

// How many of `words`, from the first, some command starts with: 1 for "staff frob".
std::size_t KnownWords(const ProgramUsage& usage, std::span<const std::string> words) {
    std::size_t known = 0;
    while (known < words.size() && !CommandsWhere(usage, [&](const CommandUsage& command) {
                                        return SameStart(command, words, known + 1);
                                    }).empty()) {
        ++known;
    }
    return known;
}

// `text`'s lines, each after `first` or (from the second on) `next`.
void WriteIndented(std::ostream& out, std::string_view text, std::string_view first,
                   std::string_view next) {
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        out << (at == 0 ? first : next) << text.substr(at, end - at) << "\n";
        at = end + 1;
    }
}

void WriteUsage(const ProgramUsage& usage, std::span<const CommandUsage* const> commands,
                std::ostream& out) {
    out << "usage:\n";
    for (const CommandUsage* command : commands) {
        WriteIndented(out, command->synopsis, fmt::format("  {} ", usage.program), "          ");
        WriteIndented(out, command->description, "      ", "      ");
    }
    out << usage.notes
        << "Exit codes: 0 done, 1 failed (the message says why), 2 wrong usage (the usage is "
           "printed).\n";
    if (commands.size() == usage.commands.size()) {
        out << fmt::format("For one command alone: {} COMMAND --help (or {} help COMMAND).\n",
                           usage.program, usage.program);
    }
}

}  // namespace

std::optional<int> AnswerHelp(const ProgramUsage& usage, const Args& args, std::ostream& out,
                              std::ostream& err) {
    const bool help_word = !args.words.empty() && args.words.front() == "help";
    if (!args.Has("help") && !help_word) return std::nullopt;
    // No words name every command.
    const auto topic = std::span<const std::string>(args.words).subspan(help_word ? 1 : 0);
    const auto named = NamedCommands(usage, topic);
    if (named.empty()) return WrongUsage(usage, topic, err);
    WriteUsage(usage, named, out);
    return 0;
}

namespace {

// Every "--name" a usage text shows.
void AddShownOptions(std::string_view text, std::set<std::string>& shown) {
    for (std::size_t at = text.find("--"); at != std::string_view::npos;
         at = text.find("--", at + 2)) {
        std::size_t end = at + 2;
        while (end < text.size() && ((text[end] >= 'a' && text[end] <= 'z') ||
                                     (text[end] >= '0' && text[end] <= '9') || text[end] == '-'))
            ++end;
        if (end > at + 2) shown.emplace(text.substr(at + 2, end - at - 2));
    }
}

}  // namespace

std::optional<int> RefuseUnknownOptions(const ProgramUsage& usage, const Args& args,
                                        std::ostream& err) {
    const auto named = NamedCommands(usage, args.words);
    if (named.empty()) return std::nullopt;
    std::set<std::string> shown{"help"};
    for (const CommandUsage* command : named)
        AddShownOptions(command->synopsis, shown);
    std::vector<std::string> given;
    for (const auto& [name, value] : args.options)
        given.push_back(name);
    given.insert(given.end(), args.switches.begin(), args.switches.end());
    for (const std::string& name : given) {
        if (shown.contains(name)) continue;
        return WrongUsage(usage, args.words, err,
                          fmt::format("{} does not take --{}", fmt::join(args.words, " "), name));
    }
    return std::nullopt;
}

int WrongUsage(const ProgramUsage& usage, std::span<const std::string> words, std::ostream& err,
               std::string_view problem) {
    auto named = NamedCommands(usage, words);
    std::string unknown;
    if (named.empty()) {
        // "unknown command staff frob", and the usage of the commands that start "staff".
        const std::size_t known = KnownWords(usage, words);
        unknown = "unknown command";
        for (std::size_t i = 0; i <= known && i < words.size(); ++i)
            unknown += " " + words[i];
        named = CommandsWhere(
            usage, [&](const CommandUsage& command) { return SameStart(command, words, known); });
    }
    if (!problem.empty() || !unknown.empty())
        err << usage.program << ": " << (problem.empty() ? unknown : problem) << "\n";
    WriteUsage(usage, named, err);
    return 2;
}

}  // namespace tillbook::cli
