#include "ui/touch_widgets.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ui/theme.hpp"
#include "ui/ui_context.hpp"

namespace tillbook::pos::ui {

namespace {

ImFont* FontFor(FontSize size) {
    auto& ui = Ui();
    switch (size) {
        case FontSize::kLarge:
            return ui.large;
        case FontSize::kHuge:
            return ui.huge;
        case FontSize::kBody:
            break;
    }
    return ui.body;
}

ImVec4 ColourFor(TextLook look) {
    switch (look) {
        case TextLook::kDim:
            return colours::kDim;
        case TextLook::kGood:
            return colours::kGood;
        case TextLook::kWarning:
            return colours::kWarning;
        case TextLook::kBad:
            return colours::kBad;
        case TextLook::kBody:
            break;
    }
    return colours::kText;
}

// "label##id": ImGui shows what comes before "##" and hashes all of it.
std::string WidgetName(std::string_view label, std::string_view id) {
    std::string name(label);
    name += "##";
    name += id.empty() ? label : id;
    return name;
}

ScreenRect LastItemRect() {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 size = ImGui::GetItemRectSize();
    return ScreenRect{min.x, min.y, size.x, size.y};
}

void RecordControl(std::string_view label, bool enabled) {
    if (!ImGui::IsItemVisible()) return;
    if (auto* record = Ui().record) record->AddControl(label, LastItemRect(), enabled);
}

void RecordText(std::string_view text) {
    if (!ImGui::IsItemVisible()) return;
    if (auto* record = Ui().record) record->AddText(text);
}

void PushButtonLook(ButtonLook look) {
    ImVec4 base{};
    ImVec4 pressed{};
    switch (look) {
        case ButtonLook::kPrimary:
            base = ImVec4{0.09f, 0.50f, 0.22f, 1.0f};
            pressed = ImVec4{0.14f, 0.66f, 0.30f, 1.0f};
            break;
        case ButtonLook::kDanger:
            base = ImVec4{0.62f, 0.16f, 0.14f, 1.0f};
            pressed = ImVec4{0.80f, 0.24f, 0.20f, 1.0f};
            break;
        case ButtonLook::kChosen:
            base = ImVec4{0.85f, 0.62f, 0.10f, 1.0f};
            pressed = ImVec4{0.95f, 0.72f, 0.20f, 1.0f};
            break;
        case ButtonLook::kPlain:
            base = ImGui::GetStyleColorVec4(ImGuiCol_Button);
            pressed = ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive);
            break;
    }
    ImGui::PushStyleColor(ImGuiCol_Button, base);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, base);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, pressed);
    // Dark text on the amber of a chosen toggle, white on the rest.
    ImGui::PushStyleColor(ImGuiCol_Text, look == ButtonLook::kChosen
                                             ? ImVec4{0.05f, 0.05f, 0.05f, 1.0f}
                                             : colours::kText);
}

// `text` broken at spaces into lines at most `width` wide (a word wider than that alone on its
// line, cut by the caller's clip).
std::vector<std::string_view> WrapWords(std::string_view text, float width) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        // Take more words while the line still fits.
        while (end < text.size()) {
            std::size_t next = text.find(' ', end + 1);
            if (next == std::string_view::npos) next = text.size();
            const auto candidate = text.substr(start, next - start);
            if (ImGui::CalcTextSize(candidate.data(), candidate.data() + candidate.size()).x >
                width)
                break;
            end = next;
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

}  // namespace

void BeginPanel(const char* id, ImVec2 size) {
    ImGui::BeginChild(id, size, true);
}

void EndPanel() {
    ImGui::EndChild();
}

float TouchHeight() {
    return Px(64);
}

ScopedFont::ScopedFont(FontSize size) {
    ImGui::PushFont(FontFor(size));
}

ScopedFont::~ScopedFont() {
    ImGui::PopFont();
}

bool TouchButton(std::string_view label, ImVec2 size, ButtonLook look, bool enabled,
                 std::string_view id, FontSize font) {
    const std::string name = WidgetName(label, id);
    ScopedFont scoped_font(font);
    PushButtonLook(look);
    ImGui::BeginDisabled(!enabled);
    const bool pressed = ImGui::Button(name.c_str(), size);
    ImGui::EndDisabled();
    ImGui::PopStyleColor(4);
    RecordControl(label, enabled);
    return pressed && enabled;
}

bool TouchKey(std::string_view label, ImVec2 size, std::string_view id) {
    const std::string name = "##key" + std::string(id.empty() ? label : id);
    PushButtonLook(ButtonLook::kPlain);
    const bool pressed = ImGui::Button(name.c_str(), size);
    ImGui::PopStyleColor(4);
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    const float padding = ImGui::GetStyle().FramePadding.x;
    const auto lines = WrapWords(label, max.x - min.x - 2 * padding);
    const float line_height = ImGui::GetTextLineHeight();
    // Centred; a name too long for the key starts at its top, and its last words are cut.
    float y =
        std::max(min.y + padding / 2,
                 min.y + (max.y - min.y - line_height * static_cast<float>(lines.size())) / 2);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(ImVec2{min.x + padding, min.y}, ImVec2{max.x - padding, max.y}, true);
    for (const std::string_view line : lines) {
        const float width = ImGui::CalcTextSize(line.data(), line.data() + line.size()).x;
        const float x = std::max(min.x + padding, min.x + (max.x - min.x - width) / 2);
        draw->AddText(ImVec2{x, y}, ImGui::GetColorU32(ImGuiCol_Text), line.data(),
                      line.data() + line.size());
        y += line_height;
    }
    draw->PopClipRect();
    RecordControl(label, true);
    return pressed;
}

bool TouchRow(std::string_view label, std::string_view id, bool selected, float height) {
    const std::string name = "##row" + std::string(id);
    // No ImGuiSelectableFlags_AllowItemOverlap: nothing drawn over a row takes taps, and with it
    // a row is pressed only when it was hovered the frame before, which a tap is not.
    const bool pressed = ImGui::Selectable(name.c_str(), selected, 0, ImVec2{0, height});
    RecordControl(label, true);
    return pressed;
}

void ShowText(std::string_view text, TextLook look, FontSize font) {
    ScopedFont scoped_font(font);
    ImGui::PushStyleColor(ImGuiCol_Text, ColourFor(look));
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::PopStyleColor();
    RecordText(text);
}

void ShowTextRight(std::string_view text, TextLook look, FontSize font) {
    ScopedFont scoped_font(font);
    const float width = ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
    const float available = ImGui::GetContentRegionAvail().x;
    if (available > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + available - width);
    ShowText(text, look, font);
}

void ShowTextAt(float x, float y, std::string_view text, TextLook look) {
    ImGui::SetCursorPos(ImVec2{x, y});
    ShowText(text, look);
}

void ShowTextRightAt(float right, float y, std::string_view text, TextLook look) {
    ShowTextAt(right - ImGui::CalcTextSize(text.data(), text.data() + text.size()).x, y, text,
               look);
}

void ShowTextCentred(std::string_view text, TextLook look, FontSize font) {
    ScopedFont scoped_font(font);
    const float available = ImGui::GetContentRegionAvail().x;
    const float start = ImGui::GetCursorPosX();
    // Too wide for one line: broken at spaces, each line centred; scripts see the whole text.
    ImGui::PushStyleColor(ImGuiCol_Text, ColourFor(look));
    for (const std::string_view line : WrapWords(text, available)) {
        const float width = ImGui::CalcTextSize(line.data(), line.data() + line.size()).x;
        if (available > width) ImGui::SetCursorPosX(start + (available - width) / 2);
        ImGui::TextUnformatted(line.data(), line.data() + line.size());
    }
    ImGui::PopStyleColor();
    RecordText(text);
}

FieldOptions TextOptions(std::string_view hint, bool focus) {
    FieldOptions options;
    options.hint = hint;
    options.focus = focus;
    return options;
}

FieldOptions AmountOptions(std::string_view hint, bool focus) {
    FieldOptions options = TextOptions(hint, focus);
    options.amount = true;
    return options;
}

FieldResult TouchField(std::string_view label, std::string_view id, std::string& text, float width,
                       const FieldOptions& options) {
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_None;
    if (options.amount)
        flags |= ImGuiInputTextFlags_AutoSelectAll | ImGuiInputTextFlags_CharsDecimal;
    if (options.focus) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(width > 0 ? width : ImGui::GetContentRegionAvail().x);
    const std::string name = "##" + std::string(id.empty() ? label : id);
    const std::string hint(options.hint);
    const bool changed = ImGui::InputTextWithHint(name.c_str(), hint.c_str(), &text, flags);
    RecordControl(label, true);
    RecordText(text);
    if (ImGui::IsItemActive()) {
        if (auto* record = Ui().record)
            record->SetFocusedField(RecordedControl{std::string(label), LastItemRect(), true});
    }
    const bool submitted = ImGui::IsItemDeactivated() &&
                           (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
                            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter)));
    return FieldResult{changed, submitted};
}

}  // namespace tillbook::pos::ui
