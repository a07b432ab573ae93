#pragma once
// The till's calls to the back office for store credit and gift cards (docs/api.md, "Store credit
// and gift cards"): a card's balance, credit taken off it for the sale at the tender screen, and a
// redemption given back when that sale is abandoned. The balances are the office's, so each call
// needs it: with no answer the failure says that store credit is taken online only.
#include <cstdint>
#include <string>
#include <string_view>

#include "tillbook/money/money.hpp"
#include "tillbook/pos/office/office_client.hpp"

namespace tillbook::pos::office {

struct CreditBalance {
    std::string card_number;  // 16 digits
    std::string currency;
    std::int64_t balance_minor = 0;
};

// A redemption made, or given back.
struct CreditRedemption {
    std::string redemption_id;  // the sale's kStoreCredit payment names it as its reference
    std::string card_number;
    std::string currency;
    std::int64_t amount_minor = 0;
    std::int64_t balance_minor = 0;  // the card's balance after it
};

// GET /api/v1/credit/{card}. `card` as typed or scanned (spaces allowed); a mistyped number is
// refused here, before the office is asked.
[[nodiscard]] OfficeResult<CreditBalance> CheckCredit(OfficeClient& client,
                                                      const std::string& token,
                                                      std::string_view card);

// POST /api/v1/credit/{card}/redemptions: takes `amount` off the card in the name of `staff_id`
// (the member of staff signed in at the till). Refused (kRefused, the office's words) when the
// card holds less, is unknown or is in another currency.
[[nodiscard]] OfficeResult<CreditRedemption> RedeemCredit(
    OfficeClient& client, const std::string& token, std::string_view card,
    const money::Money& amount, std::string_view staff_id, std::string_view note);

// POST /api/v1/credit/redemptions/{id}/cancel: the amount goes back on the card, once.
[[nodiscard]] OfficeResult<CreditRedemption> CancelRedemption(OfficeClient& client,
                                                              const std::string& token,
                                                              std::string_view redemption_id,
                                                              std::string_view staff_id);

}  // namespace tillbook::pos::office
