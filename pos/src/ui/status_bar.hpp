#pragma once
// The strip along the top of every screen: the till and who is signed in, the office (online or
// not), what is unsent, the printer; "Status" and "Lock".
#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"

namespace tillbook::pos::ui {

// Its height at this window's size.
[[nodiscard]] float StatusBarHeight();

// `on_status_screen` hides the "Status" button (the screen has its own "Close").
void DrawStatusBar(const app::StatusBarView& view, bool on_status_screen, app::Intents& out);

}  // namespace tillbook::pos::ui
