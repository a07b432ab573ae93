#pragma once
// The till's look: high contrast (white on near-black), large touch targets, no hover effects (a
// finger leaves the pointer where it last touched), scaled to the window's height.
#include <imgui.h>

namespace tillbook::pos::ui {

// Colours the screens use beyond ImGui's style.
namespace colours {
inline const ImVec4 kText{0.96f, 0.97f, 0.98f, 1.0f};
inline const ImVec4 kDim{0.70f, 0.74f, 0.78f, 1.0f};
inline const ImVec4 kGood{0.45f, 0.90f, 0.50f, 1.0f};
inline const ImVec4 kWarning{1.00f, 0.78f, 0.30f, 1.0f};
inline const ImVec4 kBad{1.00f, 0.45f, 0.42f, 1.0f};
inline const ImVec4 kPanel{0.11f, 0.13f, 0.16f, 1.0f};
// The window's own colour, painted by glClear; panels are framed, not filled, on it, so the
// software renderer (Xvfb, tills without a GPU) paints each pixel as few times as it can.
inline const ImVec4 kBackground = kPanel;
inline const ImVec4 kBar{0.16f, 0.19f, 0.23f, 1.0f};
}  // namespace colours

// Sets ImGui's style for a window `scale` times the height of 1080p.
void ApplyTillTheme(float scale);

}  // namespace tillbook::pos::ui
