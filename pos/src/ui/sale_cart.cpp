#include "ui/sale_cart.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // SetNextWindowScroll: a new line shows in the frame that adds it

#include <string>

#include "ui/theme.hpp"
#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"

namespace tillbook::pos::ui {

namespace {

struct Columns {
    float quantity = 0;
    float price = 0;
    float total_right = 0;
};

Columns CartColumns(float width) {
    return Columns{width * 0.56f, width * 0.70f, width - Px(16)};
}

void DrawHeader(float width) {
    const Columns columns = CartColumns(width);
    const float y = ImGui::GetCursorPosY();
    ShowTextAt(Px(16), y, words::kItem, TextLook::kDim);
    ShowTextAt(columns.quantity, y, words::kQty, TextLook::kDim);
    ShowTextAt(columns.price, y, words::kPrice, TextLook::kDim);
    ShowTextRightAt(columns.total_right, y, words::kTotalColumn, TextLook::kDim);
}

void DrawLine(const app::CartLineView& line, float width, float row_height, app::Intents& out) {
    const Columns columns = CartColumns(width);
    const float top = ImGui::GetCursorPosY();
    if (TouchRow(line.description, std::to_string(line.line_no), line.selected, row_height))
        out.emplace_back(app::SelectLine{line.line_no});
    const float y = top + (row_height - ImGui::GetFontSize()) / 2;
    ImGui::PushClipRect(ImGui::GetWindowPos(),
                        ImVec2{ImGui::GetWindowPos().x + columns.quantity - Px(12),
                               ImGui::GetWindowPos().y + ImGui::GetWindowHeight()},
                        true);
    ShowTextAt(Px(16), y, line.description);
    if (!line.discount_text.empty()) {
        ImGui::SameLine();
        ShowText(line.discount_text, TextLook::kWarning);
    }
    ImGui::PopClipRect();
    ShowTextAt(columns.quantity, y, line.quantity_text);
    if (line.override_text.empty()) {
        ShowTextAt(columns.price, y, line.unit_price_text);
    } else {
        // A price changed at the till: the new price over the old one, in the price column.
        const float half = ImGui::GetFontSize() * 0.6f;
        ShowTextAt(columns.price, y - half, line.unit_price_text);
        ShowTextAt(columns.price, y + half, line.override_text, TextLook::kWarning);
    }
    ShowTextRightAt(columns.total_right, y, line.total_text);
    ImGui::SetCursorPosY(top + row_height);
}

// The parked sales, one full-width button each, in the empty cart's panel.
void DrawParked(const app::SaleView& view, float row_height, app::Intents& out) {
    ImGui::SetCursorPos(ImVec2{Px(16), Px(12)});
    ShowText(words::kRecallHint, TextLook::kDim);
    const float width = ImGui::GetContentRegionAvail().x - Px(32);
    for (const app::ParkedSaleView& parked : view.parked) {
        ImGui::SetCursorPos(ImVec2{Px(16), ImGui::GetCursorPosY() + Px(8)});
        if (TouchButton(parked.label, ImVec2{width, row_height}, ButtonLook::kPlain, true,
                        "parked-" + std::to_string(parked.id)))
            out.emplace_back(app::RecallSale{parked.id});
    }
}

}  // namespace

void DrawCartLines(const app::SaleView& view, SaleScreenState& state, float height,
                   app::Intents& out) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float header = ImGui::GetFontSize() + Px(8);
    DrawHeader(width - ImGui::GetStyle().ScrollbarSize);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + header - ImGui::GetFontSize());

    const float row_height = Px(64);
    const int count = static_cast<int>(view.lines.size());
    // The whole cart's height is known before it is drawn, so a line added since the last frame
    // can be scrolled to now rather than a frame later.
    ImGui::SetNextWindowContentSize(ImVec2{0, static_cast<float>(count) * row_height});
    if (view.lines.size() > state.lines_shown)
        ImGui::SetNextWindowScroll(ImVec2{-1.0f, static_cast<float>(count) * row_height});
    state.lines_shown = view.lines.size();

    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2{0, 0});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2{0, 0});
    BeginPanel("cart", ImVec2{0, height - header});
    const float line_width = ImGui::GetContentRegionAvail().x;
    if (!view.lines.empty() || view.parked.empty()) state.show_parked = false;
    if (state.show_parked) {
        DrawParked(view, row_height, out);
    } else if (view.lines.empty()) {
        ImGui::SetCursorPosY(Px(40));
        ShowTextCentred(words::kEmptyCart, TextLook::kDim);
    }
    ImGuiListClipper clipper;
    clipper.Begin(count, row_height);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& line = view.lines[static_cast<std::size_t>(i)];
            ImGui::PushID(line.line_no);
            DrawLine(line, line_width, row_height, out);
            ImGui::PopID();
        }
    }
    clipper.End();
    EndPanel();
    ImGui::PopStyleVar(2);
}

void DrawLineKeys(const app::SaleView& view, SaleScreenState& state, app::Intents& out) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = ImGui::GetContentRegionAvail().x;
    const float small = Px(96);
    const float wide = (width - 2 * small - 4 * spacing) / 3;
    const ImVec2 size{small, TouchHeight()};
    const bool has_line = view.selected_line.has_value();
    const int line = view.selected_line.value_or(0);
    if (TouchButton(words::kMinus, size, ButtonLook::kPlain, has_line, {}, FontSize::kLarge))
        out.emplace_back(app::ChangeQuantity{line, -1});
    ImGui::SameLine();
    if (TouchButton(words::kPlus, size, ButtonLook::kPlain, has_line, {}, FontSize::kLarge))
        out.emplace_back(app::ChangeQuantity{line, +1});
    ImGui::SameLine();
    if (TouchButton(words::kRemove, ImVec2{wide, TouchHeight()}, ButtonLook::kDanger, has_line))
        out.emplace_back(app::RemoveLine{line});
    ImGui::SameLine();
    if (TouchButton(words::kClearSale, ImVec2{wide, TouchHeight()}, ButtonLook::kDanger,
                    !view.lines.empty()))
        out.emplace_back(app::ClearSale{});
    ImGui::SameLine();
    if (view.lines.empty() && !view.parked.empty()) {
        const std::string parked =
            std::string(words::kParked) + " (" + std::to_string(view.parked.size()) + ")";
        if (TouchButton(parked, ImVec2{wide, TouchHeight()},
                        state.show_parked ? ButtonLook::kChosen : ButtonLook::kPlain))
            state.show_parked = !state.show_parked;
    } else if (TouchButton(words::kPark, ImVec2{wide, TouchHeight()}, ButtonLook::kPlain,
                           view.can_park)) {
        out.emplace_back(app::ParkSale{});
    }
}

void DrawTotals(const app::SaleView& view, float height, app::Intents& out) {
    BeginPanel("totals", ImVec2{0, height});
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x;
    const float pay_width = std::max(Px(300), width * 0.36f);
    const float figures_right = width - pay_width - style.ItemSpacing.x + style.WindowPadding.x;
    const float top = ImGui::GetCursorPosY();

    // The figures as the receipt shows them, then the total, large, under them.
    const auto row = [&](std::string_view left, std::string_view label, std::string_view amount,
                         TextLook look) {
        const float y = ImGui::GetCursorPosY();
        ShowText(left, TextLook::kDim);
        if (amount.empty()) return;
        const float amount_width =
            ImGui::CalcTextSize(amount.data(), amount.data() + amount.size()).x;
        const float label_width = ImGui::CalcTextSize(label.data(), label.data() + label.size()).x;
        ShowTextAt(figures_right - amount_width - Px(16) - label_width, y, label, TextLook::kDim);
        ShowTextRightAt(figures_right, y, amount, look);
    };
    row(view.items_text, words::kSubtotal, view.subtotal_text, TextLook::kBody);
    row(view.vat_text, words::kOrderDiscount, view.order_discount_text, TextLook::kWarning);
    {
        ScopedFont huge(FontSize::kHuge);
        const float y = ImGui::GetWindowHeight() - style.WindowPadding.y - ImGui::GetFontSize();
        const float total_width = ImGui::CalcTextSize(view.total_text.c_str()).x;
        ImGui::SetCursorPos(ImVec2{style.WindowPadding.x, y - Px(4)});
        ShowText(words::kTotal, TextLook::kDim);
        ImGui::SetCursorPos(ImVec2{figures_right - total_width, y});
        ShowText(view.total_text, TextLook::kBody, FontSize::kHuge);
    }

    ImGui::SetCursorPos(ImVec2{width - pay_width + style.WindowPadding.x, top});
    if (TouchButton(words::kPay, ImVec2{pay_width, ImGui::GetContentRegionAvail().y},
                    ButtonLook::kPrimary, view.can_pay, {}, FontSize::kHuge))
        out.emplace_back(app::StartTender{});
    EndPanel();
}

}  // namespace tillbook::pos::ui
