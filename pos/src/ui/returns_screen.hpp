#pragma once
// The returns desk (Screen::kReturns), one step at a time as the view says: the desk's field for
// a receipt or an order number, the order with its lines (returns_order.cpp), an exchange with the
// sale's own cart and finder (returns_exchange.cpp), a return without a receipt
// (returns_no_receipt.cpp), and what was done.
#include <cstdint>
#include <string>

#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"
#include "ui/sale_screen.hpp"

namespace tillbook::pos::ui {

struct ReturnsScreenState {
    int step_seen = 0;             // the app::ReturnsStep drawn last frame
    std::string code;              // the desk's field
    bool code_focus = true;        // the field asks for the keyboard when the desk shows
    SaleScreenState finder;        // the search box, its hits and the exchange's cart
    std::string value;             // no receipt: the value each being typed
    std::int64_t value_seen = -1;  // the view's no_receipt_generation the field last took
};

void DrawReturnsScreen(const app::TillView& view, ReturnsScreenState& state, app::Intents& out);

// The parts, each in its own file.
void DrawReturnsOrder(const app::ReturnsView& view, app::Intents& out);
void DrawReturnsExchange(const app::TillView& view, ReturnsScreenState& state, app::Intents& out);
void DrawReturnsNoReceipt(const app::TillView& view, ReturnsScreenState& state, app::Intents& out);
void DrawReturnsMatches(const app::ReturnsView& view, app::Intents& out);
// Toggles for a choice of words, wrapping at the panel's edge; answers the key tapped, or -1.
int DrawChoices(const std::vector<app::ReturnsChoiceView>& choices, float height);
// The view's message, wrapped: a problem in the warning colour.
void ShowReturnsMessage(const app::ReturnsView& view);

}  // namespace tillbook::pos::ui
