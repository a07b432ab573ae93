#pragma once
// Receipts, cash-up reports and the test page as ESC/POS bytes for one printer profile.
// Two steps, both plain functions with no I/O: LayOut... turns the sale into the lines of text
// the paper shows (UTF-8, already fitted to the profile's width), and EncodeLayout turns those
// lines into bytes. Money only ever comes from orders::ComputeTotals and checked Money arithmetic.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/drivers/escpos_encoder.hpp"
#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/drivers/raster_image.hpp"
#include "tillbook/money/money.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/orders/returns.hpp"

namespace tillbook::drivers {

// What a printed line is: text, a symbol that encodes `text` for a scanner, or a picture.
enum class PrintedKind : int {
    kText = 1,
    kCode128 = 2,
    kQrCode = 3,
    kLogo = 4,  // `image` as GS v 0; `text` is empty
};

struct PrintedLine {
    std::string text;  // UTF-8; for symbols, the data they encode
    Alignment alignment = Alignment::kLeft;
    bool bold = false;
    bool double_size = false;  // twice as wide and high: half the characters fit
    PrintedKind kind = PrintedKind::kText;
    // kLogo only. Shared, not copied: the same logo goes on every receipt of the day.
    std::shared_ptr<const RasterImage> image{};
    friend bool operator==(const PrintedLine&, const PrintedLine&) = default;
};

// What the till knows about the sale beyond the order itself.
struct ReceiptContext {
    // The shop's logo, printed centred above the header; LoadReceiptLogo reads it from a PNG.
    std::shared_ptr<const RasterImage> logo{};
    std::vector<std::string> header_lines;  // shop name first (printed large), then address, VAT no
    std::string cashier;                    // "Alice"
    std::string terminal;                   // "T2"
    std::string date_time;  // already formatted in the store's zone: "01/12/2026 14:03"
    std::vector<orders::Payment> payments;  // change = tendered - amount
    std::vector<std::string> footer_lines;
    bool copy = false;  // a reprint: marked COPY at the top and the bottom
};

// A refund at the returns desk: what came back and where the money went.
struct RefundReceiptLine {
    std::string description;
    std::int64_t quantity = 0;  // milli-units
    money::Money value;         // refunded for it
};
struct RefundReceipt {
    std::string order_number;  // the order the goods came from; "" for a return without receipt
    std::vector<RefundReceiptLine> lines;
    std::vector<orders::Refund> refunds;  // each tender and amount
};

enum class CashUpKind : int {
    kX = 1,  // mid-shift reading; the shift stays open
    kZ = 2,  // end of shift; the shift is closed
};

// One row of a drawer counted by denomination: "£20", 3, £60.00.
struct CountedDenomination {
    std::string label;
    std::int64_t count = 0;
    money::Money amount;
    friend bool operator==(const CountedDenomination&, const CountedDenomination&) = default;
};

// The drawer's figures for one shift, all in the same currency.
struct CashUpReport {
    CashUpKind kind = CashUpKind::kX;
    std::vector<std::string> header_lines;  // shop name first
    std::string terminal;
    std::string cashier;
    std::string shift;      // the shift's id or number as the office knows it
    std::string date_time;  // already formatted in the store's zone
    money::Money opening_float;
    money::Money cash_sales;
    money::Money paid_in;
    money::Money paid_out;
    money::Money expected;  // what the drawer should hold
    // What was counted; variance = counted - expected. An X reading taken without counting the
    // drawer has none, and prints neither a count nor a variance.
    std::optional<money::Money> counted;
    // Printed only when set (shared/'s ShiftState holds the expected cash alone, so the till has
    // to total these from its journal). Cash refunds are the part of `expected` that left the
    // drawer, so the report adds up on paper; card figures never touch the drawer and are listed
    // apart. Positive amounts: the report shows refunds as negative.
    std::optional<money::Money> cash_refunds{};
    std::optional<money::Money> card_sales{};
    std::optional<money::Money> card_refunds{};
    std::optional<std::int64_t> sales{};     // how many sales the till made in the shift
    std::optional<std::int64_t> no_sales{};  // how many times the drawer opened with no sale
    // The count by denomination under "Counted"; rows counted zero are left out.
    std::vector<CountedDenomination> counted_by_denomination{};
    std::string variance_approved_by{};  // the manager who approved the variance, by name
};

// The shop's logo from the PNG file at `path` for printers of `profile`: black and white by
// raster_image's threshold, refused (kInvalidInput, naming the file) when it is wider than
// profile.dots_per_line; kNotFound when the file cannot be read. Read once, at start-up: the
// renderer itself does no I/O.
[[nodiscard]] Result<std::shared_ptr<const RasterImage>> LoadReceiptLogo(
    const std::string& path, const PrinterProfile& profile);

// Columns the line takes on paper: one per character (code point), two when double size. Zero
// for symbols, which are laid out by the printer.
[[nodiscard]] int PrintedColumns(const PrintedLine& line);

// A tender as receipts print it, and the till shows it: "Cash", "Card", "Store credit", "Paid
// online" (a channel's), "Exchange credit".
[[nodiscard]] std::string_view TenderName(orders::Tender tender);

// The receipt as lines fitted to profile.font_a_columns: header centred, COPY when a reprint,
// cashier, terminal, date and order number, each line (description wrapped, quantity x unit
// price, discount) with money in a right-aligned column, the total, VAT per rate (net and VAT),
// tenders and change, the order number as a CODE128 or QR symbol (profile.order_code), footer.
// With context.logo, the logo comes first, centred.
// Errors: the order's totals cannot be computed (orders::ComputeTotals' error), a payment in
// another currency, arithmetic overflow, a logo that is not well formed or is wider than
// profile.dots_per_line (kInvalidInput: it would be cut off, or the printer would refuse it).
[[nodiscard]] Result<std::vector<PrintedLine>> LayOutReceipt(const orders::Order& order,
                                                             const ReceiptContext& context,
                                                             const PrinterProfile& profile);

// A refund receipt: header and copy mark as a receipt's, "REFUND", the order, date, cashier and
// terminal, each line back (description, quantity, value), the total refunded and each tender,
// the order number as its symbol (none without a receipt), footer. Errors: amounts in several
// currencies, overflow, a logo the printer cannot print (as LayOutReceipt).
[[nodiscard]] Result<std::vector<PrintedLine>> LayOutRefundReceipt(const RefundReceipt& refund,
                                                                   const ReceiptContext& context,
                                                                   const PrinterProfile& profile);

// A credit note: store credit a refund put on a card (issue 14). The card's number is its
// bearer value: printed as a Code 128 barcode (its digits below it) for the tender screen's
// scanner, with the amount put on and the balance after it.
struct CreditNote {
    std::vector<std::string> header_lines;  // shop name first
    std::string card_number;                // 16 digits
    money::Money amount;                    // put on the card by this refund
    money::Money balance;                   // the card's balance after it
    std::string order_number;               // the order refunded; may be empty
    std::string terminal;
    std::string cashier;
    std::string date_time;  // already formatted in the store's zone
    // A gift card sold with the order, not a refund: GIFT CARD, "Sold with", LOADED, no balance.
    bool gift_card_sold = false;
};

// The credit note as lines: the shop's header, CREDIT NOTE, the details, the amount (double
// size) and the balance, the card's number as a CODE128 barcode, and how to spend it.
// kCurrencyMismatch when amount and balance differ in currency; kInvalidInput when the card
// number is not 16 digits.
[[nodiscard]] Result<std::vector<PrintedLine>> LayOutCreditNote(const CreditNote& note,
                                                                const PrinterProfile& profile);

// An X or Z report: float, cash sales, paid in, paid out, cash refunds, expected, counted and the
// variance, then card sales and refunds when given. kCurrencyMismatch when the amounts mix
// currencies.
[[nodiscard]] Result<std::vector<PrintedLine>> LayOutCashUpReport(const CashUpReport& report,
                                                                  const PrinterProfile& profile);

// The test page: the profile's name, a ruler of the line's width, the characters of every table
// the profile has, bold, double size, alignment, and a sample symbol.
[[nodiscard]] std::vector<PrintedLine> LayOutTestPage(const PrinterProfile& profile);

// ESC @, the profile's default code page (ESC t with the profile's own number for it), the
// lines, a feed, and a cut only where the profile has a cutter (partial where it can). Errors:
// the encoder refused a symbol, or the default code page is not in profile.code_pages
// (kUnsupported).
[[nodiscard]] Result<std::string> EncodeLayout(const std::vector<PrintedLine>& lines,
                                               const PrinterProfile& profile);

// LayOut... then EncodeLayout.
[[nodiscard]] Result<std::string> RenderReceipt(const orders::Order& order,
                                                const ReceiptContext& context,
                                                const PrinterProfile& profile);
[[nodiscard]] Result<std::string> RenderCashUpReport(const CashUpReport& report,
                                                     const PrinterProfile& profile);
[[nodiscard]] Result<std::string> RenderTestPage(const PrinterProfile& profile);

}  // namespace tillbook::drivers
