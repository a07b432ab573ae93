#pragma once
// GTINs as printed under retail barcodes: EAN-13, EAN-8, UPC-A, GTIN-14, and UPC-E (a compressed
// UPC-A). Check digits, parsing, normalisation for catalogue look-up, and a guess at what a
// scanner read. Plain values, no I/O.
#include <optional>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"

namespace tillbook::barcode {

// Stored with catalogue barcodes: explicit values, never reused.
enum class GtinKind : int {
    kEan8 = 1,    // GTIN-8, 8 digits
    kUpcA = 2,    // GTIN-12, 12 digits
    kEan13 = 3,   // GTIN-13, 13 digits
    kGtin14 = 4,  // GTIN-14, 14 digits (outer cases; ITF-14 or GS1-128)
};

// A GTIN whose length and check digit have been verified (made by ParseGtin or ExpandUpcE).
struct Gtin {
    GtinKind kind = GtinKind::kEan13;
    std::string digits;  // every digit including the check digit, exactly as it was read

    friend bool operator==(const Gtin&, const Gtin&) = default;
};

// The GS1 mod-10 check digit (0-9) of `body`, the digits before the check digit: weights 3, 1, 3,
// ... starting from the rightmost body digit; the check digit brings the weighted sum up to a
// multiple of 10. Works for every GTIN length (7 digits for EAN-8 up to 13 for GTIN-14) and for
// SSCC/GLN bodies. kInvalidInput when `body` is empty, longer than 17 digits or not all digits.
[[nodiscard]] Result<int> ComputeCheckDigit(std::string_view body);

// `body` followed by its check digit: "501234567890" -> "5012345678900". Errors as above.
[[nodiscard]] Result<std::string> AppendCheckDigit(std::string_view body);

// True when `code` is 2 to 18 ASCII digits and its last digit is the check digit of the rest.
// Arithmetic only: no length or all-zero rules (ParseGtin applies those).
[[nodiscard]] bool HasValidCheckDigit(std::string_view code);

// Parses a GTIN of 8 (EAN-8), 12 (UPC-A), 13 (EAN-13) or 14 (GTIN-14) ASCII digits and verifies
// its check digit. Nothing is trimmed: spaces, signs and letters are errors. All errors are
// kInvalidInput, e.g. "5012345678901: bad check digit, expected 0". An all-zero code is rejected
// too: it passes the arithmetic but is what misreads and blank keypad entries produce, and GS1
// never issues it. An 8-digit code is always read as EAN-8 here; use ExpandUpcE for UPC-E.
[[nodiscard]] Result<Gtin> ParseGtin(std::string_view digits);

// The 13-digit form used as the catalogue's look-up key, so an item is found however its code was
// scanned or keyed: EAN-13 as is, UPC-A "0" + 12 digits (036000291452 -> 0036000291452), EAN-8
// "00000" + 8 digits (the GS1 zero-padding), GTIN-14 without its leading digit when that is 0.
// nullopt for a GTIN-14 whose indicator digit is 1-9: it names a case or pack, not the item.
[[nodiscard]] std::optional<std::string> NormalisedEan13(const Gtin& gtin);

// The 14-digit form (GS1 zero-padding on the left); always possible.
[[nodiscard]] std::string NormalisedGtin14(const Gtin& gtin);

// Expands an 8-digit UPC-E (number system, six data digits d1..d6, check digit) to its UPC-A and
// verifies the check digit, which is the UPC-A's. With number system N:
//   d6 0-2: N d1 d2 d6 0 0 0 0 d3 d4 d5   (04252614 -> 042100005264)
//   d6 3:   N d1 d2 d3 0 0 0 0 0 d4 d5
//   d6 4:   N d1 d2 d3 d4 0 0 0 0 0 d5
//   d6 5-9: N d1 d2 d3 d4 d5 0 0 0 0 d6
// Expansion is mechanical, as scanners do it: non-canonical forms (say d6 3 with d3 0-2) expand
// the same way. kInvalidInput for anything but 8 ASCII digits, a number system other than 0 or 1,
// a bad check digit ("04252615: bad check digit, expected 4") or an all-zero result.
[[nodiscard]] Result<Gtin> ExpandUpcE(std::string_view upc_e);

// What a scanner most likely read. Not stored.
enum class Symbology : int {
    kEan13 = 1,
    kEan8 = 2,
    kUpcA = 3,
    kUpcE = 4,
    kGtin14 = 5,
    kCode128OrOther = 6,
};

// Guesses the symbology from the scanned text alone (no AIM "]E0" prefix, no CR/LF: strip those
// first). A code is only reported as EAN/UPC/GTIN when it is all digits, of the right length and
// its check digit verifies (ParseGtin or ExpandUpcE accepts it), because scanners verify EAN/UPC
// check digits themselves: digits that fail came from another symbology such as Code 128 (a
// loyalty card, an order number). 8 digits are ambiguous: a code starting 0 or 1 that is a valid
// UPC-E is reported as kUpcE even if it is also a valid EAN-8 (about 1 in 10 are); a shop that
// prints its own EAN-8s starting 0 should also try such a code as an EAN-8.
[[nodiscard]] Symbology GuessSymbology(std::string_view scanned);

}  // namespace tillbook::barcode
