// The order at the returns desk: its lines on the left (tap one; its keys, reason and condition
// under them), the refund on the right.
#include <imgui.h>

#include <string>

#include "ui/returns_screen.hpp"
#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"
#include "ui/words_returns.hpp"

namespace tillbook::pos::ui {

namespace {

struct Columns {
    float sold = 0;
    float back = 0;
    float refund_right = 0;
};

Columns LineColumns(float width) {
    return Columns{width * 0.58f, width * 0.70f, width - Px(16)};
}

void DrawHeader(float width) {
    const Columns columns = LineColumns(width);
    const float y = ImGui::GetCursorPosY();
    ShowTextAt(Px(16), y, words::kItem, TextLook::kDim);
    ShowTextAt(columns.sold, y, words::kSold, TextLook::kDim);
    ShowTextAt(columns.back, y, words::kComingBack, TextLook::kDim);
    ShowTextRightAt(columns.refund_right, y, words::kRefundColumn, TextLook::kDim);
    ImGui::SetCursorPosY(y + ImGui::GetFontSize() + Px(8));
}

void DrawLine(const app::ReturnLineView& line, float width, float row_height, app::Intents& out) {
    const Columns columns = LineColumns(width);
    const float top = ImGui::GetCursorPosY();
    if (TouchRow(line.description, std::to_string(line.line_no), line.selected, row_height) &&
        line.returnable)
        out.emplace_back(app::SelectReturnLine{line.line_no});
    const TextLook look = line.returnable ? TextLook::kBody : TextLook::kDim;
    // Under the description: what came back before, and the reason and condition chosen now.
    std::string second;
    if (!line.returned_text.empty())
        second = line.returned_text + " " + std::string(words::kReturnedBefore);
    if (!line.reason_text.empty())
        second += (second.empty() ? "" : "; ") + line.reason_text + ", " + line.condition_text;
    const bool two_rows = !second.empty();
    const float y = top + (two_rows ? Px(8) : (row_height - ImGui::GetFontSize()) / 2);
    ImGui::PushClipRect(ImGui::GetWindowPos(),
                        ImVec2{ImGui::GetWindowPos().x + columns.sold - Px(12),
                               ImGui::GetWindowPos().y + ImGui::GetWindowHeight()},
                        true);
    ShowTextAt(Px(16), y, line.description, look);
    ImGui::PopClipRect();
    if (two_rows) {
        ShowTextAt(Px(32), y + ImGui::GetFontSize() + Px(6), second,
                   line.reason_text.empty() ? TextLook::kDim : TextLook::kWarning);
    }
    ShowTextAt(columns.sold, y, line.sold_text, look);
    ShowTextAt(columns.back, y, line.back_text, TextLook::kGood);
    ShowTextRightAt(columns.refund_right, y, line.value_text);
    ImGui::SetCursorPosY(top + row_height);
}

// The selected line's keys: one less, one more, its reason and its condition.
void DrawLineKeys(const app::ReturnsView& view, app::Intents& out) {
    if (!view.selected_line) {
        ShowText(words::kTapALine, TextLook::kDim);
        return;
    }
    const int line = *view.selected_line;
    const float key = Px(190);
    if (TouchButton(words::kLess, ImVec2{key, TouchHeight()}, ButtonLook::kPlain, view.can_less))
        out.emplace_back(app::ChangeReturnQuantity{line, -1});
    ImGui::SameLine();
    if (TouchButton(words::kMore, ImVec2{key, TouchHeight()}, ButtonLook::kPlain, view.can_more))
        out.emplace_back(app::ChangeReturnQuantity{line, +1});
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::PushTextWrapPos(0);
    ShowText(view.selected_text);
    ImGui::PopTextWrapPos();
    if (view.reasons.empty()) return;
    ShowText(words::kReason, TextLook::kDim);
    if (const int reason = DrawChoices(view.reasons, Px(56)); reason >= 0)
        out.emplace_back(app::ChooseReturnReason{line, reason});
    ShowText(words::kCondition, TextLook::kDim);
    if (const int condition = DrawChoices(view.conditions, Px(56)); condition >= 0)
        out.emplace_back(app::ChooseReturnCondition{line, condition});
}

void DrawRefund(const app::ReturnsView& view, app::Intents& out) {
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::PushTextWrapPos(0);
    ShowText(words::kToRefund, TextLook::kDim);
    ShowText(view.value_text, TextLook::kBody, FontSize::kHuge);
    ImGui::Dummy(ImVec2{0, Px(8)});
    ShowText(words::kRefundTo, TextLook::kDim);
    for (const app::ReturnsChoiceView& tender : view.tenders) {
        if (TouchButton(tender.label, ImVec2{width, TouchHeight()},
                        tender.chosen ? ButtonLook::kChosen : ButtonLook::kPlain))
            out.emplace_back(app::ChooseRefundTender{tender.key});
    }
    ShowText(view.approval_note, TextLook::kDim);
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2{0, Px(8)});
    if (TouchButton(view.refund_label, ImVec2{width, Px(110)}, ButtonLook::kPrimary,
                    view.can_refund && !view.busy, {}, FontSize::kLarge))
        out.emplace_back(app::ConfirmRefund{});
    if (TouchButton(words::kExchange, ImVec2{width, TouchHeight()}, ButtonLook::kPlain,
                    view.can_exchange && !view.busy))
        out.emplace_back(app::StartExchange{});
    ImGui::PushTextWrapPos(0);
    if (!view.exchange_note.empty()) ShowText(view.exchange_note, TextLook::kDim);
    ImGui::PopTextWrapPos();
    if (TouchButton(view.back_to_matches ? words::kBackToMatches : words::kFindAnother,
                    ImVec2{width, TouchHeight()}, ButtonLook::kPlain, !view.busy))
        out.emplace_back(app::BackToFind{});
    ImGui::PushTextWrapPos(0);
    ShowReturnsMessage(view);
    ImGui::PopTextWrapPos();
}

}  // namespace

void DrawReturnsOrder(const app::ReturnsView& view, app::Intents& out) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float left_width = area.x * 0.62f;
    ImGui::BeginChild("order_side", ImVec2{left_width, area.y}, false,
                      ImGuiWindowFlags_NoScrollbar);
    ShowText(std::string(words::kOrderTitle) + " " + view.order_number, TextLook::kBody,
             FontSize::kLarge);
    ShowText(view.order_text, TextLook::kDim);
    ImGui::Dummy(ImVec2{0, Px(4)});
    const float width = ImGui::GetContentRegionAvail().x;
    DrawHeader(width);
    const float keys_height = Px(56) * 4 + TouchHeight() + ImGui::GetFontSize() * 2 + Px(70);
    const float row_height = Px(76);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2{0, 0});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2{0, 0});
    BeginPanel("return_lines", ImVec2{0, ImGui::GetContentRegionAvail().y - keys_height});
    const float line_width = ImGui::GetContentRegionAvail().x;
    for (const app::ReturnLineView& line : view.lines) {
        ImGui::PushID(line.line_no);
        DrawLine(line, line_width, row_height, out);
        ImGui::PopID();
    }
    EndPanel();
    ImGui::PopStyleVar(2);
    DrawLineKeys(view, out);
    ImGui::EndChild();

    ImGui::SameLine();
    BeginPanel("refund_side", ImVec2{0, area.y});
    DrawRefund(view, out);
    EndPanel();
}

}  // namespace tillbook::pos::ui
