#pragma once
// A fingerprint of what a frame would paint (ImGui's draw lists), so a frame that would paint
// exactly what the screen already shows is not painted again: an idle till costs next to nothing,
// even with software OpenGL.
#include <imgui.h>

#include <cstdint>

namespace tillbook::pos::ui {

// FNV-1a over every draw list's vertices, indices and commands, and the display's size.
[[nodiscard]] std::uint64_t DigestDrawData(const ImDrawData& data);

}  // namespace tillbook::pos::ui
