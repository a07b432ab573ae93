#pragma once
// Cash management at the till: the float counted by denomination, paid in and out with a reason,
// the X report, the close (blind when the store says so) and the Z report. (Issue 14, point 6.)
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace tillbook::pos::app {

// One note or coin of a drawer being counted.
struct DenominationRowView {
    std::string label;       // "£20", "50p": also the count field's label (scripts tap it)
    std::string total_text;  // "£60.00"; empty while none are counted
};

// A drawer counted by denomination: the opening float and the close.
struct CashCountView {
    std::vector<DenominationRowView> rows;  // largest first; empty: the currency has no table
    std::string total_text;                 // "£123.45"
    std::string message;                    // "Type how many £20 there are, like 3"
};

// One line of an X or Z reading on screen: "Cash sales", "£42.50".
struct CashFigureView {
    std::string label;
    std::string amount_text;
    bool total = false;  // drawn emphasised: what the drawer should hold, the variance
};

enum class CashPage : int {
    kDrawer = 1,  // the X reading, paid in and out, no sale, print X, close shift
    kCount = 2,   // the close: the drawer counted by denomination
    kClosed = 3,  // closed: the Z reading on screen while it prints
};

struct CashView {
    CashPage page = CashPage::kDrawer;
    std::string title;  // "Shift opened 09:02 by Zoë Clarke"
    // The X reading (kDrawer), the count against what is expected (kCount: the expected amount
    // and the variance only when the close is not blind or the count is in), the Z (kClosed).
    std::vector<CashFigureView> figures;
    std::string message;  // the last action's outcome: "Paid out £12.50: window cleaner"
    bool message_is_problem = false;
    std::string print_text;  // "X report printing", "Z report printed", "Z report failed: …"
    // Paid in and out: a new value empties the amount and reason fields (a movement was taken).
    std::int64_t entry_generation = 0;
    std::string amount_hint;   // "10.00"
    bool can_pay_out = false;  // there is cash in the drawer to pay out
    // The close.
    CashCountView count;
    bool blind = false;         // the expected amount stays hidden until the count is in
    bool count_locked = false;  // a blind count is in: it can no longer change
    // "A variance above £5.00 needs a manager"; blind, why the expected amount is not shown.
    std::string close_hint;
};

struct OpenCash {};   // the status bar's "Drawer"
struct LeaveCash {};  // back to the sale screen, the shift still open

enum class CashMovement : int { kPaidIn = 1, kPaidOut = 2 };
struct MoveCash {
    CashMovement movement = CashMovement::kPaidIn;
    std::string amount_text;  // "12.50"
    std::string reason;       // "window cleaner": required
};
struct PrintXReport {};
struct NoSale {};       // opens the drawer with no sale: a manager approves a cashier's
struct StartCashUp {};  // to the count
// A row of the count (on the float prompt or the close) as typed: "3", "" for none.
struct CountDenomination {
    std::size_t row = 0;
    std::string count_text;
};
struct FinishCount {};   // the count is in: close the shift (a manager for a big variance)
struct FinishCashUp {};  // after the Z report: sign out; the next person opens a shift

using CashIntent = std::variant<OpenCash, LeaveCash, MoveCash, PrintXReport, NoSale, StartCashUp,
                                CountDenomination, FinishCount, FinishCashUp>;

}  // namespace tillbook::pos::app
