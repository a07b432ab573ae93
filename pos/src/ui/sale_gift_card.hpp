#pragma once
// Selling a gift card on the sale screen: the "Gift card" key beside the search box, and its form
// in the finder's panel while open (the card's number, scanned or typed or left empty for a new
// card, and the amount to load). The controller checks both (SaleController::AddGiftCard).
#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"
#include "ui/sale_screen.hpp"

namespace tillbook::pos::ui {

[[nodiscard]] float GiftCardKeyWidth();
// On the search box's line: "Gift card", shut while the form is open.
void DrawGiftCardKey(const app::SaleView& view, float width, app::Intents& out);
// The form, in the current panel.
void DrawGiftCardForm(const app::SaleView& view, SaleScreenState& state, app::Intents& out);

}  // namespace tillbook::pos::ui
