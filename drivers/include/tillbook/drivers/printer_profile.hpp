#pragma once
// What one model of receipt printer can do, as data: one JSON file per model in
// assets/printers/ (TILLBOOK_PRINTER_PROFILES_DIR), described in assets/printers/README.md.
// The terminal's configuration names the profile; the renderer lays receipts out to its width
// and sends only the commands it has (a cut only where there is a cutter).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/drivers/code_page.hpp"
#include "tillbook/drivers/escpos_encoder.hpp"

namespace tillbook::drivers {

// Stored in profiles as text ("none", "full", "partial"); explicit values, never reused.
enum class Cutter : int {
    kNone = 1,     // tear bar only: never send GS V
    kFull = 2,     // full cuts only
    kPartial = 3,  // partial cuts (and full ones); receipts are cut partially
};

// How a receipt carries the order's number for the returns desk ("code128", "qr").
enum class OrderCodeSymbol : int {
    kCode128 = 1,
    kQrCode = 2,
};

// A character table the printer has and the n of ESC t n that selects it on this model.
struct ProfileCodePage {
    CodePage page = CodePage::kCp437;
    std::uint8_t table_number = 0;
    friend bool operator==(const ProfileCodePage&, const ProfileCodePage&) = default;
};

struct PrinterProfile {
    std::string name;  // "epson-tm-t20": the file name without ".json"
    std::string description;
    int font_a_columns = 48;                  // characters per line in font A (12x24)
    int font_b_columns = 64;                  // characters per line in font B (9x17)
    int dots_per_line = 576;                  // printable width in dots (raster images, barcodes)
    std::vector<ProfileCodePage> code_pages;  // at least one, no page twice
    CodePage default_code_page = CodePage::kCp437;  // one of code_pages: what receipts use
    Cutter cutter = Cutter::kNone;
    std::vector<DrawerPin> drawer_pins;  // empty: no drawer port
    std::chrono::milliseconds drawer_pulse_on{50};
    std::chrono::milliseconds drawer_pulse_off{500};
    bool real_time_status = false;                           // answers DLE EOT n
    bool qr_code = false;                                    // understands GS ( k
    OrderCodeSymbol order_code = OrderCodeSymbol::kCode128;  // kQrCode only when qr_code

    // The ESC t number of `page` on this model, nullopt when the printer lacks the table.
    [[nodiscard]] std::optional<std::uint8_t> TableNumber(CodePage page) const;
    [[nodiscard]] bool HasDrawerPin(DrawerPin pin) const;
    friend bool operator==(const PrinterProfile&, const PrinterProfile&) = default;
};

// Limits the loader enforces (and README.md documents).
inline constexpr int kMinColumns = 16;
inline constexpr int kMaxColumns = 80;
inline constexpr int kMinDotsPerLine = 128;
inline constexpr int kMaxDotsPerLine = 2048;

// A profile's name: 1 to 64 lower-case letters, digits and '-', not starting with '-' (so it is
// also a safe file name: no "../").
[[nodiscard]] bool IsPrinterProfileName(std::string_view name);

// Reads a profile from JSON text. `source` names it in errors ("generic-58mm.json"). Every bad
// or missing field is named, all of them in one message, each as "field: what it must be"
// ("generic-58mm.json: columns.font_a: a whole number from 16 to 80; cutter: one of none, full,
// partial"); Error::field is the first of them. The profile's name must be lower-case letters,
// digits and '-'. Unknown fields are ignored, so newer files still load.
[[nodiscard]] Result<PrinterProfile> ParsePrinterProfile(std::string_view json_text,
                                                         std::string_view source);

// Reads the profile in `path`; errors start with the file's name. A missing or unreadable file is
// kNotFound.
[[nodiscard]] Result<PrinterProfile> LoadPrinterProfileFile(const std::filesystem::path& path);

// The profile called `name` ("epson-tm-t88") from `folder`/`name`.json. A name that is not
// lower-case letters, digits and '-' is refused before any file is opened (no "../"), and the
// file's "name" must match the file name.
[[nodiscard]] Result<PrinterProfile> LoadPrinterProfile(
    std::string_view name,
    const std::filesystem::path& folder = std::filesystem::path{TILLBOOK_PRINTER_PROFILES_DIR});

}  // namespace tillbook::drivers
