#include "ui/status_screen.hpp"

#include <imgui.h>

#include <string>

#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"

namespace tillbook::pos::ui {

namespace {

void DrawRejected(const app::StatusView& view) {
    ShowText(words::kRejectedTitle, TextLook::kBody, FontSize::kLarge);
    if (view.rejected.empty()) ShowText(words::kNoRejected, TextLook::kDim);
    for (const auto& event : view.rejected) {
        ShowText(event.what);
        ImGui::SameLine();
        ShowText(event.when, TextLook::kDim);
        ImGui::Indent(Px(24));
        ImGui::PushTextWrapPos(0);
        ShowText(event.reason, TextLook::kBad);
        ImGui::PopTextWrapPos();
        ImGui::Unindent(Px(24));
    }
}

void DrawReprints(const app::StatusView& view, app::Intents& out) {
    ShowText(words::kReprintTitle, TextLook::kBody, FontSize::kLarge);
    if (view.reprints.empty()) ShowText(words::kNoReprints, TextLook::kDim);
    const float button = Px(200);
    for (const auto& reprint : view.reprints) {
        ImGui::PushID(static_cast<int>(reprint.job_id));
        const float top = ImGui::GetCursorPosY();
        ImGui::SetCursorPosY(top + (TouchHeight() - ImGui::GetFontSize()) / 2);
        ShowText(reprint.label);
        ImGui::SameLine();
        ShowText(reprint.problem, TextLook::kBad);
        ImGui::SameLine(ImGui::GetContentRegionMax().x - button);
        ImGui::SetCursorPosY(top);
        if (TouchButton(words::kReprint, ImVec2{button, TouchHeight()}, ButtonLook::kPlain, true,
                        "reprint" + std::to_string(reprint.job_id)))
            out.emplace_back(app::Reprint{reprint.job_id});
        ImGui::PopID();
    }
}

}  // namespace

void DrawStatusScreen(const app::StatusView& view, bool can_reprint_last, StatusScreenState& state,
                      app::Intents& out) {
    (void)state;
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float buttons = TouchHeight() + ImGui::GetStyle().ItemSpacing.y;
    BeginPanel("status_lists", ImVec2{0, area.y - buttons});
    ShowText(words::kStatusTitle, TextLook::kBody, FontSize::kLarge);
    ShowText(view.last_sync_text, TextLook::kDim);
    ShowText(view.catalogue_text, TextLook::kDim);
    ImGui::Separator();
    DrawRejected(view);
    ImGui::Separator();
    DrawReprints(view, out);
    EndPanel();

    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 size{(area.x - spacing) / 2, TouchHeight()};
    if (TouchButton(words::kReprintLast, size, ButtonLook::kPlain, can_reprint_last))
        out.emplace_back(app::ReprintLast{});
    ImGui::SameLine();
    if (TouchButton(words::kClose, size, ButtonLook::kPrimary))
        out.emplace_back(app::CloseStatus{});
}

}  // namespace tillbook::pos::ui
