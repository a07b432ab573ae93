#include "ui/theme.hpp"

namespace tillbook::pos::ui {

namespace {

void SetColours(ImGuiStyle& style) {
    auto& c = style.Colors;
    const ImVec4 button{0.20f, 0.27f, 0.36f, 1.0f};
    const ImVec4 pressed{0.30f, 0.42f, 0.56f, 1.0f};
    const ImVec4 field{0.02f, 0.02f, 0.03f, 1.0f};
    c[ImGuiCol_Text] = colours::kText;
    c[ImGuiCol_TextDisabled] = ImVec4{0.50f, 0.53f, 0.57f, 1.0f};
    c[ImGuiCol_WindowBg] = colours::kBackground;
    c[ImGuiCol_ChildBg] = ImVec4{0, 0, 0, 0};  // layout children draw nothing; panels do
    c[ImGuiCol_PopupBg] = colours::kPanel;
    c[ImGuiCol_Border] = ImVec4{0.38f, 0.43f, 0.50f, 1.0f};
    c[ImGuiCol_FrameBg] = field;
    c[ImGuiCol_FrameBgHovered] = field;
    c[ImGuiCol_FrameBgActive] = field;
    c[ImGuiCol_Button] = button;
    c[ImGuiCol_ButtonHovered] = button;  // touch: no hover look
    c[ImGuiCol_ButtonActive] = pressed;
    c[ImGuiCol_Header] = ImVec4{0.18f, 0.38f, 0.62f, 1.0f};  // the selected cart line
    c[ImGuiCol_HeaderHovered] = c[ImGuiCol_Header];
    c[ImGuiCol_HeaderActive] = pressed;
    c[ImGuiCol_ScrollbarBg] = ImVec4{0.08f, 0.09f, 0.11f, 1.0f};
    c[ImGuiCol_ScrollbarGrab] = ImVec4{0.42f, 0.48f, 0.56f, 1.0f};
    c[ImGuiCol_ScrollbarGrabHovered] = c[ImGuiCol_ScrollbarGrab];
    c[ImGuiCol_ScrollbarGrabActive] = ImVec4{0.60f, 0.66f, 0.74f, 1.0f};
    c[ImGuiCol_TextSelectedBg] = ImVec4{0.20f, 0.45f, 0.85f, 1.0f};
    c[ImGuiCol_Separator] = c[ImGuiCol_Border];
    c[ImGuiCol_NavHighlight] = ImVec4{1.0f, 1.0f, 1.0f, 1.0f};
}

}  // namespace

void ApplyTillTheme(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowPadding = ImVec2{16, 12};
    style.FramePadding = ImVec2{14, 10};
    style.ItemSpacing = ImVec2{12, 12};
    style.ItemInnerSpacing = ImVec2{10, 8};
    style.TouchExtraPadding = ImVec2{4, 4};
    style.ScrollbarSize = 48;  // a finger drags it
    style.GrabMinSize = 48;
    style.WindowRounding = 0;
    style.ChildRounding = 6;
    style.FrameRounding = 8;
    style.ScrollbarRounding = 8;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 1;
    style.FrameBorderSize = 1;
    style.ButtonTextAlign = ImVec2{0.5f, 0.5f};
    style.SelectableTextAlign = ImVec2{0.0f, 0.5f};
    SetColours(style);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace tillbook::pos::ui
