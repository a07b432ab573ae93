#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <expected>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "byte_text.hpp"
#include "escpos_decoder.hpp"
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
using tillbook::testing::ByteString;
using tillbook::testing::DecodeEscPos;
using namespace std::chrono_literals;

using Names = std::vector<std::string>;

// A receipt made outside this project, not by our encoder (docs/hardware.md §6).
std::string ReadSample() {
    std::ifstream file{TILLBOOK_TEST_DATA_DIR "/escpos/sample_receipt.bin", std::ios::binary};
    REQUIRE(file.good());
    return std::string{std::istreambuf_iterator<char>{file}, std::istreambuf_iterator<char>{}};
}

// Why decoding failed, for a failed REQUIRE (doctest also builds the message when it passes).
std::string Why(const std::expected<tillbook::testing::DecodedStream,
                                    tillbook::testing::DecodeFailure>& decoded) {
    if (decoded) return "decoded";
    return decoded.error().reason + " at " + std::to_string(decoded.error().offset);
}

// The offset where decoding `bytes` fails, or -1 when it succeeds.
long FailureOffset(const std::string& bytes) {
    const auto decoded = DecodeEscPos(bytes);
    return decoded ? -1 : static_cast<long>(decoded.error().offset);
}

}  // namespace

TEST_CASE("the decoder reads the independent hardware sample receipt") {
    const std::string sample = ReadSample();
    REQUIRE(sample.size() == 0xA3);
    const auto decoded = DecodeEscPos(sample);
    REQUIRE_MESSAGE(decoded.has_value(), Why(decoded));
    CHECK(decoded->Texts() == Names{"SHOP", "Café au lait   € 3.50"});
    CHECK(decoded->lines[0].bold);
    CHECK(decoded->lines[0].double_size);
    CHECK(decoded->lines[0].alignment == 1);
    CHECK_FALSE(decoded->lines[1].bold);
    CHECK(decoded->lines[1].alignment == 0);
    CHECK(decoded->CommandNames() == Names{"ESC @", "ESC t", "ESC a", "ESC E", "GS !", "LF",
                                           "GS !",  "ESC E", "ESC a", "LF",    "GS v", "GS h",
                                           "GS H",  "GS k",  "GS (",  "GS (",  "GS (", "GS (",
                                           "GS (",  "ESC p", "ESC d", "GS V"});
    REQUIRE(decoded->rasters.size() == 1);
    CHECK(decoded->rasters[0].bytes_per_row == 2);
    CHECK(decoded->rasters[0].rows == 8);
    REQUIRE(decoded->barcodes.size() == 1);
    CHECK(decoded->barcodes[0].type == 73);
    CHECK(decoded->barcodes[0].data == "12345");
    REQUIRE(decoded->qr_codes.size() == 1);
    CHECK(decoded->qr_codes[0].data == "https://example.com");
    CHECK(decoded->qr_codes[0].model == 2);
    CHECK(decoded->qr_codes[0].module_size == 6);
    CHECK(decoded->qr_codes[0].error_correction == 'M');
    CHECK(decoded->unprinted_text.empty());
}

TEST_CASE("the decoder reads back everything the encoder writes") {
    EscPosEncoder encoder;
    encoder.Initialise()
        .SelectCodePage(CodePage::kCp1252)
        .Align(Alignment::kRight)
        .Bold(true)
        .Line("Total £12.50 – €14")
        .Bold(false)
        .Align(Alignment::kLeft)
        .SelectCodePage(CodePage::kCp858)
        .Line("Crème brûlée € 4.20")
        .Line()
        .Raster(RasterImage{.width = 3, .height = 2, .rows = {0xE0, 0xA0}})
        .BarcodeCode128("S01-{42}")
        .BarcodeEan13("501234567890")
        .QrCode("S01-000042", 4)
        .KickDrawer(DrawerPin::kPin5, 100ms, 200ms)
        .Feed(3)
        .Cut(CutMode::kPartial);
    REQUIRE_FALSE(encoder.FirstError().has_value());
    const auto decoded = DecodeEscPos(encoder.Bytes());
    REQUIRE_MESSAGE(decoded.has_value(), Why(decoded));
    CHECK(decoded->Texts() == Names{"Total £12.50 – €14", "Crème brûlée € 4.20", ""});
    CHECK(decoded->lines[0].bold);
    CHECK(decoded->lines[0].alignment == 2);
    REQUIRE(decoded->barcodes.size() == 2);
    CHECK(decoded->barcodes[0].data == "S01-{42}");
    CHECK(decoded->barcodes[1].type == 67);
    CHECK(decoded->barcodes[1].data == "5012345678900");
    REQUIRE(decoded->qr_codes.size() == 1);
    CHECK(decoded->qr_codes[0].data == "S01-000042");
    CHECK(decoded->qr_codes[0].module_size == 4);
    REQUIRE(decoded->rasters.size() == 1);
    CHECK(decoded->rasters[0].data == ByteString({0xE0, 0xA0}));
    CHECK(decoded->commands.back().name == "GS V");
}

TEST_CASE("text not ended by a line feed is reported as unprinted") {
    const auto decoded = DecodeEscPos("A\nhalf");
    REQUIRE(decoded.has_value());
    CHECK(decoded->Texts() == Names{"A"});
    CHECK(decoded->unprinted_text == "half");
}

TEST_CASE("the decoder fails at an unknown command") {
    CHECK(FailureOffset(ByteString({'A', 0x1B, 0x7A})) == 2);
    CHECK(FailureOffset(ByteString({0x1D, 0x7A})) == 1);
    CHECK(FailureOffset(ByteString({'A', 0x0D, 'B'})) == 1);
    CHECK(FailureOffset(ByteString({0x1B, 0x74, 0x05})) == 2);
}

TEST_CASE("the decoder fails at the end of a command that is cut short") {
    CHECK(FailureOffset(ByteString({0x1B, 0x40, 0x1B})) == 3);
    CHECK(FailureOffset(ByteString({0x1B, 0x70, 0x00, 0x19})) == 4);
    CHECK(FailureOffset(ByteString({0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0x02, 0x00, 0xFF})) == 9);
}

TEST_CASE("the decoder fails on barcode data of the wrong length or unterminated") {
    // GS k 73 n says 5 bytes but only 4 follow.
    CHECK(FailureOffset(ByteString({0x1D, 0x6B, 0x49, 0x05, '{', 'B', '1', '2'})) == 8);
    // Function A data with no NUL.
    CHECK(FailureOffset(ByteString({0x1D, 0x6B, 0x02, '1', '2'})) == 5);
    // Code 128 without its code set, and with a lone brace.
    CHECK(FailureOffset(ByteString({0x1D, 0x6B, 0x49, 0x03, '1', '2', '3'})) == 4);
    CHECK(FailureOffset(ByteString({0x1D, 0x6B, 0x49, 0x04, '{', 'B', '{', 'x'})) == 6);
    // EAN-13 with 11 digits.
    CHECK(FailureOffset(ByteString({0x1D, 0x6B, 0x43, 0x0B, '1', '2', '3', '4', '5', '6', '7', '8',
                                    '9', '0', '1'})) == 4);
}

TEST_CASE("the decoder fails on QR commands whose lengths disagree") {
    // Model command with pL = 3 instead of 4.
    CHECK(FailureOffset(ByteString({0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x41, 0x32})) == 3);
    // Store command claiming more bytes than the stream holds.
    CHECK(FailureOffset(ByteString({0x1D, 0x28, 0x6B, 0x09, 0x00, 0x31, 0x50, 0x30, 'a'})) == 9);
    // Print with nothing stored.
    CHECK(FailureOffset(ByteString({0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30})) == 0);
}

TEST_CASE("the decoder finds the first malformed byte inside a longer receipt") {
    std::string bytes = EscPosEncoder{}.Initialise().Line("Fine").QrCode("abc").Bytes();
    const std::size_t good = bytes.size();
    bytes += ByteString({0x1D, 0x76, 0x30, 0x00, 0x00, 0x00, 0x01, 0x00});
    CHECK(FailureOffset(bytes) == static_cast<long>(good + 4));
}

TEST_CASE("every prefix of an encoded receipt decodes or fails exactly where it was cut") {
    const std::string bytes =
        EscPosEncoder{}
            .Initialise()
            .SelectCodePage(CodePage::kCp858)
            .Line("Café € 3.50")
            .Raster(RasterImage{.width = 16, .height = 2, .rows = {1, 2, 3, 4}})
            .BarcodeCode128("{A}")
            .BarcodeEan13("5012345678900")
            .QrCode("S01-000042")
            .KickDrawer(DrawerPin::kPin2, 50ms, 500ms)
            .Cut(CutMode::kFull)
            .Bytes();
    REQUIRE(DecodeEscPos(bytes).has_value());
    for (std::size_t size = 0; size < bytes.size(); ++size) {
        CAPTURE(size);
        const auto decoded = DecodeEscPos(std::string_view{bytes}.substr(0, size));
        if (!decoded) CHECK(decoded.error().offset == size);
    }
}

TEST_CASE("a tall picture decodes as bands that add up to all its rows") {
    RasterImage image{.width = 16, .height = 1000, .rows = {}};
    image.rows.assign(2000, 0x5A);
    const auto decoded = DecodeEscPos(EscPosEncoder{}.Raster(image).Bytes());
    REQUIRE(decoded.has_value());
    REQUIRE(decoded->rasters.size() == 2);
    CHECK(decoded->rasters[0].rows == 960);
    CHECK(decoded->rasters[1].rows == 40);
    CHECK(decoded->rasters[0].data.size() + decoded->rasters[1].data.size() == 2000);
}

TEST_CASE("a byte changed in the sample receipt's QR store length is caught") {
    std::string sample = ReadSample();
    REQUIRE(sample.size() == 0xA3);
    // Store length 0x16 -> 0x17: the store swallows the print command's GS, so "(k" reads as
    // text and the 0x03 after it is a stray control byte.
    sample[0x77] = 0x17;
    CHECK(FailureOffset(sample) == 0x92);
}
