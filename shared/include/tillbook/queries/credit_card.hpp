#pragma once
// A store-credit or gift card as the back office shows it: its balance and every movement on it,
// oldest first, with the order or return behind each. A read model over the credit projections.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/credit/movement.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::queries {

struct CreditMovementRow {
    std::int64_t seq = 0;
    ids::UtcMillis occurred_at = 0;
    std::string actor;
    credit::MovementKind kind = credit::MovementKind::kIssued;
    std::int64_t amount_minor = 0;  // + onto the card, - off it
    std::string order_id;           // the sale that paid for a gift card, the refunded order, or
                                    // for a redemption the sale its payment paid; "" for none yet
    std::string order_number;       // "" when there is no order, or it is not known here
    std::string return_id;
    std::string redemption_id;
    std::string note;
};

struct CreditCardDetail {
    std::string card_number;
    std::string currency;
    std::int64_t balance_minor = 0;
    std::int64_t issued_minor = 0;
    std::int64_t redeemed_minor = 0;
    std::vector<CreditMovementRow> history;  // oldest first
};

// The card `card_number` (as stored: 16 digits); nullopt when no credit was ever put on it.
[[nodiscard]] Result<std::optional<CreditCardDetail>> FindCreditCardDetail(
    store::Database& db, std::string_view card_number);

}  // namespace tillbook::queries
