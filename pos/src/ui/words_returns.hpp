#pragma once
// The returns desk's fixed words (everything else comes ready made in app::ReturnsView). Scripts
// tap these labels: "Find", "Refund", "Exchange", "Complete exchange", "No receipt", "Next return"
// and "Back to sale" are a contract with them, like words.hpp's.
#include <string_view>

namespace tillbook::pos::ui::words {

// The desk
inline constexpr std::string_view kReturnsTitle = "Returns and exchanges";
inline constexpr std::string_view kOrderCode = "Receipt, order number, e-mail or date";
inline constexpr std::string_view kOrderCodeHint = "Number, e-mail or date";
inline constexpr std::string_view kFind = "Find";
inline constexpr std::string_view kReturnNoReceipt = "No receipt";
inline constexpr std::string_view kBackToSale = "Back to sale";
inline constexpr std::string_view kLookingUp = "Waiting for the office…";

// The order
inline constexpr std::string_view kOrderTitle = "Order";
inline constexpr std::string_view kSold = "Sold";
inline constexpr std::string_view kReturnedBefore = "returned before";  // "1 returned before"
inline constexpr std::string_view kComingBack = "Back";
inline constexpr std::string_view kRefundColumn = "Refund";
inline constexpr std::string_view kTapALine = "Tap a line to bring it back";
inline constexpr std::string_view kReason = "Reason";
inline constexpr std::string_view kCondition = "Condition";
inline constexpr std::string_view kLess = "One less";
inline constexpr std::string_view kMore = "One more";
inline constexpr std::string_view kToRefund = "To refund";
inline constexpr std::string_view kRefundTo = "Refund to";
inline constexpr std::string_view kExchange = "Exchange";
inline constexpr std::string_view kFindAnother = "Find another order";

// The exchange
inline constexpr std::string_view kGoodsBack = "Coming back";
inline constexpr std::string_view kNewGoods = "New goods";
inline constexpr std::string_view kSettleWith = "Settled with";
inline constexpr std::string_view kCompleteExchange = "Complete exchange";
inline constexpr std::string_view kBackToOrder = "Back to the order";

// No receipt
inline constexpr std::string_view kNoReceiptTitle = "Return without a receipt";
inline constexpr std::string_view kNoReceiptEmpty = "Scan or search the items coming back";
inline constexpr std::string_view kValueEach = "Value each";
inline constexpr std::string_view kSetValue = "Set value";
inline constexpr std::string_view kRefundNoReceipt = "Refund without receipt";
inline constexpr std::string_view kManagerNeeded =
    "A manager approves every refund without a receipt";

// Done
inline constexpr std::string_view kNextReturn = "Next return";

// Orders found by e-mail or date
inline constexpr std::string_view kTapAnOrder = "Tap the customer's order to open it";
inline constexpr std::string_view kSearchAgain = "Search again";
inline constexpr std::string_view kBackToMatches = "Back to the orders found";
inline constexpr std::string_view kThisTill = "this till";  // "Shop S01, this till"

}  // namespace tillbook::pos::ui::words
