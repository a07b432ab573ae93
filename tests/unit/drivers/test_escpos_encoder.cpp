#include <doctest/doctest.h>

#include <chrono>
#include <climits>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "byte_text.hpp"
#include "tillbook/drivers/code_page.hpp"
#include "tillbook/drivers/escpos_encoder.hpp"
#include "tillbook/drivers/raster_image.hpp"

namespace {

using tillbook::drivers::Alignment;
using tillbook::drivers::CodePage;
using tillbook::drivers::CutMode;
using tillbook::drivers::DrawerPin;
using tillbook::drivers::EscPosEncoder;
using tillbook::drivers::RasterImage;
using namespace std::chrono_literals;

using tillbook::testing::ByteString;
using tillbook::testing::Hex;

std::string Hex(std::initializer_list<std::uint8_t> bytes) {
    return Hex(ByteString(bytes));
}

std::string KickHex(DrawerPin pin, std::chrono::milliseconds on, std::chrono::milliseconds off) {
    return Hex(EscPosEncoder{}.KickDrawer(pin, on, off).Bytes());
}

std::string FeedHex(int lines) {
    return Hex(EscPosEncoder{}.Feed(lines).Bytes());
}

}  // namespace

TEST_CASE("a new encoder has no bytes and encodes text as CP437") {
    const EscPosEncoder encoder;
    CHECK(encoder.Bytes().empty());
    CHECK(encoder.SelectedCodePage() == CodePage::kCp437);
}

TEST_CASE("Initialise is ESC @") {
    CHECK(Hex(EscPosEncoder{}.Initialise().Bytes()) == Hex({0x1B, 0x40}));
}

TEST_CASE("selecting a code page sends ESC t with Epson's table number") {
    CHECK(Hex(EscPosEncoder{}.SelectCodePage(CodePage::kCp437).Bytes()) == Hex({0x1B, 0x74, 0x00}));
    CHECK(Hex(EscPosEncoder{}.SelectCodePage(CodePage::kCp858).Bytes()) == Hex({0x1B, 0x74, 0x13}));
    CHECK(Hex(EscPosEncoder{}.SelectCodePage(CodePage::kCp1252).Bytes()) ==
          Hex({0x1B, 0x74, 0x10}));
}

TEST_CASE("a code page can be selected with the model's own ESC t number") {
    EscPosEncoder encoder;
    encoder.SelectCodePage(CodePage::kCp858, 4).Text("£€");
    CHECK(encoder.SelectedCodePage() == CodePage::kCp858);
    CHECK(Hex(encoder.Bytes()) == Hex({0x1B, 0x74, 0x04, 0x9C, 0xD5}));
}

TEST_CASE("text is encoded with the code page selected last") {
    EscPosEncoder encoder;
    encoder.Text("€1 ").SelectCodePage(CodePage::kCp858).Text("€2 ");
    encoder.SelectCodePage(CodePage::kCp1252).Text("€3");
    CHECK(encoder.SelectedCodePage() == CodePage::kCp1252);
    CHECK(Hex(encoder.Bytes()) == Hex({0x3F, 0x31, 0x20,                    // CP437: no €
                                       0x1B, 0x74, 0x13, 0xD5, 0x32, 0x20,  // CP858
                                       0x1B, 0x74, 0x10, 0x80, 0x33}));     // CP1252
}

TEST_CASE("Initialise returns text encoding to CP437, as the printer resets its table") {
    EscPosEncoder encoder;
    encoder.SelectCodePage(CodePage::kCp858).Initialise().Text("£€");
    CHECK(encoder.SelectedCodePage() == CodePage::kCp437);
    CHECK(Hex(encoder.Bytes()) == Hex({0x1B, 0x74, 0x13, 0x1B, 0x40, 0x9C, 0x3F}));
}

TEST_CASE("text with a control character cannot smuggle in a command") {
    CHECK(Hex(EscPosEncoder{}.Text("\x1B@\x10\x04\x01").Bytes()) ==
          Hex({0x3F, 0x40, 0x3F, 0x3F, 0x3F}));
}

TEST_CASE("a line is its text followed by LF") {
    CHECK(Hex(EscPosEncoder{}.Line("Hi").Bytes()) == Hex({0x48, 0x69, 0x0A}));
    CHECK(Hex(EscPosEncoder{}.Line().Bytes()) == Hex({0x0A}));
    CHECK(Hex(EscPosEncoder{}.SelectCodePage(CodePage::kCp1252).Line("£").Bytes()) ==
          Hex({0x1B, 0x74, 0x10, 0xA3, 0x0A}));
}

TEST_CASE("bold on and off are ESC E 1 and ESC E 0") {
    CHECK(Hex(EscPosEncoder{}.Bold(true).Bytes()) == Hex({0x1B, 0x45, 0x01}));
    CHECK(Hex(EscPosEncoder{}.Bold(false).Bytes()) == Hex({0x1B, 0x45, 0x00}));
}

TEST_CASE("double size on and off are GS ! 0x11 and GS ! 0") {
    CHECK(Hex(EscPosEncoder{}.DoubleSize(true).Bytes()) == Hex({0x1D, 0x21, 0x11}));
    CHECK(Hex(EscPosEncoder{}.DoubleSize(false).Bytes()) == Hex({0x1D, 0x21, 0x00}));
}

TEST_CASE("left, centre and right alignment are ESC a 0, 1 and 2") {
    CHECK(Hex(EscPosEncoder{}.Align(Alignment::kLeft).Bytes()) == Hex({0x1B, 0x61, 0x00}));
    CHECK(Hex(EscPosEncoder{}.Align(Alignment::kCentre).Bytes()) == Hex({0x1B, 0x61, 0x01}));
    CHECK(Hex(EscPosEncoder{}.Align(Alignment::kRight).Bytes()) == Hex({0x1B, 0x61, 0x02}));
}

TEST_CASE("feeding n lines is ESC d n") {
    CHECK(FeedHex(3) == Hex({0x1B, 0x64, 0x03}));
    CHECK(FeedHex(0) == Hex({0x1B, 0x64, 0x00}));
    CHECK(FeedHex(255) == Hex({0x1B, 0x64, 0xFF}));
}

TEST_CASE("a feed is clamped to 0 to 255 lines") {
    CHECK(FeedHex(-1) == Hex({0x1B, 0x64, 0x00}));
    CHECK(FeedHex(INT_MIN) == Hex({0x1B, 0x64, 0x00}));
    CHECK(FeedHex(256) == Hex({0x1B, 0x64, 0xFF}));
    CHECK(FeedHex(INT_MAX) == Hex({0x1B, 0x64, 0xFF}));
}

TEST_CASE("a full cut is GS V 65 0 and a partial cut GS V 66 0, both feeding to the cutter") {
    CHECK(Hex(EscPosEncoder{}.Cut(CutMode::kFull).Bytes()) == Hex({0x1D, 0x56, 0x41, 0x00}));
    CHECK(Hex(EscPosEncoder{}.Cut(CutMode::kPartial).Bytes()) == Hex({0x1D, 0x56, 0x42, 0x00}));
}

TEST_CASE("a drawer kick is ESC p with m 0 for pin 2 and 1 for pin 5, times in 2 ms units") {
    CHECK(KickHex(DrawerPin::kPin2, 50ms, 500ms) == Hex({0x1B, 0x70, 0x00, 0x19, 0xFA}));
    CHECK(KickHex(DrawerPin::kPin5, 50ms, 500ms) == Hex({0x1B, 0x70, 0x01, 0x19, 0xFA}));
    // python-escpos's cashdraw(2): 100 ms on, 100 ms off.
    CHECK(KickHex(DrawerPin::kPin2, 100ms, 100ms) == Hex({0x1B, 0x70, 0x00, 0x32, 0x32}));
}

TEST_CASE("drawer pulse times are rounded up to the next 2 ms") {
    CHECK(KickHex(DrawerPin::kPin2, 0ms, 0ms) == Hex({0x1B, 0x70, 0x00, 0x00, 0x00}));
    CHECK(KickHex(DrawerPin::kPin2, 1ms, 2ms) == Hex({0x1B, 0x70, 0x00, 0x01, 0x01}));
    CHECK(KickHex(DrawerPin::kPin2, 3ms, 4ms) == Hex({0x1B, 0x70, 0x00, 0x02, 0x02}));
    CHECK(KickHex(DrawerPin::kPin2, 51ms, 499ms) == Hex({0x1B, 0x70, 0x00, 0x1A, 0xFA}));
}

TEST_CASE("drawer pulse times are clamped to 0 to 510 ms") {
    CHECK(EscPosEncoder::kMaxDrawerPulse == 510ms);
    CHECK(KickHex(DrawerPin::kPin2, 509ms, 510ms) == Hex({0x1B, 0x70, 0x00, 0xFF, 0xFF}));
    CHECK(KickHex(DrawerPin::kPin2, 511ms, 1s) == Hex({0x1B, 0x70, 0x00, 0xFF, 0xFF}));
    CHECK(KickHex(DrawerPin::kPin5, -1ms, -500ms) == Hex({0x1B, 0x70, 0x01, 0x00, 0x00}));
    CHECK(KickHex(DrawerPin::kPin2, std::chrono::milliseconds::max(),
                  std::chrono::milliseconds::min()) == Hex({0x1B, 0x70, 0x00, 0xFF, 0x00}));
}

TEST_CASE("a real-time drawer pulse is DLE DC4 1 m t with t in 100 ms units from 1 to 8") {
    const auto hex = [](DrawerPin pin, std::chrono::milliseconds on) {
        return Hex(EscPosEncoder{}.KickDrawerRealTime(pin, on).Bytes());
    };
    CHECK(hex(DrawerPin::kPin2, 50ms) == Hex({0x10, 0x14, 0x01, 0x00, 0x01}));
    CHECK(hex(DrawerPin::kPin5, 50ms) == Hex({0x10, 0x14, 0x01, 0x01, 0x01}));
    // Rounded up to the next 100 ms.
    CHECK(hex(DrawerPin::kPin2, 100ms) == Hex({0x10, 0x14, 0x01, 0x00, 0x01}));
    CHECK(hex(DrawerPin::kPin2, 101ms) == Hex({0x10, 0x14, 0x01, 0x00, 0x02}));
    CHECK(hex(DrawerPin::kPin2, 510ms) == Hex({0x10, 0x14, 0x01, 0x00, 0x06}));
    CHECK(hex(DrawerPin::kPin2, 800ms) == Hex({0x10, 0x14, 0x01, 0x00, 0x08}));
    // Clamped to 1..8: the printer ignores t = 0 or t > 8.
    CHECK(hex(DrawerPin::kPin2, 0ms) == Hex({0x10, 0x14, 0x01, 0x00, 0x01}));
    CHECK(hex(DrawerPin::kPin5, -500ms) == Hex({0x10, 0x14, 0x01, 0x01, 0x01}));
    CHECK(hex(DrawerPin::kPin2, 801ms) == Hex({0x10, 0x14, 0x01, 0x00, 0x08}));
    CHECK(hex(DrawerPin::kPin2, std::chrono::milliseconds::max()) ==
          Hex({0x10, 0x14, 0x01, 0x00, 0x08}));
    CHECK(hex(DrawerPin::kPin2, std::chrono::milliseconds::min()) ==
          Hex({0x10, 0x14, 0x01, 0x00, 0x01}));
    CHECK(EscPosEncoder::RealTimePulseLength(50ms) == 100ms);
    CHECK(EscPosEncoder::RealTimePulseLength(150ms) == 200ms);
    CHECK(EscPosEncoder::RealTimePulseLength(2s) == 800ms);
}

TEST_CASE("a receipt matches the start of the hardware sample receipt byte for byte") {
    // The text, style, drawer and feed commands of hardware-samples/sample_receipt.bin (which
    // ends with GS V 65 3 where this encoder sends GS V 65 0).
    EscPosEncoder encoder;
    encoder.Initialise()
        .SelectCodePage(CodePage::kCp858)
        .Align(Alignment::kCentre)
        .Bold(true)
        .DoubleSize(true)
        .Line("SHOP")
        .DoubleSize(false)
        .Bold(false)
        .Align(Alignment::kLeft)
        .Line("Café au lait   € 3.50")
        .KickDrawer(DrawerPin::kPin2, 50ms, 500ms)
        .Feed(3)
        .Cut(CutMode::kFull);
    CHECK(Hex(encoder.Bytes()) ==
          Hex({0x1B, 0x40,                                            // ESC @
               0x1B, 0x74, 0x13,                                      // ESC t 19 (PC858)
               0x1B, 0x61, 0x01,                                      // ESC a 1
               0x1B, 0x45, 0x01,                                      // ESC E 1
               0x1D, 0x21, 0x11,                                      // GS ! 0x11
               0x53, 0x48, 0x4F, 0x50, 0x0A,                          // "SHOP" LF
               0x1D, 0x21, 0x00,                                      // GS ! 0
               0x1B, 0x45, 0x00,                                      // ESC E 0
               0x1B, 0x61, 0x00,                                      // ESC a 0
               0x43, 0x61, 0x66, 0x82, 0x20, 0x61, 0x75, 0x20, 0x6C,  // "Café au l"
               0x61, 0x69, 0x74, 0x20, 0x20, 0x20, 0xD5, 0x20, 0x33,  // "ait   € 3"
               0x2E, 0x35, 0x30, 0x0A,                                // ".50" LF
               0x1B, 0x70, 0x00, 0x19, 0xFA,                          // ESC p 0 25 250
               0x1B, 0x64, 0x03,                                      // ESC d 3
               0x1D, 0x56, 0x41, 0x00}));                             // GS V 65 0
}

TEST_CASE("a copied encoder carries on independently of the original") {
    EscPosEncoder original;
    original.SelectCodePage(CodePage::kCp1252).Text("a");
    EscPosEncoder copy = original;
    copy.Text("€");
    original.Text("b");
    CHECK(Hex(original.Bytes()) == Hex({0x1B, 0x74, 0x10, 0x61, 0x62}));
    CHECK(Hex(copy.Bytes()) == Hex({0x1B, 0x74, 0x10, 0x61, 0x80}));
}

TEST_CASE("taking the bytes from an rvalue encoder moves them out") {
    EscPosEncoder encoder;
    encoder.Initialise().Line("x");
    const std::string bytes = std::move(encoder).Bytes();
    CHECK(Hex(bytes) == Hex({0x1B, 0x40, 0x78, 0x0A}));
}

// ---- barcodes, QR codes and pictures ----

namespace {

// GS h 80, GS w 2, GS H 2.
const std::string kBarcodeSetUp =
    ByteString({0x1D, 0x68, 0x50, 0x1D, 0x77, 0x02, 0x1D, 0x48, 0x02});

// An encoder that refused a command: no bytes, and an error that names `word`.
void CheckRefused(const EscPosEncoder& encoder, std::string_view word) {
    CHECK(encoder.Bytes().empty());
    REQUIRE(encoder.FirstError().has_value());
    CHECK(encoder.FirstError()->code == tillbook::ErrorCode::kInvalidInput);
    CHECK(encoder.FirstError()->message.find(word) != std::string::npos);
}

}  // namespace

TEST_CASE("a Code 128 barcode is set up, then sent as GS k 73 in code set B") {
    const EscPosEncoder encoder = EscPosEncoder{}.BarcodeCode128("12345");
    CHECK(Hex(encoder.Bytes()) == Hex(kBarcodeSetUp + ByteString({0x1D, 0x6B, 0x49, 0x07, '{', 'B',
                                                                  '1', '2', '3', '4', '5'})));
    CHECK_FALSE(encoder.FirstError().has_value());
}

TEST_CASE("a brace in Code 128 data is doubled, as a lone brace would switch code sets") {
    const EscPosEncoder encoder = EscPosEncoder{}.BarcodeCode128("a{b");
    CHECK(Hex(encoder.Bytes()) ==
          Hex(kBarcodeSetUp + ByteString({0x1D, 0x6B, 0x49, 0x06, '{', 'B', 'a', '{', '{', 'b'})));
}

TEST_CASE("Code 128 data of 253 bytes fits and 254 bytes is refused") {
    const EscPosEncoder longest = EscPosEncoder{}.BarcodeCode128(std::string(253, 'X'));
    CHECK(longest.Bytes().size() == kBarcodeSetUp.size() + 4 + 2 + 253);
    CHECK(static_cast<std::uint8_t>(longest.Bytes()[kBarcodeSetUp.size() + 3]) == 255);
    CheckRefused(EscPosEncoder{}.BarcodeCode128(std::string(254, 'X')), "too long");
    CheckRefused(EscPosEncoder{}.BarcodeCode128(std::string(127, '{')), "too long");
}

TEST_CASE("Code 128 data with control or non-ASCII bytes, or none at all, is refused") {
    CheckRefused(EscPosEncoder{}.BarcodeCode128("AB\x1B@"), "0x1B");
    CheckRefused(EscPosEncoder{}.BarcodeCode128("caf\xC3\xA9"), "0xC3");
    CheckRefused(EscPosEncoder{}.BarcodeCode128(""), "no text");
}

TEST_CASE("an EAN-13 barcode is sent as GS k 67 with all 13 digits") {
    const EscPosEncoder encoder = EscPosEncoder{}.BarcodeEan13("5012345678900");
    CHECK(Hex(encoder.Bytes()) ==
          Hex(kBarcodeSetUp + ByteString({0x1D, 0x6B, 0x43, 0x0D}) + "5012345678900"));
}

TEST_CASE("an EAN-13 barcode given 12 digits gets its check digit computed") {
    CHECK(EscPosEncoder{}.BarcodeEan13("501234567890").Bytes() ==
          EscPosEncoder{}.BarcodeEan13("5012345678900").Bytes());
}

TEST_CASE("an EAN-13 with a wrong check digit, wrong length or letters is refused") {
    CheckRefused(EscPosEncoder{}.BarcodeEan13("5012345678901"), "check digit");
    CheckRefused(EscPosEncoder{}.BarcodeEan13("12345678"), "EAN-13");
    CheckRefused(EscPosEncoder{}.BarcodeEan13("50123456789O"), "EAN-13");
    CheckRefused(EscPosEncoder{}.BarcodeEan13(""), "EAN-13");
}

TEST_CASE("a QR code is model 2, its module size, error correction M, stored then printed") {
    const EscPosEncoder encoder = EscPosEncoder{}.QrCode("https://example.com", 6);
    const std::string expected =
        ByteString({0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00,  //
                    0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06,        //
                    0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31,        //
                    0x1D, 0x28, 0x6B, 0x16, 0x00, 0x31, 0x50, 0x30}) +
        "https://example.com" + ByteString({0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30});
    CHECK(Hex(encoder.Bytes()) == Hex(expected));
}

TEST_CASE("QR data above 255 bytes puts its length in both bytes of the store command") {
    const EscPosEncoder encoder = EscPosEncoder{}.QrCode(std::string(300, 'q'));
    const std::string& bytes = encoder.Bytes();
    // 303 = 0x012F, after the model (9), size (8) and error correction (8) commands.
    CHECK(Hex(bytes.substr(25, 8)) == Hex({0x1D, 0x28, 0x6B, 0x2F, 0x01, 0x31, 0x50, 0x30}));
    CHECK(bytes.size() == 25 + 8 + 300 + 8);
}

TEST_CASE("QR data that is empty, too long or holds DLE, or a bad module size, is refused") {
    CheckRefused(EscPosEncoder{}.QrCode(""), "no text");
    CHECK(EscPosEncoder{}.QrCode(std::string(2331, 'q')).Bytes().size() > 2331);
    CheckRefused(EscPosEncoder{}.QrCode(std::string(2332, 'q')), "more than a QR code holds");
    CheckRefused(EscPosEncoder{}.QrCode(std::string{"a\x10\x04\x01"}), "0x10");
    CheckRefused(EscPosEncoder{}.QrCode("order", 0), "module size");
    CheckRefused(EscPosEncoder{}.QrCode("order", 17), "module size");
}

TEST_CASE("a picture is GS v 0 with its bytes per row and rows, then its dots") {
    const RasterImage image{.width = 12, .height = 2, .rows = {0xAA, 0x50, 0x55, 0xA0}};
    CHECK(Hex(EscPosEncoder{}.Raster(image).Bytes()) ==
          Hex({0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0xAA, 0x50, 0x55, 0xA0}));
}

TEST_CASE("a picture taller than 960 rows is sent in bands of at most 960 rows") {
    RasterImage image{.width = 8, .height = 2000, .rows = {}};
    for (int row = 0; row < 2000; ++row)
        image.rows.push_back(static_cast<std::uint8_t>(row % 251));
    const std::string bytes = EscPosEncoder{}.Raster(image).Bytes();
    REQUIRE(bytes.size() == 3 * 8 + 2000);
    CHECK(Hex(bytes.substr(0, 8)) == Hex({0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0xC0, 0x03}));
    CHECK(Hex(bytes.substr(8 + 960, 8)) == Hex({0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0xC0, 0x03}));
    CHECK(Hex(bytes.substr(2 * (8 + 960), 8)) ==
          Hex({0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0x50, 0x00}));
    CHECK(static_cast<std::uint8_t>(bytes[2 * (8 + 960) + 8]) == 1920 % 251);
}

TEST_CASE("a picture whose bytes do not match its size is refused") {
    CheckRefused(EscPosEncoder{}.Raster(RasterImage{.width = 9, .height = 1, .rows = {0xFF}}),
                 "picture");
    CheckRefused(EscPosEncoder{}.Raster(RasterImage{}), "picture");
}

TEST_CASE("a refused command leaves the rest of the receipt and reports the first refusal") {
    EscPosEncoder encoder;
    encoder.Line("A").BarcodeEan13("123").QrCode("").Line("B");
    CHECK(encoder.Bytes() == "A\nB\n");
    REQUIRE(encoder.FirstError().has_value());
    CHECK(encoder.FirstError()->message.find("EAN-13") != std::string::npos);
    const auto taken = std::move(encoder).TakeBytes();
    REQUIRE_FALSE(taken.has_value());
    CHECK(taken.error().message.find("EAN-13") != std::string::npos);
}

TEST_CASE("taking the bytes of an encoder that refused nothing gives them all") {
    const auto taken = std::move(EscPosEncoder{}.Line("A").QrCode("x")).TakeBytes();
    REQUIRE(taken.has_value());
    CHECK(taken->starts_with("A\n\x1D("));
}
