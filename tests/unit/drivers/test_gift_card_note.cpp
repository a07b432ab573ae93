// The note of a gift card sold at a till (issue 14, point 4): the credit note's layout says GIFT
// CARD, the sale it was sold with and the amount LOADED, prints no balance (a pre-printed card may
// hold more than the till knows) and carries the card's number as its CODE128.
#include <doctest/doctest.h>

#include <algorithm>
#include <string_view>

#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/drivers/receipt_renderer.hpp"

using tillbook::drivers::PrintedKind;
using tillbook::drivers::PrintedLine;

TEST_CASE(
    "issue 14: a gift card's note says GIFT CARD, the sale and the amount loaded, no balance") {
    auto profile = tillbook::drivers::LoadPrinterProfile("epson-tm-t20");
    REQUIRE(profile.has_value());
    const tillbook::money::Currency gbp{"GBP", 2};
    tillbook::drivers::CreditNote note;
    note.header_lines = {"The Corner Shop"};
    note.card_number = "6280431796105670";
    note.amount = tillbook::money::Money(2000, gbp);
    note.balance = tillbook::money::Money(2000, gbp);
    note.order_number = "S01-T1-000018";
    note.terminal = "T1";
    note.cashier = "Alice";
    note.date_time = "06/12/2026 14:03";
    note.gift_card_sold = true;
    const auto lines = tillbook::drivers::LayOutCreditNote(note, *profile);
    REQUIRE(lines.has_value());
    const auto has = [&](std::string_view part) {
        return std::any_of(lines->begin(), lines->end(), [&](const PrintedLine& line) {
            return line.text.find(part) != std::string::npos;
        });
    };
    CHECK(has("GIFT CARD"));
    CHECK_FALSE(has("CREDIT NOTE"));
    CHECK(has("Sold with"));
    CHECK_FALSE(has("Refund of"));
    CHECK(has("S01-T1-000018"));
    CHECK(has("LOADED"));
    CHECK(has("£20.00"));
    CHECK_FALSE(has("Card balance"));
    CHECK(has("this card"));  // "hand this card over", wrapped
    const auto symbol = std::find_if(lines->begin(), lines->end(), [](const PrintedLine& line) {
        return line.kind == PrintedKind::kCode128;
    });
    REQUIRE(symbol != lines->end());
    CHECK(symbol->text == "6280431796105670");
}
