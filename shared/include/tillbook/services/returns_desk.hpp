#pragma once
// The returns desk, at a till or in the back office: goods back against an order of any channel
// (refunded at once or later), a refund against a return received earlier, and an exchange that
// settles only the difference. The ledger's rules decide what may come back and be refunded.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tillbook/orders/returns.hpp"
#include "tillbook/orders/till_sale.hpp"
#include "tillbook/services/ledger_session.hpp"

namespace tillbook::services {

// How money goes back or is taken at the desk: the tender, and the drawer's open shift for cash.
struct DeskTender {
    orders::Tender tender = orders::Tender::kCard;
    std::string shift_id;  // cash only
    // Store credit only: the card it goes onto (the customer's own, 16 digits); empty: a new card
    // with a new random number (credit::NewCardNumber), answered in the receipt.
    std::string card_number = {};
};

struct ReturnReceipt {
    std::string return_id;
    std::int64_t seq = 0;                // the ReturnReceived event's
    money::Money value;                  // what the goods are worth, as the ledger valued them
    std::optional<money::Money> refund;  // refunded at once, when a tender was given
    std::string credit_card;             // refunded to store credit: the card's number
};

// `ret.id` is the caller's (made where the return happened). With `refund_to`, the goods' value
// is refunded to that tender in the same transaction.
[[nodiscard]] Result<ReturnReceipt> ReceiveReturn(EventSink& sink, const ledger::Actor& actor,
                                                  const orders::Return& ret,
                                                  const std::optional<DeskTender>& refund_to);

// A refund of `amount` against a return received earlier. Answers the refund's sequence.
// To store credit with no card named, a new card: the caller that must tell the customer its
// number makes it first (credit::NewCardNumber) and names it.
[[nodiscard]] Result<std::int64_t> RefundReturn(EventSink& sink, const ledger::Actor& actor,
                                                const std::string& return_id,
                                                const money::Money& amount, const DeskTender& to);

// A till's refund of goods the back office received back for an order the till did not make (an
// online order, another till's sale): the money leaves this till, cash from `terminal`'s open
// shift (the refund's shift_id is filled in) or card through its card terminal. The till's journal
// cannot check the order or the return (LedgerState::HoldsEveryOrder); the back office does when
// the till pushes the refund. Answers the refund's sequence in the journal.
[[nodiscard]] Result<std::int64_t> RefundReturnReceivedAtOffice(
    EventSink& sink, const ledger::Actor& actor, std::string_view terminal,
    const std::string& order_id, const std::string& return_id, orders::Refund refund);

struct ExchangeReceipt {
    std::int64_t seq = 0;
    std::string return_id;
    orders::Order new_order;
    money::Money credit;      // what the goods back are worth
    money::Money new_total;   // what the new goods cost
    money::Money paid;        // by the customer: the difference, when the new goods cost more
    money::Money refunded;    // to the customer: the difference, when they cost less
    std::string credit_card;  // the difference refunded to store credit: the card's number
};

// Who numbers the new order, inside the exchange's transaction: a till's next sale number, or the
// back office's own series. It answers the new sale's identity (id, number, location, time).
using NewSaleNumbering = std::function<Result<orders::StoreSale>(LedgerSession&)>;

// The goods back (`ret`) pay for `new_goods`, priced from the catalogue as it is in the
// transaction (a price changed since the items were read counts); only the
// difference is settled, to `tender` (required unless it is zero). The customer pays at the desk
// (cash, card, store credit), or is refunded (to those or the original tender).
[[nodiscard]] Result<ExchangeReceipt> CompleteExchange(EventSink& sink, const ledger::Actor& actor,
                                                       const orders::Return& ret,
                                                       std::span<const orders::SaleItem> new_goods,
                                                       const std::optional<DeskTender>& tender,
                                                       const NewSaleNumbering& number_new_sale);

// The tax classes of the items' SKUs, from the catalogue, for pricing a sale.
[[nodiscard]] Result<std::vector<catalogue::TaxClass>> TaxClassesFor(
    store::Database& db, std::span<const orders::SaleItem> items);

}  // namespace tillbook::services
