#include "tender_controller.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "shop_text.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/orders/gift_card_line.hpp"

namespace tillbook::pos::app {

namespace {

constexpr std::int64_t kNotes[] = {5, 10, 20, 50};  // in major units

orders::Tender ToTender(TenderKind kind) {
    switch (kind) {
        case TenderKind::kCard:
            return orders::Tender::kCard;
        case TenderKind::kStoreCredit:
            return orders::Tender::kStoreCredit;
        case TenderKind::kCash:
            break;
    }
    return orders::Tender::kCash;
}

// Exact, then the smallest amount in each of the notes above it: 11.45 -> 15, 20, 50.
std::vector<std::string> QuickAmounts(const money::Money& remaining) {
    std::vector<std::string> amounts{money::FormatMoney(remaining)};
    std::vector<std::int64_t> above;
    const long long per_major = money::MinorPerMajor(remaining.GetCurrency());
    for (const std::int64_t note : kNotes) {
        const std::int64_t step = note * per_major;
        const std::int64_t next = (remaining.Minor() / step + 1) * step;
        if (std::find(above.begin(), above.end(), next) == above.end()) above.push_back(next);
    }
    std::sort(above.begin(), above.end());
    for (const std::int64_t amount : above)
        amounts.push_back(money::FormatMoney(money::Money(amount, remaining.GetCurrency())));
    return amounts;
}

// `cards`: each store-credit payment's card, by its redemption; only the last digits are shown.
std::string TenderText(const orders::TenderedPayment& payment,
                       const std::map<std::string, std::string>& cards) {
    if (payment.tender == orders::Tender::kCard)
        return payment.reference.empty() ? "Card" : "Card ref " + payment.reference;
    if (payment.tender == orders::Tender::kStoreCredit) {
        const auto card = cards.find(payment.reference);
        return card == cards.end() ? "Store credit"
                                   : "Store credit " + credit::CardNumberTail(card->second);
    }
    return "Cash";
}

}  // namespace

std::optional<money::Money> TenderController::Due() const {
    const auto& priced = m_sale.Priced();
    if (!priced) return std::nullopt;
    return priced->totals.total;
}

orders::Settlement TenderController::Settled() const {
    const money::Money due = Due().value_or(money::Money(0, m_context.currency));
    auto settled = orders::SettleTenders(due, m_payments);
    if (settled) return *settled;
    return {{}, money::Money(0, due.GetCurrency()), due, money::Money(0, due.GetCurrency())};
}

bool TenderController::Start() {
    if (m_sale.GetCart().Empty() || !Due()) return false;
    if (m_payments.empty()) {
        Reset();
    } else {
        m_entering.reset();  // back from the sale: the payments taken stay
        ForgetCard();
        Say("");
    }
    Refresh();
    return true;
}

void TenderController::Reset() {
    if (!Completed()) GiveBackAll();
    ForgetCard();
    m_payments.clear();
    m_credit_cards.clear();
    m_entering.reset();
    m_context.view.tender = TenderView{};
    m_context.view.tender.entry_generation = m_generation;
}

void TenderController::Choose(TenderKind tender) {
    if (Completed()) return;
    if (tender == TenderKind::kStoreCredit && m_sale.SellsGiftCard()) {
        Say("Store credit cannot pay for a gift card: credit is not bought with credit. Take cash "
            "or card");
        Refresh();
        return;
    }
    ForgetCard();
    m_entering = tender;
    ++m_generation;
    Say("");
    Refresh();
}

bool TenderController::AddPayment(const std::string& amount_text,
                                  const std::string& card_reference) {
    if (Completed() || !m_entering) return false;
    const auto due = Due();
    if (!due) return false;
    auto amount = money::ParseMoney(amount_text, due->GetCurrency());
    if (!amount || amount->Minor() <= 0) {
        Say("Type an amount like " + money::FormatMoney(Settled().remaining));
        return false;
    }
    // Store credit is a payment only once the office has taken it off the card.
    if (*m_entering == TenderKind::kStoreCredit) return RedeemCredit(*amount);
    std::vector<orders::TenderedPayment> payments = m_payments;
    payments.push_back({ToTender(*m_entering), *amount, card_reference});
    auto settled = orders::SettleTenders(*due, payments);
    if (!settled) {
        const bool card = *m_entering == TenderKind::kCard;
        Say(card ? "A card payment can be at most the " + Amount(Settled().remaining) + " still due"
                 : settled.error().message);
        return false;
    }
    m_payments = std::move(payments);
    m_entering.reset();
    Say(settled->Covered() ? "" : Amount(settled->remaining) + " still due");
    Refresh();
    return true;
}

void TenderController::RemovePayment(int index) {
    if (Completed() || index < 0 || static_cast<std::size_t>(index) >= m_payments.size()) return;
    if (m_payments[static_cast<std::size_t>(index)].tender == orders::Tender::kStoreCredit) {
        GiveBackCredit(index);  // removed once the office has given it back
        return;
    }
    m_payments.erase(m_payments.begin() + index);
    Say("");
    Refresh();
}

bool TenderController::Complete(const CompleteSale& request) {
    if (Completed() || !m_context.journal || !m_context.cashier) return false;
    if (WaitingForCredit()) {
        Say("Waiting for the office's answer about store credit");
        Refresh();
        return false;
    }
    // The amount field is a payment only while something is still due: a field left showing
    // "0.00" after the payments covered the sale is not one; nor is it before a store-credit
    // card's balance is known.
    const bool no_card = m_entering == TenderKind::kStoreCredit && !m_card;
    if (m_entering && !no_card && !request.amount_text.empty() && !Settled().Covered() &&
        !AddPayment(request.amount_text, request.card_reference))
        return false;
    const orders::Settlement settled = Settled();
    const auto& priced = m_sale.Priced();
    if (!priced) return false;
    if (!settled.Covered()) {
        Say(Amount(settled.remaining) + " still due");
        Refresh();
        return false;
    }
    const auto lines = Cart::SaleLines(m_sale.GetCart(), *priced);
    auto sale = m_context.journal->PlaceSale(
        lines, m_payments, ledger::Actor{m_context.cashier->staff_id, m_sale.Approver()});
    if (!sale) {
        Say("The sale was not saved: " + sale.error().message);
        Refresh();
        return false;
    }
    TenderView& view = m_context.view.tender;
    view.completed = true;
    view.change_text = sale->change.IsZero() ? "" : "Change " + Amount(sale->change);
    Say("");
    // The sale is in the journal (synchronous=FULL): now the drawer, the receipt, the office.
    const bool cash = std::any_of(m_payments.begin(), m_payments.end(),
                                  [](const auto& p) { return p.tender == orders::Tender::kCash; });
    if (cash) m_context.devices.KickDrawer();
    m_receipts.SaleCompleted({sale->order, settled.payments, m_context.cashier->display_name,
                              DateTime(sale->order.placed_at, m_context.time_zone), false},
                             request.print_receipt);
    PrintGiftCards(sale->order);
    m_context.sync.Nudge();
    Refresh();
    return true;
}

// Each gift card the sale loaded gets its note, whatever became of the receipt: it is the
// customer's card (a new number is known nowhere else) and says what was loaded on it.
void TenderController::PrintGiftCards(const orders::Order& order) {
    std::vector<std::string> tails;
    for (const orders::OrderLine& line : order.lines) {
        if (line.kind != orders::LineKind::kGiftCard) continue;
        m_context.devices.PrintCreditNote({line.sku, line.unit_price, line.unit_price, order.number,
                                           m_context.cashier->display_name,
                                           DateTime(order.placed_at, m_context.time_zone), true});
        tails.push_back(credit::CardNumberTail(line.sku));
    }
    if (tails.empty()) return;
    std::string cards;
    for (const std::string& tail : tails)
        cards += (cards.empty() ? "" : ", ") + tail;
    Say("Gift card " + cards + " loaded: hand over the card with its note");
}

void TenderController::Refresh() {
    TenderView& view = m_context.view.tender;
    const auto due = Due();
    if (!due) return;
    const orders::Settlement settled = Settled();
    view.due_text = Amount(*due);
    view.paid_text = Amount(settled.paid);
    view.remaining_text = Amount(settled.remaining);
    view.payments.clear();
    for (std::size_t i = 0; i < m_payments.size(); ++i)
        view.payments.push_back(
            {TenderText(m_payments[i], m_credit_cards), Amount(m_payments[i].given)});
    view.entering = view.completed ? std::nullopt : m_entering;
    if (view.entry_generation != m_generation) {
        view.entry_generation = m_generation;
        view.amount_prefill = money::FormatMoney(settled.remaining);
    }
    view.quick_amounts.clear();
    if (m_entering == TenderKind::kCash && !settled.Covered())
        view.quick_amounts = QuickAmounts(settled.remaining);
    view.can_complete = !view.completed && (settled.Covered() || m_entering.has_value());
    view.receipt_text = view.completed ? m_receipts.LastText() : "";
    ShowCredit();
}

}  // namespace tillbook::pos::app
