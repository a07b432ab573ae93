#pragma once
// What the cashier asked for during a frame. Draw code pushes these while it draws; the
// controllers (TillApp::Apply) apply them after the frame, in order. Texts are as typed: the
// controllers parse them (money::ParseMoney, never floating point) and answer in the view.
#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "tillbook/pos/app/approval_view.hpp"
#include "tillbook/pos/app/cash_view.hpp"
#include "tillbook/pos/app/returns_view.hpp"
#include "tillbook/pos/app/till_view.hpp"

namespace tillbook::pos::app {

// Pairing screen.
struct PairTill {
    std::string office_url;  // "http://127.0.0.1:8080", "https://office.example:8443"
    std::string code;        // "4821-0937-5512"
    std::string till_name;   // "T1"
};

// Sign-in and lock.
struct SubmitPin {
    std::string pin;  // digits as typed; the controller checks it against the pulled hashes
};
struct LockTill {};  // back to the PIN pad; the sale in progress stays

// The opening float.
struct OpenShift {
    std::string amount_text;  // "100.00"
};

// Sale screen.
enum class ScanSource : int { kScanner = 1, kKeyboardWedge = 2, kTyped = 3 };
struct ScanCode {
    std::string code;  // a barcode (EAN/UPC, a weighed or price-embedded label) or a SKU
    ScanSource source = ScanSource::kScanner;
};
struct SearchChanged {
    std::string text;
};
struct AddSku {
    std::string sku;  // from a search hit or a quick key
};
struct ChooseCategory {
    std::string category;  // "" for none
};
struct SelectLine {
    int line_no = 0;
};
struct ChangeQuantity {
    int line_no = 0;
    std::int64_t delta_units = 0;  // +1 / -1 from the cart's buttons
};
struct SetQuantity {
    int line_no = 0;
    std::string quantity_text;  // "3", or "0.250" for weighed goods (kg)
};
struct RemoveLine {
    int line_no = 0;
};
// A discount as typed: "1.50" is an amount, "10%" a percentage.
struct DiscountLine {
    int line_no = 0;
    std::string discount_text;
};
struct DiscountOrder {
    std::string discount_text;
};
struct ClearSale {};
struct StartTender {};  // "Pay"

// Tender screen.
struct ChooseTender {
    TenderKind tender = TenderKind::kCash;
};
// Takes the amount field's text as a payment of the tender being entered (a part payment).
struct AddPayment {
    std::string amount_text;
    std::string card_reference;  // the external terminal's reference; nothing else of the card
};
struct RemovePayment {
    int index = 0;  // a store-credit payment's redemption is given back to its card first
};
// Store credit: the card's number as typed or scanned (spaces allowed), to be checked with the
// office; its balance is then shown and the amount taken with AddPayment.
struct CheckStoreCredit {
    std::string card_text;
};
// "Complete sale": the amount field (if a tender is being entered) is taken as its payment first;
// the sale completes when the payments cover what is due.
struct CompleteSale {
    std::string amount_text;
    std::string card_reference;
    bool print_receipt = true;  // false: "No receipt"
};
struct BackToSale {};
struct NewSale {};  // after a completed sale

// Status screen and printing.
struct ShowStatus {};
struct CloseStatus {};
struct ReprintLast {};
struct Reprint {
    std::uint64_t job_id = 0;
};

// Parking: the cart goes into the till's database and the screen is empty for the next customer;
// a parked sale comes back (by its id, SaleView::parked) only when the cart is empty.
struct ParkSale {};
struct RecallSale {
    std::int64_t id = 0;
};

// A new unit price typed for a line ("4.50"; per kg for weighed goods; "" takes a change back).
struct OverridePrice {
    int line_no = 0;
    std::string price_text;
};
// Selling a gift card: "Gift card" opens its form; "Add gift card" puts a line in the cart for
// the card typed or scanned (empty: a new card's number is made) loaded with the amount typed.
struct OpenGiftCard {};
struct AddGiftCard {
    std::string card_text;    // "1234 5678 1234 5670", or "" for a new card
    std::string amount_text;  // "20.00"
};
struct CancelGiftCard {};

using SaleIntent =
    std::variant<PairTill, SubmitPin, LockTill, OpenShift, ScanCode, SearchChanged, AddSku,
                 ChooseCategory, SelectLine, ChangeQuantity, SetQuantity, RemoveLine, DiscountLine,
                 DiscountOrder, ClearSale, StartTender, ChooseTender, AddPayment, RemovePayment,
                 CompleteSale, BackToSale, NewSale, CheckStoreCredit, ShowStatus, CloseStatus,
                 ReprintLast, Reprint, ParkSale, RecallSale, OverridePrice, OpenGiftCard,
                 AddGiftCard, CancelGiftCard>;

// One variant holding every alternative of the variants given, in order.
template <class... Variants>
struct JoinVariants;
template <class... A>
struct JoinVariants<std::variant<A...>> {
    using type = std::variant<A...>;
};
template <class... A, class... B, class... Rest>
struct JoinVariants<std::variant<A...>, std::variant<B...>, Rest...>
    : JoinVariants<std::variant<A..., B...>, Rest...> {};

// Whether T is one of the variant V's alternatives.
template <class T, class V>
inline constexpr bool kIsAlternativeOf = false;
template <class T, class... A>
inline constexpr bool kIsAlternativeOf<T, std::variant<A...>> = (std::is_same_v<T, A> || ...);

// The counter's intents are listed in their own headers: approvals (approval_view.hpp), cash
// management (cash_view.hpp), the returns desk (returns_view.hpp).
using Intent = JoinVariants<SaleIntent, ApprovalIntent, CashIntent, ReturnsIntent>::type;

using Intents = std::vector<Intent>;

}  // namespace tillbook::pos::app
