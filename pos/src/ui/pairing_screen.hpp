#pragma once
// First run: the back office's address, the pairing code it gave, and this till's name.
#include <string>

#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"

namespace tillbook::pos::ui {

struct PairingScreenState {
    std::string office_url;
    std::string code;
    std::string till_name;
    bool filled_from_view = false;  // the view's known address and name copied in once
    bool was_busy = false;          // a pairing was under way last frame
};

void DrawPairingScreen(const app::PairingView& view, PairingScreenState& state, app::Intents& out);

}  // namespace tillbook::pos::ui
