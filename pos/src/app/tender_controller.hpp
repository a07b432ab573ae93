#pragma once
// The tender screen: cash (with quick amounts: exact and the next notes up) and card (with the
// terminal's reference), split over several payments; then the sale goes into the journal as ONE
// OrderPlaced with all its payments, before the drawer opens or the receipt is queued.
#include <cstdint>
#include <optional>
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
    // Forgets the payments (back to the sale, or a new sale).
    void Reset();
    void Refresh();

  private:
    [[nodiscard]] std::optional<money::Money> Due() const;
    [[nodiscard]] orders::Settlement Settled() const;
    void Say(std::string message) { m_context.view.tender.message = std::move(message); }

    TillContext& m_context;
    SaleController& m_sale;
    ReceiptController& m_receipts;
    std::vector<orders::TenderedPayment> m_payments;
    std::optional<TenderKind> m_entering;
    std::int64_t m_generation = 0;
};

}  // namespace tillbook::pos::app
