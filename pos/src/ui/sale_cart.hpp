#pragma once
// The sale screen's left side: the cart's lines (tap one to select it), the keys acting on the
// selected line, and the totals with "Pay".
#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"
#include "ui/sale_screen.hpp"

namespace tillbook::pos::ui {

// The cart in a panel `height` high; scrolls a line added since last frame into view. An empty
// cart's panel lists the parked sales when asked (SaleScreenState::show_parked): tap one to recall.
void DrawCartLines(const app::SaleView& view, SaleScreenState& state, float height,
                   app::Intents& out);
// "-", "+", "Remove" for the selected line, "Clear sale", and "Park" (with the cart empty and
// sales parked: "Parked (N)", which lists them in the cart's panel).
void DrawLineKeys(const app::SaleView& view, SaleScreenState& state, app::Intents& out);
// The totals panel and "Pay", `height` high.
void DrawTotals(const app::SaleView& view, float height, app::Intents& out);

}  // namespace tillbook::pos::ui
