// Receipts, cash-up reports and test pages, compared byte for byte with golden files in
// tests/data/receipts/ (NAME.bin), each with a paper view beside it (NAME.txt) to read by eye.
// After a deliberate layout change, regenerate them with
//   TILLBOOK_UPDATE_GOLDEN=1 build/NAME/tests/unit/drivers/tillbook_drivers_tests -tc="*golden*"
// then read the .txt diffs before committing.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "byte_text.hpp"
#include "escpos_decoder.hpp"
#include "golden.hpp"
#include "tillbook/drivers/paper_text.hpp"
#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/drivers/receipt_renderer.hpp"

namespace {

// The error's message, or nothing when there is none (doctest evaluates messages even when the
// check passes).
template <class T>
std::string ErrorText(const T& result) {
    return result.has_value() ? std::string{} : result.error().message;
}

using tillbook::drivers::Alignment;
using tillbook::drivers::CashUpKind;
using tillbook::drivers::CashUpReport;
using tillbook::drivers::EncodeLayout;
using tillbook::drivers::LayOutCashUpReport;
using tillbook::drivers::LayOutReceipt;
using tillbook::drivers::LayOutTestPage;
using tillbook::drivers::PrintedColumns;
using tillbook::drivers::PrintedKind;
using tillbook::drivers::PrintedLine;
using tillbook::drivers::PrinterProfile;
using tillbook::drivers::ReceiptContext;
using tillbook::money::Currency;
using tillbook::money::Money;
using tillbook::orders::Order;
using tillbook::orders::OrderLine;
using tillbook::orders::Payment;
using tillbook::orders::Tender;
using tillbook::testing::ByteString;
using tillbook::testing::Hex;
using namespace std::string_view_literals;

const Currency kGbp{"GBP", 2};
const Currency kEur{"EUR", 2};

Payment Pay(Tender tender, Money amount, Money tendered, std::string reference = {}) {
    Payment payment;
    payment.tender = tender;
    payment.amount = std::move(amount);
    payment.tendered = std::move(tendered);
    payment.reference = std::move(reference);
    return payment;
}

PrinterProfile Profile(std::string_view name) {
    auto profile = tillbook::drivers::LoadPrinterProfile(name);
    REQUIRE_MESSAGE(profile.has_value(), ErrorText(profile));
    return *profile;
}

OrderLine Item(int line_no, std::string description, std::int64_t milli, std::int64_t unit_minor,
               std::int64_t discount_minor, int rate, const Currency& currency = kGbp) {
    return OrderLine{.line_no = line_no,
                     .sku = "SKU-" + std::to_string(line_no),
                     .description = std::move(description),
                     .quantity = milli,
                     .unit_price = Money{unit_minor, currency},
                     .discount = Money{discount_minor, currency},
                     .tax_rate = rate};
}

// Five lines, two VAT rates (20% and 0%), a discount, weighed goods: total £18.35, of which VAT
// 1.65 (0.93 + 0.50 + 0.22 on £9.90 at 20%); paid £20.00 cash, change £1.65.
Order CornerShopSale() {
    Order order;
    order.id = "0193c2a0-0000-7000-8000-000000000001";
    order.number = "S01-T2-004217";
    order.channel = "store:S01";
    order.currency = "GBP";
    order.lines = {Item(1, "Café crème", 2000, 280, 0, 2000),
                   Item(2, "Müsli, Haselnuss & Äpfel 500 g", 1000, 425, 0, 0),
                   Item(3, "Jalapeño crisps", 3000, 110, 30, 2000),
                   Item(4, "Cheddar (weighed)", 350, 1200, 0, 0),
                   Item(5, "Tea towel", 1000, 130, 0, 2000)};
    return order;
}

ReceiptContext CornerShopContext() {
    return ReceiptContext{
        .header_lines = {"The Corner Shop", "12 High Street, Leeds LS1 1AA", "VAT GB 123 4567 89"},
        .cashier = "Zoë",
        .terminal = "T2",
        .date_time = "01/12/2026 14:03",
        .payments = {Pay(Tender::kCash, Money{1835, kGbp}, Money{2000, kGbp})},
        .footer_lines = {"Thank you for shopping with us!",
                         "Returns within 28 days with this "
                         "receipt"},
    };
}

// A café in Lyon on a 58 mm printer: euros, a name longer than the line, VAT at 10% and 5.5%,
// card with a reference: total €31.70.
Order LyonSale() {
    Order order;
    order.id = "0193c2a0-0000-7000-8000-000000000002";
    order.number = "S07-T1-000042";
    order.channel = "store:S07";
    order.currency = "EUR";
    order.lines = {Item(1, "Crêpe jambon-fromage", 1000, 650, 0, 1000, kEur),
                   Item(2, "Très grande boîte de macarons artisanaux fabriqués à Lyon", 1000, 2400,
                        240, 550, kEur),
                   Item(3, "Café", 2000, 180, 0, 1000, kEur)};
    return order;
}

ReceiptContext LyonContext() {
    return ReceiptContext{
        .header_lines = {"Pâtisserie Bellecour", "3 place Bellecour, Lyon"},
        .cashier = "Hélène",
        .terminal = "T1",
        .date_time = "01/12/2026 09:15",
        .payments = {Pay(Tender::kCard, Money{3170, kEur}, Money{3170, kEur}, "AUTH 778812")},
        .footer_lines = {"Merci et à bientôt"}};
}

CashUpReport ShiftReport(CashUpKind kind) {
    return CashUpReport{.kind = kind,
                        .header_lines = {"The Corner Shop"},
                        .terminal = "T2",
                        .cashier = "Zoë",
                        .shift = "S01-T2-0193",
                        .date_time = "01/12/2026 18:00",
                        .opening_float = Money{10000, kGbp},
                        .cash_sales = Money{25320, kGbp},
                        .paid_in = Money{1000, kGbp},
                        .paid_out = Money{450, kGbp},
                        .expected = Money{35870, kGbp},
                        .counted = Money{35820, kGbp}};
}

// The lines as they look on paper: centred and right-aligned text placed in the width, double
// size shown with a space after each character, symbols as [CODE128 data], logos as [LOGO WxH].
// The paper as text, each line between bars so that trailing spaces show.
std::string PaperView(const std::vector<PrintedLine>& lines, int width) {
    std::istringstream text(PaperText(lines, width));
    std::string paper;
    for (std::string line; std::getline(text, line);)
        paper += "|" + line + "|\n";
    return paper;
}

std::string ReadFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream contents;
    contents << file.rdbuf();
    return contents.str();
}

void CheckEveryLineFits(const std::vector<PrintedLine>& lines, const PrinterProfile& profile) {
    for (const PrintedLine& line : lines) {
        CHECK_MESSAGE(PrintedColumns(line) <= profile.font_a_columns, line.text);
    }
}

// Reads the bytes back with the test decoder: every command well-formed, the printed lines are
// the layout's text lines in their styles, and the symbols carry the layout's data.
void CheckDecodesToLayout(std::string_view bytes, const std::vector<PrintedLine>& lines) {
    const auto decoded = tillbook::testing::DecodeEscPos(bytes);
    const std::string failure =
        decoded.has_value()
            ? std::string{}
            : "byte " + std::to_string(decoded.error().offset) + ": " + decoded.error().reason;
    REQUIRE_MESSAGE(decoded.has_value(), failure);
    CHECK(decoded->unprinted_text.empty());
    std::vector<PrintedLine> printed;
    for (const auto& line : decoded->lines) {
        if (line.text.empty()) continue;
        printed.push_back({.text = line.text,
                           .alignment = static_cast<Alignment>(line.alignment),
                           .bold = line.bold,
                           .double_size = line.double_size});
    }
    std::vector<PrintedLine> expected;
    std::vector<std::string> barcodes;
    std::vector<std::string> qr_codes;
    for (const PrintedLine& line : lines) {
        if (line.kind == PrintedKind::kCode128) barcodes.push_back(line.text);
        if (line.kind == PrintedKind::kQrCode) qr_codes.push_back(line.text);
        if (line.kind == PrintedKind::kText && !line.text.empty()) expected.push_back(line);
    }
    REQUIRE(printed.size() == expected.size());
    for (std::size_t i = 0; i < printed.size(); ++i)
        CHECK(printed[i] == expected[i]);
    std::vector<std::string> decoded_barcodes;
    for (const auto& barcode : decoded->barcodes) {
        CHECK(barcode.type == 73);
        decoded_barcodes.push_back(barcode.data);
    }
    std::vector<std::string> decoded_qr_codes;
    for (const auto& qr : decoded->qr_codes)
        decoded_qr_codes.push_back(qr.data);
    CHECK(decoded_barcodes == barcodes);
    CHECK(decoded_qr_codes == qr_codes);
    // Each logo is one GS v 0 band (they are far below kMaxRasterBandRows) with its very rows.
    std::vector<std::string> logos;
    for (const PrintedLine& line : lines) {
        if (line.kind == PrintedKind::kLogo && line.image)
            logos.emplace_back(line.image->rows.begin(), line.image->rows.end());
    }
    std::vector<std::string> decoded_logos;
    for (const auto& raster : decoded->rasters)
        decoded_logos.push_back(raster.data);
    CHECK(decoded_logos == logos);
}

// Compares the layout's bytes with NAME.bin and its paper view with NAME.txt; with
// TILLBOOK_UPDATE_GOLDEN=1 writes both instead.
void CheckGolden(const std::string& name, const std::vector<PrintedLine>& lines,
                 const PrinterProfile& profile) {
    CheckEveryLineFits(lines, profile);
    const auto bytes = EncodeLayout(lines, profile);
    REQUIRE_MESSAGE(bytes.has_value(), ErrorText(bytes));
    CheckDecodesToLayout(*bytes, lines);
    const std::string paper = PaperView(lines, profile.font_a_columns);
    const std::string base = std::string{TILLBOOK_TEST_DATA_DIR} + "/receipts/" + name;
    if (tillbook::testing::WritingGoldenFiles()) {
        std::ofstream(base + ".bin", std::ios::binary) << *bytes;
        std::ofstream(base + ".txt", std::ios::binary) << paper;
        MESSAGE("wrote " << base << ".bin and .txt: read the .txt before committing");
        return;
    }
    const std::string golden = ReadFile(base + ".bin");
    REQUIRE_MESSAGE(!golden.empty(), base << ".bin is missing: run with TILLBOOK_UPDATE_GOLDEN=1");
    CHECK(PaperView(lines, profile.font_a_columns) == ReadFile(base + ".txt"));
    if (*bytes != golden) {
        std::size_t first = 0;
        while (first < bytes->size() && first < golden.size() && (*bytes)[first] == golden[first])
            ++first;
        FAIL_CHECK(name << ".bin differs from byte " << first << " (rendered " << bytes->size()
                        << " bytes, golden " << golden.size() << "): rendered "
                        << tillbook::testing::Hex(bytes->substr(first, 16)) << ", golden "
                        << tillbook::testing::Hex(golden.substr(first, 16)));
    }
}

std::vector<PrintedLine> Receipt(const Order& order, const ReceiptContext& context,
                                 const PrinterProfile& profile) {
    auto lines = LayOutReceipt(order, context, profile);
    REQUIRE_MESSAGE(lines.has_value(), ErrorText(lines));
    return *lines;
}

std::string Paper(const Order& order, const ReceiptContext& context,
                  const PrinterProfile& profile) {
    return PaperView(Receipt(order, context, profile), profile.font_a_columns);
}

bool Contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

}  // namespace

TEST_CASE("golden: a sale on an 80 mm TM-T20 with a discount, weighed goods and change") {
    const PrinterProfile profile = Profile("epson-tm-t20");
    CheckGolden("corner-shop-tm-t20", Receipt(CornerShopSale(), CornerShopContext(), profile),
                profile);
}

TEST_CASE("golden: a reprint of the same sale on a TM-T88 is marked COPY") {
    const PrinterProfile profile = Profile("epson-tm-t88");
    ReceiptContext context = CornerShopContext();
    context.copy = true;
    CheckGolden("corner-shop-copy-tm-t88", Receipt(CornerShopSale(), context, profile), profile);
}

TEST_CASE("golden: a sale on a TM-T20 with the shop's logo above the header") {
    const PrinterProfile profile = Profile("epson-tm-t20");
    ReceiptContext context = CornerShopContext();
    const auto logo = tillbook::drivers::LoadReceiptLogo(
        std::string{TILLBOOK_TEST_DATA_DIR} + "/receipts/logo-corner-shop.png", profile);
    REQUIRE_MESSAGE(logo.has_value(), ErrorText(logo));
    context.logo = *logo;
    const auto lines = Receipt(CornerShopSale(), context, profile);
    REQUIRE_FALSE(lines.empty());
    CHECK(lines[0].kind == PrintedKind::kLogo);
    CHECK(lines[0].alignment == Alignment::kCentre);
    CHECK(lines[1].text == "The Corner Shop");
    CheckGolden("corner-shop-logo-tm-t20", lines, profile);
    // The logo's GS v 0 comes right after ESC @, ESC t 19 and ESC a 1: 50 dots = 7 bytes a row.
    const auto bytes = EncodeLayout(lines, profile);
    REQUIRE(bytes.has_value());
    CHECK(Hex(bytes->substr(0, 16)) ==
          Hex(ByteString({0x1B, 0x40, 0x1B, 0x74, 0x13, 0x1B, 0x61, 0x01, 0x1D, 0x76, 0x30, 0x00,
                          0x07, 0x00, 0x10, 0x00})));
}

TEST_CASE("a logo wider than the printer, or not a whole picture, is refused with the receipt") {
    ReceiptContext context = CornerShopContext();
    tillbook::drivers::RasterImage wide{
        .width = 400, .height = 1, .rows = std::vector<std::uint8_t>(50)};
    context.logo = std::make_shared<const tillbook::drivers::RasterImage>(wide);
    CHECK(Receipt(CornerShopSale(), context, Profile("epson-tm-t20")).front().kind ==
          PrintedKind::kLogo);  // 400 dots fit on 80 mm ...
    const auto narrow = LayOutReceipt(CornerShopSale(), context, Profile("generic-58mm"));
    REQUIRE_FALSE(narrow.has_value());  // ... but not on 58 mm
    CHECK(narrow.error().code == tillbook::ErrorCode::kInvalidInput);
    CHECK(narrow.error().field == "logo");
    CHECK(narrow.error().message ==
          "receipt for S01-T2-004217: logo: 400 dots wide, the printer (generic-58mm) prints at "
          "most 384");

    wide.rows.pop_back();
    context.logo = std::make_shared<const tillbook::drivers::RasterImage>(wide);
    const auto broken = LayOutReceipt(CornerShopSale(), context, Profile("epson-tm-t20"));
    REQUIRE_FALSE(broken.has_value());
    CHECK(broken.error().code == tillbook::ErrorCode::kInvalidInput);
}

TEST_CASE("a logo file too wide for the profile, or missing, is refused naming the file") {
    PrinterProfile tiny = Profile("generic-58mm");
    tiny.dots_per_line = 40;
    const std::string path = std::string{TILLBOOK_TEST_DATA_DIR} + "/receipts/logo-corner-shop.png";
    const auto too_wide = tillbook::drivers::LoadReceiptLogo(path, tiny);
    REQUIRE_FALSE(too_wide.has_value());
    CHECK(too_wide.error().code == tillbook::ErrorCode::kInvalidInput);
    CHECK(Contains(too_wide.error().message, "logo-corner-shop.png"));
    CHECK(Contains(too_wide.error().message, "50 dots wide"));
    const auto missing = tillbook::drivers::LoadReceiptLogo(path + ".gone", tiny);
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == tillbook::ErrorCode::kNotFound);
}

TEST_CASE("golden: a sale in euros on a 58 mm printer with two VAT rates and a QR code") {
    const PrinterProfile profile = Profile("generic-58mm");
    CheckGolden("lyon-generic-58mm", Receipt(LyonSale(), LyonContext(), profile), profile);
}

TEST_CASE("golden: a Z report on a 58 mm printer and an X report on a TM-T20") {
    const PrinterProfile narrow = Profile("generic-58mm");
    const auto z = LayOutCashUpReport(ShiftReport(CashUpKind::kZ), narrow);
    REQUIRE_MESSAGE(z.has_value(), ErrorText(z));
    CheckGolden("z-report-generic-58mm", *z, narrow);
    const PrinterProfile wide = Profile("epson-tm-t20");
    const auto x = LayOutCashUpReport(ShiftReport(CashUpKind::kX), wide);
    REQUIRE_MESSAGE(x.has_value(), ErrorText(x));
    CheckGolden("x-report-tm-t20", *x, wide);
}

TEST_CASE("golden: the test page of every profile") {
    for (const std::string_view name : {"epson-tm-t20", "epson-tm-t88", "generic-58mm"}) {
        const PrinterProfile profile = Profile(name);
        CheckGolden("test-page-" + std::string{name}, LayOutTestPage(profile), profile);
    }
}

TEST_CASE("the receipt's total is the order's total with the currency sign, in double size") {
    const PrinterProfile profile = Profile("epson-tm-t20");
    const auto lines = Receipt(CornerShopSale(), CornerShopContext(), profile);
    const auto total = std::ranges::find_if(
        lines, [](const PrintedLine& line) { return line.text.starts_with("TOTAL"); });
    REQUIRE(total != lines.end());
    CHECK(total->text == "TOTAL             £18.35");
    CHECK(total->double_size);
    CHECK(PrintedColumns(*total) == 48);
}

TEST_CASE("each line shows quantity times unit price, and a discount as its own negative row") {
    const std::string paper = Paper(CornerShopSale(), CornerShopContext(), Profile("epson-tm-t20"));
    CHECK(Contains(paper,
                   "|Café crème                                      |\n"
                   "|  2 x 2.80                                  5.60|"));
    CHECK(Contains(paper,
                   "|  3 x 1.10                                  3.30|\n"
                   "|  Discount                                 -0.30|"));
    CHECK(Contains(paper, "|  0.35 x 12.00                              4.20|"));
    CHECK(Contains(paper, "|Tea towel                                   1.30|"));
}

TEST_CASE("issue 14: a price changed at the till is printed under its line with the old price") {
    Order order = CornerShopSale();
    order.lines[4].price_overridden_from = Money{150, kGbp};  // the tea towel, 1.50 down to 1.30
    order.lines[0].price_overridden_from = Money{300, kGbp};  // two coffees, 3.00 down to 2.80
    const std::string paper = Paper(order, CornerShopContext(), Profile("epson-tm-t20"));
    CHECK(Contains(paper,
                   "|Tea towel                                   1.30|\n"
                   "|  Price changed from 1.50                       |"));
    CHECK(Contains(paper,
                   "|Café crème                                      |\n"
                   "|  Price changed from 3.00                       |\n"
                   "|  2 x 2.80                                  5.60|"));
    CHECK_FALSE(Contains(Paper(CornerShopSale(), CornerShopContext(), Profile("epson-tm-t20")),
                         "Price changed"));
}

TEST_CASE("VAT is broken down per rate with net and tax from the order's totals") {
    const std::string paper = Paper(CornerShopSale(), CornerShopContext(), Profile("epson-tm-t20"));
    CHECK(Contains(paper,
                   "|VAT rate                         Net         VAT|\n"
                   "|20%                             8.25        1.65|\n"
                   "|0%                              8.45        0.00|"));
    const std::string lyon = Paper(LyonSale(), LyonContext(), Profile("generic-58mm"));
    CHECK(Contains(lyon,
                   "|10%              9.18       0.92|\n"
                   "|5.5%            20.47       1.13|"));
}

TEST_CASE("cash tendered and the change are printed with the currency sign") {
    const std::string paper = Paper(CornerShopSale(), CornerShopContext(), Profile("epson-tm-t20"));
    CHECK(Contains(paper, "|Cash                                      £20.00|"));
    CHECK(Contains(paper, "C h a n g e"));
    CHECK(Contains(paper, "£ 1 . 6 5"));
}

TEST_CASE("a card payment shows its reference and no change") {
    const std::string paper = Paper(LyonSale(), LyonContext(), Profile("generic-58mm"));
    CHECK(
        Contains(paper, "|Card                      €31.70|\n|  Ref AUTH 778812               |"));
    CHECK_FALSE(Contains(paper, "C h a n g e"));
}

TEST_CASE("a description longer than the line is wrapped at words inside the width") {
    const PrinterProfile profile = Profile("generic-58mm");
    const std::string paper = Paper(LyonSale(), LyonContext(), profile);
    CHECK(Contains(paper,
                   "|Très grande boîte de macarons   |\n"
                   "|artisanaux fabriqués à Lyon     |\n"
                   "|  1 x 24.00                24.00|\n"
                   "|  Discount                 -2.40|"));
}

TEST_CASE("stray spaces in a description are dropped, whether it fits on one row or wraps") {
    const PrinterProfile profile = Profile("generic-58mm");
    Order order = LyonSale();
    order.lines[0].description = "  Tea   bags  ";
    const std::string short_paper = Paper(order, LyonContext(), profile);
    CHECK(Contains(short_paper, "|Tea bags" + std::string(20, ' ') + "6.50|\n"));
    order.lines[1].description = " Très  grande boîte de macarons   artisanaux fabriqués à Lyon ";
    const std::string long_paper = Paper(order, LyonContext(), profile);
    CHECK(Contains(long_paper,
                   "|Très grande boîte de macarons   |\n"
                   "|artisanaux fabriqués à Lyon     |\n"
                   "|  1 x 24.00                24.00|\n"));
}

TEST_CASE("a word longer than the line, and text that is not UTF-8, still fit the width") {
    const PrinterProfile profile = Profile("generic-58mm");
    Order order = LyonSale();
    order.lines[0].description = std::string(70, 'X') + " \xC3\x28\xFF\xFE" + std::string(40, 'Y');
    ReceiptContext context = LyonContext();
    context.header_lines[0] = std::string(50, 'H');
    context.cashier = std::string(40, 'C');
    const auto lines = Receipt(order, context, profile);
    CheckEveryLineFits(lines, profile);
    const std::string paper = PaperView(lines, profile.font_a_columns);
    // The first row leaves room for the amount; broken words carry on in the same width.
    CHECK(Contains(paper, "|" + std::string(27, 'X') + " 6.50|\n|" + std::string(27, 'X')));
    CHECK(Contains(paper, "|" + std::string(16, 'X') + std::string(16, ' ') + "|\n|?(??" +
                              std::string(23, 'Y') + "     |\n|" + std::string(17, 'Y')));
}

TEST_CASE("the order's number is a CODE128 barcode on the TM-T20 and a QR code on 58 mm") {
    const auto wide = tillbook::drivers::RenderReceipt(CornerShopSale(), CornerShopContext(),
                                                       Profile("epson-tm-t20"));
    REQUIRE_MESSAGE(wide.has_value(), ErrorText(wide));
    CHECK(Contains(*wide, "\x1D\x6B\x49\x0F{BS01-T2-004217"sv));
    const auto narrow =
        tillbook::drivers::RenderReceipt(LyonSale(), LyonContext(), Profile("generic-58mm"));
    REQUIRE_MESSAGE(narrow.has_value(), ErrorText(narrow));
    CHECK(Contains(*narrow, "\x1D\x28\x6B\x10\x00\x31\x50\x30S07-T1-000042"sv));
    CHECK_FALSE(Contains(*narrow, "\x1D\x6B"));
}

TEST_CASE("a receipt is cut only on a printer with a cutter") {
    const auto cut = tillbook::drivers::RenderReceipt(CornerShopSale(), CornerShopContext(),
                                                      Profile("epson-tm-t20"));
    REQUIRE(cut.has_value());
    CHECK(cut->ends_with("\x1D\x56\x42\x00"sv));
    PrinterProfile full_only = Profile("epson-tm-t20");
    full_only.cutter = tillbook::drivers::Cutter::kFull;
    const auto full = tillbook::drivers::RenderTestPage(full_only);
    REQUIRE(full.has_value());
    CHECK(full->ends_with("\x1D\x56\x41\x00"sv));
    const auto torn =
        tillbook::drivers::RenderReceipt(LyonSale(), LyonContext(), Profile("generic-58mm"));
    REQUIRE(torn.has_value());
    CHECK_FALSE(Contains(*torn, "\x1D\x56"));
    CHECK(torn->ends_with("\x1B\x64\x04"));
}

TEST_CASE("£ and € are sent as their CP858 bytes after ESC t 19") {
    const auto bytes = tillbook::drivers::RenderReceipt(CornerShopSale(), CornerShopContext(),
                                                        Profile("epson-tm-t20"));
    REQUIRE(bytes.has_value());
    CHECK(bytes->starts_with("\x1B\x40\x1B\x74\x13"sv));
    CHECK(Contains(*bytes,
                   "Cash                                      \x9C"
                   "20.00\n"));
    const auto euros =
        tillbook::drivers::RenderReceipt(LyonSale(), LyonContext(), Profile("generic-58mm"));
    REQUIRE(euros.has_value());
    CHECK(Contains(*euros,
                   "Card                      \xD5"
                   "31.70\n"));
}

TEST_CASE("a currency whose sign the printer's table lacks is printed as its code") {
    PrinterProfile profile = Profile("generic-58mm");
    profile.default_code_page = tillbook::drivers::CodePage::kCp437;
    const std::string paper = Paper(LyonSale(), LyonContext(), profile);
    CHECK(Contains(paper, "|Card                   EUR 31.70|"));
}

TEST_CASE("a reprint says COPY at the top and the bottom, and an original never does") {
    ReceiptContext context = CornerShopContext();
    const std::string original = Paper(CornerShopSale(), context, Profile("epson-tm-t88"));
    CHECK_FALSE(Contains(original, "C O P Y"));
    context.copy = true;
    const std::string reprint = Paper(CornerShopSale(), context, Profile("epson-tm-t88"));
    const std::size_t first = reprint.find("* * *   C O P Y   * * *");
    REQUIRE(first != std::string::npos);
    CHECK(reprint.find("* * *   C O P Y   * * *", first + 1) != std::string::npos);
}

TEST_CASE("a receipt whose order cannot be totalled is refused with the order's number") {
    Order order = CornerShopSale();
    order.lines[2].discount = Money{500, kGbp};  // more than the line's 3.30
    const auto lines = LayOutReceipt(order, CornerShopContext(), Profile("epson-tm-t20"));
    REQUIRE_FALSE(lines.has_value());
    CHECK(lines.error().message.starts_with("receipt for S01-T2-004217: "));
}

TEST_CASE("a payment in another currency than the order is refused") {
    ReceiptContext context = CornerShopContext();
    context.payments[0].amount = Money{1835, kEur};
    context.payments[0].tendered = Money{1835, kEur};
    const auto lines = LayOutReceipt(CornerShopSale(), context, Profile("epson-tm-t20"));
    REQUIRE_FALSE(lines.has_value());
    CHECK(lines.error().code == tillbook::ErrorCode::kCurrencyMismatch);
    CHECK(lines.error().message == "receipt for S01-T2-004217: payment: EUR on a receipt in GBP");
}

TEST_CASE("an order number the barcode cannot carry is refused, not printed wrong") {
    Order order = CornerShopSale();
    order.number = "S01-Ä-1";
    const auto bytes =
        tillbook::drivers::RenderReceipt(order, CornerShopContext(), Profile("epson-tm-t20"));
    CHECK_FALSE(bytes.has_value());
}

TEST_CASE("the cash-up report shows the variance as short or over") {
    const PrinterProfile profile = Profile("epson-tm-t20");
    auto short_lines = LayOutCashUpReport(ShiftReport(CashUpKind::kZ), profile);
    REQUIRE(short_lines.has_value());
    const std::string short_paper = PaperView(*short_lines, profile.font_a_columns);
    CHECK(Contains(short_paper, "|Paid out                                  -£4.50|"));
    CHECK(Contains(short_paper, "|Variance (short)                          -£0.50|"));
    CashUpReport over = ShiftReport(CashUpKind::kX);
    over.counted = Money{35900, kGbp};
    const auto over_lines = LayOutCashUpReport(over, profile);
    REQUIRE(over_lines.has_value());
    CHECK(
        Contains(PaperView(*over_lines, 48), "|Variance (over)                            £0.30|"));
}

TEST_CASE("a Z report with cash refunds adds up on paper and lists card figures apart") {
    const PrinterProfile profile = Profile("epson-tm-t20");
    CashUpReport report = ShiftReport(CashUpKind::kZ);
    // 100.00 + 253.20 + 10.00 - 4.50 - 12.00 = 346.70 in the drawer, and counted so.
    report.cash_refunds = Money{1200, kGbp};
    report.expected = Money{34670, kGbp};
    report.counted = Money{34670, kGbp};
    report.card_sales = Money{41235, kGbp};
    report.card_refunds = Money{1999, kGbp};
    const auto lines = LayOutCashUpReport(report, profile);
    REQUIRE_MESSAGE(lines.has_value(), ErrorText(lines));
    const std::string paper = PaperView(*lines, profile.font_a_columns);
    CHECK(Contains(paper,
                   "|Paid out                                  -£4.50|\n"
                   "|Cash refunds                             -£12.00|\n"));
    CHECK(Contains(paper, "|Expected in drawer                       £346.70|"));
    CHECK(Contains(paper, "|Variance                                   £0.00|"));
    CHECK(Contains(paper,
                   "|Card (not in the drawer)                        |\n"
                   "|Card sales                               £412.35|\n"
                   "|Card refunds                             -£19.99|\n"));
    CheckGolden("z-report-refunds-card-tm-t20", *lines, profile);

    // Without them the report is as before: no refund or card rows at all.
    const auto plain = LayOutCashUpReport(ShiftReport(CashUpKind::kZ), profile);
    REQUIRE(plain.has_value());
    CHECK_FALSE(Contains(PaperView(*plain, 48), "refunds"));
    CHECK_FALSE(Contains(PaperView(*plain, 48), "Card"));

    report.card_sales = Money{41235, kEur};
    const auto mixed = LayOutCashUpReport(report, profile);
    REQUIRE_FALSE(mixed.has_value());
    CHECK(mixed.error().code == tillbook::ErrorCode::kCurrencyMismatch);
}

TEST_CASE(
    "a Z report lists the sales and no sales, the count by denomination and who approved the "
    "variance") {
    const PrinterProfile profile = Profile("epson-tm-t20");
    CashUpReport report = ShiftReport(CashUpKind::kZ);  // 358.70 expected, 358.20 counted
    report.sales = 42;
    report.no_sales = 3;
    report.counted_by_denomination = {
        {"£50", 7, Money{35000, kGbp}}, {"£2", 1, Money{200, kGbp}}, {"20p", 6, Money{120, kGbp}}};
    report.variance_approved_by = "Tom Hughes";
    const auto lines = LayOutCashUpReport(report, profile);
    REQUIRE_MESSAGE(lines.has_value(), ErrorText(lines));
    const std::string paper = PaperView(*lines, profile.font_a_columns);
    CHECK(Contains(paper,
                   "|Sales                                         42|\n"
                   "|No sales                                       3|\n"));
    CHECK(Contains(paper,
                   "|Counted                                  £358.20|\n"
                   "|  £50 x 7                                £350.00|\n"
                   "|  £2 x 1                                   £2.00|\n"
                   "|  20p x 6                                  £1.20|\n"
                   "|Variance (short)                          -£0.50|\n"
                   "|Approved by                           Tom Hughes|\n"));

    report.counted_by_denomination[1].amount = Money{200, kEur};
    const auto mixed = LayOutCashUpReport(report, profile);
    REQUIRE_FALSE(mixed.has_value());
    CHECK(mixed.error().code == tillbook::ErrorCode::kCurrencyMismatch);
}

TEST_CASE("an X reading taken without counting the drawer prints no count and no variance") {
    const PrinterProfile profile = Profile("epson-tm-t20");
    CashUpReport reading = ShiftReport(CashUpKind::kX);
    reading.counted.reset();
    const auto lines = LayOutCashUpReport(reading, profile);
    REQUIRE_MESSAGE(lines.has_value(), ErrorText(lines));
    const std::string paper = PaperView(*lines, profile.font_a_columns);
    CHECK(Contains(paper, "|Expected in drawer                       £358.70|"));
    CHECK_FALSE(Contains(paper, "Counted"));
    CHECK_FALSE(Contains(paper, "Variance"));
}

TEST_CASE("a cash-up report mixing currencies is refused") {
    CashUpReport report = ShiftReport(CashUpKind::kZ);
    report.counted = Money{35820, kEur};
    const auto lines = LayOutCashUpReport(report, Profile("epson-tm-t20"));
    REQUIRE_FALSE(lines.has_value());
    CHECK(lines.error().code == tillbook::ErrorCode::kCurrencyMismatch);
}

TEST_CASE("a profile with its own ESC t number for a table gets that number and that table") {
    const PrinterProfile epson = Profile("epson-tm-t20");
    PrinterProfile clone = epson;
    clone.name = "clone-80mm";
    clone.code_pages = {{tillbook::drivers::CodePage::kCp437, 0},
                        {tillbook::drivers::CodePage::kCp858, 4}};
    const auto epson_bytes =
        tillbook::drivers::RenderReceipt(CornerShopSale(), CornerShopContext(), epson);
    const auto clone_bytes =
        tillbook::drivers::RenderReceipt(CornerShopSale(), CornerShopContext(), clone);
    REQUIRE_MESSAGE(epson_bytes.has_value(), ErrorText(epson_bytes));
    REQUIRE_MESSAGE(clone_bytes.has_value(), ErrorText(clone_bytes));
    // The same receipt, byte for byte, but for the number in the one ESC t.
    const std::string epson_select = ByteString({0x1B, 0x40, 0x1B, 0x74, 19});
    const std::string clone_select = ByteString({0x1B, 0x40, 0x1B, 0x74, 4});
    REQUIRE(epson_bytes->starts_with(epson_select));
    CHECK(Hex(*clone_bytes) == Hex(clone_select + epson_bytes->substr(epson_select.size())));
    CHECK(clone_bytes->find(ByteString({0x1B, 0x74})) == 2);
    CHECK(clone_bytes->find(ByteString({0x1B, 0x74}), 3) == std::string::npos);
}

TEST_CASE("a profile whose default code page is not among its tables is refused, not misprinted") {
    PrinterProfile profile = Profile("epson-tm-t20");
    profile.code_pages = {{tillbook::drivers::CodePage::kCp437, 0}};
    const auto bytes = tillbook::drivers::RenderTestPage(profile);
    REQUIRE_FALSE(bytes.has_value());
    CHECK(bytes.error().code == tillbook::ErrorCode::kUnsupported);
    CHECK(bytes.error().field == "default_code_page");
}

TEST_CASE("issue 11: control characters in a name are left out of the receipt, not printed") {
    const PrinterProfile profile = Profile("generic-58mm");
    Order order = LyonSale();
    // ESC @ (initialise), GS V (cut), a NUL, a line break and a C1 control (U+009B, CSI).
    order.lines[0].description = std::string("Tea\x1B@ \x1DV\x00 bags\n\xC2\x9B", 17);
    ReceiptContext context = LyonContext();
    context.cashier =
        "Zo\x1B"
        "e";
    const std::string paper = Paper(order, context, profile);
    CHECK(Contains(paper, "|Tea@ V bags" + std::string(17, ' ') + "6.50|\n"));
    CHECK(Contains(paper, "Zoe"));
    CHECK_FALSE(Contains(paper, "?"));
    const auto bytes = tillbook::drivers::RenderReceipt(order, context, profile);
    REQUIRE(bytes);
    // The one ESC @ is the encoder's own, first; no GS V at all (this printer has no cutter).
    CHECK(bytes->find("\x1B@") == 0);
    CHECK(bytes->find("\x1B@", 1) == std::string::npos);
    CHECK(bytes->find("\x1DV") == std::string::npos);
    CHECK(bytes->find("Tea@ V bags") != std::string::npos);
}

TEST_CASE("golden: a refund at the returns desk: the lines back, the cash, the order's barcode") {
    const PrinterProfile profile = Profile("epson-tm-t20");
    ReceiptContext context = CornerShopContext();
    context.payments.clear();
    const tillbook::drivers::RefundReceipt refund{
        "S01-T2-004217",
        {{"Earl Grey loose leaf tea 125 g", 1000, Money{650, kGbp}},
         {"English breakfast tea bags 40 bags, the large box with the string tags", 2000,
          Money{990, kGbp}}},
        {{Tender::kCash, Money{1640, kGbp}, "", "shift-1"}}};
    auto lines = tillbook::drivers::LayOutRefundReceipt(refund, context, profile);
    REQUIRE_MESSAGE(lines.has_value(), ErrorText(lines));
    const auto has = [&](std::string_view part) {
        return std::any_of(lines->begin(), lines->end(),
                           [&](const PrintedLine& line) { return Contains(line.text, part); });
    };
    CHECK(has("REFUND"));
    CHECK(has("£16.40"));
    CHECK(has("  2 back"));
    const auto symbol = std::find_if(lines->begin(), lines->end(), [](const PrintedLine& line) {
        return line.kind == PrintedKind::kCode128;
    });
    REQUIRE(symbol != lines->end());
    CHECK(symbol->text == "S01-T2-004217");
    CheckGolden("refund-tm-t20", *lines, profile);

    // Without a receipt there is no order to print as a symbol.
    auto no_receipt = tillbook::drivers::LayOutRefundReceipt(
        {"", {refund.lines[0]}, {{Tender::kCash, Money{650, kGbp}, "", "shift-1"}}}, context,
        profile);
    REQUIRE(no_receipt.has_value());
    CHECK(std::none_of(no_receipt->begin(), no_receipt->end(),
                       [](const PrintedLine& line) { return line.kind != PrintedKind::kText; }));
    // A refund in another currency than its lines is refused, not printed wrong.
    auto mixed = tillbook::drivers::LayOutRefundReceipt(
        {"S01-T2-004217", {refund.lines[0]}, {{Tender::kCash, Money{650, kEur}, "", ""}}}, context,
        profile);
    CHECK_FALSE(mixed.has_value());
}

namespace {

tillbook::drivers::CreditNote CornerShopCreditNote() {
    const tillbook::money::Currency gbp{"GBP", 2};
    tillbook::drivers::CreditNote note;
    note.header_lines = {"The Corner Shop", "12 High Street, Leeds"};
    note.card_number = "6280431796105670";
    note.amount = Money(1250, gbp);
    note.balance = Money(1875, gbp);
    note.order_number = "S01-T1-000017";
    note.terminal = "T1";
    note.cashier = "Alice";
    note.date_time = "06/12/2026 14:03";
    return note;
}

}  // namespace

TEST_CASE("golden: issue 14: a credit note on a TM-T20 carries the card's number as CODE128") {
    const PrinterProfile profile = Profile("epson-tm-t20");
    const auto lines = tillbook::drivers::LayOutCreditNote(CornerShopCreditNote(), profile);
    REQUIRE_MESSAGE(lines.has_value(), ErrorText(lines));
    const auto has = [&](std::string_view part, bool large) {
        return std::any_of(lines->begin(), lines->end(), [&](const PrintedLine& line) {
            return line.double_size == large && Contains(line.text, part);
        });
    };
    CHECK(has("CREDIT NOTE", true));
    CHECK(has("S01-T1-000017", false));
    CHECK(has("£12.50", true));  // the credit, large
    CHECK(has("Card balance", false));
    CHECK(has("£18.75", false));
    const auto symbol = std::find_if(lines->begin(), lines->end(), [](const PrintedLine& line) {
        return line.kind == PrintedKind::kCode128;
    });
    REQUIRE(symbol != lines->end());
    CHECK(symbol->text == "6280431796105670");
    CheckGolden("credit-note-tm-t20", *lines, profile);
}

TEST_CASE(
    "issue 14: a credit note without a 16-digit card number, or mixing currencies, is "
    "refused") {
    const PrinterProfile profile = Profile("generic-58mm");
    auto note = CornerShopCreditNote();
    note.card_number = "6280 4317";
    const auto short_number = tillbook::drivers::LayOutCreditNote(note, profile);
    REQUIRE_FALSE(short_number.has_value());
    CHECK(short_number.error().field == "card_number");
    note = CornerShopCreditNote();
    note.balance = Money(1875, tillbook::money::Currency{"EUR", 2});
    const auto mixed = tillbook::drivers::LayOutCreditNote(note, profile);
    REQUIRE_FALSE(mixed.has_value());
    CHECK(mixed.error().code == tillbook::ErrorCode::kCurrencyMismatch);
    // On 58 mm every line fits too.
    const auto narrow = tillbook::drivers::LayOutCreditNote(CornerShopCreditNote(), profile);
    REQUIRE(narrow.has_value());
    CheckEveryLineFits(*narrow, profile);
}
