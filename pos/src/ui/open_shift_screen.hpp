#pragma once
// Signed in with no shift open: the opening float, counted note by note and coin by coin (each
// count puts the total into the float field) or typed whole. The float field has the keyboard
// focus from the start, so the cashier may type the amount and tap "Open shift" (or press Enter).
#include <cstdint>
#include <string>

#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"
#include "ui/cash_count.hpp"

namespace tillbook::pos::ui {

struct OpenShiftScreenState {
    std::string amount;
    bool focus_pending = true;     // the field takes the focus when the screen opens
    std::int64_t amount_seen = 0;  // the view's amount_generation the field was last filled from
    CashCountState count;
};

void DrawOpenShiftScreen(const app::OpenShiftView& view, OpenShiftScreenState& state,
                         app::Intents& out);

}  // namespace tillbook::pos::ui
