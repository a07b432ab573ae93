#pragma once
// A drawer counted note by note and coin by coin, in two columns: each note or coin, a field for
// how many (labelled as the note or coin, "£20", so scripts tap it), and what they come to. Used
// by the float prompt and the close. Each change pushes app::CountDenomination.
#include <string>
#include <vector>

#include "tillbook/pos/app/intents.hpp"

namespace tillbook::pos::ui {

struct CashCountState {
    std::vector<std::string> counts;  // as typed, one a row
};

// `width` across both columns; `enabled` false: the count is in (a blind close) and shows as it
// was.
void DrawCashCount(const app::CashCountView& view, CashCountState& state, bool enabled, float width,
                   app::Intents& out);

}  // namespace tillbook::pos::ui
