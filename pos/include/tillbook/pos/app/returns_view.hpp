#pragma once
// The returns desk at the till: find an order of any channel, choose what comes back, its reason
// and condition, and refund it; exchanges; no-receipt returns. (Issue 14, points 1 to 3.)
//
// One flow for every order: this till's own sales are found in its journal and journalled at
// once; any other order (an online order, another till's sale) is looked up at the office
// (SyncPort::LookupOrder) and its goods are received back there (SyncPort::SendReturnToOffice)
// before the till journals the money it pays out. An e-mail or a date typed lists the orders found
// (kMatches; SyncPort::SearchOrders and the journal's own sales of the day); a tap opens one.
// Lines are chosen one at a time (tap a line, then its keys), so every label on the screen is
// unique for scripts.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tillbook::pos::app {

enum class ReturnsStep : int {
    kFind = 1,       // the desk: scan a receipt, or type an order number, an e-mail or a date
    kOrder = 2,      // the order found: lines, quantities, reason, condition, refund tender
    kExchange = 3,   // the chosen lines come back, new goods are scanned like a sale
    kNoReceipt = 4,  // items without a receipt, at a value agreed at the desk
    kDone = 5,       // journalled: what was refunded or paid; "Next return", "Back to sale"
    kMatches = 6,    // orders found by e-mail or date: tap one to open it
};

// An order found by the desk's search by e-mail or date.
struct ReturnsMatchView {
    std::string order_id;
    std::string number;        // "#1042", "S01-T1-000042": its label, for scripts
    std::string channel_text;  // "Shopify order", "Shop S01"
    std::string placed_text;   // "20/11/2026 15:00" in the store's zone
    std::string email;         // as the order has it; "" for a shop sale
    std::string total_text;    // "£33.45"
    std::string state_text;    // "Can come back", "All returned", "Not yet delivered (packed)"
    bool returnable = false;
    bool own_sale = false;  // in this till's journal
};

// One line of the order as it can come back.
struct ReturnLineView {
    int line_no = 0;
    std::string description;     // "Earl Grey loose leaf tea 125 g"
    std::string sold_text;       // "2"
    std::string returned_text;   // "1" returned before; "" when none
    std::string back_text;       // the quantity chosen to come back now: "1"; "" when none
    std::string value_text;      // what the chosen quantity refunds: "£6.50"; "" when none
    std::string reason_text;     // "Changed mind"; "" when none chosen back
    std::string condition_text;  // "Back to stock", "Damaged", "Write-off"
    bool returnable = true;      // false: all of it came back before (or not goods)
    bool selected = false;
};

// A choice of words: a reason, a condition, a tender. `key` is what the intent carries.
struct ReturnsChoiceView {
    int key = 0;
    std::string label;  // "Changed mind", "Back to stock", "Card (original)"
    bool chosen = false;
};

// A line of a return without a receipt.
struct NoReceiptLineView {
    int index = 0;
    std::string description;
    std::string quantity_text;  // "1"
    std::string value_text;     // agreed value each: "£4.50"
    std::string total_text;     // "£9.00"
    bool selected = false;
};

struct ReturnsView {
    ReturnsStep step = ReturnsStep::kFind;
    std::string message;  // "Looking up at the office…", "The office is offline: …", refusals
    bool message_is_problem = false;
    bool busy = false;        // waiting for the office: nothing else can be done meanwhile
    std::string find_hint;    // what can be found here, in words
    std::string find_limits;  // what cannot: "E-mail search needs the office: it is offline"
    bool online = false;      // the office answered lately

    // The order (kOrder, kExchange).
    std::string order_number;  // "S01-T1-000042", "#1042"
    std::string order_text;    // "Shop S01, 06/12/2026 14:03, £20.45"
    bool own_sale = false;     // found in this till's journal
    std::vector<ReturnLineView> lines;
    std::optional<int> selected_line;
    std::string selected_text;                  // "Earl Grey loose leaf tea 125 g: 1 of 2 back"
    std::vector<ReturnsChoiceView> reasons;     // for the selected line
    std::vector<ReturnsChoiceView> conditions;  // for the selected line
    bool can_less = false;                      // "-" for the selected line
    bool can_more = false;                      // "+"
    std::string value_text;                     // the goods coming back: "£12.50"
    std::vector<ReturnsChoiceView> tenders;     // how the refund goes back, by the store's policy
    std::string refund_label;                   // "Refund £12.50"
    bool can_refund = false;
    bool can_exchange = false;
    std::string exchange_note;  // why there is no exchange for this order, when there is none
    std::string approval_note;  // "Refunds above £100.00 need a manager"

    // The exchange (kExchange): the new goods are the sale screen's cart (TillView::sale).
    std::string credit_text;      // "Goods back £12.50"
    std::string new_goods_text;   // "New goods £16.50"
    std::string difference_text;  // "Customer pays £4.00", "Refund £3.50", "Even exchange"
    std::vector<ReturnsChoiceView> exchange_tenders;
    bool can_complete_exchange = false;

    // No receipt (kNoReceipt).
    std::vector<NoReceiptLineView> no_receipt_lines;
    std::optional<int> no_receipt_selected;
    std::string no_receipt_value_prefill;    // the selected line's value each, to edit: "4.50"
    std::int64_t no_receipt_generation = 0;  // a new value: the field takes the prefill
    std::string no_receipt_total_text;       // "£9.00"
    std::string no_receipt_limit_text;       // "Up to £50.00 without a receipt, to cash"
    bool can_refund_no_receipt = false;

    // Orders found by e-mail or date (kMatches).
    std::string matches_title;  // "3 orders for ada@example.com", "2 orders placed on 06/12/2026"
    std::string matches_note;   // "The office is offline: this till's own sales only"
    std::vector<ReturnsMatchView> matches;
    bool back_to_matches = false;  // kOrder: going back shows the orders found again

    // Done (kDone).
    std::string done_title;  // "Refunded £12.50 in cash", "Customer paid £4.00 by card"
    std::string done_text;   // "Receipt printing", "Open the drawer: £12.50 out"
};

struct OpenReturns {};   // the status bar's "Returns" button
struct CloseReturns {};  // "Back to sale": nothing is journalled
// The desk's field, or a scanned receipt: an order number of any channel or a channel's id, or
// (typed) the customer's e-mail or the day the order was placed.
struct FindOrder {
    std::string code;
};
struct BackToFind {};  // from the order, the exchange or no-receipt: the desk again
struct SelectReturnLine {
    int line_no = 0;
};
struct ChangeReturnQuantity {
    int line_no = 0;
    std::int64_t delta_units = 0;  // +1 / -1
};
struct ChooseReturnReason {
    int line_no = 0;
    int reason = 0;  // orders::ReturnReason
};
struct ChooseReturnCondition {
    int line_no = 0;
    int condition = 0;  // orders::ItemCondition
};
struct ChooseRefundTender {
    int tender = 0;  // ReturnsChoiceView::key of ReturnsView::tenders or exchange_tenders
};
struct ConfirmRefund {};    // "Refund £12.50"
struct StartExchange {};    // the chosen lines come back against new goods
struct ConfirmExchange {};  // "Complete exchange"
struct StartNoReceipt {};   // "No receipt"
struct SelectNoReceiptLine {
    int index = 0;
};
struct SetNoReceiptValue {
    int index = 0;
    std::string value_text;  // "4.50": each
};
struct ChangeNoReceiptQuantity {
    int index = 0;
    std::int64_t delta_units = 0;
};
struct ConfirmNoReceipt {};  // "Refund without receipt": a manager approves
struct NextReturn {};        // after one is done: the desk again
struct ChooseOrderMatch {    // an order of the list found by e-mail or date
    std::string order_id;
};

using ReturnsIntent =
    std::variant<OpenReturns, CloseReturns, FindOrder, BackToFind, SelectReturnLine,
                 ChangeReturnQuantity, ChooseReturnReason, ChooseReturnCondition,
                 ChooseRefundTender, ConfirmRefund, StartExchange, ConfirmExchange, StartNoReceipt,
                 SelectNoReceiptLine, SetNoReceiptValue, ChangeNoReceiptQuantity, ConfirmNoReceipt,
                 NextReturn, ChooseOrderMatch>;

}  // namespace tillbook::pos::app
