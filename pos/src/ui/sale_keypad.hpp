#pragma once
// The sale screen's numeric keypad: digits for a quantity, a discount ("1.50" or "10%") or a code
// typed by hand, and the keys that use them on the selected line, the whole sale, or as a scan.
#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"
#include "ui/sale_screen.hpp"

namespace tillbook::pos::ui {

// Its height at this window's size.
[[nodiscard]] float SaleKeypadHeight();

void DrawSaleKeypad(const app::SaleView& view, SaleScreenState& state, app::Intents& out);

}  // namespace tillbook::pos::ui
