#pragma once
// The sale screen's right side, top: the search box (search as you type; Enter adds the code
// typed), and below it the search's hits, or the categories, or the chosen category's SKUs.
#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"
#include "ui/sale_screen.hpp"

namespace tillbook::pos::ui {

// The search box, `width` wide (0: the rest of the line); it takes the keyboard when nothing else
// has it, unless `may_take_focus` is false (a form of the screen's own is open).
void DrawSearchBox(SaleScreenState& state, app::Intents& out, float width = 0,
                   bool may_take_focus = true);
// Hits while there is search text, else the categories' keys, or once one is chosen its SKUs'
// quick keys with a key back to every category; in a panel `height` high.
void DrawHitsOrQuickKeys(const app::SaleView& view, SaleScreenState& state, float height,
                         app::Intents& out);

}  // namespace tillbook::pos::ui
