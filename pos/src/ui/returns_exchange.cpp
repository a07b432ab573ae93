// An exchange at the returns desk: what comes back and the new goods (the sale's own cart, with
// its keys) on the left with the difference and how it is settled; the sale's search box and
// quick keys on the right, as on the sale screen.
#include <imgui.h>

#include <string>

#include "ui/returns_screen.hpp"
#include "ui/sale_cart.hpp"
#include "ui/sale_finder.hpp"
#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"
#include "ui/words_returns.hpp"

namespace tillbook::pos::ui {

namespace {

void DrawGoodsBack(const app::ReturnsView& view) {
    ShowText(std::string(words::kGoodsBack) + " (" + std::string(words::kOrderTitle) + " " +
                 view.order_number + ")",
             TextLook::kDim);
    for (const app::ReturnLineView& line : view.lines) {
        if (line.back_text.empty()) continue;
        ShowText(line.back_text + " x " + line.description);
        ImGui::SameLine();
        ShowTextRight(line.value_text);
    }
    ShowTextRight(view.credit_text, TextLook::kGood);
}

void DrawNewGoodsKeys(const app::SaleView& sale, app::Intents& out) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float small = Px(96);
    const float wide = ImGui::GetContentRegionAvail().x - 2 * small - 2 * spacing;
    const bool has_line = sale.selected_line.has_value();
    const int line = sale.selected_line.value_or(0);
    if (TouchButton(words::kMinus, ImVec2{small, TouchHeight()}, ButtonLook::kPlain, has_line, {},
                    FontSize::kLarge))
        out.emplace_back(app::ChangeQuantity{line, -1});
    ImGui::SameLine();
    if (TouchButton(words::kPlus, ImVec2{small, TouchHeight()}, ButtonLook::kPlain, has_line, {},
                    FontSize::kLarge))
        out.emplace_back(app::ChangeQuantity{line, +1});
    ImGui::SameLine();
    if (TouchButton(words::kRemove, ImVec2{wide, TouchHeight()}, ButtonLook::kDanger, has_line))
        out.emplace_back(app::RemoveLine{line});
}

void DrawSettle(const app::ReturnsView& view, app::Intents& out) {
    const float width = ImGui::GetContentRegionAvail().x;
    ShowText(view.new_goods_text, TextLook::kDim);
    ShowText(view.difference_text, TextLook::kBody, FontSize::kLarge);
    if (!view.exchange_tenders.empty()) {
        // The label over the choices: three of them ("Store credit (new card)" too) fill a row.
        ShowText(words::kSettleWith, TextLook::kDim);
        if (const int tender = DrawChoices(view.exchange_tenders, TouchHeight()); tender >= 0)
            out.emplace_back(app::ChooseRefundTender{tender});
    }
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float back_width = Px(280);
    if (TouchButton(words::kBackToOrder, ImVec2{back_width, Px(96)}, ButtonLook::kPlain,
                    !view.busy))
        out.emplace_back(app::BackToFind{});
    ImGui::SameLine();
    if (TouchButton(words::kCompleteExchange, ImVec2{width - back_width - spacing, Px(96)},
                    ButtonLook::kPrimary, view.can_complete_exchange && !view.busy, {},
                    FontSize::kLarge))
        out.emplace_back(app::ConfirmExchange{});
}

}  // namespace

void DrawReturnsExchange(const app::TillView& view, ReturnsScreenState& state, app::Intents& out) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float left_width = area.x * 0.56f;
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("exchange_side", ImVec2{left_width, area.y}, false);
    float back = 0;
    for (const app::ReturnLineView& line : view.returns.lines)
        back += line.back_text.empty() ? 0.0f : 1.0f;
    BeginPanel("goods_back",
               ImVec2{0, ImGui::GetTextLineHeightWithSpacing() * (back + 2) + Px(24)});
    DrawGoodsBack(view.returns);
    EndPanel();
    ShowText(words::kNewGoods, TextLook::kDim);
    const float settle_height = Px(96) + TouchHeight() + ImGui::GetFontSize() * 3 + Px(40) +
                                ImGui::GetTextLineHeightWithSpacing();
    const float cart_height =
        ImGui::GetContentRegionAvail().y - settle_height - TouchHeight() - 2 * spacing;
    DrawCartLines(view.sale, state.finder, cart_height, out);
    DrawNewGoodsKeys(view.sale, out);
    DrawSettle(view.returns, out);
    ImGui::EndChild();

    ImGui::SameLine();
    ImGui::BeginChild("exchange_finder", ImVec2{0, area.y}, false);
    DrawSearchBox(state.finder, out);
    ImGui::PushTextWrapPos(0);
    if (!view.sale.message.empty()) {
        ShowText(view.sale.message, TextLook::kWarning);
    } else {
        ShowReturnsMessage(view.returns);
    }
    ImGui::PopTextWrapPos();
    DrawHitsOrQuickKeys(view.sale, state.finder, ImGui::GetContentRegionAvail().y, out);
    ImGui::EndChild();
}

}  // namespace tillbook::pos::ui
