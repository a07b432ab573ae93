#pragma once
// Reads back a PNG the till wrote (libpng's simplified API): its size and how many colours it has,
// so a test can tell a drawn screen from an empty one.
#include <png.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <set>
#include <vector>

namespace tillbook::testing {

struct PngSummary {
    bool read = false;
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::size_t colours = 0;  // distinct RGB values, counted up to 1000
};

inline PngSummary ReadPng(const std::filesystem::path& file) {
    PngSummary summary;
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, file.c_str())) return summary;
    image.format = PNG_FORMAT_RGB;
    std::vector<unsigned char> pixels(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr)) {
        png_image_free(&image);
        return summary;
    }
    summary.read = true;
    summary.width = image.width;
    summary.height = image.height;
    std::set<std::uint32_t> colours;
    for (std::size_t i = 0; i + 2 < pixels.size() && colours.size() < 1000; i += 3)
        colours.insert(std::uint32_t{pixels[i]} << 16 | std::uint32_t{pixels[i + 1]} << 8 |
                       pixels[i + 2]);
    summary.colours = colours.size();
    return summary;
}

}  // namespace tillbook::testing
