#pragma once
// How credit moved on a card: stored as credit_movements.kind, so explicit and never reused.
#include <string_view>

namespace tillbook::credit {

enum class MovementKind : int {
    kRefunded = 1,             // a refund to store credit (RefundIssued)
    kIssued = 2,               // a gift card sold, credit given (CreditIssued)
    kRedeemed = 3,             // taken off for a sale (CreditRedeemed)
    kRedemptionGivenBack = 4,  // a redemption cancelled (CreditIssued naming it)
    kSold = 5,                 // a gift card sold at a till (a kGiftCard line of an OrderPlaced)
};

// "refunded", "issued", "redeemed", "redemption_cancelled", "sold": the API's words.
[[nodiscard]] constexpr std::string_view ToString(MovementKind kind) {
    switch (kind) {
        case MovementKind::kRefunded:
            return "refunded";
        case MovementKind::kIssued:
            return "issued";
        case MovementKind::kRedeemed:
            return "redeemed";
        case MovementKind::kRedemptionGivenBack:
            return "redemption_cancelled";
        case MovementKind::kSold:
            return "sold";
    }
    return "unknown";
}

}  // namespace tillbook::credit
