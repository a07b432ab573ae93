#pragma once
// A 1-bit picture for the receipt printer (a shop's logo), as GS v 0 sends it: rows of packed
// bytes, the most significant bit the leftmost dot, 1 = black. Loaded from PNG through libpng.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tillbook/core/error.hpp"

namespace tillbook::drivers {

struct RasterImage {
    int width = 0;   // dots across
    int height = 0;  // dots down
    // height rows of BytesPerRow() bytes each, top row first; the unused low bits of a row's last
    // byte are 0 (white).
    std::vector<std::uint8_t> rows;

    [[nodiscard]] int BytesPerRow() const { return (width + 7) / 8; }
    // True when width and height are positive and rows holds exactly height * BytesPerRow() bytes.
    [[nodiscard]] bool IsWellFormed() const;
    // The dot at (x, y); false (white) outside the picture.
    [[nodiscard]] bool IsBlack(int x, int y) const;

    friend bool operator==(const RasterImage&, const RasterImage&) = default;
};

// A dot is black when its luminance, 0.299 R + 0.587 G + 0.114 B on 0..255 (integer arithmetic,
// weights 299/587/114 per mille), composited over white paper by its alpha, is below this:
// dark greys print, light greys and transparent parts stay white.
inline constexpr int kBlackBelowLuminance = 128;

// Converts PNG bytes (any colour type libpng reads: grey, grey+alpha, RGB, RGBA, palette, with
// or without tRNS; 1 to 16 bits per channel; interlaced or not) to black and white with the
// threshold above. A picture wider than `max_width_dots` (the profile's printable dots, e.g. 576
// for 80 mm, 384 for 58 mm) is refused rather than scaled: a logo scaled by a till prints badly,
// so the shop should supply one that fits. kInvalidInput for bytes that are not a PNG, a damaged
// PNG, or a picture that is too wide or has no dots; `source` (a file name, or "logo") starts
// every message: "logo.png: 640 dots wide, the printer prints at most 576".
[[nodiscard]] Result<RasterImage> DecodePng(std::span<const std::uint8_t> png, int max_width_dots,
                                            const std::string& source = "logo");

// Reads the PNG file at `path` and decodes it as DecodePng does; kNotFound when the file cannot be
// read. Every message names the file.
[[nodiscard]] Result<RasterImage> LoadPng(const std::string& path, int max_width_dots);

}  // namespace tillbook::drivers
