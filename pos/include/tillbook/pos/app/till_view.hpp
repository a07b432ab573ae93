#pragma once
// What the till's screens draw: one plain, immutable value per frame, made by the controllers
// (TillApp::View) and read by the draw code in pos/src/ui. Every text is ready to show, in the
// cashier's words and the shop's currency ("£11.45"); draw code formats nothing and decides
// nothing. Controls the cashier may not use now are simply absent or disabled here.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tillbook/pos/app/approval_view.hpp"
#include "tillbook/pos/app/cash_view.hpp"
#include "tillbook/pos/app/returns_view.hpp"

namespace tillbook::pos::app {

enum class Screen : int {
    kPairing = 1,    // first run: the office's URL, a pairing code, the till's name
    kSignIn = 2,     // the lock screen: PIN pad
    kOpenShift = 3,  // signed in, no shift open: the opening float
    kSale = 4,       // scan, search, quick keys, the cart and its totals, "Pay"
    kTender = 5,     // cash, card, split; then the change and the receipt
    kStatus = 6,     // the office, unsent and rejected events, the printer, reprints
    kCash = 7,       // paid in and out, the X report, closing the shift (cash_view.hpp)
    kReturns = 8,    // the returns desk and exchanges (returns_view.hpp)
};

// Always on screen, along the top or bottom: the truth about the network and the printer.
struct StatusBarView {
    std::string till_name;  // "S01-T1"
    std::string cashier;    // "Zoe Smith"; empty when locked
    bool online = false;
    std::string office_text;  // "Online", "Offline since 14:02 (retrying in 8 s)"
    std::int64_t unsent = 0;
    std::string unsent_text;  // "3 unsent, oldest 2 min"; "All sent"
    std::int64_t rejected = 0;
    bool printer_ok = true;
    std::string printer_text;  // "Printer ready", "Printer: out of paper"
    std::int64_t reprints_waiting = 0;
    bool can_open_returns = false;  // "Returns": signed in, on the sale screen, cart empty
    bool can_open_cash = false;     // "Drawer": signed in, on the sale screen, a shift open
    std::string drawer_text{};      // "Drawer left open" while the printer reports it; else empty
};

struct PairingView {
    std::string office_url;  // pre-filled when known
    std::string till_name;
    bool busy = false;    // a pairing request is under way
    std::string message;  // the last error, or "" ("Wrong or expired code")
};

struct SignInView {
    std::int64_t digits_entered = 0;  // shown as dots; the PIN itself never leaves the screen
    std::string message;              // "Wrong PIN", "Too many tries: wait 8 s"
    std::int64_t wait_seconds = 0;    // > 0: the pad is disabled for this long
    bool checking = false;            // a PIN was sent and is being checked: its answer is due
};

struct OpenShiftView {
    std::string cashier;      // who is opening it
    std::string amount_hint;  // "100.00": a usual float, shown greyed in the empty field
    std::string message;      // "Type the float in pounds, like 100.00"
    // The float counted by denomination; each change puts the count's total into the float field
    // (a new `amount_generation`: the field takes `amount_prefill`).
    CashCountView count;
    std::string amount_prefill;
    std::int64_t amount_generation = 0;
};

struct CartLineView {
    int line_no = 0;
    std::string description;      // "Earl Grey loose leaf tea 125 g"
    std::string quantity_text;    // "2", "0.250 kg"
    std::string unit_price_text;  // "£6.50", "£12.00/kg"
    std::string discount_text;    // "-£1.00 (10%)"; empty when none
    std::string total_text;       // "£12.00"
    bool selected = false;
    std::string override_text;  // "was £6.50": the price before it was changed; empty when not
};

struct SearchHitView {
    std::string sku;
    std::string name;  // product and variant
    std::string price_text;
    std::string barcode;  // the first, for the cashier to check; may be empty
};

struct QuickKeyView {
    std::string label;  // a category's name, or a SKU's short name on the chosen category's page
    std::string sku;    // empty for a category key
};

// A sale parked at this till, to recall when the cart is empty.
struct ParkedSaleView {
    std::int64_t id = 0;
    std::string label;  // "3 items, £11.45, parked 14:05 by Zoë"
};

struct SaleView {
    std::vector<CartLineView> lines;
    std::optional<int> selected_line;  // the line the quantity/discount/remove keys act on
    std::vector<SearchHitView> hits;   // for the current search text; at most 50
    std::vector<QuickKeyView> categories;
    std::string category;                  // the chosen one, or ""
    std::vector<QuickKeyView> quick_keys;  // the chosen category's SKUs
    std::string items_text;                // "3 items"
    std::string subtotal_text;             // before the order discount
    std::string order_discount_text;       // "-£2.00"; empty when none
    std::string vat_text;                  // "VAT £1.91" as the receipt shows it
    std::string total_text;                // "£11.45"
    bool can_pay = false;                  // a cart with something in it
    std::string
        message;  // "No product with barcode 5000000000000", "Discount above 20% needs a manager"
    std::string discount_limit_text;     // "Discounts up to 20% or £10.00"
    std::vector<ParkedSaleView> parked;  // oldest first; recallable when the cart is empty
    bool can_park = false;               // a cart with something in it
    // Selling a gift card ("Gift card"): its form shows in place of the hits and quick keys. A
    // new `gift_card_generation` empties the form, puts `gift_card_prefill` (a card scanned
    // meanwhile, or "") in the number field and gives that field the keyboard.
    bool gift_card_open = false;
    std::string gift_card_prefill;
    std::int64_t gift_card_generation = 0;
};

enum class TenderKind : int { kCash = 1, kCard = 2, kStoreCredit = 3 };

struct PaymentView {
    std::string tender_text;  // "Cash", "Card ref 4821", "Store credit …5670"
    std::string amount_text;  // "£5.00"
};

struct TenderView {
    std::string due_text;        // the sale's total
    std::string paid_text;       // taken so far
    std::string remaining_text;  // still to pay
    std::vector<PaymentView> payments;
    std::optional<TenderKind> entering;  // after "Cash" or "Card": the amount field is shown
    // The amount field's text when it opens: what is still due ("11.45"). A new value of
    // `entry_generation` means the field takes `amount_prefill`, gets the keyboard focus and has
    // its text selected, so typing replaces it.
    std::string amount_prefill;
    std::int64_t entry_generation = 0;
    std::vector<std::string> quick_amounts;  // cash: "11.45" (exact), "15.00", "20.00", "50.00"
    bool can_complete = false;               // the entry or the payments cover what is due
    bool completed = false;                  // the sale is in the journal
    std::string change_text;  // "Change £8.55"; empty until completed with cash over
    std::string
        receipt_text;     // "Receipt printing", "Receipt printed", "Receipt failed: out of paper"
    std::string message;  // "Type an amount like 20.00", "£3.00 still due"
    // Store credit (entering == kStoreCredit): first the card's number is typed or scanned and
    // checked with the office; once it answered, `credit_text` says what the card holds and the
    // amount field (prefilled with the lesser of that and what is still due) is shown.
    bool credit_card_known = false;
    std::string credit_text;  // "Card …5670 holds £12.50"; only the last four digits ever
    bool credit_busy =
        false;  // a question is with the office: "Checking the card with the office…"
};

struct RejectedEventView {
    std::string what;    // "Sale S01-T1-000017"
    std::string when;    // local time
    std::string reason;  // the office's words
};

struct ReprintView {
    std::uint64_t job_id = 0;
    std::string label;    // "Receipt S01-T1-000017"
    std::string problem;  // "out of paper"
};

struct StatusView {
    std::vector<RejectedEventView> rejected;
    std::vector<ReprintView> reprints;
    std::string last_sync_text;  // "Last pushed 14:05, last pulled 14:05"
    std::string catalogue_text;  // "12,408 products"
};

struct TillView {
    Screen screen = Screen::kSignIn;
    StatusBarView status_bar;
    PairingView pairing;
    SignInView sign_in;
    OpenShiftView open_shift;
    SaleView sale;
    TenderView tender;
    StatusView status;
    CashView cash;
    ReturnsView returns;
    ApprovalView approval;  // over any screen while open
    bool can_reprint_last = false;
};

}  // namespace tillbook::pos::app
