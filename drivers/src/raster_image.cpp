#include "tillbook/drivers/raster_image.hpp"

#include <fmt/format.h>
#include <png.h>

#include <cstddef>
#include <fstream>
#include <iterator>

namespace tillbook::drivers {
namespace {

// Owns a png_image's libpng state: png_image_free is a no-op once png_image_finish_read has
// released it, so the destructor is always safe.
class PngReader {
  public:
    PngReader() { m_image.version = PNG_IMAGE_VERSION; }
    PngReader(const PngReader&) = delete;
    PngReader& operator=(const PngReader&) = delete;
    ~PngReader() { png_image_free(&m_image); }

    png_image& Image() { return m_image; }

  private:
    png_image m_image{};
};

constexpr int kWhite = 255;

// 0..255 luminance of an 8-bit sRGB RGBA pixel laid over white paper.
int LuminanceOverWhite(const std::uint8_t* rgba) {
    const int luminance = (299 * rgba[0] + 587 * rgba[1] + 114 * rgba[2]) / 1000;
    const int alpha = rgba[3];
    return (luminance * alpha + kWhite * (kWhite - alpha)) / kWhite;
}

Error Refusal(const std::string& source, std::string what) {
    return MakeError(ErrorCode::kInvalidInput, fmt::format("{}: {}", source, what), "logo");
}

}  // namespace

bool RasterImage::IsWellFormed() const {
    return width > 0 && height > 0 &&
           rows.size() ==
               static_cast<std::size_t>(height) * static_cast<std::size_t>(BytesPerRow());
}

bool RasterImage::IsBlack(int x, int y) const {
    if (x < 0 || y < 0 || x >= width || y >= height || !IsWellFormed()) return false;
    const auto index = static_cast<std::size_t>(y) * static_cast<std::size_t>(BytesPerRow()) +
                       static_cast<std::size_t>(x / 8);
    const auto mask = static_cast<std::uint8_t>(0x80U >> static_cast<unsigned>(x % 8));
    return (rows[index] & mask) != 0;
}

Result<RasterImage> DecodePng(std::span<const std::uint8_t> png, int max_width_dots,
                              const std::string& source) {
    PngReader reader;
    png_image& image = reader.Image();
    if (png.empty() || png_image_begin_read_from_memory(&image, png.data(), png.size()) == 0) {
        const std::string why = png.empty() ? "empty" : image.message;
        return std::unexpected(
            Refusal(source, fmt::format("not a readable PNG picture ({})", why)));
    }
    const auto width = static_cast<int>(image.width);
    const auto height = static_cast<int>(image.height);
    if (image.width == 0 || image.height == 0 || width < 0 || height < 0)
        return std::unexpected(Refusal(source, "the picture has no dots"));
    if (width > max_width_dots)
        return std::unexpected(Refusal(
            source,
            fmt::format("{} dots wide, the printer prints at most {}", width, max_width_dots)));

    image.format = PNG_FORMAT_RGBA;
    std::vector<std::uint8_t> pixels(PNG_IMAGE_SIZE(image));
    if (png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr) == 0)
        return std::unexpected(
            Refusal(source, fmt::format("damaged PNG picture ({})", image.message)));

    RasterImage raster;
    raster.width = width;
    raster.height = height;
    const auto row_bytes = static_cast<std::size_t>(raster.BytesPerRow());
    raster.rows.assign(row_bytes * static_cast<std::size_t>(height), 0);
    for (std::size_t y = 0; y < static_cast<std::size_t>(height); ++y) {
        for (std::size_t x = 0; x < static_cast<std::size_t>(width); ++x) {
            const std::uint8_t* pixel = &pixels[(y * static_cast<std::size_t>(width) + x) * 4];
            if (LuminanceOverWhite(pixel) < kBlackBelowLuminance)
                raster.rows[y * row_bytes + x / 8] |= static_cast<std::uint8_t>(0x80U >> (x % 8));
        }
    }
    return raster;
}

Result<RasterImage> LoadPng(const std::string& path, int max_width_dots) {
    std::ifstream file{path, std::ios::binary};
    if (!file)
        return std::unexpected(MakeError(
            ErrorCode::kNotFound, fmt::format("{}: the logo file cannot be opened", path), "logo"));
    const std::vector<char> bytes{std::istreambuf_iterator<char>{file},
                                  std::istreambuf_iterator<char>{}};
    if (file.bad())
        return std::unexpected(MakeError(
            ErrorCode::kNotFound, fmt::format("{}: the logo file cannot be read", path), "logo"));
    std::vector<std::uint8_t> png(bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i)
        png[i] = static_cast<std::uint8_t>(bytes[i]);
    return DecodePng(png, max_width_dots, path);
}

}  // namespace tillbook::drivers
