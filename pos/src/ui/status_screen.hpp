#pragma once
// The till's state in full: the office and sync, the events the office rejected with its reasons
// (kept, never deleted), and the receipts that did not print with "Reprint" for each.
#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"

namespace tillbook::pos::ui {

struct StatusScreenState {};

void DrawStatusScreen(const app::StatusView& view, bool can_reprint_last, StatusScreenState& state,
                      app::Intents& out);

}  // namespace tillbook::pos::ui
