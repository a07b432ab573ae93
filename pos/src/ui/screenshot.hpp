#pragma once
// The frame just drawn, read back from OpenGL's back buffer and written as a PNG (libpng).
#include <filesystem>

#include "tillbook/core/error.hpp"

namespace tillbook::pos::ui {

// Call after rendering and before swapping buffers; the GL context must be current.
[[nodiscard]] Status SaveScreenshot(const std::filesystem::path& file, int width, int height);

}  // namespace tillbook::pos::ui
