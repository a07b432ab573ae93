// The tender screen's store credit (issue 14): a card's number typed or scanned and checked by the
// shop's rule, its balance asked of the office, the amount (at most the balance and what is still
// due) taken off the card at the office, and only then a kStoreCredit payment naming that
// redemption. A payment removed, or a tender left before the sale completes, gives its redemption
// back. Every question goes through SyncPort to the office desk's thread: the frame never waits.
// Only a card's last four digits are ever shown; the number is kept in memory for the sale only.
#include <algorithm>

#include "shop_text.hpp"
#include "tender_controller.hpp"
#include "tillbook/credit/card_number.hpp"

namespace tillbook::pos::app {

namespace {

constexpr const char* kNoOffice =
    "Store credit needs the back office, which cannot be reached: take another tender";
constexpr const char* kChecking = "Checking the card with the office…";

// A card number refused before the office is asked, in the cashier's words; a mistyped number
// is not repeated whole on screen.
std::string NotACardNumber(const Error& error, std::string_view typed) {
    if (error.message.find("mistyped") != std::string::npos)
        return "Card number " + credit::CardNumberTail(typed) + " is mistyped: check it";
    std::string message = error.message;
    if (!message.empty()) message[0] = static_cast<char>(std::toupper(message[0]));
    return message;
}

}  // namespace

bool TenderController::TakesCardNumber() const {
    return !Completed() && m_entering == TenderKind::kStoreCredit && !m_card && m_checking == 0;
}

// Only this sale's questions: a redemption of a sale since left, still being given back, holds
// nothing up.
bool TenderController::WaitingForCredit() const {
    if (m_checking != 0 || m_redeeming != 0) return true;
    return std::any_of(m_payments.begin(), m_payments.end(), [&](const auto& payment) {
        return std::any_of(m_giving_back.begin(), m_giving_back.end(),
                           [&](const auto& asked) { return asked.second == payment.reference; });
    });
}

void TenderController::ForgetCard() {
    m_card.reset();
    m_checking = 0;  // its answer, if it comes, is for a card no longer wanted
}

void TenderController::CheckCredit(const std::string& card_text) {
    if (Completed() || m_entering != TenderKind::kStoreCredit || m_redeeming != 0) return;
    auto number = credit::ValidCardNumber(card_text);
    if (!number) {
        Say(NotACardNumber(number.error(), card_text));
        Refresh();
        return;
    }
    ForgetCard();
    m_checking = m_context.sync.CheckCredit(*number);
    Say(m_checking == 0 ? kNoOffice : kChecking);
    Refresh();
}

void TenderController::OnCreditBalance(const CreditBalanceReport& report) {
    if (report.request == 0 || report.request != m_checking) return;
    m_checking = 0;
    if (!report.reached) {
        Say(kNoOffice);
    } else if (!report.found) {
        Say("Store credit refused: " + report.message);
    } else if (report.currency != m_context.currency.code) {
        Say("Card " + credit::CardNumberTail(report.card_number) + " holds " + report.currency +
            ": it cannot pay for a sale in " + m_context.currency.code);
    } else if (report.balance_minor <= 0) {
        Say("Card " + credit::CardNumberTail(report.card_number) +
            " holds nothing: take another tender");
    } else {
        m_card =
            CreditCard{report.card_number, money::Money(report.balance_minor, m_context.currency)};
        // The amount field opens anew with the lesser of the balance and what is still due.
        ++m_generation;
        Say("");
    }
    Refresh();
}

bool TenderController::RedeemCredit(const money::Money& amount) {
    if (!m_card) {
        Say("Scan or type the card's number first");
        return false;
    }
    if (WaitingForCredit()) {
        Say(kChecking);
        return false;
    }
    const std::string tail = credit::CardNumberTail(m_card->number);
    if (amount.Minor() > m_card->balance.Minor()) {
        Say("Card " + tail + " holds only " + Amount(m_card->balance));
        return false;
    }
    const money::Money remaining = Settled().remaining;
    if (amount.Minor() > remaining.Minor()) {
        Say("Store credit can be at most the " + Amount(remaining) + " still due");
        return false;
    }
    m_redeeming = m_context.sync.RedeemCredit(
        {m_card->number, amount, m_context.cashier ? m_context.cashier->staff_id : "", "sale"});
    Say(m_redeeming == 0 ? kNoOffice : kChecking);
    Refresh();
    return false;  // the payment is taken when the office answers (OnCreditRedemption)
}

void TenderController::OnCreditRedemption(const CreditRedemptionReport& report) {
    if (report.request == 0) return;
    if (report.action == CreditAction::kCancel) {
        GivenBack(report);
        return;
    }
    if (m_abandoned.erase(report.request) > 0) {
        // The tender was left while the office took the credit: it goes straight back.
        if (report.accepted)
            m_giving_back.emplace(
                m_context.sync.CancelCreditRedemption(
                    report.redemption_id, m_context.cashier ? m_context.cashier->staff_id : ""),
                report.redemption_id);
        return;
    }
    if (report.request != m_redeeming) return;
    m_redeeming = 0;
    TakeRedemption(report);
    Refresh();
}

void TenderController::TakeRedemption(const CreditRedemptionReport& report) {
    if (!report.reached) {
        Say(kNoOffice);
        return;
    }
    if (!report.accepted) {
        Say("Store credit refused: " + report.message);
        return;
    }
    const money::Money amount(report.amount_minor, m_context.currency);
    const std::string tail = credit::CardNumberTail(report.card_number);
    std::vector<orders::TenderedPayment> payments = m_payments;
    payments.push_back({orders::Tender::kStoreCredit, amount, report.redemption_id});
    const auto due = Due();
    auto settled = due ? orders::SettleTenders(*due, payments)
                       : Result<orders::Settlement>(std::unexpected(
                             MakeError(ErrorCode::kInvalidInput, "the sale has no total")));
    m_credit_cards[report.redemption_id] = report.card_number;
    if (!settled || Completed()) {
        // Paid meanwhile by something else: the credit is not needed and goes back.
        m_giving_back.emplace(
            m_context.sync.CancelCreditRedemption(
                report.redemption_id, m_context.cashier ? m_context.cashier->staff_id : ""),
            report.redemption_id);
        Say("The sale no longer needs " + Amount(amount) +
            " of store credit: giving it back to card " + tail + "…");
        return;
    }
    m_payments = std::move(payments);
    m_entering.reset();
    m_card.reset();
    std::string said = Amount(amount) + " taken off card " + tail + ", which now holds " +
                       Amount(money::Money(report.balance_minor, m_context.currency));
    if (!settled->Covered()) said += "; " + Amount(settled->remaining) + " still due";
    Say(said);
}

void TenderController::GiveBackCredit(int index) {
    const orders::TenderedPayment& payment = m_payments[static_cast<std::size_t>(index)];
    const std::string tail = credit::CardNumberTail(m_credit_cards[payment.reference]);
    for (const auto& [request, redemption] : m_giving_back)
        if (redemption == payment.reference) return;  // already being given back
    const std::uint64_t request = m_context.sync.CancelCreditRedemption(
        payment.reference, m_context.cashier ? m_context.cashier->staff_id : "");
    if (request == 0) {
        Say("Store credit can be given back only through the back office, which cannot be "
            "reached: the payment stays");
    } else {
        m_giving_back.emplace(request, payment.reference);
        Say("Giving " + Amount(payment.given) + " back to card " + tail + "…");
    }
    Refresh();
}

void TenderController::GiveBackAll() {
    if (m_redeeming != 0) m_abandoned.insert(m_redeeming);
    m_redeeming = 0;
    for (const orders::TenderedPayment& payment : m_payments) {
        if (payment.tender != orders::Tender::kStoreCredit) continue;
        bool asked = false;
        for (const auto& [request, redemption] : m_giving_back)
            asked = asked || redemption == payment.reference;
        if (asked) continue;
        const std::uint64_t request = m_context.sync.CancelCreditRedemption(
            payment.reference, m_context.cashier ? m_context.cashier->staff_id : "");
        if (request != 0) m_giving_back.emplace(request, payment.reference);
        m_context.view.sale.message =
            request != 0 ? "Giving the sale's store credit back to its card…"
                         : "The sale's store credit could not be given back: the back office "
                           "cannot be reached";
    }
}

void TenderController::GivenBack(const CreditRedemptionReport& report) {
    const auto asked = m_giving_back.find(report.request);
    if (asked == m_giving_back.end()) return;
    const std::string redemption = asked->second;
    m_giving_back.erase(asked);
    const std::string tail = credit::CardNumberTail(
        m_credit_cards.count(redemption) > 0 ? m_credit_cards[redemption] : report.card_number);
    const auto paid = std::find_if(m_payments.begin(), m_payments.end(), [&](const auto& p) {
        return p.tender == orders::Tender::kStoreCredit && p.reference == redemption;
    });
    std::string said;
    if (report.accepted) {
        said = Amount(money::Money(report.amount_minor, m_context.currency)) +
               " given back to card " + tail;
        if (paid != m_payments.end() && !Completed()) m_payments.erase(paid);
    } else {
        said = "Store credit could not be given back to card " + tail + " (" + report.message + ")";
        if (paid != m_payments.end()) said += ": the payment stays";
    }
    // A tender already left tells the sale screen.
    if (paid == m_payments.end() && m_context.view.screen != Screen::kTender)
        m_context.view.sale.message = said;
    else
        Say(said);
    Refresh();
}

void TenderController::ShowCredit() {
    TenderView& view = m_context.view.tender;
    view.credit_busy = WaitingForCredit();
    view.credit_card_known = m_card.has_value();
    view.credit_text.clear();
    if (m_card) {
        view.credit_text =
            "Card " + credit::CardNumberTail(m_card->number) + " holds " + Amount(m_card->balance);
        // The amount field opens with the lesser of the balance and what is still due.
        const money::Money remaining = Settled().remaining;
        if (view.entering == TenderKind::kStoreCredit)
            view.amount_prefill = money::FormatMoney(
                m_card->balance.Minor() < remaining.Minor() ? m_card->balance : remaining);
    }
}

}  // namespace tillbook::pos::app
