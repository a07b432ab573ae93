#pragma once
// Signed in with no shift open: the opening float. Its amount field has the keyboard focus from
// the start, so the cashier types the amount and taps "Open shift" (or presses Enter).
#include <string>

#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"

namespace tillbook::pos::ui {

struct OpenShiftScreenState {
    std::string amount;
    bool focus_pending = true;  // the field takes the focus when the screen opens
};

void DrawOpenShiftScreen(const app::OpenShiftView& view, OpenShiftScreenState& state,
                         app::Intents& out);

}  // namespace tillbook::pos::ui
