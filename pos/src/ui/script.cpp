#include "tillbook/pos/ui/script.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

namespace tillbook::pos::ui {

namespace {

struct StepName {
    std::string_view word;
    StepKind kind;
};

constexpr StepName kSteps[] = {
    {"login", StepKind::kLogin},
    {"scan", StepKind::kScan},
    {"tap", StepKind::kTap},
    {"type", StepKind::kType},
    {"expect-text", StepKind::kExpectText},
    {"wait-sync", StepKind::kWaitSync},
    {"screenshot", StepKind::kScreenshot},
    {"quit", StepKind::kQuit},
};

constexpr std::string_view kSpace = " \t\r";

std::string_view Trim(std::string_view text) {
    const auto first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(kSpace);
    return text.substr(first, last - first + 1);
}

Error Bad(int line, std::string_view problem) {
    return MakeError(ErrorCode::kInvalidInput, fmt::format("line {}: {}", line, problem),
                     fmt::format("line {}", line));
}

// A "quoted" string with \" and \\ inside, and nothing after it.
Result<std::string> Quoted(std::string_view text, int line, std::string_view step) {
    const auto needs = [&] {
        return Bad(line,
                   fmt::format("{} needs its text in double quotes, like {} \"Pay\"", step, step));
    };
    if (text.empty() || text.front() != '"') return std::unexpected(needs());
    std::string out;
    for (std::size_t i = 1; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\')) {
            out += text[++i];
        } else if (c == '"') {
            if (!Trim(text.substr(i + 1)).empty())
                return std::unexpected(
                    Bad(line, fmt::format("unexpected text after the closing quote: {}",
                                          Trim(text.substr(i + 1)))));
            if (out.empty())
                return std::unexpected(Bad(line, fmt::format("{} \"\" is empty", step)));
            return out;
        } else {
            out += c;
        }
    }
    return std::unexpected(Bad(line, "the quote is not closed"));
}

// The line without its comment: a '#' at the start or after a space, outside quotes.
std::string_view WithoutComment(std::string_view line) {
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '\\') {
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == '#' && !quoted && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
            return line.substr(0, i);
        }
    }
    return line;
}

bool IsWord(std::string_view text) {
    return !text.empty() && text.find_first_of(kSpace) == std::string_view::npos;
}

Result<std::string> Argument(StepKind kind, std::string_view word, std::string_view rest,
                             int line) {
    switch (kind) {
        case StepKind::kLogin:
            if (rest.size() < 4 || rest.size() > 8 ||
                !std::ranges::all_of(rest, [](char c) { return c >= '0' && c <= '9'; }))
                return std::unexpected(
                    Bad(line, "login needs a PIN of 4 to 8 digits, like login 1111"));
            return std::string(rest);
        case StepKind::kScan:
            if (!rest.empty() && rest.front() == '"') return Quoted(rest, line, word);  // "#1042"
            if (!IsWord(rest))
                return std::unexpected(
                    Bad(line, "scan needs one barcode, like scan 5060123450019"));
            return std::string(rest);
        case StepKind::kTap:
        case StepKind::kExpectText:
            return Quoted(rest, line, word);
        case StepKind::kType:
            if (rest.empty()) return std::unexpected(Bad(line, "type needs the text to type"));
            if (rest.front() == '"') return Quoted(rest, line, word);
            return std::string(rest);
        case StepKind::kScreenshot: {
            const bool plain = IsWord(rest) && rest.size() > 4 && rest.ends_with(".png") &&
                               rest.find('/') == std::string_view::npos && rest.front() != '.';
            if (!plain)
                return std::unexpected(
                    Bad(line, "screenshot needs a file name like sale.png (no folders)"));
            return std::string(rest);
        }
        case StepKind::kWaitSync:
        case StepKind::kQuit:
            if (!rest.empty())
                return std::unexpected(Bad(line, fmt::format("{} takes nothing after it", word)));
            return std::string();
    }
    return std::unexpected(Bad(line, "unknown step"));
}

std::optional<StepKind> KindOf(std::string_view word) {
    for (const auto& step : kSteps) {
        if (step.word == word) return step.kind;
    }
    return std::nullopt;
}

}  // namespace

Result<Script> ParseScript(std::string_view text) {
    Script script;
    int line_no = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        const std::string_view raw = text.substr(start, end - start);
        start = end + 1;
        ++line_no;
        const std::string_view line = Trim(WithoutComment(raw));
        if (line.empty()) continue;
        const auto space = line.find_first_of(kSpace);
        const std::string_view word = line.substr(0, space);
        const std::string_view rest =
            space == std::string_view::npos ? std::string_view{} : Trim(line.substr(space));
        const auto kind = KindOf(word);
        if (!kind)
            return std::unexpected(Bad(
                line_no, fmt::format("unknown step \"{}\"; the steps are login, scan, tap, type, "
                                     "expect-text, wait-sync, screenshot, quit",
                                     word)));
        auto argument = Argument(*kind, word, rest, line_no);
        if (!argument) return std::unexpected(argument.error());
        script.push_back(ScriptStep{line_no, *kind, std::move(*argument), std::string(line)});
        if (end == text.size()) break;
    }
    return script;
}

Result<Script> LoadScript(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return std::unexpected(MakeError(ErrorCode::kNotFound,
                                         fmt::format("{}: cannot read the script", file.string()),
                                         "script"));
    std::ostringstream text;
    text << in.rdbuf();
    auto script = ParseScript(text.str());
    if (!script) return std::unexpected(script.error().WithContext(file.string()));
    return script;
}

}  // namespace tillbook::pos::ui
