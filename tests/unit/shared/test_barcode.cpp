#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tillbook/barcode/embedded_price.hpp"
#include "tillbook/barcode/gtin.hpp"

namespace {

using tillbook::ErrorCode;
using namespace tillbook::barcode;
using namespace std::string_view_literals;

// Known-valid codes printed on real products or used as GS1 / Wikipedia examples.
constexpr std::string_view kEan13 = "4006381333931";
constexpr std::string_view kEan13Gs1 = "5012345678900";
constexpr std::string_view kUpcA = "036000291452";
constexpr std::string_view kEan8 = "96385074";
constexpr std::string_view kUpcE = "04252614";
constexpr std::string_view kUpcEExpanded = "042100005264";
constexpr std::string_view kGtin14 = "10012345678902";

std::string ExpandedDigits(std::string_view upc_e) {
    const auto gtin = ExpandUpcE(upc_e);
    REQUIRE(gtin.has_value());
    CHECK(gtin->kind == GtinKind::kUpcA);
    return gtin->digits;
}

Gtin GtinOf(std::string_view digits) {
    auto gtin = ParseGtin(digits);
    REQUIRE(gtin.has_value());
    return *gtin;
}

// The error of a result that must have failed.
template <class T>
tillbook::Error ErrorOf(const tillbook::Result<T>& result) {
    REQUIRE_FALSE(result.has_value());
    return result.error();
}

ErrorCode ParseErrorCode(std::string_view digits) {
    return ErrorOf(ParseGtin(digits)).code;
}

}  // namespace

TEST_SUITE("barcode: GTIN check digits") {
    TEST_CASE("the check digits of well-known codes are computed") {
        CHECK(ComputeCheckDigit("400638133393") == 1);
        CHECK(ComputeCheckDigit("501234567890") == 0);
        CHECK(ComputeCheckDigit("03600029145") == 2);
        CHECK(ComputeCheckDigit("9638507") == 4);
        CHECK(ComputeCheckDigit("1001234567890") == 2);
        CHECK(ComputeCheckDigit("37610425002123456") == 9);  // an SSCC, the longest body
    }

    TEST_CASE("a check digit body that is empty, too long or not all digits is rejected") {
        for (const std::string_view body :
             {"", "123456789012345678", "40063813339a", " 400638133393", "-1", "4006 3813"}) {
            CAPTURE(body);
            const auto check = ComputeCheckDigit(body);
            REQUIRE_FALSE(check.has_value());
            CHECK(check.error().code == ErrorCode::kInvalidInput);
        }
    }

    TEST_CASE("appending the check digit completes a body into a valid code") {
        CHECK(AppendCheckDigit("501234567890") == std::string(kEan13Gs1));
        CHECK(AppendCheckDigit("9638507") == std::string(kEan8));
        CHECK_FALSE(AppendCheckDigit("12x").has_value());
    }

    TEST_CASE("check digit validation is false for junk rather than an error") {
        CHECK(HasValidCheckDigit(kEan13));
        CHECK(HasValidCheckDigit("00"));
        CHECK_FALSE(HasValidCheckDigit(""));
        CHECK_FALSE(HasValidCheckDigit("7"));
        CHECK_FALSE(HasValidCheckDigit("abc"));
        CHECK_FALSE(HasValidCheckDigit("4006381333932"));
        CHECK_FALSE(HasValidCheckDigit("4006381333931 "));
        CHECK_FALSE(HasValidCheckDigit(std::string(19, '0')));
    }

    TEST_CASE("a computed check digit always validates and every single-digit change is caught") {
        std::mt19937 random(20240611U);  // fixed seed: the same bodies on every run
        std::uniform_int_distribution<int> digit(0, 9);
        int undetected = 0;
        int rejected_originals = 0;
        for (int round = 0; round < 3000; ++round) {
            std::string body;
            for (int i = 0; i < 12; ++i)
                body += static_cast<char>('0' + digit(random));
            const auto code = AppendCheckDigit(body);
            REQUIRE(code.has_value());
            if (!HasValidCheckDigit(*code)) ++rejected_originals;
            for (std::size_t position = 0; position < code->size(); ++position) {
                for (char replacement = '0'; replacement <= '9'; ++replacement) {
                    if (replacement == (*code)[position]) continue;
                    std::string altered = *code;
                    altered[position] = replacement;
                    if (HasValidCheckDigit(altered)) ++undetected;
                }
            }
        }
        CHECK(rejected_originals == 0);
        CHECK(undetected == 0);
    }
}

TEST_SUITE("barcode: parsing GTINs") {
    TEST_CASE("well-known EAN-13, EAN-8, UPC-A and GTIN-14 codes parse with their kind") {
        const std::array<std::pair<std::string_view, GtinKind>, 6> cases = {{
            {kEan13, GtinKind::kEan13},
            {kEan13Gs1, GtinKind::kEan13},
            {kUpcA, GtinKind::kUpcA},
            {kEan8, GtinKind::kEan8},
            {kGtin14, GtinKind::kGtin14},
            {"04006381333931", GtinKind::kGtin14},
        }};
        for (const auto& [digits, kind] : cases) {
            CAPTURE(digits);
            const auto gtin = ParseGtin(digits);
            REQUIRE(gtin.has_value());
            CHECK(gtin->kind == kind);
            CHECK(gtin->digits == digits);
        }
    }

    TEST_CASE("an EAN-13 with a bad check digit is rejected, naming the expected digit") {
        const auto gtin = ParseGtin("5012345678901");
        REQUIRE_FALSE(gtin.has_value());
        CHECK(gtin.error().code == ErrorCode::kInvalidInput);
        CHECK(gtin.error().message == "5012345678901: bad check digit, expected 0");
    }

    TEST_CASE("a UPC-A, an EAN-8 and a GTIN-14 with a bad check digit are rejected") {
        CHECK(ErrorOf(ParseGtin("036000291453")).message ==
              "036000291453: bad check digit, expected 2");
        CHECK(ErrorOf(ParseGtin("96385070")).message == "96385070: bad check digit, expected 4");
        CHECK(ErrorOf(ParseGtin("10012345678901")).message ==
              "10012345678901: bad check digit, expected 2");
    }

    TEST_CASE("codes with letters, spaces, signs or other characters are rejected") {
        for (const std::string_view digits :
             {"400638133393A"sv, "4OO6381333931"sv, " 4006381333931"sv, "4006381333931 "sv,
              "4006381 333931"sv, "+4006381333931"sv, "-036000291452"sv, "4006381333931\n"sv,
              "4006381333931\r"sv, "９６３８５０７４"sv, "96385074\0"sv, "0x96385074"sv}) {
            CAPTURE(digits);
            CHECK(ParseErrorCode(digits) == ErrorCode::kInvalidInput);
        }
        CHECK(ErrorOf(ParseGtin("40063A1333931")).message == "character 6 is not a digit");
    }

    TEST_CASE("an empty code is rejected") {
        CHECK(ParseErrorCode("") == ErrorCode::kInvalidInput);
    }

    TEST_CASE("digit strings of lengths other than 8, 12, 13 and 14 are rejected") {
        for (std::size_t length = 1; length <= 20; ++length) {
            if (length == 8 || length == 12 || length == 13 || length == 14) continue;
            CAPTURE(length);
            // Make the check digit right where it can be, so only the length is at fault.
            std::string digits(length, '7');
            if (length >= 2 && length <= 18) digits = *AppendCheckDigit(digits.substr(1));
            CHECK(ParseErrorCode(digits) == ErrorCode::kInvalidInput);
        }
        CHECK(ErrorOf(ParseGtin("50123456789")).message ==
              "50123456789: 11 digits, expected 8, 12, 13 or 14");
        CHECK(ErrorOf(ParseGtin("501234567890012")).message ==
              "501234567890012: 15 digits, expected 8, 12, 13 or 14");
    }

    TEST_CASE("a very long string is rejected without echoing it back") {
        const std::string digits(100000, '5');
        const auto gtin = ParseGtin(digits);
        REQUIRE_FALSE(gtin.has_value());
        CHECK(gtin.error().message == "100000 digits, expected 8, 12, 13 or 14");
        const std::string junk = std::string(50000, '1') + "x";
        CHECK(ErrorOf(ParseGtin(junk)).message == "character 50001 is not a digit");
    }

    TEST_CASE("an all-zero code is rejected at every GTIN length") {
        for (const std::size_t length : {8U, 12U, 13U, 14U}) {
            CAPTURE(length);
            const auto gtin = ParseGtin(std::string(length, '0'));
            REQUIRE_FALSE(gtin.has_value());
            CHECK(gtin.error().code == ErrorCode::kInvalidInput);
            CHECK(gtin.error().message.ends_with("all zeros is not a GTIN"));
        }
    }
}

TEST_SUITE("barcode: normalising GTINs for look-up") {
    TEST_CASE("a UPC-A and the same code scanned as an EAN-13 normalise to the same key") {
        const auto upc = ParseGtin(kUpcA);
        const auto ean = ParseGtin("0036000291452");
        REQUIRE(upc.has_value());
        REQUIRE(ean.has_value());
        CHECK(NormalisedEan13(*upc) == std::string("0036000291452"));
        CHECK(NormalisedEan13(*upc) == NormalisedEan13(*ean));
    }

    TEST_CASE("an EAN-8 normalises to EAN-13 with five leading zeros") {
        const auto gtin = ParseGtin(kEan8);
        REQUIRE(gtin.has_value());
        CHECK(NormalisedEan13(*gtin) == std::string("0000096385074"));
        CHECK(HasValidCheckDigit(*NormalisedEan13(*gtin)));
    }

    TEST_CASE("a GTIN-14 normalises to EAN-13 only when its indicator digit is 0") {
        const auto unit = ParseGtin("04006381333931");
        const auto outer_case = ParseGtin(kGtin14);
        REQUIRE(unit.has_value());
        REQUIRE(outer_case.has_value());
        CHECK(NormalisedEan13(*unit) == std::string(kEan13));
        CHECK_FALSE(NormalisedEan13(*outer_case).has_value());
    }

    TEST_CASE("every kind normalises to GTIN-14 by padding with zeros") {
        CHECK(NormalisedGtin14(GtinOf(kEan8)) == "00000096385074");
        CHECK(NormalisedGtin14(GtinOf(kUpcA)) == "00036000291452");
        CHECK(NormalisedGtin14(GtinOf(kEan13)) == "04006381333931");
        CHECK(NormalisedGtin14(GtinOf(kGtin14)) == std::string(kGtin14));
    }
}

TEST_SUITE("barcode: UPC-E") {
    TEST_CASE("UPC-E 04252614 expands to UPC-A 042100005264") {
        CHECK(ExpandedDigits(kUpcE) == kUpcEExpanded);
    }

    TEST_CASE("a UPC-E ending 0, 1 or 2 moves that digit into the manufacturer code") {
        CHECK(ExpandedDigits("01234505") == "012000003455");
        CHECK(ExpandedDigits("04252614") == "042100005264");
        CHECK(ExpandedDigits("01234523") == "012200003453");
    }

    TEST_CASE("a UPC-E ending 3 keeps three manufacturer digits and two item digits") {
        CHECK(ExpandedDigits("01234531") == "012300000451");
    }

    TEST_CASE("a UPC-E ending 4 keeps four manufacturer digits and one item digit") {
        CHECK(ExpandedDigits("01234543") == "012340000053");
    }

    TEST_CASE("a UPC-E ending 5 to 9 keeps five manufacturer digits and the last as item digit") {
        CHECK(ExpandedDigits("01234558") == "012345000058");
        CHECK(ExpandedDigits("01234565") == "012345000065");
        CHECK(ExpandedDigits("01234572") == "012345000072");
        CHECK(ExpandedDigits("01234589") == "012345000089");
        CHECK(ExpandedDigits("01234596") == "012345000096");
    }

    TEST_CASE("a UPC-E in number system 1 expands with its number system kept") {
        CHECK(ExpandedDigits("11234502") == "112000003452");
        CHECK(ExpandedDigits("12345639") == "123400000569");
        CHECK(ExpandedDigits("19876544") == "198760000054");
    }

    TEST_CASE("an expanded UPC-E is a valid UPC-A with the same look-up key as scanning it") {
        const auto from_upc_e = ExpandUpcE(kUpcE);
        const auto from_upc_a = ParseGtin(kUpcEExpanded);
        REQUIRE(from_upc_e.has_value());
        REQUIRE(from_upc_a.has_value());
        CHECK(*from_upc_e == *from_upc_a);
        CHECK(NormalisedEan13(*from_upc_e) == NormalisedEan13(*from_upc_a));
    }

    TEST_CASE("a UPC-E with a bad check digit is rejected, naming the expected digit") {
        const auto gtin = ExpandUpcE("04252615");
        REQUIRE_FALSE(gtin.has_value());
        CHECK(gtin.error().code == ErrorCode::kInvalidInput);
        CHECK(gtin.error().message == "04252615: bad check digit, expected 4");
    }

    TEST_CASE("a UPC-E in a number system other than 0 or 1 is rejected") {
        for (char system = '2'; system <= '9'; ++system) {
            std::string code(kUpcE);
            code[0] = system;
            CAPTURE(code);
            const auto gtin = ExpandUpcE(code);
            REQUIRE_FALSE(gtin.has_value());
            CHECK(gtin.error().code == ErrorCode::kInvalidInput);
            CHECK(gtin.error().message.find("number system") != std::string::npos);
        }
    }

    TEST_CASE("a UPC-E of the wrong length, with non-digits or all zeros is rejected") {
        for (const std::string_view code : {"", "0425261", "042526140", "425261", "0425261A",
                                            "0425 614", "042100005264", "00000000"}) {
            CAPTURE(code);
            const auto gtin = ExpandUpcE(code);
            REQUIRE_FALSE(gtin.has_value());
            CHECK(gtin.error().code == ErrorCode::kInvalidInput);
        }
    }
}

TEST_SUITE("barcode: guessing the symbology") {
    TEST_CASE("scanned EAN-13, UPC-A, EAN-8, UPC-E and GTIN-14 codes are recognised") {
        CHECK(GuessSymbology(kEan13) == Symbology::kEan13);
        CHECK(GuessSymbology(kEan13Gs1) == Symbology::kEan13);
        CHECK(GuessSymbology(kUpcA) == Symbology::kUpcA);
        CHECK(GuessSymbology(kEan8) == Symbology::kEan8);
        CHECK(GuessSymbology(kUpcE) == Symbology::kUpcE);
        CHECK(GuessSymbology(kGtin14) == Symbology::kGtin14);
    }

    TEST_CASE("digits of a GTIN length with a bad check digit are guessed as another symbology") {
        CHECK(GuessSymbology("5012345678901") == Symbology::kCode128OrOther);
        CHECK(GuessSymbology("036000291453") == Symbology::kCode128OrOther);
        CHECK(GuessSymbology("10012345678901") == Symbology::kCode128OrOther);
        CHECK(GuessSymbology("04252615") == Symbology::kCode128OrOther);
    }

    TEST_CASE("letters, spaces, empty input and other lengths are guessed as Code 128 or other") {
        for (const std::string_view scanned :
             {"", " ", "ABC-123", "4006381333931\r", " 4006381333931", "]E04006381333931",
              "1234567", "50123456789", "501234567890012", "0000000000000", "00000000"}) {
            CAPTURE(scanned);
            CHECK(GuessSymbology(scanned) == Symbology::kCode128OrOther);
        }
        CHECK(GuessSymbology(std::string(5000, '9')) == Symbology::kCode128OrOther);
    }

    TEST_CASE("an 8-digit code valid both as UPC-E and as EAN-8 is guessed as UPC-E") {
        REQUIRE(ParseGtin("01234565").has_value());
        REQUIRE(ExpandUpcE("01234565").has_value());
        CHECK(GuessSymbology("01234565") == Symbology::kUpcE);
    }

    TEST_CASE("an 8-digit code starting 0 that is only a valid EAN-8 is guessed as EAN-8") {
        REQUIRE_FALSE(ExpandUpcE("07654329").has_value());
        CHECK(GuessSymbology("07654329") == Symbology::kEan8);
    }
}

TEST_SUITE("barcode: price and weight check digits") {
    TEST_CASE("the GS1 worked examples of price check digits are reproduced") {
        CHECK(ComputePriceWeightCheckDigit("2875") == 9);
        CHECK(ComputePriceWeightCheckDigit("14685") == 6);
        CHECK(ComputePriceWeightCheckDigit("0000") == 0);
        CHECK(ComputePriceWeightCheckDigit("00000") == 0);
    }

    TEST_CASE("a 4- or 5-digit price check digit catches every single-digit change") {
        for (int value = 0; value < 100000; value += 7) {
            for (const std::size_t width : {4U, 5U}) {
                if (width == 4 && value >= 10000) continue;
                std::string text = std::to_string(value);
                text.insert(0, width - text.size(), '0');
                const int check = *ComputePriceWeightCheckDigit(text);
                for (std::size_t position = 0; position < width; ++position) {
                    std::string altered = text;
                    altered[position] =
                        altered[position] == '9' ? '0' : static_cast<char>(altered[position] + 1);
                    CAPTURE(text);
                    CAPTURE(altered);
                    REQUIRE(*ComputePriceWeightCheckDigit(altered) != check);
                }
            }
        }
    }

    TEST_CASE("price check digit input of other lengths or with letters is rejected") {
        for (const std::string_view value : {"", "123", "123456", "12a4", "1 345"}) {
            CAPTURE(value);
            const auto check = ComputePriceWeightCheckDigit(value);
            REQUIRE_FALSE(check.has_value());
            CHECK(check.error().code == ErrorCode::kInvalidInput);
        }
    }
}

TEST_SUITE("barcode: in-store price and weight codes") {
    TEST_CASE("the default layouts are valid") {
        const auto layouts = DefaultEmbeddedLayouts();
        CHECK(layouts.size() == 3);
        for (const EmbeddedLayout& layout : layouts) {
            CAPTURE(layout.prefix);
            CHECK(ValidateLayout(layout).has_value());
        }
    }

    TEST_CASE("a weight label decodes to its item code and grams") {
        const auto code = DecodeEmbedded("2101234012505", DefaultEmbeddedLayouts());
        REQUIRE(code.has_value());
        CHECK(code->prefix == "21");
        CHECK(code->item_code == "01234");
        CHECK(code->kind == EmbeddedKind::kWeight);
        CHECK(code->weight_grams == 1250);
        CHECK(code->price_minor == 0);
    }

    TEST_CASE("a 5-digit price label decodes to its item code and pence") {
        const auto code = DecodeEmbedded("2204321003490", DefaultEmbeddedLayouts());
        REQUIRE(code.has_value());
        CHECK(code->prefix == "22");
        CHECK(code->item_code == "04321");
        CHECK(code->kind == EmbeddedKind::kPrice);
        CHECK(code->price_minor == 349);
        CHECK(code->weight_grams == 0);
    }

    TEST_CASE("a GS1 UK price label with a price check digit decodes") {
        const auto code = DecodeEmbedded("2012345001992", DefaultEmbeddedLayouts());
        REQUIRE(code.has_value());
        CHECK(code->prefix == "20");
        CHECK(code->item_code == "12345");
        CHECK(code->price_minor == 199);
    }

    TEST_CASE("a price label whose price check digit is wrong is rejected") {
        // EAN check digit right, price check digit 5 where 0 belongs.
        const auto code = DecodeEmbedded("2012345501997", DefaultEmbeddedLayouts());
        REQUIRE_FALSE(code.has_value());
        CHECK(code.error().code == ErrorCode::kInvalidInput);
        CHECK(code.error().message == "2012345501997: bad price/weight check digit, expected 0");
    }

    TEST_CASE("a weight label whose EAN check digit is wrong is rejected as invalid input") {
        const auto code = DecodeEmbedded("2101234012500", DefaultEmbeddedLayouts());
        REQUIRE_FALSE(code.has_value());
        CHECK(code.error().code == ErrorCode::kInvalidInput);
        CHECK(code.error().message == "2101234012500: bad check digit, expected 5");
    }

    TEST_CASE("an ordinary product code matches no layout") {
        const auto layouts = DefaultEmbeddedLayouts();
        for (const std::string_view ean : {kEan13, kEan13Gs1, std::string_view("2312345000002")}) {
            CAPTURE(ean);
            REQUIRE(HasValidCheckDigit(ean));
            const auto code = DecodeEmbedded(ean, layouts);
            REQUIRE_FALSE(code.has_value());
            CHECK(code.error().code == ErrorCode::kNotFound);
        }
        CHECK(ErrorOf(DecodeEmbedded("2101234012505", {})).code == ErrorCode::kNotFound);
    }

    TEST_CASE("a code that is not 13 digits is rejected by the decoder") {
        const auto layouts = DefaultEmbeddedLayouts();
        for (const std::string_view ean : {"", "210123401250", "21012340125050", "21012340125O5",
                                           " 2101234012505", "0000000000000"}) {
            CAPTURE(ean);
            const auto code = DecodeEmbedded(ean, layouts);
            REQUIRE_FALSE(code.has_value());
            CHECK(code.error().code == ErrorCode::kInvalidInput);
        }
    }

    TEST_CASE("price and weight labels round-trip through encoding and decoding") {
        const std::vector<EmbeddedLayout> layouts = {
            {"20", 5, EmbeddedKind::kPrice, 4, true},    // GS1 UK
            {"21", 5, EmbeddedKind::kWeight, 5, false},  // default weight
            {"22", 5, EmbeddedKind::kPrice, 5, false},   // default price
            {"23", 4, EmbeddedKind::kPrice, 5, true},    // German-style, 5-digit price check
            {"28", 4, EmbeddedKind::kWeight, 5, true},   // German-style weight
            {"24", 6, EmbeddedKind::kWeight, 4, false},  // Nordic-style weight
            {"2", 6, EmbeddedKind::kPrice, 5, false},    // a single-digit prefix
            {"02", 5, EmbeddedKind::kPrice, 4, true},    // US UPC-A price label, 13-digit form
        };
        const std::array<std::string_view, 3> item_seeds = {"000000", "999999", "130457"};
        const std::array<std::int64_t, 6> values = {0, 1, 9, 250, 1234, 99999};
        for (std::size_t index = 0; index < layouts.size(); ++index) {
            const EmbeddedLayout& layout = layouts[index];
            const std::span<const EmbeddedLayout> only_this(&layout, 1);
            for (const std::string_view seed : item_seeds) {
                const std::string item(
                    seed.substr(0, static_cast<std::size_t>(layout.item_digits)));
                for (std::int64_t value : values) {
                    if (layout.value_digits == 4 && value > 9999) value = 9999;
                    CAPTURE(layout.prefix);
                    CAPTURE(item);
                    CAPTURE(value);
                    const auto ean = EncodeEmbedded(layout, item, value);
                    REQUIRE(ean.has_value());
                    CHECK(ean->size() == 13);
                    CHECK(ean->starts_with(layout.prefix));
                    CHECK(ParseGtin(*ean).has_value());
                    const auto code = DecodeEmbedded(*ean, only_this);
                    REQUIRE(code.has_value());
                    CHECK(code->prefix == layout.prefix);
                    CHECK(code->item_code == item);
                    CHECK(code->kind == layout.kind);
                    const std::int64_t decoded = layout.kind == EmbeddedKind::kPrice
                                                     ? code->price_minor
                                                     : code->weight_grams;
                    CHECK(decoded == value);
                }
            }
        }
    }

    TEST_CASE("encoding builds the documented digits for the default layouts") {
        const auto layouts = DefaultEmbeddedLayouts();
        CHECK(EncodeEmbedded(layouts[0], "12345", 199) == std::string("2012345001992"));
        CHECK(EncodeEmbedded(layouts[1], "01234", 1250) == std::string("2101234012505"));
        CHECK(EncodeEmbedded(layouts[2], "04321", 349) == std::string("2204321003490"));
    }

    TEST_CASE("a US price label scanned as UPC-A decodes through its EAN-13 form") {
        const EmbeddedLayout us_price{"02", 5, EmbeddedKind::kPrice, 4, true};
        const auto upc = ParseGtin("212345702505");
        REQUIRE(upc.has_value());
        CHECK(upc->kind == GtinKind::kUpcA);
        const auto ean13 = NormalisedEan13(*upc);
        REQUIRE(ean13.has_value());
        const auto code = DecodeEmbedded(*ean13, std::span(&us_price, 1));
        REQUIRE(code.has_value());
        CHECK(code->item_code == "12345");
        CHECK(code->price_minor == 250);
    }

    TEST_CASE("the layout with the longest matching prefix wins") {
        const std::vector<EmbeddedLayout> layouts = {
            {"2", 6, EmbeddedKind::kPrice, 5, false},
            {"21", 5, EmbeddedKind::kWeight, 5, false},
        };
        const auto weight = DecodeEmbedded("2101234012505", layouts);
        REQUIRE(weight.has_value());
        CHECK(weight->prefix == "21");
        CHECK(weight->weight_grams == 1250);
        const auto price = DecodeEmbedded("2204321003490", layouts);
        REQUIRE(price.has_value());
        CHECK(price->prefix == "2");
        CHECK(price->item_code == "204321");
        CHECK(price->price_minor == 349);
        // Listing order does not matter.
        const std::vector<EmbeddedLayout> reversed = {layouts[1], layouts[0]};
        const auto weight_again = DecodeEmbedded("2101234012505", reversed);
        REQUIRE(weight_again.has_value());
        CHECK(weight_again->prefix == "21");
    }

    TEST_CASE("of two layouts with the same prefix the first listed wins") {
        const std::vector<EmbeddedLayout> layouts = {
            {"21", 5, EmbeddedKind::kWeight, 5, false},
            {"21", 5, EmbeddedKind::kPrice, 5, false},
        };
        const auto code = DecodeEmbedded("2101234012505", layouts);
        REQUIRE(code.has_value());
        CHECK(code->kind == EmbeddedKind::kWeight);
    }

    TEST_CASE("a layout whose digits do not add up to 12 is rejected") {
        const EmbeddedLayout too_long{"21", 5, EmbeddedKind::kWeight, 6, false};
        const EmbeddedLayout too_short{"21", 4, EmbeddedKind::kWeight, 5, false};
        const EmbeddedLayout no_item{"21", 0, EmbeddedKind::kWeight, 10, false};
        const EmbeddedLayout negative{"21", -5, EmbeddedKind::kWeight, 15, false};
        const EmbeddedLayout huge{"21", 2147483647, EmbeddedKind::kWeight, 2147483647, false};
        for (const EmbeddedLayout& layout : {too_long, too_short, no_item, negative, huge}) {
            CAPTURE(layout.item_digits);
            CHECK(ErrorOf(ValidateLayout(layout)).code == ErrorCode::kInvalidInput);
            // A bad layout in the list is reported even when another layout would match.
            const std::vector<EmbeddedLayout> layouts = {DefaultEmbeddedLayouts()[1], layout};
            CHECK(ErrorOf(DecodeEmbedded("2101234012505", layouts)).code ==
                  ErrorCode::kInvalidInput);
            CHECK(ErrorOf(EncodeEmbedded(layout, "01234", 1)).code == ErrorCode::kInvalidInput);
        }
    }

    TEST_CASE("a layout prefix outside the in-store range or not digits is rejected") {
        for (const std::string_view prefix : {"", "5", "50", "1", "0", "2a", " 2", "03"}) {
            CAPTURE(prefix);
            const EmbeddedLayout layout{std::string(prefix), 5, EmbeddedKind::kPrice, 5, false};
            CHECK(ErrorOf(ValidateLayout(layout)).code == ErrorCode::kInvalidInput);
        }
    }

    TEST_CASE("a value check digit with other than 4 or 5 value digits is unsupported") {
        const EmbeddedLayout three{"21", 5, EmbeddedKind::kPrice, 3, true};
        const EmbeddedLayout six{"2", 4, EmbeddedKind::kWeight, 6, true};
        CHECK(ErrorOf(ValidateLayout(six)).code == ErrorCode::kUnsupported);
        const EmbeddedLayout three_fits{"210", 5, EmbeddedKind::kPrice, 3, true};
        CHECK(ErrorOf(ValidateLayout(three_fits)).code == ErrorCode::kUnsupported);
        CHECK(ErrorOf(ValidateLayout(three)).code == ErrorCode::kInvalidInput);
    }

    TEST_CASE("encoding rejects an item code of the wrong length and a value that does not fit") {
        const EmbeddedLayout layout = DefaultEmbeddedLayouts()[2];  // "22", 5 + 5 digits
        CHECK(ErrorOf(EncodeEmbedded(layout, "1234", 1)).field == "item_code");
        CHECK(ErrorOf(EncodeEmbedded(layout, "123456", 1)).field == "item_code");
        CHECK(ErrorOf(EncodeEmbedded(layout, "12a45", 1)).field == "item_code");
        CHECK(ErrorOf(EncodeEmbedded(layout, "12345", -1)).field == "value");
        CHECK(ErrorOf(EncodeEmbedded(layout, "12345", 100000)).field == "value");
        CHECK(ErrorOf(EncodeEmbedded(layout, "12345", std::numeric_limits<std::int64_t>::max()))
                  .code == ErrorCode::kInvalidInput);
        CHECK(EncodeEmbedded(layout, "12345", 99999) == std::string("2212345999996"));
    }
}
