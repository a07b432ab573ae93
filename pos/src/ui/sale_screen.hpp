#pragma once
// The sale: the cart on the left (lines with quantity and discount keys, the totals with VAT and a
// big "Pay"), and on the right the search box with its hits, the category quick keys and a
// numeric keypad. Drawn by sale_cart, sale_finder and sale_keypad.
#include <cstddef>
#include <cstdint>
#include <string>

#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"

namespace tillbook::pos::ui {

struct SaleScreenState {
    std::string search;               // the search box's text
    std::string keypad;               // what the keypad has entered: "3", "1.50", "10%"
    std::size_t lines_shown = 0;      // the cart's length last frame: a new line scrolls into view
    bool search_focus_asked = false;  // the search box asked for the keyboard last frame
    bool show_parked = false;         // the empty cart's panel lists the parked sales
    // The gift card's form (sale_gift_card.cpp): its fields, and the view's generation they
    // were last emptied for.
    std::string gift_card_number;
    std::string gift_card_amount;
    std::int64_t gift_card_seen = -1;
};

void DrawSaleScreen(const app::SaleView& view, SaleScreenState& state, app::Intents& out);

}  // namespace tillbook::pos::ui
