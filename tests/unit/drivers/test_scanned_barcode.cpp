#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/drivers/hid_keyboard.hpp"
#include "tillbook/drivers/scanned_barcode.hpp"

namespace {

using tillbook::barcode::Symbology;
using tillbook::drivers::CheckDigit;
using tillbook::drivers::ReadScannedBarcode;
using tillbook::drivers::ScannedBarcode;

ScannedBarcode Read(std::string_view scan) {
    auto result = ReadScannedBarcode(scan);
    REQUIRE(result.has_value());
    return *result;
}

}  // namespace

TEST_CASE("a valid EAN-13 is read as an EAN-13 whose check digit verifies") {
    const ScannedBarcode barcode = Read("5012345678900");
    CHECK(barcode == ScannedBarcode{"5012345678900", Symbology::kEan13, CheckDigit::kValid, ""});
    CHECK(barcode.IsVerifiedGtin());
}

TEST_CASE("an EAN-13 with a bad check digit is flagged, not dropped") {
    const ScannedBarcode barcode = Read("5012345678901");
    CHECK(barcode.text == "5012345678901");
    CHECK(barcode.symbology == Symbology::kEan13);
    CHECK(barcode.check_digit == CheckDigit::kInvalid);
    CHECK_FALSE(barcode.IsVerifiedGtin());
}

TEST_CASE("UPC-A, UPC-E, EAN-8 and GTIN-14 are told apart by length and check digit") {
    CHECK(Read("036000291452").symbology == Symbology::kUpcA);
    CHECK(Read("04252614").symbology == Symbology::kUpcE);
    CHECK(Read("96385074").symbology == Symbology::kEan8);
    CHECK(Read("10012345678902").symbology == Symbology::kGtin14);
    CHECK(Read("10012345678902").check_digit == CheckDigit::kValid);
}

TEST_CASE("GTIN-shaped digits whose check digit fails are flagged as the code they look like") {
    CHECK(Read("036000291453") ==
          ScannedBarcode{"036000291453", Symbology::kUpcA, CheckDigit::kInvalid, ""});
    CHECK(Read("96385075") ==
          ScannedBarcode{"96385075", Symbology::kEan8, CheckDigit::kInvalid, ""});
    CHECK(Read("10012345678903").check_digit == CheckDigit::kInvalid);
    // All zeros passes the arithmetic but is what a misread gives; GS1 never issues it.
    CHECK(Read("0000000000000").check_digit == CheckDigit::kInvalid);
}

TEST_CASE("text that is not GTIN-shaped is Code 128 or other without a check digit") {
    CHECK(Read("ORD-2026-0042") == ScannedBarcode{"ORD-2026-0042", Symbology::kCode128OrOther,
                                                  CheckDigit::kNotApplicable, ""});
    CHECK(Read("12345").check_digit == CheckDigit::kNotApplicable);
    CHECK(Read("501234567890A").symbology == Symbology::kCode128OrOther);
}

TEST_CASE("the scanner's CR, LF or Tab suffix is removed") {
    CHECK(Read("5012345678900\r\n").text == "5012345678900");
    CHECK(Read("ABC\t").text == "ABC");
}

TEST_CASE("an AIM identifier is split off and decides the symbology") {
    CHECK(Read("]E05012345678900") ==
          ScannedBarcode{"5012345678900", Symbology::kEan13, CheckDigit::kValid, "]E0"});
    CHECK(Read("]E0036000291452").symbology == Symbology::kUpcA);
    CHECK(Read("]E004252614").symbology == Symbology::kUpcE);
    CHECK(Read("]E496385074") ==
          ScannedBarcode{"96385074", Symbology::kEan8, CheckDigit::kValid, "]E4"});
    CHECK(Read("]I110012345678902") ==
          ScannedBarcode{"10012345678902", Symbology::kGtin14, CheckDigit::kValid, "]I1"});
    CHECK(Read("]E3501234567890012") ==
          ScannedBarcode{"501234567890012", Symbology::kEan13, CheckDigit::kValid, "]E3"});
}

TEST_CASE("an AIM-tagged EAN with a bad check digit or data that does not fit is flagged") {
    CHECK(Read("]E05012345678901").check_digit == CheckDigit::kInvalid);
    CHECK(Read("]E004252615").check_digit == CheckDigit::kInvalid);  // UPC-E, expected 4
    CHECK(Read("]E0ABC") == ScannedBarcode{"ABC", Symbology::kEan13, CheckDigit::kInvalid, "]E0"});
    CHECK(Read("]E41234").check_digit == CheckDigit::kInvalid);
}

TEST_CASE("a Code 128 identifier keeps digits that would look like an EAN unchecked") {
    CHECK(Read("]C15012345678901") == ScannedBarcode{"5012345678901", Symbology::kCode128OrOther,
                                                     CheckDigit::kNotApplicable, "]C1"});
    CHECK(Read("]Q1https://shop.example/o/42").aim_identifier == "]Q1");
}

TEST_CASE("text that only starts like an AIM identifier is kept whole") {
    CHECK(Read("]1x5012") ==
          ScannedBarcode{"]1x5012", Symbology::kCode128OrOther, CheckDigit::kNotApplicable, ""});
    CHECK(Read("]E").text == "]E");
    CHECK(Read("]").text == "]");
}

TEST_CASE("an empty scan is an error a cashier understands") {
    for (const std::string_view scan : {"", "\r\n", "]E0", "]C1\r"}) {
        CAPTURE(scan);
        auto result = ReadScannedBarcode(scan);
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().code == tillbook::ErrorCode::kInvalidInput);
        CHECK(result.error().message == "the scan was empty: scan the barcode again");
    }
}

TEST_CASE("symbologies and check digit results have names for the screen") {
    CHECK(tillbook::drivers::ToString(Symbology::kEan13) == "EAN-13");
    CHECK(tillbook::drivers::ToString(Symbology::kUpcE) == "UPC-E");
    CHECK(tillbook::drivers::ToString(Symbology::kCode128OrOther) == "Code 128 or other");
    CHECK(tillbook::drivers::ToString(CheckDigit::kInvalid) == "bad check digit");
    CHECK(tillbook::drivers::ToString(CheckDigit::kValid) == "check digit valid");
}

TEST_CASE("a UK-layout HID scanner's bad EAN reaches the till flagged with its AIM identifier") {
    using tillbook::drivers::KeyboardLayout;
    auto reports =
        tillbook::drivers::ReportsTyping("]E05012345678901\r]E496385074\r", KeyboardLayout::kUk);
    REQUIRE(reports.has_value());
    tillbook::drivers::HidScanDecoder decoder(KeyboardLayout::kUk);
    std::vector<ScannedBarcode> barcodes;
    for (const auto& report : *reports) {
        auto scans = decoder.Feed(report);
        REQUIRE(scans.has_value());
        for (const std::string& scan : *scans)
            barcodes.push_back(Read(scan));
    }
    CHECK(barcodes == std::vector<ScannedBarcode>{
                          {"5012345678901", Symbology::kEan13, CheckDigit::kInvalid, "]E0"},
                          {"96385074", Symbology::kEan8, CheckDigit::kValid, "]E4"},
                      });
}

TEST_CASE("any scan text is read without loss: identifier and data give back the text") {
    std::mt19937 random(4242);  // fixed seed
    constexpr std::string_view kAlphabet = "]E0C1I4Q3x\r\n\t 0123456789ABC-\x1D\xC2\xA3";
    std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
    std::uniform_int_distribution<int> length(0, 20);
    for (int i = 0; i < 5000; ++i) {
        std::string scan;
        for (int n = length(random); n > 0; --n)
            scan.push_back(kAlphabet[pick(random)]);
        CAPTURE(scan);
        std::string_view without_suffix = scan;
        while (!without_suffix.empty() &&
               (without_suffix.back() == '\r' || without_suffix.back() == '\n' ||
                without_suffix.back() == '\t'))
            without_suffix.remove_suffix(1);
        auto result = ReadScannedBarcode(scan);
        if (!result.has_value()) {
            CHECK(without_suffix.size() == (without_suffix.starts_with(']') ? 3u : 0u));
            continue;
        }
        CHECK(result->aim_identifier + result->text == without_suffix);
        if (result->check_digit == CheckDigit::kValid)
            CHECK(result->symbology != Symbology::kCode128OrOther);
    }
}
