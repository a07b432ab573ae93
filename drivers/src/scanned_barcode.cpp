#include "tillbook/drivers/scanned_barcode.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>

namespace tillbook::drivers {
namespace {

using barcode::Symbology;

bool IsAsciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool IsAsciiDigit(char c) {
    return c >= '0' && c <= '9';
}
bool AllDigits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), IsAsciiDigit);
}

std::string_view WithoutSuffix(std::string_view scan) {
    while (!scan.empty() && (scan.back() == '\r' || scan.back() == '\n' || scan.back() == '\t'))
        scan.remove_suffix(1);
    return scan;
}

// "]E0" when `scan` starts with an AIM symbology identifier.
std::optional<std::string_view> AimIdentifier(std::string_view scan) {
    constexpr std::size_t kLength = 3;
    if (scan.size() < kLength || scan[0] != ']' || !IsAsciiLetter(scan[1])) return std::nullopt;
    if (!IsAsciiLetter(scan[2]) && !IsAsciiDigit(scan[2])) return std::nullopt;
    return scan.substr(0, kLength);
}

// The symbology an all-digit code of this length looks like; nullopt for other lengths.
std::optional<Symbology> GtinShape(std::size_t length) {
    switch (length) {
        case 8:
            return Symbology::kEan8;
        case 12:
            return Symbology::kUpcA;
        case 13:
            return Symbology::kEan13;
        case 14:
            return Symbology::kGtin14;
        default:
            return std::nullopt;
    }
}

CheckDigit Verify(std::string_view digits, Symbology symbology) {
    if (symbology == Symbology::kUpcE)
        return barcode::ExpandUpcE(digits).has_value() ? CheckDigit::kValid : CheckDigit::kInvalid;
    const std::optional<Symbology> shape =
        AllDigits(digits) ? GtinShape(digits.size()) : std::nullopt;
    if (shape != symbology) return CheckDigit::kInvalid;
    return barcode::ParseGtin(digits).has_value() ? CheckDigit::kValid : CheckDigit::kInvalid;
}

ScannedBarcode FromAim(std::string_view aim, std::string_view data) {
    ScannedBarcode result{std::string(data), Symbology::kCode128OrOther, CheckDigit::kNotApplicable,
                          std::string(aim)};
    const char code = aim[1];
    const char modifier = aim[2];
    if (code == 'E' && modifier == '0') {
        result.symbology = data.size() == 12  ? Symbology::kUpcA
                           : data.size() == 8 ? Symbology::kUpcE
                                              : Symbology::kEan13;
        result.check_digit = Verify(data, result.symbology);
    } else if (code == 'E' && modifier == '3') {
        result.symbology = Symbology::kEan13;
        result.check_digit = Verify(data.substr(0, 13), Symbology::kEan13);
    } else if (code == 'E' && modifier == '4') {
        result.symbology = Symbology::kEan8;
        result.check_digit = Verify(data, Symbology::kEan8);
    } else if (code == 'I' && (modifier == '0' || modifier == '1') && data.size() == 14 &&
               AllDigits(data)) {
        result.symbology = Symbology::kGtin14;
        result.check_digit = Verify(data, Symbology::kGtin14);
    }
    return result;
}

ScannedBarcode FromText(std::string_view text) {
    ScannedBarcode result{
        std::string(text), barcode::GuessSymbology(text), CheckDigit::kNotApplicable, {}};
    if (result.symbology != Symbology::kCode128OrOther) {
        result.check_digit = CheckDigit::kValid;  // GuessSymbology verified it
        return result;
    }
    if (!AllDigits(text)) return result;
    if (const std::optional<Symbology> shape = GtinShape(text.size())) {
        result.symbology = *shape;
        result.check_digit = CheckDigit::kInvalid;
    }
    return result;
}

}  // namespace

std::string_view ToString(CheckDigit check_digit) {
    switch (check_digit) {
        case CheckDigit::kNotApplicable:
            return "no check digit";
        case CheckDigit::kValid:
            return "check digit valid";
        case CheckDigit::kInvalid:
            return "bad check digit";
    }
    return "unknown";
}

std::string_view ToString(Symbology symbology) {
    switch (symbology) {
        case Symbology::kEan13:
            return "EAN-13";
        case Symbology::kEan8:
            return "EAN-8";
        case Symbology::kUpcA:
            return "UPC-A";
        case Symbology::kUpcE:
            return "UPC-E";
        case Symbology::kGtin14:
            return "GTIN-14";
        case Symbology::kCode128OrOther:
            return "Code 128 or other";
    }
    return "unknown";
}

Result<ScannedBarcode> ReadScannedBarcode(std::string_view scan) {
    const std::string_view text = WithoutSuffix(scan);
    const std::optional<std::string_view> aim = AimIdentifier(text);
    const std::string_view data = aim ? text.substr(aim->size()) : text;
    if (data.empty())
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "the scan was empty: scan the barcode again", "scan"));
    return aim ? FromAim(*aim, data) : FromText(data);
}

}  // namespace tillbook::drivers
