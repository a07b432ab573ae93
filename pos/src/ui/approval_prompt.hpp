#pragma once
// A manager's approval, drawn in place of the screen while it is asked for: what is to be
// approved and why, the PIN pad, and "Cancel". The screen underneath keeps its state.
#include <string>

#include "tillbook/pos/app/intents.hpp"

namespace tillbook::pos::ui {

struct ApprovalPromptState {
    std::string pin;
};

void DrawApprovalPrompt(const app::ApprovalView& view, ApprovalPromptState& state,
                        app::Intents& out);

}  // namespace tillbook::pos::ui
