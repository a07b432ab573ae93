#pragma once
// Paying a till sale with several tenders: what each payment keeps and the change given. Plain
// values, exact integer arithmetic, no I/O.
//
// The rules: every payment is above zero and in the sale's currency; a payment is refused once the
// sale is paid; a card (or any tender but cash) takes exactly what it is given, at most what is
// still due; cash may be more than what is due only as the last payment, and the difference is
// the change.
#include <span>
#include <string>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/orders/order.hpp"

namespace tillbook::orders {

// A payment as the cashier entered it: the tender and what the customer handed over.
struct TenderedPayment {
    Tender tender = Tender::kCash;
    money::Money given;
    std::string reference;  // a card terminal's reference; nothing else of the card
};

struct Settlement {
    std::vector<Payment> payments;  // amount = what the shop keeps; tendered = what was handed over
    money::Money paid;              // the sum of the amounts
    money::Money remaining;         // total - paid (>= 0)
    money::Money change;            // cash given back
    [[nodiscard]] bool Covered() const { return remaining.IsZero(); }
};

// Settles `tendered` against `total`, in order. kInvalidInput, naming the payment, when one breaks
// the rules above; the shift_id of cash payments is left for the caller (the till's open shift).
[[nodiscard]] Result<Settlement> SettleTenders(const money::Money& total,
                                               std::span<const TenderedPayment> tendered);

}  // namespace tillbook::orders
