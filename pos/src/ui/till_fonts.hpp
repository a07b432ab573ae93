#pragma once
// The till's font: DejaVu Sans (fonts-dejavu-core), found through fontconfig, with the glyphs a
// shop's screen needs (Latin-1 with £ and accents, €, dashes and quotes), loaded into ImGui's
// atlas at sizes scaled to the window's height.
#include <imgui.h>

#include <string>

#include "tillbook/core/error.hpp"

namespace tillbook::pos::ui {

struct TillFontFiles {
    std::string regular;  // "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    std::string bold;
};

struct TillFonts {
    ImFont* body = nullptr;
    ImFont* large = nullptr;
    ImFont* huge = nullptr;
};

// kNotFound naming the package to install when fontconfig finds no DejaVu Sans with £ and €.
[[nodiscard]] Result<TillFontFiles> FindTillFonts();

// Adds the three sizes to the current ImGui context's atlas (body 30 px at 1080p).
[[nodiscard]] Result<TillFonts> LoadTillFonts(const TillFontFiles& files, float scale);

}  // namespace tillbook::pos::ui
