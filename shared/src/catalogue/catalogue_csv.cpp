#include "tillbook/catalogue/catalogue_csv.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "tillbook/catalogue/sku_rules.hpp"
#include "tillbook/core/characters.hpp"
#include "tillbook/core/csv.hpp"
#include "tillbook/core/text.hpp"
#include "tillbook/money/money.hpp"

namespace tillbook::catalogue {
namespace {

constexpr std::array<std::string_view, 11> kCatalogueColumns{
    "sku",   "product_id", "product_name", "variant_name", "category", "barcodes",
    "price", "cost_price", "tax_class",    "sold_by",      "active",
};
// Indexes into kCatalogueColumns (and into the column map FindColumns returns).
constexpr std::size_t kSku = 0;
constexpr std::size_t kProductId = 1;
constexpr std::size_t kProductName = 2;
constexpr std::size_t kVariantName = 3;
constexpr std::size_t kCategory = 4;
constexpr std::size_t kBarcodes = 5;
constexpr std::size_t kPrice = 6;
constexpr std::size_t kCostPrice = 7;
constexpr std::size_t kTaxClass = 8;
constexpr std::size_t kSoldBy = 9;
constexpr std::size_t kActive = 10;

constexpr std::array<std::string_view, 3> kTaxClassColumns{"code", "rate_basis_points", "mode"};
constexpr money::TaxRateBasisPoints kMaxRate = 100000;

constexpr char kBarcodeSeparator = '|';

// Collects "<file> line N: <field>: <detail>" problems and folds them into one Error.
class ProblemList {
  public:
    explicit ProblemList(std::string_view file_name) : m_file_name(file_name) {}

    void Add(std::size_t line, ErrorCode code, std::string_view field, std::string_view detail) {
        ++m_count;
        if (m_count == 1) m_first = MakeError(code, {}, std::string(field));
        if (m_count > kMaxReportedErrors) return;
        if (!m_message.empty()) m_message += '\n';
        m_message += m_file_name + " line " + std::to_string(line) + ": ";
        if (!field.empty()) m_message += std::string(field) + ": ";
        m_message += detail;
    }

    [[nodiscard]] bool Empty() const { return m_count == 0; }

    [[nodiscard]] Error ToError() const {
        Error error = m_first;
        error.message = m_message;
        if (m_count > kMaxReportedErrors) {
            error.message += '\n' + m_file_name + ": " +
                             std::to_string(m_count - kMaxReportedErrors) +
                             " more errors not shown";
        }
        return error;
    }

  private:
    std::string m_file_name;
    std::size_t m_count = 0;
    Error m_first;
    std::string m_message;
};

// "line 7: ..." from the CSV layer becomes "catalogue.csv line 7: ...".
Error InFile(const Error& error, std::string_view file_name) {
    Error out = error;
    out.message = std::string(file_name) + " " + error.message;
    return out;
}

std::string_view Trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) {
            return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

constexpr std::string_view kNotUtf8 = "not valid UTF-8 (save the file as \"CSV UTF-8\")";

// Parses the header and hands back the data rows and the column map, or the one fatal error.
struct CsvTable {
    std::vector<csv::CsvRow> rows;  // the header first
    std::vector<std::size_t> columns;
};

Result<CsvTable> ReadTable(std::string_view text, std::string_view file_name,
                           std::span<const std::string_view> column_names) {
    auto rows = csv::ParseCsv(text);
    if (!rows) return std::unexpected(InFile(rows.error(), file_name));
    if (rows->empty()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         std::string(file_name) + ": no header row (empty file)"));
    }
    auto columns = csv::FindColumns(rows->front(), column_names);
    if (!columns) return std::unexpected(InFile(columns.error(), file_name));
    return CsvTable{std::move(*rows), std::move(*columns)};
}

bool HasHeaderWidth(const csv::CsvRow& row, const csv::CsvRow& header, ProblemList& problems) {
    if (row.fields.size() == header.fields.size()) return true;
    problems.Add(row.line, ErrorCode::kInvalidInput, {},
                 "has " + std::to_string(row.fields.size()) + " fields but the header has " +
                     std::to_string(header.fields.size()));
    return false;
}

std::optional<money::TaxMode> ParseTaxMode(std::string_view text) {
    if (EqualsIgnoringAsciiCase(text, "inclusive")) return money::TaxMode::kInclusive;
    if (EqualsIgnoringAsciiCase(text, "exclusive")) return money::TaxMode::kExclusive;
    return std::nullopt;
}

std::optional<money::TaxRateBasisPoints> ParseRate(std::string_view text) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    money::TaxRateBasisPoints rate = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), rate);
    if (ec != std::errc{} || end != text.data() + text.size() || rate > kMaxRate) {
        return std::nullopt;
    }
    return rate;
}

// Where a value was first given, and what it was given with (a SKU code or a product name).
struct FirstSeen {
    std::size_t line = 0;
    std::string with;
};

// Reads one catalogue row into an Sku, reporting every problem it finds. Cross-row checks
// (duplicate SKUs and barcodes, product names) use the maps, which remember earlier rows.
class CatalogueReader {
  public:
    CatalogueReader(std::string_view file_name, const money::Currency& currency,
                    std::span<const TaxClass> tax_classes)
        : m_problems(file_name), m_currency(currency), m_tax_classes(tax_classes) {}

    void ReadRow(const csv::CsvRow& row, std::span<const std::size_t> columns) {
        m_line = row.line;
        const auto field = [&](std::size_t column) { return Trimmed(row.fields[columns[column]]); };
        Sku sku;
        sku.code = Code(field(kSku), kSku);
        sku.product_id = Code(field(kProductId), kProductId);
        sku.product_name = Name(field(kProductName), kProductName, true);
        sku.variant_name = Name(field(kVariantName), kVariantName, false);
        sku.category = Name(field(kCategory), kCategory, true);
        CheckUnique(sku.code);
        CheckProductName(sku.product_id, sku.product_name);
        sku.barcodes = Barcodes(field(kBarcodes), sku.code);
        sku.price = Amount(field(kPrice), kPrice);
        sku.cost_price = Amount(field(kCostPrice), kCostPrice);
        sku.tax_class = TaxClassCode(field(kTaxClass));
        if (const auto sold_by = ParseSoldBy(field(kSoldBy))) {
            sku.sold_by = *sold_by;
        } else {
            Problem(sold_by.error(), kSoldBy);
        }
        if (const auto active = ParseActive(field(kActive))) {
            sku.active = *active;
        } else {
            Problem(active.error(), kActive);
        }
        m_skus.push_back(std::move(sku));
    }

    void Reserve(std::size_t rows) {
        m_skus.reserve(rows);
        m_sku_lines.reserve(rows);
        m_product_names.reserve(rows);
        m_barcodes.reserve(rows + rows / 4);
    }

    ProblemList& Problems() { return m_problems; }
    std::vector<Sku> TakeSkus() { return std::move(m_skus); }

  private:
    void Problem(ErrorCode code, std::size_t column, std::string_view detail) {
        m_problems.Add(m_line, code, kCatalogueColumns[column], detail);
    }
    // A rule's error (sku_rules.hpp): its message is the detail.
    void Problem(const Error& error, std::size_t column) {
        Problem(error.code, column, error.message);
    }

    std::string Text(std::string_view text, std::size_t column, bool required) {
        if (auto ok = CheckRequired(text); required && !ok) Problem(ok.error(), column);
        if (auto ok = CheckUtf8(text); !ok) Problem(ok.error().code, column, kNotUtf8);
        return std::string(text);
    }

    // A product, variant or category name.
    std::string Name(std::string_view text, std::size_t column, bool required) {
        if (auto ok = CheckNameCharacters(text); !ok) Problem(ok.error(), column);
        return Text(text, column, required);
    }

    // The rules of ParseSkuCode, each problem reported (not valid UTF-8 with a hint for the file).
    std::string Code(std::string_view text, std::size_t column) {
        const std::string_view code = text::TrimWhiteSpace(text);
        if (auto ok = CheckUtf8(code); !ok) return Text(code, column, true);
        auto parsed = ParseSkuCode(code);
        if (!parsed) {
            Problem(parsed.error(), column);
            return std::string(code);
        }
        return std::move(*parsed);
    }

    // Cross-row checks skip codes already reported as malformed, so no message prints them raw.
    void CheckUnique(const std::string& code) {
        if (code.empty() || HasControlCharacter(code)) return;
        const auto [it, inserted] = m_sku_lines.try_emplace(code, m_line);
        if (!inserted) {
            Problem(
                ErrorCode::kConflict, kSku,
                text::QuoteForMessage(code) + " is already on line " + std::to_string(it->second));
        }
    }

    void CheckProductName(const std::string& product_id, const std::string& name) {
        if (product_id.empty() || name.empty() || HasControlCharacter(product_id)) return;
        const auto [it, inserted] =
            m_product_names.try_emplace(product_id, FirstSeen{m_line, name});
        if (!inserted && it->second.with != name) {
            Problem(ErrorCode::kConflict, kProductName,
                    text::QuoteForMessage(name) + " differs from " +
                        text::QuoteForMessage(it->second.with) + " on line " +
                        std::to_string(it->second.line) + " for product " + product_id +
                        " (variants share one product name)");
        }
    }

    std::vector<std::string> Barcodes(std::string_view text, const std::string& sku) {
        std::vector<std::string> barcodes;
        if (text.empty()) return barcodes;
        std::vector<std::string> on_this_row;  // GTIN-14s, to catch a code listed twice
        while (true) {
            const std::size_t bar = text.find(kBarcodeSeparator);
            const std::string_view piece = Trimmed(text.substr(0, bar));
            Barcode(piece, sku, on_this_row, barcodes);
            if (bar == std::string_view::npos) break;
            text.remove_prefix(bar + 1);
        }
        return barcodes;
    }

    void Barcode(std::string_view piece, const std::string& sku,
                 std::vector<std::string>& on_this_row, std::vector<std::string>& barcodes) {
        if (piece.empty()) {
            Problem(ErrorCode::kInvalidInput, kBarcodes, "an empty barcode between '|' separators");
            return;
        }
        auto parsed = ParseSkuBarcode(piece);
        if (!parsed) {
            Problem(parsed.error(), kBarcodes);
            return;
        }
        const std::string& key = parsed->gtin14;
        if (std::find(on_this_row.begin(), on_this_row.end(), key) != on_this_row.end()) {
            Problem(ErrorCode::kConflict, kBarcodes, std::string(piece) + " is listed twice");
            return;
        }
        on_this_row.push_back(key);
        const auto [it, inserted] = m_barcodes.try_emplace(
            key, FirstSeen{m_line, HasControlCharacter(sku) ? text::QuoteForMessage(sku) : sku});
        if (!inserted) {
            Problem(ErrorCode::kConflict, kBarcodes,
                    std::string(piece) + " is already on line " + std::to_string(it->second.line) +
                        " (sku " + it->second.with + ")");
        }
        barcodes.push_back(std::move(parsed->digits));
    }

    money::Money Amount(std::string_view text, std::size_t column) {
        auto amount = ParseShelfAmount(text, m_currency);
        if (!amount) {
            Problem(amount.error(), column);
            return money::Money(0, m_currency);
        }
        return *amount;
    }

    std::string TaxClassCode(std::string_view code) {
        if (auto ok = CheckTaxClass(code, m_tax_classes); !ok) Problem(ok.error(), kTaxClass);
        return std::string(code);
    }

    ProblemList m_problems;
    const money::Currency& m_currency;
    std::span<const TaxClass> m_tax_classes;
    std::size_t m_line = 0;
    std::vector<Sku> m_skus;
    std::unordered_map<std::string, std::size_t> m_sku_lines;
    std::unordered_map<std::string, FirstSeen> m_product_names;  // product_id -> its name
    std::unordered_map<std::string, FirstSeen> m_barcodes;       // GTIN-14 -> its SKU
};

}  // namespace

Result<std::vector<TaxClass>> ParseTaxClassesCsv(std::string_view text,
                                                 std::string_view file_name) {
    auto table = ReadTable(text, file_name, kTaxClassColumns);
    if (!table) return std::unexpected(std::move(table.error()));
    const csv::CsvRow& header = table->rows.front();
    const std::vector<std::size_t>& columns = table->columns;

    ProblemList problems(file_name);
    std::vector<TaxClass> tax_classes;
    std::unordered_map<std::string, std::size_t> code_lines;
    for (std::size_t r = 1; r < table->rows.size(); ++r) {
        const csv::CsvRow& row = table->rows[r];
        if (!HasHeaderWidth(row, header, problems)) continue;
        TaxClass tax_class;
        tax_class.code = std::string(Trimmed(row.fields[columns[0]]));
        if (tax_class.code.empty()) {
            problems.Add(row.line, ErrorCode::kInvalidInput, "code", "empty");
        } else if (!text::IsValidUtf8(tax_class.code)) {
            problems.Add(row.line, ErrorCode::kInvalidInput, "code", kNotUtf8);
        } else if (const auto [it, inserted] = code_lines.try_emplace(tax_class.code, row.line);
                   !inserted) {
            problems.Add(row.line, ErrorCode::kConflict, "code",
                         text::QuoteForMessage(tax_class.code) + " is already on line " +
                             std::to_string(it->second));
        }
        const std::string_view rate = Trimmed(row.fields[columns[1]]);
        if (const auto parsed = ParseRate(rate)) {
            tax_class.rate = *parsed;
        } else {
            problems.Add(row.line, ErrorCode::kInvalidInput, "rate_basis_points",
                         text::QuoteForMessage(rate) +
                             ": expected a whole number from 0 to 100000 (2000 = 20%)");
        }
        const std::string_view mode = Trimmed(row.fields[columns[2]]);
        if (const auto parsed = ParseTaxMode(mode)) {
            tax_class.mode = *parsed;
        } else {
            problems.Add(row.line, ErrorCode::kInvalidInput, "mode",
                         text::QuoteForMessage(mode) + ": expected inclusive or exclusive");
        }
        tax_classes.push_back(std::move(tax_class));
    }
    if (!problems.Empty()) return std::unexpected(problems.ToError());
    return tax_classes;
}

Result<Catalogue> ParseCatalogueCsv(std::string_view text, std::string_view file_name,
                                    const money::Currency& currency,
                                    std::span<const TaxClass> tax_classes) {
    auto table = ReadTable(text, file_name, kCatalogueColumns);
    if (!table) return std::unexpected(std::move(table.error()));
    const csv::CsvRow& header = table->rows.front();

    CatalogueReader reader(file_name, currency, tax_classes);
    reader.Reserve(table->rows.size() - 1);
    for (std::size_t r = 1; r < table->rows.size(); ++r) {
        const csv::CsvRow& row = table->rows[r];
        if (!HasHeaderWidth(row, header, reader.Problems())) continue;
        reader.ReadRow(row, table->columns);
    }
    if (!reader.Problems().Empty()) return std::unexpected(reader.Problems().ToError());
    return Catalogue{std::vector<TaxClass>(tax_classes.begin(), tax_classes.end()),
                     reader.TakeSkus()};
}

std::string WriteCatalogueCsv(const Catalogue& catalogue) {
    std::string out;
    std::vector<std::string> fields(kCatalogueColumns.begin(), kCatalogueColumns.end());
    csv::AppendCsvRecord(out, fields);
    for (const Sku& sku : catalogue.skus) {
        std::string barcodes;
        for (const std::string& code : sku.barcodes) {
            if (!barcodes.empty()) barcodes += kBarcodeSeparator;
            barcodes += code;
        }
        fields[kSku] = sku.code;
        fields[kProductId] = sku.product_id;
        fields[kProductName] = sku.product_name;
        fields[kVariantName] = sku.variant_name;
        fields[kCategory] = sku.category;
        fields[kBarcodes] = std::move(barcodes);
        fields[kPrice] = money::FormatMoney(sku.price);
        fields[kCostPrice] = money::FormatMoney(sku.cost_price);
        fields[kTaxClass] = sku.tax_class;
        fields[kSoldBy] = std::string(SoldByName(sku.sold_by));
        fields[kActive] = sku.active ? "true" : "false";
        csv::AppendCsvRecord(out, fields);
    }
    return out;
}

}  // namespace tillbook::catalogue
