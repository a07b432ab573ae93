#include "ui/screenshot.hpp"

#include <GL/gl.h>
#include <fmt/format.h>
#include <png.h>

#include <cstring>
#include <vector>

namespace tillbook::pos::ui {

Status SaveScreenshot(const std::filesystem::path& file, int width, int height) {
    if (width <= 0 || height <= 0)
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "the window has no size"));
    const auto row = static_cast<std::size_t>(width) * 3;
    std::vector<unsigned char> pixels(row * static_cast<std::size_t>(height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    if (const GLenum error = glGetError(); error != GL_NO_ERROR)
        return std::unexpected(MakeError(
            ErrorCode::kDevice, fmt::format("glReadPixels failed (GL error {:#x})", error)));
    std::error_code ignored;
    std::filesystem::create_directories(file.parent_path(), ignored);

    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(width);
    image.height = static_cast<png_uint_32>(height);
    image.format = PNG_FORMAT_RGB;
    // OpenGL's rows run bottom to top: a negative stride writes them top to bottom.
    const auto stride = -static_cast<png_int_32>(row);
    if (!png_image_write_to_file(&image, file.c_str(), 0, pixels.data(), stride, nullptr)) {
        const std::string why = image.message;
        png_image_free(&image);
        return std::unexpected(MakeError(ErrorCode::kStorage,
                                         fmt::format("{}: {}", file.string(), why), "screenshot"));
    }
    return {};
}

}  // namespace tillbook::pos::ui
