#include "tillbook/drivers/printer_profile.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

#include "json_fields.hpp"
#include "tillbook/core/text.hpp"

namespace tillbook::drivers {
namespace {

using json_fields::FieldProblems;
using json_fields::Member;
using json_fields::WholeNumber;
using json_fields::WholeNumberFrom;
using nlohmann::json;

constexpr int kMaxPulseMs = 510;  // ESC p: 255 units of 2 ms

void ReadWholeNumber(const json& object, std::string_view key, std::string field, int min, int max,
                     int& out, FieldProblems& problems) {
    const auto number = WholeNumber(Member(object, key), min, max);
    if (number) {
        out = *number;
    } else {
        problems.Add(std::move(field), WholeNumberFrom(min, max));
    }
}

void ReadFlag(const json& object, std::string_view key, bool& out, FieldProblems& problems) {
    const json* value = Member(object, key);
    if (value != nullptr && value->is_boolean()) {
        out = value->get<bool>();
    } else {
        problems.Add(std::string{key}, "true or false");
    }
}

std::optional<CodePage> CodePageNamed(std::string_view name) {
    if (name == "cp437") return CodePage::kCp437;
    if (name == "cp858") return CodePage::kCp858;
    if (name == "cp1252") return CodePage::kCp1252;
    return std::nullopt;
}

constexpr std::string_view kCodePageNames = "cp437, cp858 or cp1252";

void ReadCodePages(const json& root, PrinterProfile& profile, FieldProblems& problems) {
    const json* pages = Member(root, "code_pages");
    if (pages == nullptr || !pages->is_object() || pages->empty()) {
        problems.Add("code_pages",
                     "an object of table names (cp437, cp858, cp1252) to ESC t "
                     "numbers, with at least one table");
    } else {
        for (const auto& [key, value] : pages->items()) {
            const auto page = CodePageNamed(key);
            const auto number = WholeNumber(&value, 0, 255);
            if (!page) {
                problems.Add("code_pages." + key,
                             std::string{"a table name: "} + std::string{kCodePageNames});
            } else if (!number) {
                problems.Add("code_pages." + key, WholeNumberFrom(0, 255));
            } else {
                profile.code_pages.push_back({*page, static_cast<std::uint8_t>(*number)});
            }
        }
    }
    const json* fallback = Member(root, "default_code_page");
    const auto page = fallback != nullptr && fallback->is_string()
                          ? CodePageNamed(fallback->get<std::string>())
                          : std::nullopt;
    if (!page) {
        problems.Add("default_code_page", std::string{"one of "} + std::string{kCodePageNames});
    } else if (!profile.TableNumber(*page) && !profile.code_pages.empty()) {
        problems.Add("default_code_page", "one of the tables in code_pages");
    } else {
        profile.default_code_page = *page;
    }
}

void ReadCutter(const json& root, PrinterProfile& profile, FieldProblems& problems) {
    const json* cutter = Member(root, "cutter");
    const std::string text =
        cutter != nullptr && cutter->is_string() ? cutter->get<std::string>() : std::string{};
    if (text == "none") {
        profile.cutter = Cutter::kNone;
    } else if (text == "full") {
        profile.cutter = Cutter::kFull;
    } else if (text == "partial") {
        profile.cutter = Cutter::kPartial;
    } else {
        problems.Add("cutter", "one of none, full, partial");
    }
}

void ReadDrawer(const json& root, PrinterProfile& profile, FieldProblems& problems) {
    const json* drawer = Member(root, "drawer");
    if (drawer == nullptr || !drawer->is_object()) {
        problems.Add("drawer", "an object with pins, pulse_on_ms and pulse_off_ms");
        return;
    }
    const json* pins = Member(*drawer, "pins");
    if (pins == nullptr || !pins->is_array()) {
        problems.Add("drawer.pins", "a list of connector pins: [], [2], [5] or [2, 5]");
    } else {
        for (std::size_t i = 0; i < pins->size(); ++i) {
            const auto pin = WholeNumber(&(*pins)[i], 2, 5);
            const std::string field = "drawer.pins[" + std::to_string(i) + "]";
            if (pin != 2 && pin != 5) {
                problems.Add(field, "2 or 5");
                continue;
            }
            const DrawerPin drawer_pin = *pin == 2 ? DrawerPin::kPin2 : DrawerPin::kPin5;
            if (profile.HasDrawerPin(drawer_pin)) {
                problems.Add(field, "each pin once");
            } else {
                profile.drawer_pins.push_back(drawer_pin);
            }
        }
    }
    int on_ms = 0;
    int off_ms = 0;
    ReadWholeNumber(*drawer, "pulse_on_ms", "drawer.pulse_on_ms", 2, kMaxPulseMs, on_ms, problems);
    ReadWholeNumber(*drawer, "pulse_off_ms", "drawer.pulse_off_ms", 2, kMaxPulseMs, off_ms,
                    problems);
    profile.drawer_pulse_on = std::chrono::milliseconds{on_ms};
    profile.drawer_pulse_off = std::chrono::milliseconds{off_ms};
}

void ReadOrderCode(const json& root, PrinterProfile& profile, FieldProblems& problems) {
    const json* code = Member(root, "order_code");
    const std::string text =
        code != nullptr && code->is_string() ? code->get<std::string>() : std::string{};
    if (text == "code128") {
        profile.order_code = OrderCodeSymbol::kCode128;
    } else if (text == "qr") {
        if (profile.qr_code) {
            profile.order_code = OrderCodeSymbol::kQrCode;
        } else {
            problems.Add("order_code", "code128 on a printer without qr_code");
        }
    } else {
        problems.Add("order_code", "code128 or qr");
    }
}

}  // namespace

bool IsPrinterProfileName(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.front() == '-') return false;
    return std::ranges::all_of(
        name, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::optional<std::uint8_t> PrinterProfile::TableNumber(CodePage page) const {
    const auto found = std::ranges::find(code_pages, page, &ProfileCodePage::page);
    if (found == code_pages.end()) return std::nullopt;
    return found->table_number;
}

bool PrinterProfile::HasDrawerPin(DrawerPin pin) const {
    return std::ranges::find(drawer_pins, pin) != drawer_pins.end();
}

Result<PrinterProfile> ParsePrinterProfile(std::string_view json_text, std::string_view source) {
    const json root = json::parse(json_text, nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput, std::string{source} + ": not a JSON object (broken file?)"));
    }
    PrinterProfile profile;
    FieldProblems problems;
    const json* name = Member(root, "name");
    if (name != nullptr && name->is_string() && IsPrinterProfileName(name->get<std::string>())) {
        profile.name = name->get<std::string>();
    } else {
        problems.Add("name", "lower-case letters, digits and '-', like epson-tm-t20");
    }
    if (const json* description = Member(root, "description");
        description != nullptr && description->is_string()) {
        profile.description = description->get<std::string>();
    }
    const json* columns = Member(root, "columns");
    if (columns == nullptr || !columns->is_object()) {
        problems.Add("columns", "an object with font_a and font_b");
    } else {
        ReadWholeNumber(*columns, "font_a", "columns.font_a", kMinColumns, kMaxColumns,
                        profile.font_a_columns, problems);
        ReadWholeNumber(*columns, "font_b", "columns.font_b", kMinColumns, kMaxColumns,
                        profile.font_b_columns, problems);
    }
    ReadWholeNumber(root, "dots_per_line", "dots_per_line", kMinDotsPerLine, kMaxDotsPerLine,
                    profile.dots_per_line, problems);
    ReadCodePages(root, profile, problems);
    ReadCutter(root, profile, problems);
    ReadDrawer(root, profile, problems);
    ReadFlag(root, "status", profile.real_time_status, problems);
    ReadFlag(root, "qr_code", profile.qr_code, problems);
    ReadOrderCode(root, profile, problems);
    if (!problems.Empty()) return std::unexpected(problems.ToError(source));
    return profile;
}

Result<PrinterProfile> LoadPrinterProfileFile(const std::filesystem::path& path) {
    const std::string source = path.filename().string();
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return std::unexpected(MakeError(
            ErrorCode::kNotFound,
            source + ": printer profile not found at " + text::QuoteForMessage(path.string())));
    }
    std::ostringstream contents;
    contents << file.rdbuf();
    if (file.bad()) {
        return std::unexpected(
            MakeError(ErrorCode::kNotFound, source + ": printer profile could not be read"));
    }
    return ParsePrinterProfile(contents.str(), source);
}

Result<PrinterProfile> LoadPrinterProfile(std::string_view name,
                                          const std::filesystem::path& folder) {
    if (!IsPrinterProfileName(name)) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "printer profile " + text::QuoteForMessage(name) +
                                             ": a name is lower-case letters, digits and '-'",
                                         "printer_profile"));
    }
    auto profile = LoadPrinterProfileFile(folder / (std::string{name} + ".json"));
    if (profile && profile->name != name) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      std::string{name} + ".json: name: " + text::QuoteForMessage(profile->name) +
                          " differs from the file name",
                      "name"));
    }
    return profile;
}

}  // namespace tillbook::drivers
