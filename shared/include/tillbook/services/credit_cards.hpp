#pragma once
// Store credit and gift cards at the back office: credit taken off a card for a sale (online only:
// the balance is the back office's), a redemption given back when its sale was abandoned, and a
// gift card issued. The ledger's rules keep every balance at zero or above.
#include <cstdint>
#include <string>
#include <string_view>

#include "tillbook/money/money.hpp"
#include "tillbook/services/ledger_session.hpp"

namespace tillbook::services {

struct CreditMove {
    std::string card_number;
    std::string redemption_id;  // the redemption made, or given back; "" for an issue
    money::Money amount;        // what moved
    money::Money balance;       // the card's balance after it
    std::int64_t seq = 0;       // the event's
};

// Takes `amount` off `card_number` (16 digits, as stored) with a new redemption id: refused when
// the card is unknown (kNotFound), in another currency, or holds less (kInvariantViolated).
[[nodiscard]] Result<CreditMove> RedeemCredit(EventSink& sink, const ledger::Actor& actor,
                                              const std::string& card_number,
                                              const money::Money& amount, const std::string& note);

// Puts a redemption's amount back on its card, once (kConflict the second time); never once a
// sale has paid with it.
[[nodiscard]] Result<CreditMove> CancelRedemption(EventSink& sink, const ledger::Actor& actor,
                                                  const std::string& redemption_id);

// A new card (credit::NewCardNumber) holding `amount`: a gift card sold (`order_id` the sale that
// paid for it, or "") or credit given.
[[nodiscard]] Result<CreditMove> IssueCredit(EventSink& sink, const ledger::Actor& actor,
                                             const money::Money& amount,
                                             const std::string& order_id, const std::string& note);

}  // namespace tillbook::services
