// The sale screen's gift card: a pre-printed card scanned or typed, or a new number made here, put
// in the cart loaded with the amount typed (orders::GiftCardItem). The ledger credits the card
// when the sale is handed over; the credit note prints then (TenderController::Complete).
#include <fmt/format.h>

#include <algorithm>

#include "sale_controller.hpp"
#include "shop_text.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/orders/gift_card_line.hpp"

namespace tillbook::pos::app {

namespace {

// The most one card is loaded with at the counter: a typo of two zeros too many is caught.
constexpr std::int64_t kMostMajorUnits = 1000;

}  // namespace

void SaleController::ShowGiftCardForm(bool open, const std::string& prefill) {
    SaleView& view = m_context.view.sale;
    view.gift_card_open = open;
    view.gift_card_prefill = prefill;
    ++view.gift_card_generation;
}

void SaleController::OpenGiftCard() {
    ShowGiftCardForm(true, "");
    Say("Scan or type a pre-printed card, or leave the number empty for a new card");
}

void SaleController::CancelGiftCard() {
    ShowGiftCardForm(false, "");
    Say("");
}

void SaleController::AddGiftCard(const std::string& card_text, const std::string& amount_text) {
    if (!m_context.view.sale.gift_card_open) return;
    const bool typed = card_text.find_first_not_of(' ') != std::string::npos;
    std::string card;
    if (typed) {
        auto valid = credit::ValidCardNumber(card_text);
        if (!valid) {
            Say("Gift card: " + valid.error().message);
            return;
        }
        card = *valid;
    }
    auto amount = money::ParseMoney(amount_text, m_context.currency);
    const long long most = kMostMajorUnits * money::MinorPerMajor(m_context.currency);
    if (!amount || amount->Minor() <= 0) {
        Say("Type the amount to load on the gift card, like 20.00");
        return;
    }
    if (amount->Minor() > most) {
        Say("A gift card is loaded with at most " + Amount(money::Money(most, m_context.currency)) +
            " at the till");
        return;
    }
    const bool in_cart =
        typed && std::any_of(m_cart.Lines().begin(), m_cart.Lines().end(), [&](const CartLine& l) {
            return l.item.kind == orders::LineKind::kGiftCard && l.item.sku.code == card;
        });
    if (in_cart) {
        Say("Card " + credit::CardNumberTail(card) + " is in this sale already");
        return;
    }
    if (!typed) card = credit::NewCardNumber();
    ShowGiftCardForm(false, "");
    Add(orders::GiftCardItem(card, *amount));
    Say(fmt::format("Card {} added: its note prints with the sale", credit::CardNumberTail(card)));
}

bool SaleController::SellsGiftCard() const {
    return std::any_of(m_cart.Lines().begin(), m_cart.Lines().end(), [](const CartLine& line) {
        return line.item.kind == orders::LineKind::kGiftCard;
    });
}

bool SaleController::RefusedForGiftCard(const CartLine& line, std::string_view what) {
    if (line.item.kind != orders::LineKind::kGiftCard) return false;
    Say(fmt::format("A gift card {}: remove it and add it again to change it", what));
    return true;
}

}  // namespace tillbook::pos::app
