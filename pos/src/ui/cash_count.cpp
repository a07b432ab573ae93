#include "ui/cash_count.hpp"

#include <imgui.h>

#include <algorithm>

#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"

namespace tillbook::pos::ui {

namespace {

void DrawRow(const app::DenominationRowView& row, std::size_t index, std::string& count,
             bool enabled, float width, app::Intents& out) {
    const float label_width = Px(90);
    const float field_width = Px(130);
    const float top = ImGui::GetCursorPosY();
    const float left = ImGui::GetCursorPosX();
    ImGui::SetCursorPosY(top + (TouchHeight() - ImGui::GetFontSize()) / 2);
    ImGui::SetCursorPosX(left + label_width - ImGui::CalcTextSize(row.label.c_str()).x - Px(12));
    ShowText(row.label, TextLook::kBody);
    ImGui::SameLine();
    ImGui::SetCursorPos(ImVec2{left + label_width, top});
    ImGui::BeginDisabled(!enabled);
    const std::string id = "count" + std::to_string(index);
    if (TouchField(row.label, id, count, field_width, AmountOptions("0", false)).changed && enabled)
        out.emplace_back(app::CountDenomination{index, count});
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::SetCursorPos(ImVec2{left + label_width + field_width + Px(16),
                               top + (TouchHeight() - ImGui::GetFontSize()) / 2});
    ImGui::PushClipRect(ImGui::GetCursorScreenPos(),
                        ImVec2{ImGui::GetCursorScreenPos().x + width, 1e6f}, true);
    ShowText(row.total_text, TextLook::kDim);
    ImGui::PopClipRect();
    ImGui::SetCursorPos(ImVec2{left, top + TouchHeight() + Px(8)});
}

}  // namespace

void DrawCashCount(const app::CashCountView& view, CashCountState& state, bool enabled, float width,
                   app::Intents& out) {
    state.counts.resize(view.rows.size());
    const std::size_t half = (view.rows.size() + 1) / 2;
    const float column = width / 2;
    const float total_width = column - Px(90) - Px(130) - Px(32);
    const ImVec2 start = ImGui::GetCursorPos();
    float bottom = start.y;
    for (std::size_t row = 0; row < view.rows.size(); ++row) {
        if (row == half) ImGui::SetCursorPos(ImVec2{start.x + column, start.y});
        ImGui::PushID(static_cast<int>(row));
        DrawRow(view.rows[row], row, state.counts[row], enabled, total_width, out);
        ImGui::PopID();
        bottom = std::max(bottom, ImGui::GetCursorPosY());
    }
    ImGui::SetCursorPos(ImVec2{start.x, bottom});
    if (!view.message.empty()) ShowText(view.message, TextLook::kWarning);
}

}  // namespace tillbook::pos::ui
