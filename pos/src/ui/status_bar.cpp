#include "ui/status_bar.hpp"

#include <imgui.h>

#include <string_view>
#include <vector>

#include "ui/theme.hpp"
#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"

namespace tillbook::pos::ui {

namespace {

struct BarWord {
    std::string_view text;
    TextLook look = TextLook::kBody;
};

std::vector<BarWord> BarWords(const app::StatusBarView& view) {
    std::vector<BarWord> shown{{view.till_name, TextLook::kBody}};
    if (!view.cashier.empty()) shown.push_back({view.cashier, TextLook::kBody});
    shown.push_back({view.office_text, view.online ? TextLook::kGood : TextLook::kBad});
    shown.push_back({view.unsent_text, view.unsent > 0 ? TextLook::kWarning : TextLook::kDim});
    if (view.rejected > 0) shown.push_back({words::kRejected, TextLook::kBad});
    shown.push_back({view.printer_text, view.printer_ok ? TextLook::kGood : TextLook::kBad});
    if (!view.drawer_text.empty()) shown.push_back({view.drawer_text, TextLook::kBad});
    if (view.reprints_waiting > 0) shown.push_back({words::kReprintsWaiting, TextLook::kWarning});
    return shown;
}

float Width(std::string_view text) {
    return ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
}

// The words in one row when they fit in `room`, else in two (the office's state and what is
// unsent start the second), each cut at the buttons rather than drawn under them.
void DrawWords(const std::vector<BarWord>& shown, float room) {
    const float gap = Px(32);
    float one_row = 0;
    for (const auto& word : shown)
        one_row += Width(word.text) + gap;
    const float font = ImGui::GetFontSize();
    const float spacing = Px(4);
    const bool two_rows = one_row - gap > room;
    float y =
        two_rows ? (StatusBarHeight() - 2 * font - spacing) / 2 : (StatusBarHeight() - font) / 2;
    const float left = ImGui::GetCursorPosX();
    float used = 0;
    bool wrapped = false;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const float width = Width(shown[i].text);
        if (two_rows && !wrapped && i > 0 && used + width > room) {
            y += font + spacing;
            used = 0;
            wrapped = true;
        }
        ImGui::SetCursorPos(ImVec2{left + used, y});
        ShowText(shown[i].text, shown[i].look);
        used += width + gap;
    }
}

}  // namespace

float StatusBarHeight() {
    return TouchHeight() + 2 * Px(10);
}

void DrawStatusBar(const app::StatusBarView& view, bool on_status_screen, app::Intents& out) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colours::kBar);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2{Px(16), Px(10)});
    ImGui::BeginChild("status_bar", ImVec2{0, StatusBarHeight()}, false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding);
    const float button_width = Px(150);
    const bool show_status = !on_status_screen;
    const bool show_lock = !view.cashier.empty();
    const int buttons = (view.can_open_returns ? 1 : 0) + (view.can_open_cash ? 1 : 0) +
                        (show_status ? 1 : 0) + (show_lock ? 1 : 0);
    const float buttons_width = static_cast<float>(buttons) * (button_width + Px(12));

    const ImVec2 bar = ImGui::GetWindowPos();
    const float room = ImGui::GetContentRegionAvail().x - buttons_width - Px(12);
    ImGui::PushClipRect(bar, ImVec2{bar.x + Px(16) + room, bar.y + StatusBarHeight()}, true);
    DrawWords(BarWords(view), room);
    ImGui::PopClipRect();

    const ImVec2 size{button_width, TouchHeight()};
    ImGui::SetCursorPos(
        ImVec2{ImGui::GetWindowContentRegionMax().x - buttons_width + Px(12), Px(10)});
    if (view.can_open_returns) {
        if (TouchButton(words::kReturns, size)) out.emplace_back(app::OpenReturns{});
        ImGui::SameLine();
    }
    if (view.can_open_cash) {
        if (TouchButton(words::kDrawer, size)) out.emplace_back(app::OpenCash{});
        ImGui::SameLine();
    }
    if (show_status) {
        if (TouchButton(words::kStatus, size)) out.emplace_back(app::ShowStatus{});
        ImGui::SameLine();
    }
    if (show_lock && TouchButton(words::kLock, size)) out.emplace_back(app::LockTill{});
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

}  // namespace tillbook::pos::ui
