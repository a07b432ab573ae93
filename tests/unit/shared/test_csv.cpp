#include <doctest/doctest.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/csv.hpp"

using tillbook::ErrorCode;
using tillbook::csv::AppendCsvRecord;
using tillbook::csv::CsvRow;
using tillbook::csv::FindColumns;
using tillbook::csv::ParseCsv;

namespace {

using Fields = std::vector<std::string>;

std::vector<CsvRow> MustParse(std::string_view text) {
    auto rows = ParseCsv(text);
    REQUIRE_MESSAGE(rows.has_value(), (rows ? "" : rows.error().message));
    return *rows;
}

}  // namespace

TEST_CASE("simple records are split at commas and numbered from line 1") {
    const auto rows = MustParse("sku,price\nTEA-1,4.50\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == CsvRow{1, {"sku", "price"}});
    CHECK(rows[1] == CsvRow{2, {"TEA-1", "4.50"}});
}

TEST_CASE("the last record needs no line break") {
    const auto rows = MustParse("a,b\nc,d");
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].fields == Fields{"c", "d"});
}

TEST_CASE("empty text gives no records") {
    CHECK(MustParse("").empty());
    CHECK(MustParse("\n\r\n\n").empty());
}

TEST_CASE("empty fields are kept, including a trailing one") {
    const auto rows = MustParse(",a,,\nb,\n,");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].fields == Fields{"", "a", "", ""});
    CHECK(rows[1].fields == Fields{"b", ""});
    CHECK(rows[2].fields == Fields{"", ""});
}

TEST_CASE("CRLF, LF and lone CR all end a record and count as one line each") {
    const auto rows = MustParse("a,b\r\nc,d\ne,f\rg,h\r\n");
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] == CsvRow{1, {"a", "b"}});
    CHECK(rows[1] == CsvRow{2, {"c", "d"}});
    CHECK(rows[2] == CsvRow{3, {"e", "f"}});
    CHECK(rows[3] == CsvRow{4, {"g", "h"}});
}

TEST_CASE("blank lines are skipped but still counted") {
    const auto rows = MustParse("a\n\n\r\nb\n\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == CsvRow{1, {"a"}});
    CHECK(rows[1] == CsvRow{4, {"b"}});
}

TEST_CASE("a line of spaces is a record, not a blank line") {
    const auto rows = MustParse("a\n  \nb");
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].fields == Fields{"  "});
}

TEST_CASE("a UTF-8 byte order mark at the start is skipped") {
    const auto rows = MustParse("\xEF\xBB\xBFsku,price\r\nA,1.00\r\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].fields == Fields{"sku", "price"});
}

TEST_CASE("a byte order mark anywhere but the start is data") {
    const auto rows = MustParse(
        "a\n\xEF\xBB\xBF"
        "b\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].fields == Fields{"\xEF\xBB\xBF"
                                   "b"});
}

TEST_CASE("quoted fields may hold commas, doubled quotes and line breaks") {
    const auto rows = MustParse(
        "name,note\n"
        "\"Plate, 5\"\"\",\"line one\nline two\"\n"
        "\"\",\"\"\"\"\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].fields == Fields{"Plate, 5\"", "line one\nline two"});
    CHECK(rows[2].fields == Fields{"", "\""});
}

TEST_CASE("a record spanning lines is numbered by its first line and the next by its own") {
    const auto rows = MustParse("h\n\"a\nb\r\nc\"\nnext\n\"x\ry\"\nlast\n");
    REQUIRE(rows.size() == 5);
    CHECK(rows[1] == CsvRow{2, {"a\nb\r\nc"}});
    CHECK(rows[2] == CsvRow{5, {"next"}});
    CHECK(rows[3] == CsvRow{6, {"x\ry"}});
    CHECK(rows[4] == CsvRow{8, {"last"}});
}

TEST_CASE("UTF-8 passes through untouched") {
    const auto rows = MustParse("Crème fraîche 200 ml,\"Café – Ñandú\",£5\n");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].fields == Fields{"Crème fraîche 200 ml", "Café – Ñandú", "£5"});
}

TEST_CASE("spaces around fields are kept") {
    const auto rows = MustParse(" a , b \n");
    CHECK(rows[0].fields == Fields{" a ", " b "});
}

TEST_CASE("an unterminated quote is rejected naming the line where it opened") {
    const auto rows = ParseCsv("sku,name\nA,ok\nB,\"never closed\nC,more\n");
    REQUIRE_FALSE(rows.has_value());
    CHECK(rows.error().code == ErrorCode::kInvalidInput);
    CHECK(rows.error().message ==
          "line 3: unterminated quoted field: the quote opened on this line is never closed");
}

TEST_CASE("a lone quote at the very end is an unterminated quoted field") {
    const auto rows = ParseCsv("a,\"");
    REQUIRE_FALSE(rows.has_value());
    CHECK(rows.error().message.starts_with("line 1: unterminated quoted field"));
}

TEST_CASE("text after a closing quote is rejected naming its line") {
    const auto rows = ParseCsv("a\n\"b\nc\"d,e\n");
    REQUIRE_FALSE(rows.has_value());
    CHECK(rows.error().message.starts_with("line 3: unexpected text after a closing quote"));
}

TEST_CASE("a quote inside an unquoted field is rejected naming its line") {
    const auto rows = ParseCsv("a\n\nplate 5\" wide,b\n");
    REQUIRE_FALSE(rows.has_value());
    CHECK(rows.error().message.starts_with("line 3: a quote inside an unquoted field"));
}

TEST_CASE("header columns are found by name whatever their order, case or padding") {
    const CsvRow header{1, {"price", " SKU ", "notes", "Name"}};
    constexpr std::array<std::string_view, 3> kNames{"sku", "name", "price"};
    const auto indexes = FindColumns(header, kNames);
    REQUIRE(indexes.has_value());
    CHECK(*indexes == std::vector<std::size_t>{1, 3, 0});
}

TEST_CASE("a missing header column is named in the error and its field") {
    const CsvRow header{1, {"sku", "name"}};
    constexpr std::array<std::string_view, 3> kNames{"sku", "name", "price"};
    const auto indexes = FindColumns(header, kNames);
    REQUIRE_FALSE(indexes.has_value());
    CHECK(indexes.error().code == ErrorCode::kInvalidInput);
    CHECK(indexes.error().message == "line 1: missing column \"price\"");
    CHECK(indexes.error().field == "price");
}

TEST_CASE("a required header column given twice is rejected") {
    const CsvRow header{3, {"sku", "price", "Price"}};
    constexpr std::array<std::string_view, 2> kNames{"sku", "price"};
    const auto indexes = FindColumns(header, kNames);
    REQUIRE_FALSE(indexes.has_value());
    CHECK(indexes.error().code == ErrorCode::kConflict);
    CHECK(indexes.error().message == "line 3: column \"price\" appears twice");
}

TEST_CASE("written records quote only what needs quoting") {
    std::string out;
    const Fields plain{"TEA-1", "Earl Grey", "", "4.50"};
    const Fields nasty{"a,b", "say \"hi\"", "two\nlines", " padded", "crlf\r\n"};
    AppendCsvRecord(out, plain);
    AppendCsvRecord(out, nasty);
    CHECK(out ==
          "TEA-1,Earl Grey,,4.50\n"
          "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",\"crlf\r\n\"\n");
}

TEST_CASE("written records read back field for field") {
    const std::vector<Fields> records{
        {"plain", "", "Crème fraîche 200 ml"},
        {"\"", "\"\"", ",", "\n", "\r", "\r\n"},
        {""},
        {"", ""},
        {" lead", "trail ", "\t"},
        {"Café – Ñandú", "a\"b,c\nd"},
    };
    std::string out;
    for (const Fields& record : records)
        AppendCsvRecord(out, record);
    const auto rows = MustParse(out);
    REQUIRE(rows.size() == records.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        CHECK(rows[i].fields == records[i]);
}
