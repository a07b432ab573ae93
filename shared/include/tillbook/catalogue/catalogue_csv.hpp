#pragma once
// The catalogue's CSV import and export: what a shop's IT person edits in a spreadsheet.
//
// catalogue.csv (UTF-8, RFC 4180, one header row; columns found by name in any order, ASCII case
// ignored, extra columns ignored; every row must have as many fields as the header):
//   sku           the SKU code, unique, required                          TEA-EARL-250
//   product_id    groups variants, required; variants share product_name  TEA-EARL
//   product_name  required                                                Earl Grey tea
//   variant_name  may be empty                                            250 g
//   category      required                                                Tea & coffee
//   barcodes      GTIN-8/12/13/14 with verified check digits, '|' between them, may be empty; a
//                 code may belong to one SKU only (compared as GTIN-14, so 0012345678905 and
//                 012345678905 are the same code)
//   price         shelf price per unit, or per kg when sold by weight: "4.50"; not negative
//   cost_price    what the shop pays, same unit as price; not negative
//   tax_class     code of one of the given tax classes                   standard
//   sold_by       unit | weight
//   active        true | false | 1 | 0; empty means true
// Keywords (sold_by, active, mode) ignore ASCII case. Spaces and tabs around every field are
// trimmed; text must be valid UTF-8. Line breaks inside quoted names are kept; codes (sku,
// product_id) may not contain line breaks or other control characters.
//
// tax_classes.csv: code (unique, required), rate_basis_points (whole number 0..100000, 2000 =
// 20%), mode (inclusive | exclusive).
//
// Errors: every problem in the file is collected, not just the first, so one import attempt lists
// everything to fix. Each problem is one line naming file, line and column:
//   catalogue.csv line 42: price: "12.345": more than 2 decimal places for GBP
// The returned Error's message is those lines joined by '\n' in file order (at most
// kMaxReportedErrors of them, then "catalogue.csv: 7 more errors not shown"); its code and field
// are those of the first problem (field = the column name, empty for a whole-row problem such as
// a wrong field count). Duplicates name the earlier line: "sku: \"TEA-1\" is already on line 12".
// A malformed file (unterminated quote) or a missing column stops at once with that one error.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/catalogue/catalogue.hpp"
#include "tillbook/core/error.hpp"
#include "tillbook/money/currency.hpp"

namespace tillbook::catalogue {

inline constexpr std::size_t kMaxReportedErrors = 50;

[[nodiscard]] Result<std::vector<TaxClass>> ParseTaxClassesCsv(std::string_view text,
                                                               std::string_view file_name);

// Prices are parsed in `currency` (more decimals than it has are an error). The result's
// tax_classes are a copy of `tax_classes`; its SKUs keep the file's order.
[[nodiscard]] Result<Catalogue> ParseCatalogueCsv(std::string_view text, std::string_view file_name,
                                                  const money::Currency& currency,
                                                  std::span<const TaxClass> tax_classes);

// Writes the SKUs in the format above: the columns in the order listed, LF line endings, no byte
// order mark, fields quoted only where needed. For any catalogue ParseCatalogueCsv produced,
// ParseCatalogueCsv(WriteCatalogueCsv(c), name, currency, c.tax_classes) gives c back.
[[nodiscard]] std::string WriteCatalogueCsv(const Catalogue& catalogue);

}  // namespace tillbook::catalogue
