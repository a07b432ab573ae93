#include "ui/cash_screen.hpp"

#include <imgui.h>

#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"
#include "ui/words_cash.hpp"

namespace tillbook::pos::ui {

namespace {

// Label on the left, amount on the right, `width` wide; totals larger.
void DrawFigures(const std::vector<app::CashFigureView>& figures, float width) {
    const float left = ImGui::GetCursorPosX();
    for (const auto& figure : figures) {
        if (figure.total) {  // a rule across the figures only
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddLine(at, ImVec2{at.x + width, at.y},
                                                ImGui::GetColorU32(ImGuiCol_Separator));
            ImGui::Dummy(ImVec2{0, Px(4)});
        }
        const FontSize size = figure.total ? FontSize::kLarge : FontSize::kBody;
        const float top = ImGui::GetCursorPosY();
        ShowText(figure.label, figure.total ? TextLook::kBody : TextLook::kDim, size);
        ImGui::SetCursorPos(ImVec2{left, top});
        ImGui::PushItemWidth(width);
        {
            ScopedFont font(size);
            const float amount = ImGui::CalcTextSize(figure.amount_text.c_str()).x;
            ImGui::SetCursorPosX(left + width - amount);
        }
        ShowText(figure.amount_text, TextLook::kBody, size);
        ImGui::PopItemWidth();
    }
}

void DrawMessage(const app::CashView& view) {
    if (view.message.empty()) return;
    ImGui::PushTextWrapPos(0);
    ShowText(view.message, view.message_is_problem ? TextLook::kBad : TextLook::kGood);
    ImGui::PopTextWrapPos();
}

void DrawMovements(const app::CashView& view, CashScreenState& state, app::Intents& out) {
    if (view.entry_generation != state.entry_seen) {
        state.entry_seen = view.entry_generation;
        state.amount.clear();
        state.reason.clear();
    }
    ShowText(words::kPaidInOut, TextLook::kBody, FontSize::kLarge);
    const float label_width = Px(220);
    ImGui::AlignTextToFramePadding();
    ShowText(words::kCashAmount);
    ImGui::SameLine(label_width);
    TouchField(words::kCashAmount, "cash_amount", state.amount, 0,
               AmountOptions(view.amount_hint, false));
    ImGui::AlignTextToFramePadding();
    ShowText(words::kCashReason);
    ImGui::SameLine(label_width);
    TouchField(words::kCashReason, "cash_reason", state.reason, 0,
               TextOptions(words::kCashReasonHint, false));
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 half{(ImGui::GetContentRegionAvail().x - spacing) / 2, TouchHeight()};
    if (TouchButton(words::kPayIn, half))
        out.emplace_back(app::MoveCash{app::CashMovement::kPaidIn, state.amount, state.reason});
    ImGui::SameLine();
    if (TouchButton(words::kPayOut, half, ButtonLook::kPlain, view.can_pay_out))
        out.emplace_back(app::MoveCash{app::CashMovement::kPaidOut, state.amount, state.reason});
    DrawMessage(view);
}

void DrawDrawerPage(const app::CashView& view, CashScreenState& state, app::Intents& out) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float left_width = area.x * 0.45f;
    BeginPanel("x_reading", ImVec2{left_width, area.y});
    ShowText(words::kXReading, TextLook::kBody, FontSize::kLarge);
    ShowText(view.title, TextLook::kDim);
    ImGui::Dummy(ImVec2{0, Px(8)});
    DrawFigures(view.figures, ImGui::GetContentRegionAvail().x);
    ImGui::Dummy(ImVec2{0, Px(8)});
    ImGui::PushTextWrapPos(0);
    ShowText(view.close_hint, TextLook::kDim);
    ImGui::PopTextWrapPos();
    ShowText(view.print_text, TextLook::kDim);
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - TouchHeight() -
                         ImGui::GetStyle().WindowPadding.y);
    if (TouchButton(words::kPrintX, ImVec2{ImGui::GetContentRegionAvail().x, TouchHeight()}))
        out.emplace_back(app::PrintXReport{});
    EndPanel();
    ImGui::SameLine();
    BeginPanel("drawer_actions", ImVec2{area.x - left_width - spacing, area.y});
    DrawMovements(view, state, out);
    const float buttons = 2 * TouchHeight() + Px(110) + 2 * ImGui::GetStyle().ItemSpacing.y +
                          ImGui::GetStyle().WindowPadding.y;
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - buttons);
    const float width = ImGui::GetContentRegionAvail().x;
    if (TouchButton(words::kNoSale, ImVec2{width, TouchHeight()})) out.emplace_back(app::NoSale{});
    if (TouchButton(words::kCloseShift, ImVec2{width, Px(110)}, ButtonLook::kDanger, true, {},
                    FontSize::kLarge))
        out.emplace_back(app::StartCashUp{});
    if (TouchButton(words::kBackToSale, ImVec2{width, TouchHeight()}, ButtonLook::kPrimary))
        out.emplace_back(app::LeaveCash{});
    EndPanel();
}

void DrawCountPage(const app::CashView& view, CashScreenState& state, app::Intents& out) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    ShowText(words::kCountTitle, TextLook::kBody, FontSize::kLarge);
    if (view.blind) {
        ImGui::SameLine();
        ShowText(words::kBlind, TextLook::kWarning, FontSize::kLarge);
    }
    DrawCashCount(view.count, state.count, !view.count_locked, area.x, out);
    ImGui::Dummy(ImVec2{0, Px(4)});
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float column = (area.x - spacing) / 2;
    const float top = ImGui::GetCursorPosY();
    ImGui::BeginGroup();
    DrawFigures(view.figures, column - Px(24));
    ImGui::EndGroup();
    ImGui::SetCursorPos(ImVec2{column + spacing, top});
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column);
    ShowText(view.close_hint, TextLook::kDim);
    ImGui::PopTextWrapPos();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column);
    DrawMessage(view);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const float button_height = Px(110);
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), area.y - button_height));
    if (TouchButton(words::kBackToDrawer, ImVec2{column, button_height}))
        out.emplace_back(app::OpenCash{});
    ImGui::SameLine();
    if (TouchButton(words::kFinishCount, ImVec2{column, button_height}, ButtonLook::kPrimary, true,
                    {}, FontSize::kLarge))
        out.emplace_back(app::FinishCount{});
}

void DrawClosedPage(const app::CashView& view, app::Intents& out) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float width = std::min(Px(900), area.x);
    const float left = (area.x - width) / 2;
    ShowTextCentred(words::kZReading, TextLook::kBody, FontSize::kLarge);
    ShowTextCentred(view.title, TextLook::kDim);
    ImGui::SetCursorPosX(left);
    ImGui::BeginGroup();
    DrawFigures(view.figures, width);
    ImGui::Dummy(ImVec2{0, Px(8)});
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    DrawMessage(view);
    ShowText(view.print_text, TextLook::kDim);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::SetCursorPos(ImVec2{left, std::max(ImGui::GetCursorPosY(), area.y - Px(110))});
    if (TouchButton(words::kSignOut, ImVec2{width, Px(110)}, ButtonLook::kPrimary, true, {},
                    FontSize::kLarge))
        out.emplace_back(app::FinishCashUp{});
}

}  // namespace

void DrawCashScreen(const app::CashView& view, CashScreenState& state, app::Intents& out) {
    if (static_cast<int>(view.page) != state.page) {
        state = CashScreenState{};
        state.page = static_cast<int>(view.page);
    }
    switch (view.page) {
        case app::CashPage::kDrawer:
            DrawDrawerPage(view, state, out);
            break;
        case app::CashPage::kCount:
            DrawCountPage(view, state, out);
            break;
        case app::CashPage::kClosed:
            DrawClosedPage(view, out);
            break;
    }
}

}  // namespace tillbook::pos::ui
