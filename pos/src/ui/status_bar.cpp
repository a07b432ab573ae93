#include "ui/status_bar.hpp"

#include <imgui.h>

#include "ui/theme.hpp"
#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"

namespace tillbook::pos::ui {

namespace {

void Gap() {
    ImGui::SameLine(0, Px(36));
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
    const int buttons = (on_status_screen ? 0 : 1) + (view.cashier.empty() ? 0 : 1);
    const float buttons_width = static_cast<float>(buttons) * (button_width + Px(12));

    ImGui::SetCursorPosY((StatusBarHeight() - ImGui::GetFontSize()) / 2);
    ShowText(view.till_name);
    if (!view.cashier.empty()) {
        Gap();
        ShowText(view.cashier);
    }
    Gap();
    ShowText(view.office_text, view.online ? TextLook::kGood : TextLook::kBad);
    Gap();
    ShowText(view.unsent_text, view.unsent > 0 ? TextLook::kWarning : TextLook::kDim);
    if (view.rejected > 0) {
        Gap();
        ShowText(words::kRejected, TextLook::kBad);
    }
    Gap();
    ShowText(view.printer_text, view.printer_ok ? TextLook::kGood : TextLook::kBad);
    if (view.reprints_waiting > 0) {
        Gap();
        ShowText(words::kReprintsWaiting, TextLook::kWarning);
    }

    if (buttons > 0) {
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - buttons_width + Px(12));
        ImGui::SetCursorPosY(Px(10));
        const ImVec2 size{button_width, TouchHeight()};
        if (!on_status_screen) {
            if (TouchButton(words::kStatus, size)) out.emplace_back(app::ShowStatus{});
            if (!view.cashier.empty()) ImGui::SameLine();
        }
        if (!view.cashier.empty() && TouchButton(words::kLock, size))
            out.emplace_back(app::LockTill{});
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

}  // namespace tillbook::pos::ui
