// A return without a receipt: the items scanned or searched on the left, each at a value agreed
// at the desk (tap one to change its value, quantity or condition), the total within the store's
// limit and the refund a manager approves; the sale's search box and quick keys on the right.
#include <imgui.h>

#include <string>

#include "ui/returns_screen.hpp"
#include "ui/sale_finder.hpp"
#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"
#include "ui/words_returns.hpp"

namespace tillbook::pos::ui {

namespace {

void DrawItems(const app::ReturnsView& view, float height, app::Intents& out) {
    const float row_height = Px(64);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2{0, 0});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2{0, 0});
    BeginPanel("no_receipt_items", ImVec2{0, height});
    const float width = ImGui::GetContentRegionAvail().x;
    if (view.no_receipt_lines.empty()) {
        ImGui::SetCursorPosY(Px(40));
        ShowTextCentred(words::kNoReceiptEmpty, TextLook::kDim);
    }
    for (const app::NoReceiptLineView& line : view.no_receipt_lines) {
        ImGui::PushID(line.index);
        const float top = ImGui::GetCursorPosY();
        if (TouchRow(line.description, std::to_string(line.index), line.selected, row_height))
            out.emplace_back(app::SelectNoReceiptLine{line.index});
        const float y = top + (row_height - ImGui::GetFontSize()) / 2;
        ImGui::SetCursorPos(ImVec2{Px(16), y});
        ImGui::PushClipRect(ImGui::GetWindowPos(),
                            ImVec2{ImGui::GetWindowPos().x + width * 0.55f - Px(12),
                                   ImGui::GetWindowPos().y + ImGui::GetWindowHeight()},
                            true);
        ShowText(line.description);
        ImGui::PopClipRect();
        ImGui::SetCursorPos(ImVec2{width * 0.55f, y});
        ShowText(line.quantity_text + " x " + line.value_text, TextLook::kDim);
        const float total = ImGui::CalcTextSize(line.total_text.c_str()).x;
        ImGui::SetCursorPos(ImVec2{width - Px(16) - total, y});
        ShowText(line.total_text);
        ImGui::SetCursorPosY(top + row_height);
        ImGui::PopID();
    }
    EndPanel();
    ImGui::PopStyleVar(2);
}

// The selected item's keys: one less, one more, its value each, its condition.
void DrawItemKeys(const app::ReturnsView& view, ReturnsScreenState& state, app::Intents& out) {
    if (!view.no_receipt_selected) return;
    const int index = *view.no_receipt_selected;
    if (view.no_receipt_generation != state.value_seen) {
        state.value_seen = view.no_receipt_generation;
        state.value = view.no_receipt_value_prefill;
    }
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float key = Px(96);
    if (TouchButton(words::kMinus, ImVec2{key, TouchHeight()}, ButtonLook::kPlain, true, {},
                    FontSize::kLarge))
        out.emplace_back(app::ChangeNoReceiptQuantity{index, -1});
    ImGui::SameLine();
    if (TouchButton(words::kPlus, ImVec2{key, TouchHeight()}, ButtonLook::kPlain, true, {},
                    FontSize::kLarge))
        out.emplace_back(app::ChangeNoReceiptQuantity{index, +1});
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ShowText(words::kValueEach);
    ImGui::SameLine();
    const float set_width = Px(180);
    const auto field = TouchField(words::kValueEach, "value_each", state.value,
                                  ImGui::GetContentRegionAvail().x - set_width - spacing,
                                  AmountOptions({}, false));
    ImGui::SameLine();
    if (TouchButton(words::kSetValue, ImVec2{set_width, TouchHeight()}) || field.submitted)
        out.emplace_back(app::SetNoReceiptValue{index, state.value});
    ShowText(words::kCondition, TextLook::kDim);
    if (const int condition = DrawChoices(view.conditions, Px(56)); condition >= 0)
        out.emplace_back(app::ChooseReturnCondition{index, condition});
}

// The total, the store's limit, and the refund a manager approves: `height` high.
float RefundHeight() {
    const float line = ImGui::GetTextLineHeightWithSpacing();
    return line * 4 + Px(96) + TouchHeight() + ImGui::GetStyle().ItemSpacing.y * 2;
}

void DrawRefund(const app::ReturnsView& view, app::Intents& out) {
    const float width = ImGui::GetContentRegionAvail().x;
    ShowText(words::kToRefund, TextLook::kDim);
    ImGui::SameLine();
    ShowTextRight(view.no_receipt_total_text, TextLook::kBody, FontSize::kLarge);
    ImGui::PushTextWrapPos(0);
    ShowText(view.no_receipt_limit_text, TextLook::kDim);
    ShowText(words::kManagerNeeded, TextLook::kDim);
    ImGui::PopTextWrapPos();
    if (TouchButton(words::kRefundNoReceipt, ImVec2{width, Px(96)}, ButtonLook::kPrimary,
                    view.can_refund_no_receipt, {}, FontSize::kLarge))
        out.emplace_back(app::ConfirmNoReceipt{});
    if (TouchButton(words::kFindAnother, ImVec2{width, TouchHeight()}))
        out.emplace_back(app::BackToFind{});
}

}  // namespace

void DrawReturnsNoReceipt(const app::TillView& view, ReturnsScreenState& state, app::Intents& out) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float left_width = area.x * 0.56f;
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("no_receipt_side", ImVec2{left_width, area.y}, false,
                      ImGuiWindowFlags_NoScrollbar);
    ShowText(words::kNoReceiptTitle, TextLook::kBody, FontSize::kLarge);
    const float keys_height =
        TouchHeight() + Px(56) + ImGui::GetTextLineHeightWithSpacing() + 3 * spacing;
    DrawItems(view.returns, ImGui::GetContentRegionAvail().y - keys_height, out);
    DrawItemKeys(view.returns, state, out);
    ImGui::EndChild();

    ImGui::SameLine();
    ImGui::BeginChild("no_receipt_finder", ImVec2{0, area.y}, false, ImGuiWindowFlags_NoScrollbar);
    DrawSearchBox(state.finder, out);
    ImGui::PushTextWrapPos(0);
    ShowReturnsMessage(view.returns);
    ImGui::PopTextWrapPos();
    DrawHitsOrQuickKeys(view.sale, state.finder,
                        ImGui::GetContentRegionAvail().y - RefundHeight() - spacing, out);
    DrawRefund(view.returns, out);
    ImGui::EndChild();
}

}  // namespace tillbook::pos::ui
