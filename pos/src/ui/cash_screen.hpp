#pragma once
// The drawer (Screen::kCash): on its first page the X reading of the open shift beside paid in
// and out (an amount and a reason), "Print X report", "No sale" and "Close shift"; then the count
// by denomination (blind when the store says so) and "Finish count"; then the Z reading while the
// Z report prints, and "Sign out".
#include <cstdint>
#include <string>

#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"
#include "ui/cash_count.hpp"

namespace tillbook::pos::ui {

struct CashScreenState {
    int page = 0;  // the app::CashPage drawn last frame: a new page starts afresh
    std::string amount;
    std::string reason;
    std::int64_t entry_seen = -1;  // the view's entry_generation the fields were emptied at
    CashCountState count;
};

void DrawCashScreen(const app::CashView& view, CashScreenState& state, app::Intents& out);

}  // namespace tillbook::pos::ui
