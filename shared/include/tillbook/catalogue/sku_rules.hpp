#pragma once
// The rules one SKU's fields follow, wherever the SKU comes from: the CSV import
// (catalogue_csv.cpp) and the back office's API (PUT /api/v1/catalogue/skus/{code}) both read
// their fields through these, so the two cannot drift apart. Plain values; no I/O.
//
// Each rule answers with the value, or an Error whose message is the detail only, without the
// field's name ("\"4.999\": more than 2 decimal places for GBP"); the caller says which field (the
// CSV adds file and line, the API "price: ..."). Uniqueness (of a SKU code, of a barcode) is for
// the caller to check in its own scope: within the file, or against the database.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/catalogue/catalogue.hpp"
#include "tillbook/core/error.hpp"
#include "tillbook/money/money.hpp"

namespace tillbook::catalogue {

// A control character (C0, DEL or C1): a line break, a tab, an escape.
[[nodiscard]] bool HasControlCharacter(std::string_view text);

// Codes, names and categories are required unless said otherwise (a variant name may be empty).
[[nodiscard]] Status CheckRequired(std::string_view text);

// Every text field.
[[nodiscard]] Status CheckUtf8(std::string_view text);

// SKU codes and product ids appear in messages, look-ups and labels: one printable line with
// nothing invisible in it (no zero-width space, direction mark or no-break space), so that two
// codes that look the same are the same. (Codes are also required UTF-8 text.)
[[nodiscard]] Status CheckSkuCodeCharacters(std::string_view text);

// A SKU code or product id as given: white space at either end trimmed (Unicode's, not only
// ASCII's), then required, UTF-8 and CheckSkuCodeCharacters.
[[nodiscard]] Result<std::string> ParseSkuCode(std::string_view text);

// Names (of a product, a variant, a category, a member of staff, a location) end up on receipts
// and labels: no control characters (a NUL, a line break, ESC @ or GS V, printer commands).
[[nodiscard]] Status CheckNameCharacters(std::string_view text);

// The largest shelf price or cost price: a million of the currency's major units (1,000,000.00
// GBP, 1,000,000 JPY). More is a slip of the keyboard, and it keeps the totals of any basket far
// from overflow.
inline constexpr std::int64_t kMaxShelfPriceMajor = 1'000'000;
// Any other amount staff type in minor units (a refund's amount_minor): at most 10^12 minor units
// (10,000,000,000.00 GBP); the ledger then holds it to what was paid.
inline constexpr std::int64_t kMaxAmountMinor = 1'000'000'000'000;

// A shelf price or cost price: the project's string-only money parser in `currency` (more
// decimals than the currency has are an error), not negative and at most kMaxShelfPriceMajor.
[[nodiscard]] Result<money::Money> ParseShelfAmount(std::string_view text,
                                                    const money::Currency& currency);

// "unit" | "weight", ASCII case ignored.
[[nodiscard]] Result<SoldBy> ParseSoldBy(std::string_view text);

[[nodiscard]] std::string_view SoldByName(SoldBy sold_by);

// true | false | 1 | 0, ASCII case ignored; empty means true.
[[nodiscard]] Result<bool> ParseActive(std::string_view text);

// A barcode of a SKU: a GTIN-8/12/13/14 with a verified check digit, kept as given, and the
// GTIN-14 it is compared as (so 0012345678905 and 012345678905 are the same code).
struct SkuBarcode {
    std::string digits;  // as given: what is stored
    std::string gtin14;  // the key two SKUs may not share
};

[[nodiscard]] Result<SkuBarcode> ParseSkuBarcode(std::string_view text);

// The forms a GTIN-14 may have been stored in (GTIN-14, EAN-13, UPC-A, EAN-8): the shorter forms
// only where the digits dropped are zeros. Two stored codes are the same GTIN exactly when they
// share a GTIN-14, so a look-up for these forms finds every clash.
[[nodiscard]] std::vector<std::string> StoredFormsOf(std::string_view gtin14);

// tax_class names one of `tax_classes`. kNotFound, listing the known ones, when it does not.
[[nodiscard]] Status CheckTaxClass(std::string_view code, std::span<const TaxClass> tax_classes);

}  // namespace tillbook::catalogue
