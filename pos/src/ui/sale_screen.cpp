#include "ui/sale_screen.hpp"

#include <imgui.h>

#include "ui/sale_cart.hpp"
#include "ui/sale_finder.hpp"
#include "ui/sale_gift_card.hpp"
#include "ui/sale_keypad.hpp"
#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"

namespace tillbook::pos::ui {

void DrawSaleScreen(const app::SaleView& view, SaleScreenState& state, app::Intents& out) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float left_width = area.x * 0.56f;

    // Left: the cart, the keys for its selected line, the totals and "Pay".
    ImGui::BeginGroup();
    ImGui::PushItemWidth(left_width);
    const float totals_height = Px(210);
    const float cart_height = area.y - totals_height - TouchHeight() - 2 * spacing;
    ImGui::BeginChild("cart_side", ImVec2{left_width, area.y}, false);
    DrawCartLines(view, state, cart_height, out);
    DrawLineKeys(view, state, out);
    DrawTotals(view, totals_height, out);
    ImGui::EndChild();
    ImGui::PopItemWidth();
    ImGui::EndGroup();

    // Right: find things to sell, and the keypad.
    ImGui::SameLine();
    ImGui::BeginChild("finder_side", ImVec2{0, area.y}, false);
    // The search box, and beside it the gift card's key (its form opens below, in the finder).
    const float gift_key = GiftCardKeyWidth();
    DrawSearchBox(state, out,
                  ImGui::GetContentRegionAvail().x - gift_key - ImGui::GetStyle().ItemSpacing.x,
                  !view.gift_card_open);
    DrawGiftCardKey(view, gift_key, out);
    // The gift card's form shows the controller's words itself, wrapped.
    const bool has_message = !view.message.empty() && !view.gift_card_open;
    ImGui::PushTextWrapPos(0);  // a long message takes a second line rather than running off
    ShowText(has_message ? view.message : view.discount_limit_text,
             has_message ? TextLook::kWarning : TextLook::kDim);
    ImGui::PopTextWrapPos();
    const float finder_height = ImGui::GetContentRegionAvail().y - SaleKeypadHeight() - spacing;
    DrawHitsOrQuickKeys(view, state, finder_height, out);
    DrawSaleKeypad(view, state, out);
    ImGui::EndChild();
}

}  // namespace tillbook::pos::ui
