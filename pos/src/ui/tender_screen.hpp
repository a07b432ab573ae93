#pragma once
// Taking payment: "Cash" or "Card" opens the amount field with what is still due, selected, and
// the keyboard focus, so typing replaces it; quick amounts for cash; the terminal's reference for
// a card; "Add payment" for a part, "Complete sale" (or "No receipt"); then the change, large,
// and "New sale".
#include <cstdint>
#include <string>

#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"

namespace tillbook::pos::ui {

struct TenderScreenState {
    std::string amount;
    std::string card_reference;
    std::int64_t entry_seen = -1;  // the view's entry_generation the field was last filled from
    int refills = 0;               // a quick amount put in the field: it is a new field again
    bool focus_amount = false;
    std::string credit_card;  // store credit: the card's number as typed, until it is checked
};

void DrawTenderScreen(const app::TenderView& view, TenderScreenState& state, app::Intents& out);

}  // namespace tillbook::pos::ui
