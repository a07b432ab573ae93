#pragma once
// A manager's approval, asked for over whatever screen is showing: a price override, a no-receipt
// refund, a cash variance beyond the threshold, opening the drawer with no sale. The till asks
// for a manager's PIN; the event it then journals carries both staff ids (the cashier as actor,
// the manager as approver). A manager signed in needs no second PIN: they approve their own.
#include <cstdint>
#include <string>
#include <variant>

namespace tillbook::pos::app {

struct ApprovalView {
    bool open = false;                // the prompt is over the screen
    std::string what;                 // "Refund £24.00 without a receipt"
    std::string why;                  // "Refunds without a receipt need a manager"
    std::int64_t digits_entered = 0;  // shown as dots
    std::string message;              // "That PIN is not a manager's", "Wrong PIN"
    bool checking = false;            // a PIN is being checked
};

struct SubmitApprovalPin {
    std::string pin;  // the manager's, as typed
};
struct CancelApproval {};  // the cashier gives up: nothing is journalled

using ApprovalIntent = std::variant<SubmitApprovalPin, CancelApproval>;

}  // namespace tillbook::pos::app
