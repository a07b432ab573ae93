#pragma once
// The tender screen: cash (with quick amounts: exact and the next notes up), card (with the
// terminal's reference) and store credit (a card's balance checked and the amount redeemed at the
// office, tender_credit.cpp), split over several payments; then the sale goes into the journal as
// ONE OrderPlaced with all its payments, before the drawer opens or the receipt is queued.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "receipt_controller.hpp"
#include "sale_controller.hpp"
#include "till_context.hpp"
#include "tillbook/orders/tender_settlement.hpp"

namespace tillbook::pos::app {

class TenderController {
  public:
    TenderController(TillContext& context, SaleController& sale, ReceiptController& receipts)
        : m_context(context), m_sale(sale), m_receipts(receipts) {}

    // "Pay": true when there is something to pay for.
    [[nodiscard]] bool Start();
    void Choose(TenderKind tender);
    // True when the payment was taken.
    bool AddPayment(const std::string& amount_text, const std::string& card_reference);
    void RemovePayment(int index);
    // True when the sale is in the journal.
    bool Complete(const CompleteSale& request);
    [[nodiscard]] bool Completed() const { return m_context.view.tender.completed; }
    // Payments were taken and the cashier went back to the sale: they stay until the sale
    // completes or they are removed on the tender screen.
    [[nodiscard]] bool HasPayments() const { return !m_payments.empty(); }
    // Forgets the payments (back to the sale, or a new sale); store credit redeemed for a sale
    // that did not complete is given back to its card.
    void Reset();
    void Refresh();

    // Store credit (tender_credit.cpp). The card's number as typed or scanned: checked here, then
    // its balance asked of the office.
    void CheckCredit(const std::string& card_text);
    // Entering store credit and waiting for a card's number: a scan is one.
    [[nodiscard]] bool TakesCardNumber() const;
    void OnCreditBalance(const CreditBalanceReport& report);
    void OnCreditRedemption(const CreditRedemptionReport& report);

  private:
    [[nodiscard]] std::optional<money::Money> Due() const;
    [[nodiscard]] orders::Settlement Settled() const;
    void Say(std::string message) { m_context.view.tender.message = std::move(message); }
    void PrintGiftCards(const orders::Order& order);
    // Store credit (tender_credit.cpp).
    bool RedeemCredit(const money::Money& amount);
    void GiveBackCredit(int index);
    void GiveBackAll();
    void TakeRedemption(const CreditRedemptionReport& report);
    void GivenBack(const CreditRedemptionReport& report);
    [[nodiscard]] bool WaitingForCredit() const;
    void ForgetCard();
    void ShowCredit();

    TillContext& m_context;
    SaleController& m_sale;
    ReceiptController& m_receipts;
    std::vector<orders::TenderedPayment> m_payments;
    std::optional<TenderKind> m_entering;
    std::int64_t m_generation = 0;

    // Store credit: the card checked with the office, and the questions still awaiting answers.
    struct CreditCard {
        std::string number;
        money::Money balance;
    };
    std::optional<CreditCard> m_card;
    std::uint64_t m_checking = 0;                        // CheckCredit's request
    std::uint64_t m_redeeming = 0;                       // RedeemCredit's request
    std::map<std::string, std::string> m_credit_cards;   // redemption id -> card number
    std::map<std::uint64_t, std::string> m_giving_back;  // cancel request -> redemption id
    std::set<std::uint64_t> m_abandoned;  // redemptions asked for by a tender since left
};

}  // namespace tillbook::pos::app
