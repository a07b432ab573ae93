#pragma once
// What a scanner read, as one plain value: the text, the symbology guessed and whether a GTIN's
// check digit verifies. Made from the text of one scan (HID keyboard, keyboard wedge, serial).
// Plain values, no I/O.
#include <string>
#include <string_view>

#include "tillbook/barcode/gtin.hpp"
#include "tillbook/core/error.hpp"

namespace tillbook::drivers {

// Not stored.
enum class CheckDigit : int {
    kNotApplicable = 1,  // not a GTIN-shaped code (Code 128, QR, letters, other lengths)
    kValid = 2,          // an EAN/UPC/GTIN whose check digit verifies
    kInvalid = 3,        // shaped like an EAN/UPC/GTIN, but the check digit (or all zeros) fails
};

[[nodiscard]] std::string_view ToString(CheckDigit check_digit);
[[nodiscard]] std::string_view ToString(barcode::Symbology symbology);

struct ScannedBarcode {
    std::string text;  // the data, without AIM prefix and line ends
    barcode::Symbology symbology = barcode::Symbology::kCode128OrOther;
    CheckDigit check_digit = CheckDigit::kNotApplicable;
    std::string aim_identifier;  // "]E0", "]C1", ... as the scanner sent it; empty if none

    // A GTIN the till can look up: the symbology is EAN/UPC/GTIN and its check digit verifies.
    [[nodiscard]] bool IsVerifiedGtin() const { return check_digit == CheckDigit::kValid; }

    friend bool operator==(const ScannedBarcode&, const ScannedBarcode&) = default;
};

// Reads the text of one scan. Trailing CR, LF and Tab (the scanner's suffix) are removed. An AIM
// symbology identifier at the start ("]" + code letter + modifier character, ISO/IEC 15424) is
// split off into aim_identifier and decides the symbology:
//   ]E0 EAN-13 (13 digits), UPC-A (12) or UPC-E (8); ]E3 EAN-13 with an add-on (the first 13
//   digits are checked); ]E4 EAN-8; ]I0/]I1 ITF, a GTIN-14 when it is 14 digits; anything else
//   (]C0, ]C1 GS1-128, ]Q1 QR, ]A0 Code 39, ...) is kCode128OrOther and not checked.
// Without an identifier the symbology is barcode::GuessSymbology's. Unlike GuessSymbology, a code
// of 8, 12, 13 or 14 digits whose check digit fails is not passed off as Code 128: it is reported
// as the EAN-8, UPC-A, EAN-13 or GTIN-14 it looks like, with kInvalid, so the till can tell the
// cashier "bad barcode, key it in or scan again" instead of "not found". An AIM-tagged EAN/UPC
// whose data does not fit (wrong length, letters) is kInvalid too.
// kInvalidInput for a scan that is empty once the suffix (and identifier) are removed.
[[nodiscard]] Result<ScannedBarcode> ReadScannedBarcode(std::string_view scan);

}  // namespace tillbook::drivers
