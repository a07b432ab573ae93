#pragma once
// The sale screen's right side, top: the search box (search as you type; Enter adds the code
// typed), and below it the search's hits, or the categories, or the chosen category's SKUs.
#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"
#include "ui/sale_screen.hpp"

namespace tillbook::pos::ui {

void DrawSearchBox(SaleScreenState& state, app::Intents& out);
// Hits while there is search text, else the categories' keys, or once one is chosen its SKUs'
// quick keys with a key back to every category; in a panel `height` high.
void DrawHitsOrQuickKeys(const app::SaleView& view, SaleScreenState& state, float height,
                         app::Intents& out);

}  // namespace tillbook::pos::ui
