// The returns desk's exchange: the chosen lines come back and pay for new goods, scanned into the
// sale screen's own cart; one ExchangeCompleted settles the difference with one tender.
#include <fmt/format.h>

#include "returns_controller.hpp"
#include "shop_text.hpp"
#include "tillbook/credit/card_number.hpp"

namespace tillbook::pos::app {

// This till's own sales only: an exchange is one event in the journal, which holds only them.
void ReturnsController::StartExchange() {
    if (m_step != ReturnsStep::kOrder || !m_choice || m_choice->Empty() || !m_own) return;
    m_sale.Clear();
    m_step = ReturnsStep::kExchange;
    m_tender.reset();
    Say("Scan or search the new goods", false);
    Refresh();
}

// New goods less the goods back: > 0 the customer pays, < 0 the shop refunds.
std::optional<money::Money> ReturnsController::ExchangeDifference() const {
    if (!m_choice) return std::nullopt;
    auto credit = m_choice->Value();
    if (!credit) return std::nullopt;
    money::Money new_goods(0, credit->GetCurrency());
    if (!m_sale.GetCart().Empty()) {
        if (!m_sale.Priced()) return std::nullopt;
        new_goods = m_sale.Priced()->totals.total;
    }
    auto difference = new_goods.Minus(*credit);
    if (!difference) return std::nullopt;
    return *difference;
}

std::vector<RefundTender> ReturnsController::ExchangeTenders() const {
    const auto difference = ExchangeDifference();
    if (!difference || difference->IsZero() || !m_choice) return {};
    if (!difference->IsNegative()) return m_policy.PayTenders();
    // As at the returns desk: store credit goes onto a new card, whose note prints (Exchange).
    return m_policy.RefundTenders({m_choice->Order().channel, m_paid_with});
}

void ReturnsController::ConfirmExchange() {
    if (m_step != ReturnsStep::kExchange || !m_choice || m_office != 0) return;
    if (m_sale.GetCart().Empty()) {
        Say("Scan the new goods first");
        Refresh();
        return;
    }
    const auto difference = ExchangeDifference();
    if (!difference) {
        Say("This exchange cannot be priced");
        Refresh();
        return;
    }
    if (!difference->IsZero() && !Chosen(ExchangeTenders())) {
        Say(difference->IsNegative() ? "Choose how the difference goes back"
                                     : "Choose how the customer pays");
        Refresh();
        return;
    }
    if (difference->IsNegative() && -difference->Minor() > m_policy.approval_above.Minor()) {
        m_approval.Ask("Refund " + Amount(*difference->Negated()) + " on an exchange",
                       "Refunds above " + Amount(m_policy.approval_above) + " need a manager",
                       [this](const Approver& approver) { Exchange(approver.staff_id); });
        return;
    }
    Exchange("");
}

void ReturnsController::Exchange(const std::string& approver) {
    if (!m_choice || !m_context.journal || !m_context.cashier) return;
    const auto tender = Chosen(ExchangeTenders());
    const orders::Return ret = m_choice->ToReturn(m_context.ids.NextString(),
                                                  m_context.journal->Identity().store_location_id);
    std::vector<orders::SaleItem> new_goods;
    for (const CartLine& line : m_sale.GetCart().Lines())
        new_goods.push_back(line.item);
    const std::string channel = m_choice->Order().channel;
    auto done = m_context.journal->CompleteExchange(
        ret, new_goods, tender, ledger::Actor(m_context.cashier->staff_id, approver));
    if (!done) {
        Say("The exchange was not saved: " + done.error().message);
        Refresh();
        return;
    }
    std::string title = "Exchange complete: even, nothing to pay";
    if (!done->paid.IsZero()) {
        title = fmt::format("Exchange complete: customer paid {} by {}", Amount(done->paid),
                            TenderWord(tender->tender));
    } else if (!done->refunded.IsZero()) {
        title = fmt::format("Exchange complete: refunded {} {}", Amount(done->refunded),
                            tender->tender == orders::Tender::kCash
                                ? std::string("in cash")
                                : "to " + TenderWord(tender->tender, channel));
    }
    if (!done->credit_card.empty()) {
        // The difference went onto a new card (services::CompleteExchange made its number): the
        // note is the customer's only copy of it.
        m_context.devices.PrintCreditNote({done->credit_card, done->refunded, done->refunded,
                                           m_choice->Order().number,
                                           m_context.cashier->display_name,
                                           DateTime(m_context.clock.Now(), m_context.time_zone)});
        title = fmt::format(
            "Exchange complete: refunded {} to store credit: card {}, its credit note is printing",
            Amount(done->refunded), credit::CardNumberTail(done->credit_card));
    }
    // The new sale's receipt: the goods back pay for it, then what the customer paid.
    std::vector<orders::Payment> payments;
    const money::Money applied = done->refunded.IsZero() ? done->credit : done->new_total;
    if (!applied.IsZero())
        payments.push_back({orders::Tender::kExchangeCredit, applied, applied, "", ""});
    if (!done->paid.IsZero()) payments.push_back({tender->tender, done->paid, done->paid, "", ""});
    const bool cash = tender && tender->tender == orders::Tender::kCash &&
                      !(done->paid.IsZero() && done->refunded.IsZero());
    m_sale.Clear();
    Finish({std::move(title), cash,
            ReceiptRequest{done->new_order, std::move(payments), m_context.cashier->display_name,
                           DateTime(done->new_order.placed_at, m_context.time_zone), false}});
}

}  // namespace tillbook::pos::app
