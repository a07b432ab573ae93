#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "temp_dir.hpp"
#include "tillbook/drivers/raster_image.hpp"

namespace {

using tillbook::drivers::DecodePng;
using tillbook::drivers::LoadPng;
using tillbook::drivers::RasterImage;
using Bytes = std::vector<std::uint8_t>;

// ---- a small PNG writer (uncompressed deflate), so the tests make their own pictures ----

std::uint32_t Crc32(const Bytes& bytes, std::size_t from) {
    std::uint32_t crc = 0xFFFFFFFFU;
    for (std::size_t i = from; i < bytes.size(); ++i) {
        crc ^= bytes[i];
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1U) != 0 ? (crc >> 1) ^ 0xEDB88320U : crc >> 1;
    }
    return crc ^ 0xFFFFFFFFU;
}

void PutBigEndian(Bytes& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(value >> static_cast<unsigned>(shift)));
}

void PutChunk(Bytes& png, const char* type, const Bytes& data) {
    PutBigEndian(png, static_cast<std::uint32_t>(data.size()));
    const std::size_t type_at = png.size();
    for (int i = 0; i < 4; ++i)
        png.push_back(static_cast<std::uint8_t>(type[i]));
    png.insert(png.end(), data.begin(), data.end());
    PutBigEndian(png, Crc32(png, type_at));
}

// A PNG of 8-bit samples: `rows` holds each row's samples (channels per pixel by colour type).
Bytes MakePng(int width, int height, std::uint8_t colour_type, const std::vector<Bytes>& rows,
              const Bytes& palette = {}, const Bytes& transparency = {}) {
    Bytes png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    Bytes header;
    PutBigEndian(header, static_cast<std::uint32_t>(width));
    PutBigEndian(header, static_cast<std::uint32_t>(height));
    header.insert(header.end(), {8, colour_type, 0, 0, 0});
    PutChunk(png, "IHDR", header);
    if (!palette.empty()) PutChunk(png, "PLTE", palette);
    if (!transparency.empty()) PutChunk(png, "tRNS", transparency);
    Bytes raw;
    for (const Bytes& row : rows) {
        raw.push_back(0);  // filter: none
        raw.insert(raw.end(), row.begin(), row.end());
    }
    Bytes zlib{0x78, 0x01, 0x01};  // one final stored block
    const auto length = static_cast<std::uint16_t>(raw.size());
    zlib.insert(zlib.end(),
                {static_cast<std::uint8_t>(length & 0xFF), static_cast<std::uint8_t>(length >> 8),
                 static_cast<std::uint8_t>(~length & 0xFF),
                 static_cast<std::uint8_t>((~length >> 8) & 0xFF)});
    zlib.insert(zlib.end(), raw.begin(), raw.end());
    std::uint32_t a = 1;
    std::uint32_t b = 0;
    for (const std::uint8_t byte : raw) {
        a = (a + byte) % 65521U;
        b = (b + a) % 65521U;
    }
    PutBigEndian(zlib, (b << 16) | a);
    PutChunk(png, "IDAT", zlib);
    PutChunk(png, "IEND", {});
    return png;
}

RasterImage Decoded(const Bytes& png, int max_width = 576) {
    const auto image = DecodePng(png, max_width);
    REQUIRE_MESSAGE(image.has_value(), (image ? std::string{"decoded"} : image.error().message));
    return *image;
}

}  // namespace

TEST_CASE("a grey PNG prints black where it is darker than the threshold") {
    const RasterImage image = Decoded(MakePng(4, 1, 0, {{0, 127, 128, 255}}));
    CHECK(image.width == 4);
    CHECK(image.height == 1);
    CHECK(image.rows == Bytes{0xC0});
}

TEST_CASE("rows are packed most significant bit first and padded with white") {
    Bytes row(10, 0);
    row[9] = 255;
    const RasterImage image = Decoded(MakePng(10, 2, 0, {row, Bytes(10, 255)}));
    CHECK(image.BytesPerRow() == 2);
    CHECK(image.rows == Bytes{0xFF, 0x80, 0x00, 0x00});
    CHECK(image.IsBlack(0, 0));
    CHECK(image.IsBlack(8, 0));
    CHECK_FALSE(image.IsBlack(9, 0));
    CHECK_FALSE(image.IsBlack(10, 0));
    CHECK_FALSE(image.IsBlack(0, 1));
}

TEST_CASE("an RGB PNG uses luminance, so pure blue is dark and pure yellow light") {
    const RasterImage image = Decoded(MakePng(3, 1, 2, {{0, 0, 255, 255, 255, 0, 255, 0, 0}}));
    // blue 29, yellow 225, red 76.
    CHECK(image.rows == Bytes{0xA0});
}

TEST_CASE("a palette PNG is read through its palette and its transparency") {
    const Bytes palette{0, 0, 0, 255, 255, 255, 0, 0, 0};
    const Bytes transparency{255, 255, 0};  // entry 2: black but fully transparent
    const RasterImage image = Decoded(MakePng(3, 1, 3, {{0, 1, 2}}, palette, transparency));
    CHECK(image.rows == Bytes{0x80});
}

TEST_CASE("transparent and half-transparent dots are laid over white paper") {
    // grey+alpha: opaque black, transparent black, black at 40 % (over white: light).
    const RasterImage grey_alpha = Decoded(MakePng(3, 1, 4, {{0, 255, 0, 0, 0, 100}}));
    CHECK(grey_alpha.rows == Bytes{0x80});
    const RasterImage rgba = Decoded(MakePng(2, 1, 6, {{0, 0, 0, 200, 0, 0, 0, 10}}));
    CHECK(rgba.rows == Bytes{0x80});
}

TEST_CASE("a picture wider than the printer is refused with both widths") {
    const Bytes png = MakePng(600, 1, 0, {Bytes(600, 0)});
    const auto image = DecodePng(png, 576, "shop-logo.png");
    REQUIRE_FALSE(image.has_value());
    CHECK(image.error().message == "shop-logo.png: 600 dots wide, the printer prints at most 576");
    CHECK(DecodePng(png, 600).has_value());
}

TEST_CASE("bytes that are not a PNG, or a damaged PNG, are refused") {
    CHECK_FALSE(DecodePng(Bytes{}, 576).has_value());
    const Bytes text{'h', 'e', 'l', 'l', 'o'};
    const auto not_png = DecodePng(text, 576, "logo.txt");
    REQUIRE_FALSE(not_png.has_value());
    CHECK(not_png.error().message.starts_with("logo.txt: not a readable PNG picture"));
    Bytes damaged = MakePng(4, 4, 0, {Bytes(4, 0), Bytes(4, 0), Bytes(4, 0), Bytes(4, 0)});
    damaged.resize(damaged.size() - 30);  // cut inside the picture data
    CHECK_FALSE(DecodePng(damaged, 576).has_value());
}

TEST_CASE("a PNG file is loaded and a missing file is named in the error") {
    const tillbook::testing::TempDir dir{"raster"};
    const std::string path = dir.File("logo.png");
    const Bytes png = MakePng(2, 1, 0, {{0, 255}});
    {
        std::ofstream file{path, std::ios::binary};
        for (const std::uint8_t byte : png)
            file.put(static_cast<char>(byte));
    }
    const auto image = LoadPng(path, 384);
    REQUIRE(image.has_value());
    CHECK(image->rows == Bytes{0x80});
    const auto missing = LoadPng(dir.File("none.png"), 384);
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == tillbook::ErrorCode::kNotFound);
    CHECK(missing.error().message.find("none.png") != std::string::npos);
}
