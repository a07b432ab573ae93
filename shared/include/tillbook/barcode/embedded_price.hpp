#pragma once
// In-store EAN-13s that carry a price or a weight: the labels a shop's scales and label printers
// make for weighed and variable-price goods (GS1 restricted circulation numbers, prefixes 20-29).
// What the digits mean is set by the shop or its country's GS1 office, so the layout is
// configurable. Plain values, no I/O.
//
// A layout reads the 13 digits left to right as
//     prefix | item | [price/weight check digit] | value | EAN check digit
// and the lengths add up to 13. Examples (I item, C value check digit, V value, K EAN check):
//     "21" IIIII VVVVV K     weight in grams, 5 digits (up to 99.999 kg)
//     "20" IIIII C VVVV K    price in pence, 4 digits with check digit (GS1 UK)
//     "02" IIIII C VVVV K    a US UPC-A "2 IIIII C VVVV K" in its 13-digit form
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"

namespace tillbook::barcode {

// Stored in shop configuration: explicit values, never reused.
enum class EmbeddedKind : int {
    kPrice = 1,   // the value is a price in minor units (pence)
    kWeight = 2,  // the value is a weight in grams
};

struct EmbeddedLayout {
    std::string prefix;   // leading digits selecting this layout: "2", "21"; must start "2" or "02"
    int item_digits = 5;  // digits naming the item, right after the prefix
    EmbeddedKind kind = EmbeddedKind::kPrice;
    int value_digits = 5;  // digits of the value, right before the EAN check digit
    // A GS1 price/weight check digit sits between the item and the value (only for 4 or 5 value
    // digits; see ComputePriceWeightCheckDigit). Decoding rejects a code whose digit is wrong.
    bool has_value_check_digit = false;

    friend bool operator==(const EmbeddedLayout&, const EmbeddedLayout&) = default;
};

// A decoded code. Exactly one of price_minor and weight_grams is meaningful, as `kind` says; the
// other is 0.
struct EmbeddedCode {
    std::string prefix;     // the prefix of the layout that matched: "21"
    std::string item_code;  // the item digits, leading zeros kept: "01234"
    EmbeddedKind kind = EmbeddedKind::kPrice;
    std::int64_t price_minor = 0;   // kPrice: the label's price in minor units (pence)
    std::int64_t weight_grams = 0;  // kWeight: the label's weight in grams

    friend bool operator==(const EmbeddedCode&, const EmbeddedCode&) = default;
};

// The layouts a new shop starts with:
//   "20" IIIII C VVVV K   price in pence, 4 digits with GS1 price check digit (GS1 UK's layout)
//   "21" IIIII VVVVV K    weight in grams, 5 digits
//   "22" IIIII VVVVV K    price in pence, 5 digits
[[nodiscard]] std::vector<EmbeddedLayout> DefaultEmbeddedLayouts();

// Checks a layout: prefix of ASCII digits starting "2" or "02"; item_digits and value_digits at
// least 1; prefix + item + value check digit + value + EAN check digit = 13 digits. kInvalidInput
// for those; kUnsupported for a value check digit with other than 4 or 5 value digits.
[[nodiscard]] Status ValidateLayout(const EmbeddedLayout& layout);

// The GS1 price/weight check digit (GS1 General Specifications 7.9.3) of a 4- or 5-digit value.
// Each digit gets a weighting factor; its "weighted product" is a single digit:
//   2-: units digit of 2d minus its tens digit, mod 10   (0 2 4 6 8 9 1 3 5 7 for d = 0..9)
//   3:  units digit of 3d                                (0 3 6 9 2 5 8 1 4 7)
//   5+: units digit of 5d plus its tens digit, mod 10    (0 5 1 6 2 7 3 8 4 9)
//   5-: units digit of 5d minus its tens digit, mod 10   (0 5 9 4 8 3 7 2 6 1)
// 4 digits, factors 2- 2- 3 5- from the left: the check digit is the units digit of 3 x the sum
// of the products ("2875" -> 4 + 5 + 1 + 3 = 13, 3 x 13 = 39 -> 9).
// 5 digits, factors 5+ 2- 5- 5+ 2-: with s the units digit of the sum of the products, the check
// digit is the c whose 5- product is (10 - s) mod 10 ("14685" -> s = 3, 5-(6) = 7 -> 6).
// kInvalidInput unless `value` is 4 or 5 ASCII digits.
[[nodiscard]] Result<int> ComputePriceWeightCheckDigit(std::string_view value);

// Decodes an in-store EAN-13 with the layout whose prefix is the longest that matches (the first
// listed among equal prefixes). kInvalidInput when `ean13` is not 13 ASCII digits (or is all
// zeros), its EAN check digit is wrong ("2112345012340: bad check digit, expected 6"), a layout
// fails ValidateLayout (every layout is checked, matching or not), or the matching layout's value
// check digit is wrong; kNotFound when no layout matches (an ordinary product code, say).
[[nodiscard]] Result<EmbeddedCode> DecodeEmbedded(std::string_view ean13,
                                                  std::span<const EmbeddedLayout> layouts);

// Builds the 13 digits for `item_code` (exactly layout.item_digits ASCII digits) and `value`
// (pence or grams as the layout says, 0 up to 10^value_digits - 1), computing the value check
// digit if the layout has one and the EAN check digit. kInvalidInput for a bad layout, item code
// or value (kUnsupported as ValidateLayout). For labels in demo data and tests.
[[nodiscard]] Result<std::string> EncodeEmbedded(const EmbeddedLayout& layout,
                                                 std::string_view item_code, std::int64_t value);

}  // namespace tillbook::barcode
