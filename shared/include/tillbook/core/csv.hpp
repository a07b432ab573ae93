#pragma once
// CSV (RFC 4180) reading and writing for imports and exports. Byte-oriented: fields are returned as
// the bytes between the separators, so UTF-8 passes through untouched; callers check encoding.
//
// Reading rules:
// - Records end at CRLF, LF or a lone CR; a blank line (no bytes at all) is skipped.
// - A UTF-8 byte order mark at the very start is skipped (Excel's "CSV UTF-8" writes one).
// - A field that starts with '"' is quoted: it may hold commas, line breaks (kept as written) and
//   doubled quotes ("" -> "). After the closing quote only a comma or the end of the record may
//   follow.
// - A '"' inside an unquoted field is an error (RFC 4180 requires such fields to be quoted), as is
//   a quoted field that is never closed. Nothing is trimmed.
//
// Error messages start with "line N: " so a caller can put the file name in front:
// "catalogue.csv " + message -> "catalogue.csv line 7: unterminated quoted field ...".
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"

namespace tillbook::csv {

struct CsvRow {
    std::size_t line = 0;  // 1-based line where the record starts
    std::vector<std::string> fields;
    friend bool operator==(const CsvRow&, const CsvRow&) = default;
};

[[nodiscard]] Result<std::vector<CsvRow>> ParseCsv(std::string_view text);

// Finds each of `names` in a header row and returns their indexes, in the order of `names`.
// Header cells are compared after trimming spaces and tabs, ignoring ASCII case ("SKU " matches
// "sku"); other columns are ignored. Errors (field = the column name): "line 1: missing column
// \"price\"" (kInvalidInput), "line 1: column \"price\" appears twice" (kConflict).
[[nodiscard]] Result<std::vector<std::size_t>> FindColumns(const CsvRow& header,
                                                           std::span<const std::string_view> names);

// Appends one record: fields joined by commas, each quoted (with quotes doubled) when it holds a
// comma, quote, CR or LF or starts or ends with a space or tab (a record of one empty field is
// written as ""), then "\n". ParseCsv reads it back field for field.
void AppendCsvRecord(std::string& out, std::span<const std::string> fields);

}  // namespace tillbook::csv
