#include "tillbook/core/csv.hpp"

#include <string>
#include <utility>

namespace tillbook::csv {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string LinePrefix(std::size_t line) {
    return "line " + std::to_string(line) + ": ";
}

// Walks the text once, tracking the physical line; a CRLF pair counts as one line break.
class CsvReader {
  public:
    explicit CsvReader(std::string_view text) : m_text(text) {
        if (m_text.starts_with(kUtf8Bom)) m_pos = kUtf8Bom.size();
    }

    Result<std::vector<CsvRow>> ReadAll() {
        std::vector<CsvRow> rows;
        while (m_pos < m_text.size()) {
            if (AtLineBreak()) {  // a blank line
                SkipLineBreak();
                continue;
            }
            auto row = ReadRecord();
            if (!row) return std::unexpected(std::move(row.error()));
            rows.push_back(std::move(*row));
        }
        return rows;
    }

  private:
    bool AtLineBreak() const { return m_text[m_pos] == '\n' || m_text[m_pos] == '\r'; }

    void SkipLineBreak() {
        if (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n') {
            ++m_pos;
        }
        ++m_pos;
        ++m_line;
    }

    // Reads fields up to and including the record's line break (or the end of the text).
    Result<CsvRow> ReadRecord() {
        CsvRow row;
        row.line = m_line;
        while (true) {
            auto field = m_text[m_pos] == '"' ? ReadQuoted() : ReadUnquoted();
            if (!field) return std::unexpected(std::move(field.error()));
            row.fields.push_back(std::move(*field));
            if (m_pos >= m_text.size()) return row;
            if (m_text[m_pos] == ',') {
                ++m_pos;
                if (m_pos >= m_text.size() || AtLineBreak()) {  // a trailing empty field
                    row.fields.emplace_back();
                    if (m_pos < m_text.size()) SkipLineBreak();
                    return row;
                }
                continue;
            }
            SkipLineBreak();
            return row;
        }
    }

    Result<std::string> ReadUnquoted() {
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] != ',' && !AtLineBreak()) {
            if (m_text[m_pos] == '"') {
                return std::unexpected(MakeError(
                    ErrorCode::kInvalidInput,
                    LinePrefix(m_line) +
                        "a quote inside an unquoted field; put the whole field in quotes and "
                        "double the quote (\"5\"\" plate\")"));
            }
            ++m_pos;
        }
        return std::string(m_text.substr(start, m_pos - start));
    }

    Result<std::string> ReadQuoted() {
        const std::size_t open_line = m_line;
        ++m_pos;  // the opening quote
        std::string field;
        while (true) {
            if (m_pos >= m_text.size()) {
                return std::unexpected(
                    MakeError(ErrorCode::kInvalidInput,
                              LinePrefix(open_line) +
                                  "unterminated quoted field: the quote opened on this line is "
                                  "never closed"));
            }
            const char c = m_text[m_pos];
            if (c == '"') {
                if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') {
                    field.push_back('"');
                    m_pos += 2;
                    continue;
                }
                ++m_pos;  // the closing quote
                break;
            }
            if (c == '\n' ||
                (c == '\r' && !(m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n'))) {
                ++m_line;
            }
            field.push_back(c);
            ++m_pos;
        }
        if (m_pos < m_text.size() && m_text[m_pos] != ',' && !AtLineBreak()) {
            return std::unexpected(MakeError(
                ErrorCode::kInvalidInput,
                LinePrefix(m_line) +
                    "unexpected text after a closing quote; only a comma or the end of the line "
                    "may follow it"));
        }
        return field;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::size_t m_line = 1;
};

constexpr bool IsBlank(char c) {
    return c == ' ' || c == '\t';
}

std::string_view TrimBlanks(std::string_view text) {
    while (!text.empty() && IsBlank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && IsBlank(text.back()))
        text.remove_suffix(1);
    return text;
}

constexpr char AsciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
    }
    return true;
}

bool NeedsQuotes(std::string_view field) {
    if (field.empty()) return false;
    if (IsBlank(field.front()) || IsBlank(field.back())) return true;
    return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

}  // namespace

Result<std::vector<CsvRow>> ParseCsv(std::string_view text) {
    return CsvReader(text).ReadAll();
}

Result<std::vector<std::size_t>> FindColumns(const CsvRow& header,
                                             std::span<const std::string_view> names) {
    std::vector<std::size_t> indexes;
    indexes.reserve(names.size());
    for (const std::string_view name : names) {
        std::size_t found = header.fields.size();
        for (std::size_t i = 0; i < header.fields.size(); ++i) {
            if (!EqualsIgnoringAsciiCase(TrimBlanks(header.fields[i]), name)) continue;
            if (found != header.fields.size()) {
                return std::unexpected(MakeError(
                    ErrorCode::kConflict,
                    LinePrefix(header.line) + "column \"" + std::string(name) + "\" appears twice",
                    std::string(name)));
            }
            found = i;
        }
        if (found == header.fields.size()) {
            return std::unexpected(
                MakeError(ErrorCode::kInvalidInput,
                          LinePrefix(header.line) + "missing column \"" + std::string(name) + "\"",
                          std::string(name)));
        }
        indexes.push_back(found);
    }
    return indexes;
}

void AppendCsvRecord(std::string& out, std::span<const std::string> fields) {
    if (fields.size() == 1 && fields.front().empty()) {  // would otherwise be a blank line
        out += "\"\"\n";
        return;
    }
    bool first = true;
    for (const std::string& field : fields) {
        if (!first) out.push_back(',');
        first = false;
        if (!NeedsQuotes(field)) {
            out += field;
            continue;
        }
        out.push_back('"');
        for (const char c : field) {
            if (c == '"') out.push_back('"');
            out.push_back(c);
        }
        out.push_back('"');
    }
    out.push_back('\n');
}

}  // namespace tillbook::csv
