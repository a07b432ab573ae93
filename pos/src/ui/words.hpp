#pragma once
// Every fixed word the till's window shows, in one place. Everything else on screen comes ready
// made in the view (app::TillView). "Open shift", "Pay", "Cash", "Card" and "Complete sale" are a
// contract with scripts and outside tests: keep them.
#include <string_view>

namespace tillbook::pos::ui::words {

// Status bar
inline constexpr std::string_view kStatus = "Status";
inline constexpr std::string_view kLock = "Lock";
inline constexpr std::string_view kRejected = "Rejected events";
inline constexpr std::string_view kReprintsWaiting = "Receipts to reprint";

// Pairing
inline constexpr std::string_view kPairTitle = "Pair this till with the back office";
inline constexpr std::string_view kOfficeUrl = "Back office address";
inline constexpr std::string_view kPairingCode = "Pairing code";
inline constexpr std::string_view kTillName = "Till name";
inline constexpr std::string_view kPair = "Pair";
inline constexpr std::string_view kPairing = "Pairing...";

// Sign-in
inline constexpr std::string_view kEnterPin = "Enter your PIN";
inline constexpr std::string_view kOk = "OK";
inline constexpr std::string_view kClear = "Clear";

// A manager's approval
inline constexpr std::string_view kManagerApproval = "Manager approval";
inline constexpr std::string_view kManagerPin = "A manager enters their PIN";
inline constexpr std::string_view kCancel = "Cancel";

// The counter's buttons in the status bar
inline constexpr std::string_view kReturns = "Returns";
inline constexpr std::string_view kDrawer = "Drawer";  // paid in/out, X report, close

// Opening float
inline constexpr std::string_view kOpenShiftTitle = "Count the float into the drawer";
inline constexpr std::string_view kFloat = "Float";
inline constexpr std::string_view kOpenShift = "Open shift";

// Sale
inline constexpr std::string_view kSearch = "Search";
inline constexpr std::string_view kSearchHint = "Name, SKU, code";
inline constexpr std::string_view kAllCategories = "All categories";
inline constexpr std::string_view kNoCategories = "No categories yet: search or scan";
inline constexpr std::string_view kNoQuickKeys = "Nothing to sell in this category";
inline constexpr std::string_view kEmptyCart = "Scan or search to add items";
inline constexpr std::string_view kItem = "Item";
inline constexpr std::string_view kQty = "Qty";
inline constexpr std::string_view kPrice = "Price";
inline constexpr std::string_view kTotalColumn = "Total";
inline constexpr std::string_view kMinus = "\u2212";  // − (a minus sign, wider than '-')
inline constexpr std::string_view kPlus = "+";
inline constexpr std::string_view kRemove = "Remove";
inline constexpr std::string_view kClearSale = "Clear sale";
inline constexpr std::string_view kPark = "Park";
inline constexpr std::string_view kParked = "Parked";  // "Parked (2)": opens the parked list
inline constexpr std::string_view kRecallHint = "Tap a parked sale to bring it back";
inline constexpr std::string_view kSubtotal = "Subtotal";
inline constexpr std::string_view kOrderDiscount = "Order discount";
inline constexpr std::string_view kTotal = "Total";
inline constexpr std::string_view kPay = "Pay";
inline constexpr std::string_view kKeypadHint = "Keypad";
inline constexpr std::string_view kBackspace = "Del";
inline constexpr std::string_view kSetQuantity = "Set qty";
inline constexpr std::string_view kLineDiscount = "Line disc.";
inline constexpr std::string_view kSaleDiscount = "Sale disc.";
inline constexpr std::string_view kEnter = "Enter";

// Tender
inline constexpr std::string_view kDue = "To pay";
inline constexpr std::string_view kPaid = "Paid";
inline constexpr std::string_view kRemaining = "Still to pay";
inline constexpr std::string_view kCash = "Cash";
inline constexpr std::string_view kCard = "Card";
inline constexpr std::string_view kAmount = "Amount";
inline constexpr std::string_view kCardReference = "Card ref";
inline constexpr std::string_view kCardReferenceHint = "from the card terminal";
inline constexpr std::string_view kStoreCredit = "Store credit";
inline constexpr std::string_view kCreditCardNumber = "Card no.";
inline constexpr std::string_view kCreditCardNumberHint =
    "scan the credit note or type its 16 digits";
inline constexpr std::string_view kCheckCard = "Check card";
inline constexpr std::string_view kChooseTender = "Choose how the customer pays";
inline constexpr std::string_view kAddPayment = "Add payment";
inline constexpr std::string_view kCompleteSale = "Complete sale";
inline constexpr std::string_view kNoReceipt = "No receipt";
inline constexpr std::string_view kBack = "Back";
inline constexpr std::string_view kNewSale = "New sale";
inline constexpr std::string_view kRemovePayment = "Undo";
inline constexpr std::string_view kSaleComplete = "Sale complete";

// Status screen
inline constexpr std::string_view kStatusTitle = "Till status";
inline constexpr std::string_view kRejectedTitle =
    "Rejected by the back office (kept, never deleted)";
inline constexpr std::string_view kNoRejected = "Nothing rejected";
inline constexpr std::string_view kReprintTitle = "Receipts that did not print";
inline constexpr std::string_view kNoReprints = "Every receipt printed";
inline constexpr std::string_view kReprint = "Reprint";
inline constexpr std::string_view kReprintLast = "Reprint last";
inline constexpr std::string_view kClose = "Close";

// Sale: a line's price changed at the till (a manager's approval)
inline constexpr std::string_view kSetPrice = "Price";
// Selling a gift card on the sale screen ("Gift card" opens its form)
inline constexpr std::string_view kGiftCard = "Gift card";
inline constexpr std::string_view kSellGiftCard = "Sell a gift card";
inline constexpr std::string_view kGiftCardNumber = "Card no.";
inline constexpr std::string_view kGiftCardNumberHint = "scan, type, or empty: new";
inline constexpr std::string_view kGiftCardAmount = "Load";
inline constexpr std::string_view kGiftCardAmountHint = "20.00";
inline constexpr std::string_view kAddGiftCard = "Add gift card";
inline constexpr std::string_view kGiftCardNoStoreCredit = "Paid in cash or by card only";

}  // namespace tillbook::pos::ui::words
