#include "ui/returns_screen.hpp"

#include <imgui.h>

#include <algorithm>

#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words_returns.hpp"

namespace tillbook::pos::ui {

namespace {

void DrawFind(const app::ReturnsView& view, ReturnsScreenState& state, app::Intents& out) {
    const float width = std::min(Px(1100), ImGui::GetContentRegionAvail().x);
    const float left = (ImGui::GetContentRegionAvail().x - width) / 2;
    ImGui::Dummy(ImVec2{0, Px(40)});
    ShowTextCentred(words::kReturnsTitle, TextLook::kBody, FontSize::kLarge);
    ImGui::Dummy(ImVec2{0, Px(20)});
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ShowText(view.find_hint, TextLook::kDim);
    ImGui::Dummy(ImVec2{0, Px(12)});
    const float find_width = Px(200);
    FieldResult field;
    {
        ScopedFont large(FontSize::kLarge);
        const bool focus = state.code_focus && !ImGui::IsAnyItemActive();
        field = TouchField(words::kOrderCode, "order_code", state.code,
                           width - find_width - ImGui::GetStyle().ItemSpacing.x,
                           TextOptions(words::kOrderCodeHint, focus));
        if (focus) state.code_focus = false;
        ImGui::SameLine();
        const bool find = TouchButton(words::kFind, ImVec2{find_width, ImGui::GetFrameHeight()},
                                      ButtonLook::kPrimary, !view.busy, {}, FontSize::kLarge);
        if ((find || field.submitted) && !view.busy) {
            out.emplace_back(app::FindOrder{state.code});
            state.code.clear();
            state.code_focus = true;
        }
    }
    ImGui::Dummy(ImVec2{0, Px(8)});
    ShowText(view.find_limits, view.online ? TextLook::kDim : TextLook::kWarning);
    ImGui::Dummy(ImVec2{0, Px(16)});
    if (view.busy) ShowText(words::kLookingUp, TextLook::kDim);
    ShowReturnsMessage(view);
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2{0, Px(30)});
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 button{(width - spacing) / 2, Px(96)};
    if (TouchButton(words::kReturnNoReceipt, button, ButtonLook::kPlain, !view.busy))
        out.emplace_back(app::StartNoReceipt{});
    ImGui::SameLine();
    if (TouchButton(words::kBackToSale, button)) out.emplace_back(app::CloseReturns{});
    ImGui::EndGroup();
}

void DrawDone(const app::ReturnsView& view, app::Intents& out) {
    const float width = std::min(Px(1000), ImGui::GetContentRegionAvail().x);
    const float left = (ImGui::GetContentRegionAvail().x - width) / 2;
    ImGui::Dummy(ImVec2{0, Px(60)});
    ShowTextCentred(view.done_title, TextLook::kGood, FontSize::kLarge);
    ImGui::Dummy(ImVec2{0, Px(16)});
    if (!view.message.empty()) ShowTextCentred(view.message, TextLook::kBody, FontSize::kLarge);
    ShowTextCentred(view.done_text, TextLook::kDim);
    ImGui::Dummy(ImVec2{0, Px(40)});
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
    if (TouchButton(words::kNextReturn, ImVec2{width, Px(120)}, ButtonLook::kPrimary, true, {},
                    FontSize::kLarge))
        out.emplace_back(app::NextReturn{});
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
    if (TouchButton(words::kBackToSale, ImVec2{width, TouchHeight()}))
        out.emplace_back(app::CloseReturns{});
}

}  // namespace

int DrawChoices(const std::vector<app::ReturnsChoiceView>& choices, float height) {
    const float right = ImGui::GetContentRegionAvail().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    float used = 0;
    int tapped = -1;
    for (const app::ReturnsChoiceView& choice : choices) {
        const float width = std::min(right, ImGui::CalcTextSize(choice.label.c_str()).x + Px(48));
        if (used > 0 && used + spacing + width <= right) {
            ImGui::SameLine();
            used += spacing + width;
        } else {
            used = width;
        }
        if (TouchButton(choice.label, ImVec2{width, height},
                        choice.chosen ? ButtonLook::kChosen : ButtonLook::kPlain))
            tapped = choice.key;
    }
    return tapped;
}

void ShowReturnsMessage(const app::ReturnsView& view) {
    if (view.message.empty()) return;
    ShowText(view.message, view.message_is_problem ? TextLook::kWarning : TextLook::kBody);
}

void DrawReturnsScreen(const app::TillView& view, ReturnsScreenState& state, app::Intents& out) {
    const int step = static_cast<int>(view.returns.step);
    if (step != state.step_seen) {
        state = ReturnsScreenState{};
        state.step_seen = step;
    }
    switch (view.returns.step) {
        case app::ReturnsStep::kFind:
            DrawFind(view.returns, state, out);
            break;
        case app::ReturnsStep::kOrder:
            DrawReturnsOrder(view.returns, out);
            break;
        case app::ReturnsStep::kExchange:
            DrawReturnsExchange(view, state, out);
            break;
        case app::ReturnsStep::kNoReceipt:
            DrawReturnsNoReceipt(view, state, out);
            break;
        case app::ReturnsStep::kDone:
            DrawDone(view.returns, out);
            break;
        case app::ReturnsStep::kMatches:
            DrawReturnsMatches(view.returns, out);
            break;
    }
}

}  // namespace tillbook::pos::ui
