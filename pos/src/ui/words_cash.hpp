#pragma once
// The fixed words of the drawer's screens (cash_screen, cash_count). Labels are unique on their
// page, so scripts tap them: "Pay in", "Pay out", "Print X report", "No sale", "Close shift",
// "Finish count", "Sign out"; each note and coin's count field is labelled as the note or coin
// ("£20", "50p").
#include <string_view>

namespace tillbook::pos::ui::words {

// The drawer page
inline constexpr std::string_view kXReading = "X reading (shift still open)";
inline constexpr std::string_view kCashAmount = "Amount paid";
inline constexpr std::string_view kCashReason = "Reason";
inline constexpr std::string_view kCashReasonHint = "window cleaner, change from the bank";
inline constexpr std::string_view kPayIn = "Pay in";
inline constexpr std::string_view kPayOut = "Pay out";
inline constexpr std::string_view kPrintX = "Print X report";
inline constexpr std::string_view kNoSale = "No sale";
inline constexpr std::string_view kCloseShift = "Close shift";
inline constexpr std::string_view kBackToSale = "Back to sale";
inline constexpr std::string_view kPaidInOut = "Paid in or out";

// The count
inline constexpr std::string_view kCountTitle = "Count the drawer";
inline constexpr std::string_view kNotes = "Notes";
inline constexpr std::string_view kCoins = "Coins";
inline constexpr std::string_view kCountTotal = "Counted";
inline constexpr std::string_view kFinishCount = "Finish count";
inline constexpr std::string_view kBlind = "Blind count";
inline constexpr std::string_view kBackToDrawer = "Back to drawer";

// After the close
inline constexpr std::string_view kZReading = "Shift closed: Z reading";
inline constexpr std::string_view kSignOut = "Sign out";

// The float prompt
inline constexpr std::string_view kOrCount =
    "Count it note by note and coin by coin, or type the total";

}  // namespace tillbook::pos::ui::words
