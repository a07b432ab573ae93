#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "temp_dir.hpp"
#include "tillbook/drivers/printer_profile.hpp"

namespace {

// The error's message, or nothing when there is none (doctest evaluates messages even when the
// check passes).
template <class T>
std::string ErrorText(const T& result) {
    return result.has_value() ? std::string{} : result.error().message;
}

using tillbook::ErrorCode;
using tillbook::drivers::CodePage;
using tillbook::drivers::Cutter;
using tillbook::drivers::DrawerPin;
using tillbook::drivers::LoadPrinterProfile;
using tillbook::drivers::LoadPrinterProfileFile;
using tillbook::drivers::OrderCodeSymbol;
using tillbook::drivers::ParsePrinterProfile;
using tillbook::drivers::PrinterProfile;
using tillbook::drivers::ProfileCodePage;
using namespace std::chrono_literals;

// A well-formed profile; tests replace one piece of it.
std::string ProfileJson(std::string_view columns = R"({"font_a": 32, "font_b": 42})",
                        std::string_view cutter = R"("none")",
                        std::string_view order_code = R"("qr")") {
    return std::string{R"({"name": "generic-58mm", "description": "test printer", "columns": )"} +
           std::string{columns} +
           R"(, "dots_per_line": 384, "code_pages": {"cp437": 0, "cp858": 19},
               "default_code_page": "cp858", "cutter": )" +
           std::string{cutter} +
           R"(, "drawer": {"pins": [2], "pulse_on_ms": 100, "pulse_off_ms": 500},
               "status": false, "qr_code": true, "order_code": )" +
           std::string{order_code} + "}";
}

std::string ErrorOf(std::string_view json) {
    const auto profile = ParsePrinterProfile(json, "generic-58mm.json");
    REQUIRE_FALSE(profile.has_value());
    return profile.error().message;
}

void WriteFile(const std::string& path, std::string_view contents) {
    std::ofstream file(path, std::ios::binary);
    file << contents;
}

}  // namespace

TEST_CASE("the Epson TM-T20 profile loads by name with 48 and 64 columns and a partial cutter") {
    const auto profile = LoadPrinterProfile("epson-tm-t20");
    REQUIRE_MESSAGE(profile.has_value(), ErrorText(profile));
    CHECK(profile->name == "epson-tm-t20");
    CHECK(profile->font_a_columns == 48);
    CHECK(profile->font_b_columns == 64);
    CHECK(profile->dots_per_line == 576);
    CHECK(profile->cutter == Cutter::kPartial);
    CHECK(profile->default_code_page == CodePage::kCp858);
    CHECK(profile->TableNumber(CodePage::kCp858) == 19);
    CHECK(profile->TableNumber(CodePage::kCp1252) == 16);
    CHECK(profile->TableNumber(CodePage::kCp437) == 0);
    CHECK(profile->drawer_pins == std::vector{DrawerPin::kPin2, DrawerPin::kPin5});
    CHECK(profile->drawer_pulse_on == 50ms);
    CHECK(profile->drawer_pulse_off == 500ms);
    CHECK(profile->real_time_status);
    CHECK(profile->qr_code);
    CHECK(profile->order_code == OrderCodeSymbol::kCode128);
}

TEST_CASE("the Epson TM-T88 profile loads by name with 42 columns on 512 dots") {
    const auto profile = LoadPrinterProfile("epson-tm-t88");
    REQUIRE_MESSAGE(profile.has_value(), ErrorText(profile));
    CHECK(profile->font_a_columns == 42);
    CHECK(profile->font_b_columns == 56);
    CHECK(profile->dots_per_line == 512);
    CHECK(profile->cutter == Cutter::kPartial);
}

TEST_CASE("the generic 58 mm profile has 32 columns, no cutter, one drawer pin and prefers QR") {
    const auto profile = LoadPrinterProfile("generic-58mm");
    REQUIRE_MESSAGE(profile.has_value(), ErrorText(profile));
    CHECK(profile->font_a_columns == 32);
    CHECK(profile->dots_per_line == 384);
    CHECK(profile->cutter == Cutter::kNone);
    CHECK(profile->drawer_pins == std::vector{DrawerPin::kPin2});
    CHECK_FALSE(profile->HasDrawerPin(DrawerPin::kPin5));
    CHECK_FALSE(profile->real_time_status);
    CHECK(profile->order_code == OrderCodeSymbol::kQrCode);
    CHECK_FALSE(profile->TableNumber(CodePage::kCp1252).has_value());
}

TEST_CASE("a profile read from JSON text has every field as written") {
    const auto profile = ParsePrinterProfile(ProfileJson(), "generic-58mm.json");
    REQUIRE_MESSAGE(profile.has_value(), ErrorText(profile));
    CHECK(profile->description == "test printer");
    CHECK(profile->code_pages ==
          std::vector<ProfileCodePage>{{CodePage::kCp437, 0}, {CodePage::kCp858, 19}});
    CHECK(profile->drawer_pulse_on == 100ms);
}

TEST_CASE("a column count out of range is named with the file and the field") {
    const auto profile =
        ParsePrinterProfile(ProfileJson(R"({"font_a": 100, "font_b": 42})"), "generic-58mm.json");
    REQUIRE_FALSE(profile.has_value());
    CHECK(profile.error().code == ErrorCode::kInvalidInput);
    CHECK(profile.error().message ==
          "generic-58mm.json: columns.font_a: a whole number from 16 to 80");
    CHECK(profile.error().field == "columns.font_a");
}

TEST_CASE("a column count given as a fraction or as text is refused") {
    CHECK(ErrorOf(ProfileJson(R"({"font_a": 32.5, "font_b": 42})")) ==
          "generic-58mm.json: columns.font_a: a whole number from 16 to 80");
    CHECK(ErrorOf(ProfileJson(R"({"font_a": 32, "font_b": "42"})")) ==
          "generic-58mm.json: columns.font_b: a whole number from 16 to 80");
}

TEST_CASE("every bad field of a profile is named in the one error") {
    const auto profile = ParsePrinterProfile(
        ProfileJson(R"({"font_b": 5})", R"("sometimes")", R"("pdf417")"), "generic-58mm.json");
    REQUIRE_FALSE(profile.has_value());
    CHECK(profile.error().message ==
          "generic-58mm.json: columns.font_a: a whole number from 16 to 80; columns.font_b: a "
          "whole number from 16 to 80; cutter: one of none, full, partial; order_code: code128 "
          "or qr");
    CHECK(profile.error().field == "columns.font_a");
}

TEST_CASE("a profile without its sections names each missing one") {
    const std::string message = ErrorOf(R"({"name": "x"})");
    for (const std::string_view field :
         {"columns:", "dots_per_line:", "code_pages:", "default_code_page:", "cutter:", "drawer:",
          "status:", "qr_code:", "order_code:"}) {
        CHECK_MESSAGE(message.find(field) != std::string::npos, field);
    }
}

TEST_CASE("a default code page the printer lacks is refused") {
    std::string json = ProfileJson();
    json.replace(json.find(R"("default_code_page": "cp858")"), 28,
                 R"("default_code_page": "cp1252")");
    CHECK(ErrorOf(json) == "generic-58mm.json: default_code_page: one of the tables in code_pages");
}

TEST_CASE("an unknown code page and an ESC t number above 255 are named by their key") {
    std::string json = ProfileJson();
    json.replace(json.find(R"("cp437": 0)"), 10, R"("cp999": 0, "cp1252": 300)");
    CHECK(ErrorOf(json) ==
          "generic-58mm.json: code_pages.cp1252: a whole number from 0 to 255; code_pages.cp999: "
          "a table name: cp437, cp858 or cp1252");
}

TEST_CASE("a drawer pin other than 2 or 5, or a pin twice, is refused") {
    std::string json = ProfileJson();
    json.replace(json.find(R"("pins": [2])"), 11, R"("pins": [3, 2, 2])");
    CHECK(ErrorOf(json) ==
          "generic-58mm.json: drawer.pins[0]: 2 or 5; drawer.pins[2]: each pin once");
}

TEST_CASE("a drawer pulse longer than ESC p can send is refused") {
    std::string json = ProfileJson();
    json.replace(json.find(R"("pulse_on_ms": 100)"), 18, R"("pulse_on_ms": 600)");
    CHECK(ErrorOf(json) == "generic-58mm.json: drawer.pulse_on_ms: a whole number from 2 to 510");
}

TEST_CASE("a printer without QR codes cannot prefer QR for the order code") {
    std::string json = ProfileJson();
    json.replace(json.find(R"("qr_code": true)"), 15, R"("qr_code": false)");
    CHECK(ErrorOf(json) == "generic-58mm.json: order_code: code128 on a printer without qr_code");
}

TEST_CASE("a file that is not JSON is named as broken") {
    CHECK(ErrorOf("{\"name\": ") == "generic-58mm.json: not a JSON object (broken file?)");
    CHECK(ErrorOf("[1, 2]") == "generic-58mm.json: not a JSON object (broken file?)");
}

TEST_CASE("a profile is read from any file, and the error names that file") {
    const tillbook::testing::TempDir folder("printer-profile");
    WriteFile(folder.File("shop-printer.json"), ProfileJson(R"({"font_a": 8, "font_b": 42})"));
    const auto profile = LoadPrinterProfileFile(folder.File("shop-printer.json"));
    REQUIRE_FALSE(profile.has_value());
    CHECK(profile.error().message ==
          "shop-printer.json: columns.font_a: a whole number from 16 to 80");

    WriteFile(folder.File("good.json"), ProfileJson());
    const auto good = LoadPrinterProfileFile(folder.File("good.json"));
    REQUIRE_MESSAGE(good.has_value(), ErrorText(good));
    CHECK(good->font_a_columns == 32);
}

TEST_CASE("a missing profile is not found, and its name is in the message") {
    const tillbook::testing::TempDir folder("printer-profile");
    const auto profile = LoadPrinterProfile("star-tsp100", folder.File(""));
    REQUIRE_FALSE(profile.has_value());
    CHECK(profile.error().code == ErrorCode::kNotFound);
    CHECK(profile.error().message.starts_with("star-tsp100.json: printer profile not found"));
}

TEST_CASE("a profile name that could leave the profiles folder is refused") {
    for (const std::string_view name : {"../etc/passwd", "", "Epson", "a/b", "-x", "tm t20"}) {
        const auto profile = LoadPrinterProfile(name);
        REQUIRE_FALSE(profile.has_value());
        CHECK(profile.error().code == ErrorCode::kInvalidInput);
        CHECK(profile.error().field == "printer_profile");
    }
}

TEST_CASE("a profile whose name differs from its file name is refused") {
    const tillbook::testing::TempDir folder("printer-profile");
    WriteFile(folder.File("epson-tm-t20.json"), ProfileJson());
    const auto profile = LoadPrinterProfile("epson-tm-t20", folder.File(""));
    REQUIRE_FALSE(profile.has_value());
    CHECK(profile.error().message ==
          "epson-tm-t20.json: name: \"generic-58mm\" differs from the file name");
}
