#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/barcode/embedded_price.hpp"
#include "tillbook/barcode/gtin.hpp"
#include "tillbook/catalogue/catalogue_csv.hpp"
#include "tillbook/catalogue/sku_change.hpp"
#include "tillbook/catalogue/sku_rules.hpp"
#include "tillbook/core/csv.hpp"
#include "tillbook/money/currency.hpp"

using tillbook::ErrorCode;
using tillbook::catalogue::Catalogue;
using tillbook::catalogue::ParseCatalogueCsv;
using tillbook::catalogue::ParseTaxClassesCsv;
using tillbook::catalogue::Sku;
using tillbook::catalogue::SoldBy;
using tillbook::catalogue::TaxClass;
using tillbook::catalogue::WriteCatalogueCsv;
using tillbook::money::Currency;
using tillbook::money::Money;
using tillbook::money::TaxMode;

namespace {

const Currency kGbp{"GBP", 2};
const std::vector<TaxClass> kTaxClasses{
    {"standard", 2000, TaxMode::kInclusive},
    {"reduced", 500, TaxMode::kInclusive},
    {"zero", 0, TaxMode::kInclusive},
};
constexpr std::string_view kHeader =
    "sku,product_id,product_name,variant_name,category,barcodes,price,cost_price,tax_class,"
    "sold_by,active\n";

// Valid EAN-13s (check digits computed).
constexpr std::string_view kBarcodeA = "5060000000016";
constexpr std::string_view kBarcodeB = "5060000000023";
constexpr std::string_view kBarcodeC = "5060000000030";

// One catalogue line, fields written as given (no quoting); product_id defaults to the sku.
struct TestRow {
    std::string sku = "TEA-1";
    std::string product_id = {};
    std::string product_name = "Tea";
    std::string variant_name = {};
    std::string category = "Tea & coffee";
    std::string barcodes = {};
    std::string price = "4.50";
    std::string cost_price = "2.00";
    std::string tax_class = "zero";
    std::string sold_by = "unit";
    std::string active = "true";
};

std::string Line(const TestRow& row) {
    const std::string& product_id = row.product_id.empty() ? row.sku : row.product_id;
    return row.sku + "," + product_id + "," + row.product_name + "," + row.variant_name + "," +
           row.category + "," + row.barcodes + "," + row.price + "," + row.cost_price + "," +
           row.tax_class + "," + row.sold_by + "," + row.active + "\n";
}

tillbook::Result<Catalogue> Parse(std::string_view text) {
    return ParseCatalogueCsv(text, "catalogue.csv", kGbp, kTaxClasses);
}

Catalogue MustParse(std::string_view text) {
    auto catalogue = Parse(text);
    REQUIRE_MESSAGE(catalogue.has_value(), (catalogue ? "" : catalogue.error().message));
    return *catalogue;
}

// The one error a file with one problem gives.
tillbook::Error MustFail(std::string_view text) {
    auto catalogue = Parse(text);
    REQUIRE_FALSE(catalogue.has_value());
    return catalogue.error();
}

Money Gbp(std::int64_t pence) {
    return Money(pence, kGbp);
}

}  // namespace

TEST_CASE("tax classes are read with their rate and mode") {
    const auto tax_classes = ParseTaxClassesCsv(
        "code,rate_basis_points,mode\nstandard,2000,inclusive\nreduced,500,Inclusive\n"
        "zero,0,inclusive\nus_sales,825,exclusive\n",
        "tax_classes.csv");
    REQUIRE(tax_classes.has_value());
    REQUIRE(tax_classes->size() == 4);
    CHECK((*tax_classes)[1] == TaxClass{"reduced", 500, TaxMode::kInclusive});
    CHECK((*tax_classes)[3] == TaxClass{"us_sales", 825, TaxMode::kExclusive});
}

TEST_CASE("bad tax class rows are each named by line and column") {
    const auto tax_classes = ParseTaxClassesCsv(
        "mode,code,rate_basis_points\ninclusive,standard,20%\nincluded,reduced,500\n"
        "inclusive,standard,0\ninclusive,,100001\n",
        "tax_classes.csv");
    REQUIRE_FALSE(tax_classes.has_value());
    CHECK(tax_classes.error().field == "rate_basis_points");
    CHECK(tax_classes.error().message ==
          "tax_classes.csv line 2: rate_basis_points: \"20%\": expected a whole number from 0 to "
          "100000 (2000 = 20%)\n"
          "tax_classes.csv line 3: mode: \"included\": expected inclusive or exclusive\n"
          "tax_classes.csv line 4: code: \"standard\" is already on line 2\n"
          "tax_classes.csv line 5: code: empty\n"
          "tax_classes.csv line 5: rate_basis_points: \"100001\": expected a whole number from 0 "
          "to 100000 (2000 = 20%)");
}

TEST_CASE("a catalogue row becomes a SKU with every column read") {
    const Catalogue catalogue = MustParse(
        std::string(kHeader) +
        "TEA-EARL-250,TEA-EARL,Earl Grey tea,250 g,Tea & coffee,5060000000016,11.50,6.10,zero,"
        "unit,true\n");
    REQUIRE(catalogue.skus.size() == 1);
    const Sku expected{"TEA-EARL-250",
                       "TEA-EARL",
                       "Earl Grey tea",
                       "250 g",
                       "Tea & coffee",
                       {"5060000000016"},
                       Gbp(1150),
                       Gbp(610),
                       "zero",
                       SoldBy::kUnit,
                       true};
    CHECK(catalogue.skus[0] == expected);
    CHECK(catalogue.tax_classes == kTaxClasses);
}

TEST_CASE("columns may come in any order and extra columns are ignored") {
    const Catalogue catalogue = MustParse(
        "notes,active,sold_by,tax_class,cost_price,price,barcodes,category,variant_name,"
        "product_name,product_id,sku,supplier\n"
        "ask Jo,false,weight,standard,9.00,18.00,,Chocolate & sweets,,Pick & mix,SWT-PICK,"
        "SWT-PICK-KG,Sweet Co\n");
    REQUIRE(catalogue.skus.size() == 1);
    const Sku& sku = catalogue.skus[0];
    CHECK(sku.code == "SWT-PICK-KG");
    CHECK(sku.product_name == "Pick & mix");
    CHECK(sku.sold_by == SoldBy::kWeight);
    CHECK(sku.price == Gbp(1800));
    CHECK(sku.cost_price == Gbp(900));
    CHECK(sku.tax_class == "standard");
    CHECK_FALSE(sku.active);
    CHECK(sku.barcodes.empty());
}

TEST_CASE("quotes and commas inside names survive import") {
    const Catalogue catalogue =
        MustParse(std::string(kHeader) +
                  "HOM-TTWL,HOM-TTWL,\"Tea towel \"\"Kitchen garden\"\", linen\",\"50 x 70 cm, "
                  "natural\",Homeware,,9.50,4.00,standard,unit,\n");
    REQUIRE(catalogue.skus.size() == 1);
    CHECK(catalogue.skus[0].product_name == "Tea towel \"Kitchen garden\", linen");
    CHECK(catalogue.skus[0].variant_name == "50 x 70 cm, natural");
    CHECK(catalogue.skus[0].active);
}

TEST_CASE("issue 11: a line break or printer command in a name is refused, naming the column") {
    const auto error = MustFail(std::string(kHeader) +
                                "HOM-TTWL,HOM-TTWL,Tea towel,\"50 x 70 cm,\n"
                                "natural\",Homeware,,9.50,4.00,standard,unit,\n");
    CHECK(error.message ==
          "catalogue.csv line 2: variant_name: \"50 x 70 cm,\\x0Anatural\": a "
          "line break or control character (U+000A) in a name");
    CHECK(error.field == "variant_name");
    for (const char* command : {"\x1B@", "\x1DV\x01", "\x1B"}) {
        CHECK(MustFail(std::string(kHeader) +
                       Line({.sku = "A", .product_name = std::string("Tea") + command}))
                  .field == "product_name");
        CHECK(MustFail(std::string(kHeader) +
                       Line({.sku = "A", .category = std::string("Tea") + command}))
                  .field == "category");
    }
}

TEST_CASE("issue 11: a SKU code is trimmed, and one with an invisible character is refused") {
    // A no-break space and an ideographic space around the code are white space too.
    const Catalogue catalogue =
        MustParse(std::string(kHeader) + Line({.sku = "\xC2\xA0TEA-1\xE3\x80\x80"}));
    REQUIRE(catalogue.skus.size() == 1);
    CHECK(catalogue.skus[0].code == "TEA-1");
    // Zero-width space, left-to-right and right-to-left marks, a right-to-left override, a word
    // joiner, a byte order mark and a no-break space inside the code.
    for (const char* invisible : {"\xE2\x80\x8B", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xE2\x80\xAE",
                                  "\xE2\x81\xA0", "\xEF\xBB\xBF", "\xC2\xA0"}) {
        const auto error =
            MustFail(std::string(kHeader) + Line({.sku = std::string("TEA") + invisible + "1"}));
        CHECK(error.field == "sku");
        CHECK(error.message.find("an invisible character") != std::string::npos);
    }
    // Two rows whose codes differ only by surrounding space are the same SKU twice.
    const auto twice =
        MustFail(std::string(kHeader) + Line({.sku = "TEA-1"}) + Line({.sku = " TEA-1\xC2\xA0"}));
    CHECK(twice.code == ErrorCode::kConflict);
}

TEST_CASE("unicode names are kept byte for byte") {
    const Catalogue catalogue = MustParse(
        std::string(kHeader) +
        Line({.sku = "DELI-CRFR", .product_name = "Crème fraîche", .variant_name = "200 ml"}) +
        Line({.sku = "CAFE-NAND", .product_name = "Café – Ñandú", .category = "Café"}));
    REQUIRE(catalogue.skus.size() == 2);
    CHECK(catalogue.skus[0].product_name == "Crème fraîche");
    CHECK(catalogue.skus[1].product_name == "Café – Ñandú");
    CHECK(catalogue.skus[1].category == "Café");
}

TEST_CASE("a byte order mark and CRLF line endings are accepted") {
    const Catalogue catalogue = MustParse(
        "\xEF\xBB\xBF"
        "sku,product_id,product_name,variant_name,category,barcodes,price,cost_price,tax_class,"
        "sold_by,active\r\n"
        "A,A,Apple juice,1 l,Drinks,,3.75,1.70,standard,unit,true\r\n"
        "B,B,Butter,250 g,Cheese & deli,,3.95,2.10,zero,unit,true\r\n");
    REQUIRE(catalogue.skus.size() == 2);
    CHECK(catalogue.skus[0].code == "A");
    CHECK(catalogue.skus[1].active);
}

TEST_CASE("active accepts true, false, 1 and 0 in any case, and empty means active") {
    const Catalogue catalogue =
        MustParse(std::string(kHeader) + Line({.sku = "A", .active = ""}) +
                  Line({.sku = "B", .active = "0"}) + Line({.sku = "C", .active = "1"}) +
                  Line({.sku = "D", .active = "FALSE"}) + Line({.sku = "E", .active = "True"}));
    std::vector<bool> active;
    for (const Sku& sku : catalogue.skus)
        active.push_back(sku.active);
    CHECK(active == std::vector<bool>{true, false, true, false, true});
}

TEST_CASE("barcodes are separated by a bar and spaces around fields are trimmed") {
    const Catalogue catalogue = MustParse(
        std::string(kHeader) +
        " TEA-1 ,TEA,Tea, 50 g ,Tea & coffee, 5060000000016 | 5060000000023 , 4.50 ,2.00, zero , "
        "Unit , true \n");
    REQUIRE(catalogue.skus.size() == 1);
    const Sku& sku = catalogue.skus[0];
    CHECK(sku.code == "TEA-1");
    CHECK(sku.variant_name == "50 g");
    CHECK(sku.barcodes == std::vector<std::string>{"5060000000016", "5060000000023"});
    CHECK(sku.price == Gbp(450));
    CHECK(sku.tax_class == "zero");
    CHECK(sku.sold_by == SoldBy::kUnit);
}

TEST_CASE("a free item may have a zero price") {
    const Catalogue catalogue =
        MustParse(std::string(kHeader) + Line({.sku = "BAG", .price = "0", .cost_price = "0.00"}));
    CHECK(catalogue.skus[0].price == Gbp(0));
}

TEST_CASE("a header with no rows is an empty catalogue") {
    CHECK(MustParse(kHeader).skus.empty());
}

TEST_CASE("an empty file is rejected as having no header") {
    const auto error = MustFail("");
    CHECK(error.message == "catalogue.csv: no header row (empty file)");
}

TEST_CASE("a missing column is named with the header's line") {
    const auto error = MustFail(
        "sku,product_id,product_name,variant_name,category,barcodes,cost_price,tax_class,sold_by,"
        "active\n");
    CHECK(error.message == "catalogue.csv line 1: missing column \"price\"");
    CHECK(error.field == "price");
}

TEST_CASE("an unterminated quote is rejected naming the line it opened on") {
    const auto error =
        MustFail(std::string(kHeader) + Line({.sku = "A"}) +
                 "B,B,\"Never closed,,Pantry,,1.00,0.50,zero,unit,true\n" + Line({.sku = "C"}));
    CHECK(error.message ==
          "catalogue.csv line 3: unterminated quoted field: the quote opened on this line is "
          "never closed");
}

TEST_CASE("a row with the wrong number of fields is rejected naming its line") {
    const auto error = MustFail(std::string(kHeader) + Line({.sku = "A"}) +
                                "B,B,Bread,,Bakery,,2.40,0.90,zero,unit\n");
    CHECK(error.code == ErrorCode::kInvalidInput);
    CHECK(error.message == "catalogue.csv line 3: has 10 fields but the header has 11");
    CHECK(error.field.empty());
}

TEST_CASE("an empty sku is rejected") {
    const auto error =
        MustFail(std::string(kHeader) + Line({.sku = "A"}) + Line({.sku = " ", .product_id = "B"}));
    CHECK(error.message == "catalogue.csv line 3: sku: empty");
    CHECK(error.field == "sku");
}

TEST_CASE("a duplicate sku is rejected naming both lines") {
    const auto error = MustFail(std::string(kHeader) + Line({.sku = "TEA-1"}) +
                                Line({.sku = "TEA-2"}) + Line({.sku = "TEA-1"}));
    CHECK(error.code == ErrorCode::kConflict);
    CHECK(error.message == "catalogue.csv line 4: sku: \"TEA-1\" is already on line 2");
    CHECK(error.field == "sku");
}

TEST_CASE("the same barcode on two SKUs is rejected naming both lines") {
    const auto error = MustFail(
        std::string(kHeader) + Line({.sku = "A", .barcodes = std::string(kBarcodeA)}) +
        Line({.sku = "B", .barcodes = std::string(kBarcodeB)}) +
        Line({.sku = "C", .barcodes = std::string(kBarcodeC) + "|" + std::string(kBarcodeB)}));
    CHECK(error.code == ErrorCode::kConflict);
    CHECK(error.message ==
          "catalogue.csv line 4: barcodes: 5060000000023 is already on line 3 (sku B)");
    CHECK(error.field == "barcodes");
}

TEST_CASE("a barcode written as a GTIN-14 clashes with the same EAN-13") {
    const auto error =
        MustFail(std::string(kHeader) + Line({.sku = "A", .barcodes = "5012345678900"}) +
                 Line({.sku = "B", .barcodes = "05012345678900"}));
    CHECK(error.message ==
          "catalogue.csv line 3: barcodes: 05012345678900 is already on line 2 (sku A)");
}

TEST_CASE("a barcode listed twice on one SKU is rejected") {
    const auto error = MustFail(std::string(kHeader) +
                                Line({.sku = "A", .barcodes = "5012345678900|5012345678900"}));
    CHECK(error.message == "catalogue.csv line 2: barcodes: 5012345678900 is listed twice");
}

TEST_CASE("a barcode with a bad check digit is rejected") {
    const auto error =
        MustFail(std::string(kHeader) + Line({.sku = "A"}) +
                 Line({.sku = "B", .barcodes = std::string(kBarcodeA) + "|5012345678901"}));
    CHECK(error.code == ErrorCode::kInvalidInput);
    CHECK(error.message ==
          "catalogue.csv line 3: barcodes: 5012345678901: bad check digit, expected 0");
    CHECK(error.field == "barcodes");
}

TEST_CASE("a barcode that is not digits is rejected quoting it") {
    const auto error =
        MustFail(std::string(kHeader) + Line({.sku = "A", .barcodes = "50600-00000016"}));
    CHECK(error.message ==
          "catalogue.csv line 2: barcodes: \"50600-00000016\": character 6 is not a digit");
}

TEST_CASE("an empty barcode between bars is rejected") {
    const auto error = MustFail(std::string(kHeader) +
                                Line({.sku = "A", .barcodes = std::string(kBarcodeA) + "|"}));
    CHECK(error.message ==
          "catalogue.csv line 2: barcodes: an empty barcode between '|' separators");
}

TEST_CASE("an unknown tax class is rejected listing the known ones") {
    const auto error = MustFail(std::string(kHeader) + Line({.sku = "A", .tax_class = "vat20"}));
    CHECK(error.code == ErrorCode::kNotFound);
    CHECK(error.message ==
          "catalogue.csv line 2: tax_class: \"vat20\" is not a tax class (known: standard, "
          "reduced, zero)");
    CHECK(error.field == "tax_class");
}

TEST_CASE("a negative price is rejected") {
    const auto error = MustFail(std::string(kHeader) + Line({.sku = "A", .price = "-1.00"}));
    CHECK(error.message == "catalogue.csv line 2: price: \"-1.00\": must not be negative");
    CHECK(error.field == "price");
}

TEST_CASE("a negative cost price is rejected") {
    const auto error = MustFail(std::string(kHeader) + Line({.sku = "A", .cost_price = "-0.01"}));
    CHECK(error.message == "catalogue.csv line 2: cost_price: \"-0.01\": must not be negative");
    CHECK(error.field == "cost_price");
}

TEST_CASE("a price with too many decimals on line 42 is reported as such") {
    std::string text(kHeader);
    for (int i = 2; i < 42; ++i)
        text += Line({.sku = "SKU-" + std::to_string(i)});
    text += Line({.sku = "SKU-42", .price = "12.345"});
    const auto error = MustFail(text);
    CHECK(error.code == ErrorCode::kInvalidInput);
    CHECK(error.message ==
          "catalogue.csv line 42: price: \"12.345\": more than 2 decimal places for GBP");
    CHECK(error.field == "price");
}

TEST_CASE("money that does not parse is rejected with the parser's reason") {
    const auto error = MustFail(std::string(kHeader) + Line({.sku = "A", .cost_price = "£2.00"}));
    CHECK(error.message.starts_with("catalogue.csv line 2: cost_price: \""));
    CHECK(error.message.find("2.00\": ") != std::string::npos);
    CHECK(error.field == "cost_price");
    const auto empty = MustFail(std::string(kHeader) + Line({.sku = "A", .price = ""}));
    CHECK(empty.message.starts_with("catalogue.csv line 2: price: \"\": "));
}

TEST_CASE("an unknown sold_by is rejected") {
    const auto error = MustFail(std::string(kHeader) + Line({.sku = "A", .sold_by = "each"}));
    CHECK(error.message == "catalogue.csv line 2: sold_by: \"each\": expected unit or weight");
    CHECK(error.field == "sold_by");
}

TEST_CASE("an unknown active value is rejected") {
    const auto error = MustFail(std::string(kHeader) + Line({.sku = "A", .active = "yes"}));
    CHECK(error.message == "catalogue.csv line 2: active: \"yes\": expected true, false, 1 or 0");
}

TEST_CASE("text that is not UTF-8 is rejected with a hint") {
    const auto error = MustFail(std::string(kHeader) + Line({.sku = "A",
                                                             .product_name = "Cr\xE8me fra\xEE"
                                                                             "che"}));
    CHECK(error.message ==
          "catalogue.csv line 2: product_name: not valid UTF-8 (save the file as \"CSV UTF-8\")");
}

TEST_CASE("a line break inside a sku is rejected and shown escaped") {
    const auto error = MustFail(std::string(kHeader) +
                                "\"TEA\n1\",TEA,Tea,,Tea & coffee,,4.50,2.00,zero,unit,true\n");
    CHECK(error.message ==
          "catalogue.csv line 2: sku: \"TEA\\x0A1\": a line break or control character (U+000A) in "
          "a code");
    CHECK(error.field == "sku");
}

TEST_CASE("a value quoted in a message is escaped when it is not UTF-8") {
    const auto error = MustFail(std::string(kHeader) + Line({.sku = "A", .sold_by = "\xA3unit"}));
    CHECK(error.message == "catalogue.csv line 2: sold_by: \"\\xA3unit\": expected unit or weight");
}

TEST_CASE("variants of one product with different names are rejected") {
    const auto error = MustFail(
        std::string(kHeader) + Line({.sku = "A-1", .product_id = "A", .product_name = "Assam"}) +
        Line({.sku = "A-2", .product_id = "A", .product_name = "Assam tea"}));
    CHECK(error.code == ErrorCode::kConflict);
    CHECK(error.message ==
          "catalogue.csv line 3: product_name: \"Assam tea\" differs from \"Assam\" on line 2 for "
          "product A (variants share one product name)");
}

TEST_CASE("every problem in the file is reported, one line each, in file order") {
    const auto error =
        MustFail(std::string(kHeader) + Line({.sku = "A", .price = "x", .sold_by = "box"}) +
                 Line({.sku = "B"}) + "short,row\n" + Line({.sku = "A", .tax_class = "vat"}));
    CHECK(error.field == "price");
    CHECK(error.code == ErrorCode::kInvalidInput);
    std::vector<std::string> lines;
    std::istringstream stream(error.message);
    for (std::string line; std::getline(stream, line);)
        lines.push_back(line);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0].starts_with("catalogue.csv line 2: price: \"x\": "));
    CHECK(lines[1] == "catalogue.csv line 2: sold_by: \"box\": expected unit or weight");
    CHECK(lines[2] == "catalogue.csv line 4: has 2 fields but the header has 11");
    CHECK(lines[3] == "catalogue.csv line 5: sku: \"A\" is already on line 2");
    CHECK(lines[4].starts_with("catalogue.csv line 5: tax_class: \"vat\" is not a tax class"));
}

TEST_CASE("at most 50 problems are listed, then a count of the rest") {
    std::string text(kHeader);
    for (int i = 0; i < 60; ++i)
        text += Line({.sku = "SKU-" + std::to_string(i), .price = "-1"});
    const auto error = MustFail(text);
    std::vector<std::string> lines;
    std::istringstream stream(error.message);
    for (std::string line; std::getline(stream, line);)
        lines.push_back(line);
    REQUIRE(lines.size() == 51);
    CHECK(lines[49] == "catalogue.csv line 51: price: \"-1\": must not be negative");
    CHECK(lines[50] == "catalogue.csv: 10 more errors not shown");
}

TEST_CASE("a written catalogue quotes only the fields that need it") {
    Catalogue catalogue{kTaxClasses, {}};
    catalogue.skus.push_back(Sku{"HOM-TTWL",
                                 "HOM-TTWL",
                                 "Tea towel \"Kitchen garden\", linen",
                                 "",
                                 "Homeware",
                                 {std::string(kBarcodeA), std::string(kBarcodeB)},
                                 Gbp(950),
                                 Gbp(400),
                                 "standard",
                                 SoldBy::kUnit,
                                 false});
    catalogue.skus.push_back(Sku{"DELI-COMT-KG",
                                 "DELI-COMT",
                                 "Comté",
                                 "",
                                 "Cheese & deli",
                                 {"2110006000008"},
                                 Gbp(4200),
                                 Gbp(2469),
                                 "zero",
                                 SoldBy::kWeight,
                                 true});
    CHECK(WriteCatalogueCsv(catalogue) ==
          std::string(kHeader) +
              "HOM-TTWL,HOM-TTWL,\"Tea towel \"\"Kitchen garden\"\", linen\",,Homeware,"
              "5060000000016|5060000000023,9.50,4.00,standard,unit,false\n"
              "DELI-COMT-KG,DELI-COMT,Comté,,Cheese & deli,2110006000008,42.00,24.69,zero,weight,"
              "true\n");
}

TEST_CASE("a written catalogue with nasty names reads back equal") {
    Catalogue catalogue{kTaxClasses, {}};
    const std::vector<std::string> names{"Crème fraîche 200 ml",
                                         "Café – Ñandú",
                                         "5\" plate, \"blue\"",
                                         "ends in a quote\"",
                                         "\u201Equoted\u201C, \u2018twice\u2019",
                                         ",",
                                         "\"",
                                         "Ñ"};
    std::int64_t pence = 1;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string code = "SKU-" + std::to_string(i);
        std::vector<std::string> barcodes;
        if (i % 2 == 0) {
            barcodes.push_back(
                *tillbook::barcode::AppendCheckDigit("506000001" + std::to_string(100 + i)));
        }
        if (i % 3 == 0) {
            barcodes.push_back(
                *tillbook::barcode::AppendCheckDigit("506000002" + std::to_string(100 + i)));
        }
        catalogue.skus.push_back(Sku{code, code, names[i], names[names.size() - 1 - i],
                                     i < 4 ? "Pantry, dry goods" : "Gifts & \"cards\"", barcodes,
                                     Gbp(pence * 199), Gbp(pence * 99), kTaxClasses[i % 3].code,
                                     i % 4 == 0 ? SoldBy::kWeight : SoldBy::kUnit, i % 5 != 0});
        pence = pence * 7 % 500'000;  // prices stay within kMaxShelfPriceMajor
    }
    const std::string written = WriteCatalogueCsv(catalogue);
    const auto read = ParseCatalogueCsv(written, "written.csv", kGbp, catalogue.tax_classes);
    REQUIRE_MESSAGE(read.has_value(), (read ? "" : read.error().message));
    CHECK(read->tax_classes == catalogue.tax_classes);
    CHECK(read->skus == catalogue.skus);
    CHECK(WriteCatalogueCsv(*read) == written);
}

// The demo shop in assets/demo: real files, checked for what the demo and the docs promise.
namespace {

std::string ReadDemoFile(std::string_view name) {
    const std::string path = std::string(TILLBOOK_SOURCE_DIR) + "/assets/demo/" + std::string(name);
    std::ifstream file(path, std::ios::binary);
    REQUIRE_MESSAGE(file.good(), "cannot open " << path);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

Catalogue LoadDemoCatalogue() {
    const auto tax_classes = ParseTaxClassesCsv(ReadDemoFile("tax_classes.csv"), "tax_classes.csv");
    REQUIRE_MESSAGE(tax_classes.has_value(), (tax_classes ? "" : tax_classes.error().message));
    const auto catalogue =
        ParseCatalogueCsv(ReadDemoFile("catalogue.csv"), "catalogue.csv", kGbp, *tax_classes);
    REQUIRE_MESSAGE(catalogue.has_value(), (catalogue ? "" : catalogue.error().message));
    return *catalogue;
}

std::vector<tillbook::csv::CsvRow> ReadDemoTable(std::string_view name,
                                                 std::span<const std::string_view> columns,
                                                 std::vector<std::size_t>& indexes) {
    auto rows = tillbook::csv::ParseCsv(ReadDemoFile(name));
    REQUIRE(rows.has_value());
    REQUIRE_FALSE(rows->empty());
    auto found = tillbook::csv::FindColumns(rows->front(), columns);
    REQUIRE_MESSAGE(found.has_value(), (found ? "" : found.error().message));
    indexes = *found;
    rows->erase(rows->begin());
    return *rows;
}

}  // namespace

TEST_CASE("the demo tax classes are standard 20%, reduced 5% and zero, all inclusive") {
    const auto tax_classes = ParseTaxClassesCsv(ReadDemoFile("tax_classes.csv"), "tax_classes.csv");
    REQUIRE(tax_classes.has_value());
    CHECK(*tax_classes == kTaxClasses);
}

TEST_CASE("the demo catalogue is a believable shop") {
    const Catalogue catalogue = LoadDemoCatalogue();
    CHECK(catalogue.skus.size() >= 220);

    std::set<std::string> categories;
    std::set<std::string> tax_classes;
    int weighed = 0;
    int inactive = 0;
    int with_two_barcodes = 0;
    for (const Sku& sku : catalogue.skus) {
        INFO("sku " << sku.code);
        categories.insert(sku.category);
        tax_classes.insert(sku.tax_class);
        CHECK(sku.price.GetCurrency() == kGbp);
        CHECK(sku.price.Minor() > 0);
        if (sku.sold_by == SoldBy::kUnit) CHECK(sku.cost_price.Minor() < sku.price.Minor());
        if (sku.sold_by == SoldBy::kWeight) ++weighed;
        if (!sku.active) ++inactive;
        if (sku.barcodes.size() == 2) ++with_two_barcodes;
        for (const std::string& code : sku.barcodes)
            CHECK(tillbook::barcode::ParseGtin(code).has_value());
    }
    CHECK(categories.size() >= 6);
    CHECK(tax_classes == std::set<std::string>{"standard", "reduced", "zero"});
    CHECK(weighed >= 10);
    CHECK(inactive >= 1);
    CHECK(with_two_barcodes >= 5);
}

TEST_CASE("each demo weighed item has one prefix-21 weight code with weight zero") {
    const Catalogue catalogue = LoadDemoCatalogue();
    const auto layouts = tillbook::barcode::DefaultEmbeddedLayouts();
    std::set<std::string> item_codes;
    for (const Sku& sku : catalogue.skus) {
        if (sku.sold_by != SoldBy::kWeight) continue;
        INFO("sku " << sku.code);
        REQUIRE(sku.barcodes.size() == 1);
        const auto code = tillbook::barcode::DecodeEmbedded(sku.barcodes[0], layouts);
        REQUIRE_MESSAGE(code.has_value(), (code ? "" : code.error().message));
        CHECK(code->prefix == "21");
        CHECK(code->kind == tillbook::barcode::EmbeddedKind::kWeight);
        CHECK(code->weight_grams == 0);
        CHECK(item_codes.insert(code->item_code).second);
        CHECK(sku.cost_price.Minor() < sku.price.Minor());
    }
    CHECK(item_codes.size() >= 10);
}

TEST_CASE("the demo catalogue is written exactly as the file it was read from") {
    const Catalogue catalogue = LoadDemoCatalogue();
    CHECK(WriteCatalogueCsv(catalogue) == ReadDemoFile("catalogue.csv"));
    const auto read =
        ParseCatalogueCsv(WriteCatalogueCsv(catalogue), "written.csv", kGbp, catalogue.tax_classes);
    REQUIRE(read.has_value());
    CHECK(read->skus == catalogue.skus);
}

TEST_CASE("the demo stock names only known locations and SKUs, in whole grams or milli-units") {
    const Catalogue catalogue = LoadDemoCatalogue();
    std::map<std::string, SoldBy> sold_by;
    for (const Sku& sku : catalogue.skus)
        sold_by[sku.code] = sku.sold_by;

    std::vector<std::size_t> location_columns;
    constexpr std::array<std::string_view, 5> kLocationColumns{"id", "code", "name", "kind",
                                                               "time_zone"};
    std::map<std::string, std::string> kinds;
    for (const auto& row : ReadDemoTable("locations.csv", kLocationColumns, location_columns)) {
        REQUIRE(row.fields.size() == kLocationColumns.size());
        kinds[row.fields[location_columns[1]]] = row.fields[location_columns[3]];
        CHECK(row.fields[location_columns[4]] == "Europe/London");
    }
    CHECK(kinds == std::map<std::string, std::string>{
                       {"S01", "store"}, {"S02", "store"}, {"W01", "warehouse"}});

    std::vector<std::size_t> stock_columns;
    constexpr std::array<std::string_view, 3> kStockColumns{"location", "sku", "on_hand"};
    std::set<std::pair<std::string, std::string>> seen;
    int zero = 0;
    const auto rows = ReadDemoTable("stock.csv", kStockColumns, stock_columns);
    CHECK(rows.size() >= catalogue.skus.size() * 2);
    for (const auto& row : rows) {
        INFO("stock.csv line " << row.line);
        REQUIRE(row.fields.size() == kStockColumns.size());
        const std::string& location = row.fields[stock_columns[0]];
        const std::string& sku = row.fields[stock_columns[1]];
        const std::string& on_hand = row.fields[stock_columns[2]];
        CHECK(kinds.contains(location));
        REQUIRE(sold_by.contains(sku));
        CHECK(seen.insert({location, sku}).second);
        REQUIRE_FALSE(on_hand.empty());
        CHECK(on_hand.find_first_not_of("0123456789") == std::string::npos);
        if (on_hand == "0") ++zero;
        if (sold_by[sku] == SoldBy::kUnit) CHECK((on_hand == "0" || on_hand.ends_with("000")));
    }
    CHECK(zero > 0);
}

TEST_CASE("the demo staff cover every role with distinct usernames and PINs") {
    std::vector<std::size_t> columns;
    constexpr std::array<std::string_view, 5> kStaffColumns{"username", "display_name", "role",
                                                            "password", "pin"};
    std::set<std::string> roles;
    std::set<std::string> usernames;
    std::set<std::string> pins;
    const auto rows = ReadDemoTable("staff.csv", kStaffColumns, columns);
    CHECK(rows.size() >= 5);
    CHECK(rows.size() <= 8);
    for (const auto& row : rows) {
        REQUIRE(row.fields.size() == kStaffColumns.size());
        roles.insert(row.fields[columns[2]]);
        CHECK(usernames.insert(row.fields[columns[0]]).second);
        CHECK(pins.insert(row.fields[columns[4]]).second);
        CHECK_FALSE(row.fields[columns[3]].empty());
    }
    CHECK(roles == std::set<std::string>{"admin", "manager", "fulfilment", "cashier"});
}

// The rules the CSV import shares with the API (catalogue/sku_rules.hpp, sku_change.hpp).

TEST_CASE("a barcode's stored forms are exactly the GTIN lengths its leading zeros allow") {
    using tillbook::catalogue::StoredFormsOf;
    CHECK(StoredFormsOf("05012345678900") ==
          std::vector<std::string>{"05012345678900", "5012345678900"});
    CHECK(StoredFormsOf("00036000291452") ==
          std::vector<std::string>{"00036000291452", "0036000291452", "036000291452"});
    CHECK(StoredFormsOf("00000096385074") ==
          std::vector<std::string>{"00000096385074", "0000096385074", "000096385074", "96385074"});
    CHECK(StoredFormsOf("15012345678907") == std::vector<std::string>{"15012345678907"});
    // Every form parses back to the same GTIN-14.
    for (const std::string& form : StoredFormsOf("00036000291452")) {
        auto parsed = tillbook::catalogue::ParseSkuBarcode(form);
        REQUIRE(parsed);
        CHECK(parsed->gtin14 == "00036000291452");
        CHECK(parsed->digits == form);
    }
}

TEST_CASE("a rule's error is the detail alone, and the CSV names the field and line around it") {
    auto price = tillbook::catalogue::ParseShelfAmount("4.999", kGbp);
    REQUIRE_FALSE(price);
    CHECK(price.error().field.empty());
    CHECK(MustFail(std::string(kHeader) + Line({.price = "4.999"})).message ==
          "catalogue.csv line 2: price: " + price.error().message);
    auto barcode = tillbook::catalogue::ParseSkuBarcode("5012345678901");
    REQUIRE_FALSE(barcode);
    CHECK(MustFail(std::string(kHeader) + Line({.barcodes = "5012345678901"})).message ==
          "catalogue.csv line 2: barcodes: " + barcode.error().message);
}

TEST_CASE("a SKU's change is told field by field, and no change is told as nothing") {
    using tillbook::catalogue::DescribeSkuChange;
    const Catalogue catalogue =
        MustParse(std::string(kHeader) + Line({.barcodes = std::string(kBarcodeA)}));
    const Sku before = catalogue.skus.at(0);
    CHECK(DescribeSkuChange(before, before).empty());
    Sku after = before;
    after.price = Money(475, kGbp);
    after.barcodes = {std::string(kBarcodeB)};
    after.product_name = "Green tea";
    after.active = false;
    CHECK(DescribeSkuChange(before, after) ==
          "product_name \"Tea\" → \"Green tea\"; price 4.50 → 4.75; active true → false; barcode "
          "+5060000000023; barcode -5060000000016");
    CHECK(DescribeSkuChange(std::nullopt, before) ==
          "product_id \"TEA-1\"; product_name \"Tea\"; category \"Tea & coffee\"; price 4.50; "
          "cost_price 2.00; tax_class \"zero\"; sold_by unit; active true; barcode "
          "+5060000000016");
}

TEST_CASE("issue 11: a shelf price is at most a million of the currency's major units") {
    using tillbook::catalogue::ParseShelfAmount;
    const auto gbp = tillbook::money::FindCurrency("GBP");
    const auto jpy = tillbook::money::FindCurrency("JPY");
    REQUIRE(gbp);
    REQUIRE(jpy);
    CHECK(ParseShelfAmount("1000000.00", *gbp).value().Minor() == 100'000'000);
    CHECK(ParseShelfAmount("1000000", *jpy).value().Minor() == 1'000'000);
    for (const char* too_much : {"1000000.01", "92233720368547758.07"}) {
        const auto refused = ParseShelfAmount(too_much, *gbp);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == ErrorCode::kInvalidInput);
        CHECK(refused.error().message.find("the most a price may be") != std::string::npos);
    }
    CHECK_FALSE(ParseShelfAmount("1000001", *jpy));
}
