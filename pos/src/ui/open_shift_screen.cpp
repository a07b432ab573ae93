#include "ui/open_shift_screen.hpp"

#include <imgui.h>

#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"
#include "ui/words_cash.hpp"

namespace tillbook::pos::ui {

void DrawOpenShiftScreen(const app::OpenShiftView& view, OpenShiftScreenState& state,
                         app::Intents& out) {
    if (view.amount_generation != state.amount_seen) {
        state.amount_seen = view.amount_generation;
        state.amount = view.amount_prefill;
    }
    const float width = std::min(Px(1100), ImGui::GetContentRegionAvail().x);
    const float left = (ImGui::GetContentRegionAvail().x - width) / 2;
    ImGui::Dummy(ImVec2{0, Px(view.count.rows.empty() ? 60 : 8)});
    ShowTextCentred(words::kOpenShiftTitle, TextLook::kBody, FontSize::kLarge);
    ShowTextCentred(view.cashier, TextLook::kDim);
    ImGui::Dummy(ImVec2{0, Px(view.count.rows.empty() ? 30 : 8)});

    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
    ImGui::BeginGroup();
    if (!view.count.rows.empty()) {
        ShowText(words::kOrCount, TextLook::kDim);
        DrawCashCount(view.count, state.count, true, width, out);
    }
    FieldResult field;
    {
        ScopedFont large(FontSize::kLarge);
        ImGui::AlignTextToFramePadding();
        ShowText(words::kFloat, TextLook::kBody, FontSize::kLarge);
        ImGui::SameLine();
        field =
            TouchField(words::kFloat, "float", state.amount, width - ImGui::GetCursorPosX() + left,
                       AmountOptions(view.amount_hint, state.focus_pending));
    }
    state.focus_pending = false;
    ImGui::Dummy(ImVec2{0, Px(12)});
    const bool open = TouchButton(words::kOpenShift, ImVec2{width, Px(110)}, ButtonLook::kPrimary,
                                  true, {}, FontSize::kLarge);
    if (open || field.submitted) out.emplace_back(app::OpenShift{state.amount});
    ImGui::Dummy(ImVec2{0, Px(12)});
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ShowText(view.message, TextLook::kWarning);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

}  // namespace tillbook::pos::ui
