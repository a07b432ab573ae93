// The orders found at the returns desk by e-mail or date: one row each (its number, channel,
// when it was placed, the customer's e-mail, its total and whether anything can come back); a
// tap opens it.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/returns_screen.hpp"
#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words_returns.hpp"

namespace tillbook::pos::ui {

namespace {

void DrawMatch(const app::ReturnsMatchView& match, float width, float row_height, bool busy,
               app::Intents& out) {
    const float top = ImGui::GetCursorPosY();
    if (TouchRow(match.number, match.order_id, false, row_height) && !busy)
        out.emplace_back(app::ChooseOrderMatch{match.order_id});
    const float line = ImGui::GetFontSize() + Px(6);
    const float y = top + (row_height - 2 * line) / 2;
    const float right = width - Px(16);
    // First row: the number, the channel (this till's own sale said so), the total.
    ShowTextAt(Px(16), y, match.number);
    const std::string channel = match.own_sale
                                    ? match.channel_text + ", " + std::string(words::kThisTill)
                                    : match.channel_text;
    ShowTextAt(width * 0.36f, y, channel, TextLook::kDim);
    ShowTextRightAt(right, y, match.total_text);
    // Second: when it was placed, the e-mail, whether anything can come back.
    ShowTextAt(Px(16), y + line, match.placed_text, TextLook::kDim);
    if (!match.email.empty()) {
        ImGui::PushClipRect(ImGui::GetWindowPos(),
                            ImVec2{ImGui::GetWindowPos().x + width * 0.68f,
                                   ImGui::GetWindowPos().y + ImGui::GetWindowHeight()},
                            true);
        ShowTextAt(width * 0.36f, y + line, match.email, TextLook::kDim);
        ImGui::PopClipRect();
    }
    ShowTextRightAt(right, y + line, match.state_text,
                    match.returnable ? TextLook::kGood : TextLook::kWarning);
    ImGui::SetCursorPosY(top + row_height);
}

}  // namespace

void DrawReturnsMatches(const app::ReturnsView& view, app::Intents& out) {
    const float width = std::min(Px(1300), ImGui::GetContentRegionAvail().x);
    const float left = (ImGui::GetContentRegionAvail().x - width) / 2;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ShowText(view.matches_title, TextLook::kBody, FontSize::kLarge);
    ShowText(view.matches_note.empty() ? words::kTapAnOrder : view.matches_note,
             view.matches_note.empty() ? TextLook::kDim : TextLook::kWarning);
    if (view.busy) ShowText(words::kLookingUp, TextLook::kDim);
    ShowReturnsMessage(view);
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2{0, Px(4)});
    const float buttons = TouchHeight() + ImGui::GetStyle().ItemSpacing.y * 2;
    const float row_height = ImGui::GetFontSize() * 2 + Px(36);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2{0, 0});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2{0, 0});
    BeginPanel("order_matches", ImVec2{width, ImGui::GetContentRegionAvail().y - buttons});
    const float row_width = ImGui::GetContentRegionAvail().x;
    for (const app::ReturnsMatchView& match : view.matches) {
        ImGui::PushID(match.order_id.c_str());
        DrawMatch(match, row_width, row_height, view.busy, out);
        ImGui::PopID();
    }
    EndPanel();
    ImGui::PopStyleVar(2);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 button{(width - spacing) / 2, TouchHeight()};
    if (TouchButton(words::kSearchAgain, button, ButtonLook::kPlain, !view.busy))
        out.emplace_back(app::BackToFind{});
    ImGui::SameLine();
    if (TouchButton(words::kBackToSale, button, ButtonLook::kPlain, !view.busy))
        out.emplace_back(app::CloseReturns{});
    ImGui::EndGroup();
}

}  // namespace tillbook::pos::ui
