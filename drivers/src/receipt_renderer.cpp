#include "tillbook/drivers/receipt_renderer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <utility>

#include "tillbook/core/characters.hpp"
#include "tillbook/core/text.hpp"
#include "tillbook/orders/quantity.hpp"

namespace tillbook::drivers {
namespace {

using money::Money;

// Control characters are left out (a name with ESC @ or GS V in it must not reach the printer as
// a command, nor take a column), and text that is not UTF-8 keeps its ASCII and shows '?' for every
// other byte, so that a column count is one per printed character. Well-formed text (nearly all of
// it) is returned as it is; other text is rewritten into `scratch`.
std::string_view Printable(std::string_view text, std::string& scratch) {
    const bool utf8 = text::IsValidUtf8(text);
    if (utf8 && !text::FindControlCharacter(text)) return text;
    scratch = text::WithoutControlCharacters(text);
    if (utf8) return scratch;
    for (char& c : scratch) {
        if (static_cast<unsigned char>(c) >= 0x80) c = '?';
    }
    return scratch;
}

bool IsContinuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Characters (code points) of well-formed UTF-8.
int Columns(std::string_view utf8) {
    return static_cast<int>(std::ranges::count_if(utf8, [](char c) { return !IsContinuation(c); }));
}

// The first `columns` characters of `utf8`, and how many characters that is.
struct Fitted {
    std::string_view text;
    int columns = 0;
};

Fitted Fit(std::string_view utf8, int columns) {
    std::size_t end = 0;
    int taken = 0;
    while (end < utf8.size()) {
        if (!IsContinuation(utf8[end])) {
            if (taken == columns) break;
            ++taken;
        }
        ++end;
    }
    return {utf8.substr(0, end), taken};
}

std::string_view FirstColumns(std::string_view utf8, int columns) {
    return Fit(utf8, columns).text;
}

// Word-wrapped to `width` characters; words longer than a line are broken. Never empty.
std::vector<std::string> Wrap(std::string_view raw, int width) {
    width = std::max(width, 1);
    std::string scratch;
    std::string_view rest = Printable(raw, scratch);
    std::vector<std::string> rows;
    if (Columns(rest) <= width && rest.find("  ") == std::string_view::npos &&
        !rest.starts_with(' ') && !rest.ends_with(' ')) {
        rows.emplace_back(rest);  // fits as it is: most lines of a receipt
        return rows;
    }
    std::string row;
    int row_columns = 0;
    while (!rest.empty()) {
        const std::size_t space = rest.find(' ');
        std::string_view word = rest.substr(0, space);
        rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
        while (!word.empty()) {
            const int room = row.empty() ? width : width - row_columns - 1;
            const int word_columns = Columns(word);
            if (word_columns <= room) {
                if (!row.empty()) {
                    row += ' ';
                    ++row_columns;
                }
                row += word;
                row_columns += word_columns;
                break;
            }
            if (!row.empty()) {
                rows.push_back(std::exchange(row, {}));
                row_columns = 0;
                continue;
            }
            const std::string_view piece = FirstColumns(word, width);
            rows.emplace_back(piece);
            word.remove_prefix(piece.size());
        }
    }
    if (!row.empty() || rows.empty()) rows.push_back(std::move(row));
    return rows;
}

// `left` and `right` on one line of `width`, `right` flush right; `left` is cut to make room.
std::string TwoColumns(std::string_view left, std::string_view right, int width) {
    std::string left_scratch, right_scratch;
    const Fitted right_text = Fit(Printable(right, right_scratch), width);
    const Fitted left_text =
        Fit(Printable(left, left_scratch), std::max(width - right_text.columns - 1, 0));
    const auto gap =
        static_cast<std::size_t>(std::max(width - left_text.columns - right_text.columns, 0));
    std::string row;
    row.reserve(left_text.text.size() + gap + right_text.text.size());
    row.append(left_text.text).append(gap, ' ').append(right_text.text);
    return row;
}

PrintedLine Plain(std::string text) {
    return PrintedLine{.text = std::move(text)};
}

PrintedLine Rule(int width) {
    return Plain(std::string(static_cast<std::size_t>(width), '-'));
}

void AddCentred(std::vector<PrintedLine>& lines, std::string_view text, int width, bool large) {
    for (std::string& row : Wrap(text, large ? width / 2 : width)) {
        lines.push_back({.text = std::move(row),
                         .alignment = Alignment::kCentre,
                         .bold = large,
                         .double_size = large});
    }
}

// A heading line in double size when it fits in half the width, otherwise bold.
PrintedLine Emphasised(std::string_view left, std::string_view right, int width) {
    std::string left_scratch, right_scratch;
    const bool fits =
        Columns(Printable(left, left_scratch)) + Columns(Printable(right, right_scratch)) + 1 <=
        width / 2;
    return {.text = TwoColumns(left, right, fits ? width / 2 : width),
            .bold = true,
            .double_size = fits};
}

// "£12.34", or "EUR 12.34" where the printer's table has no sign for the currency.
std::string WithSign(const Money& amount, CodePage page) {
    const std::string& code = amount.GetCurrency().code;
    std::string sign = code == "GBP" ? "£" : code == "EUR" ? "€" : code == "USD" ? "$" : "";
    if (sign.empty() || EncodeText(sign, page) == std::string{kFallbackByte}) sign = code + " ";
    if (amount.IsNegative()) {
        const std::string digits = money::FormatMoney(amount);
        return "-" + sign + digits.substr(1);
    }
    return sign + money::FormatMoney(amount);
}

// Basis points as "20%" or "12.5%".
std::string Rate(money::TaxRateBasisPoints basis_points) {
    std::string text = std::to_string(basis_points / 100);
    const int fraction = basis_points % 100;
    if (fraction != 0) {
        std::string digits = std::to_string(fraction + 100).substr(1);
        if (digits.back() == '0') digits.pop_back();
        text += "." + digits;
    }
    return text + "%";
}

Error WrongCurrency(std::string_view what, const Money& amount, const Money& expected) {
    return MakeError(ErrorCode::kCurrencyMismatch,
                     std::string{what} + ": " + amount.GetCurrency().code + " on a receipt in " +
                         expected.GetCurrency().code);
}

Status AddOrderLines(std::vector<PrintedLine>& lines, const orders::Order& order,
                     const orders::OrderTotals& totals, int width) {
    for (std::size_t i = 0; i < order.lines.size(); ++i) {
        const orders::OrderLine& line = order.lines[i];
        const auto before_discount = totals.lines[i].total.Plus(line.discount);
        if (!before_discount) return std::unexpected(before_discount.error());
        const std::string amount = money::FormatMoney(*before_discount);
        const bool one_row = line.quantity == orders::kMilliPerUnit && line.discount.IsZero();
        std::vector<std::string> rows =
            Wrap(line.description, one_row ? width - Columns(amount) - 1 : width);
        for (std::size_t row = 0; row < rows.size(); ++row) {
            lines.push_back(
                Plain(one_row && row == 0 ? TwoColumns(rows[row], amount, width) : rows[row]));
        }
        if (line.price_overridden_from) {
            lines.push_back(
                Plain("  Price changed from " + money::FormatMoney(*line.price_overridden_from)));
        }
        if (one_row) continue;
        lines.push_back(Plain(TwoColumns("  " + orders::FormatQuantity(line.quantity) + " x " +
                                             money::FormatMoney(line.unit_price),
                                         amount, width)));
        if (!line.discount.IsZero()) {
            const auto negated = line.discount.Negated();
            if (!negated) return std::unexpected(negated.error());
            lines.push_back(Plain(TwoColumns("  Discount", money::FormatMoney(*negated), width)));
        }
    }
    return {};
}

Status AddTaxBreakdown(std::vector<PrintedLine>& lines, const orders::Order& order,
                       const orders::OrderTotals& totals, int width) {
    struct RateSums {
        Money gross;
        Money tax;
    };
    std::map<money::TaxRateBasisPoints, RateSums, std::greater<>> by_rate;
    const Money zero{0, totals.total.GetCurrency()};
    for (std::size_t i = 0; i < order.lines.size(); ++i) {
        auto entry = by_rate.find(order.lines[i].tax_rate);
        if (entry == by_rate.end())
            entry = by_rate.emplace(order.lines[i].tax_rate, RateSums{zero, zero}).first;
        auto gross = entry->second.gross.Plus(totals.lines[i].total);
        auto tax = entry->second.tax.Plus(totals.lines[i].tax);
        if (!gross) return std::unexpected(gross.error());
        if (!tax) return std::unexpected(tax.error());
        entry->second.gross = std::move(*gross);
        entry->second.tax = std::move(*tax);
    }
    const int column = std::min(12, (width - 10) / 2);  // leaves "VAT rate" its room
    auto row = [&](std::string_view label, std::string_view net, std::string_view tax) {
        return Plain(
            TwoColumns(label, TwoColumns("", net, column) + TwoColumns("", tax, column), width));
    };
    lines.push_back(row("VAT rate", "Net", "VAT"));
    for (const auto& [rate, sums] : by_rate) {
        const auto net = sums.gross.Minus(sums.tax);
        if (!net) return std::unexpected(net.error());
        lines.push_back(row(Rate(rate), money::FormatMoney(*net), money::FormatMoney(sums.tax)));
    }
    return {};
}

Status AddPayments(std::vector<PrintedLine>& lines, const ReceiptContext& context,
                   const Money& total, CodePage page, int width) {
    Money change{0, total.GetCurrency()};
    for (const orders::Payment& payment : context.payments) {
        const Money& tendered = payment.tendered.IsZero() ? payment.amount : payment.tendered;
        if (payment.amount.GetCurrency() != total.GetCurrency())
            return std::unexpected(WrongCurrency("payment", payment.amount, total));
        if (tendered.GetCurrency() != total.GetCurrency())
            return std::unexpected(WrongCurrency("cash tendered", tendered, total));
        lines.push_back(
            Plain(TwoColumns(TenderName(payment.tender), WithSign(tendered, page), width)));
        if (!payment.reference.empty())
            lines.push_back(Plain(TwoColumns("  Ref " + payment.reference, "", width)));
        const auto given = tendered.Minus(payment.amount);
        if (!given) return std::unexpected(given.error());
        if (given->IsNegative()) continue;
        const auto sum = change.Plus(*given);
        if (!sum) return std::unexpected(sum.error());
        change = *sum;
    }
    if (!change.IsZero()) lines.push_back(Emphasised("Change", WithSign(change, page), width));
    return {};
}

void AddCopyMark(std::vector<PrintedLine>& lines, const ReceiptContext& context, int width) {
    if (!context.copy) return;
    AddCentred(lines, "*** COPY ***", width, true);
    AddCentred(lines, "Reprint of an earlier receipt", width, false);
}

void AddShopHeader(std::vector<PrintedLine>& lines, const std::vector<std::string>& header,
                   int width) {
    for (std::size_t i = 0; i < header.size(); ++i)
        AddCentred(lines, header[i], width, i == 0);
    if (!header.empty()) lines.push_back(Plain({}));
}

// The order's number, date, cashier and terminal (those known), then a rule.
void AddOrderHeading(std::vector<PrintedLine>& lines, std::string_view number,
                     const ReceiptContext& context, int width) {
    lines.push_back(Plain(TwoColumns("Order", number, width)));
    if (!context.date_time.empty())
        lines.push_back(Plain(TwoColumns("Date", context.date_time, width)));
    if (!context.cashier.empty())
        lines.push_back(Plain(TwoColumns("Cashier", context.cashier, width)));
    if (!context.terminal.empty())
        lines.push_back(Plain(TwoColumns("Terminal", context.terminal, width)));
    lines.push_back(Rule(width));
}

Error InContext(Error error, std::string_view context) {
    return error.WithContext(context);
}

Status AddLogo(std::vector<PrintedLine>& lines, const std::shared_ptr<const RasterImage>& logo,
               const PrinterProfile& profile) {
    if (!logo) return {};
    if (!logo->IsWellFormed()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("logo: {} by {} dots with {} bytes is not a "
                                                     "well-formed picture",
                                                     logo->width, logo->height, logo->rows.size()),
                                         "logo"));
    }
    if (logo->width > profile.dots_per_line) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      fmt::format("logo: {} dots wide, the printer ({}) prints at most {}",
                                  logo->width, profile.name, profile.dots_per_line),
                      "logo"));
    }
    lines.push_back(
        {.text = {}, .alignment = Alignment::kCentre, .kind = PrintedKind::kLogo, .image = logo});
    return {};
}

}  // namespace

std::string_view TenderName(orders::Tender tender) {
    switch (tender) {
        case orders::Tender::kCash:
            return "Cash";
        case orders::Tender::kCard:
            return "Card";
        case orders::Tender::kStoreCredit:
            return "Store credit";
        case orders::Tender::kGiftCard:
            return "Gift card";
        case orders::Tender::kChannel:
            return "Paid online";
        case orders::Tender::kOther:
            return "Other";
        case orders::Tender::kExchangeCredit:
            return "Exchange credit";
    }
    return "Other";
}

int PrintedColumns(const PrintedLine& line) {
    if (line.kind != PrintedKind::kText) return 0;
    std::string scratch;
    const int columns = Columns(Printable(line.text, scratch));
    return line.double_size ? columns * 2 : columns;
}

Result<std::vector<PrintedLine>> LayOutReceipt(const orders::Order& order,
                                               const ReceiptContext& context,
                                               const PrinterProfile& profile) {
    const int width = profile.font_a_columns;
    const CodePage page = profile.default_code_page;
    const auto totals = orders::ComputeTotals(order);
    if (!totals) return std::unexpected(InContext(totals.error(), "receipt for " + order.number));
    std::vector<PrintedLine> lines;
    lines.reserve(3 * order.lines.size() + context.header_lines.size() +
                  context.footer_lines.size() + 32);  // most receipts: no reallocation
    if (auto added = AddLogo(lines, context.logo, profile); !added)
        return std::unexpected(InContext(added.error(), "receipt for " + order.number));
    AddShopHeader(lines, context.header_lines, width);
    AddCopyMark(lines, context, width);
    AddOrderHeading(lines, order.number, context, width);
    if (auto added = AddOrderLines(lines, order, *totals, width); !added)
        return std::unexpected(InContext(added.error(), "receipt for " + order.number));
    lines.push_back(Rule(width));
    lines.push_back(Emphasised("TOTAL", WithSign(totals->total, page), width));
    lines.push_back(Plain({}));
    if (auto added = AddTaxBreakdown(lines, order, *totals, width); !added)
        return std::unexpected(InContext(added.error(), "receipt for " + order.number));
    lines.push_back(Rule(width));
    if (auto added = AddPayments(lines, context, totals->total, page, width); !added)
        return std::unexpected(InContext(added.error(), "receipt for " + order.number));
    lines.push_back(Plain({}));
    const bool qr = profile.order_code == OrderCodeSymbol::kQrCode;
    lines.push_back({.text = order.number,
                     .alignment = Alignment::kCentre,
                     .kind = qr ? PrintedKind::kQrCode : PrintedKind::kCode128});
    if (qr) AddCentred(lines, order.number, width, false);
    lines.push_back(Plain({}));
    for (const std::string& footer : context.footer_lines)
        AddCentred(lines, footer, width, false);
    AddCopyMark(lines, context, width);
    return lines;
}

Result<std::vector<PrintedLine>> LayOutRefundReceipt(const RefundReceipt& refund,
                                                     const ReceiptContext& context,
                                                     const PrinterProfile& profile) {
    const int width = profile.font_a_columns;
    const CodePage page = profile.default_code_page;
    const std::string what =
        "refund receipt for " + (refund.order_number.empty() ? "no receipt" : refund.order_number);
    std::vector<PrintedLine> lines;
    if (auto added = AddLogo(lines, context.logo, profile); !added)
        return std::unexpected(InContext(added.error(), what));
    AddShopHeader(lines, context.header_lines, width);
    AddCopyMark(lines, context, width);
    AddCentred(lines, "REFUND", width, true);
    AddOrderHeading(lines, refund.order_number.empty() ? "no receipt" : refund.order_number,
                    context, width);
    std::optional<Money> total;
    for (const RefundReceiptLine& line : refund.lines) {
        for (const std::string& row : Wrap(line.description, width))
            lines.push_back(Plain(row));
        lines.push_back(Plain(TwoColumns("  " + orders::FormatQuantity(line.quantity) + " back",
                                         WithSign(line.value, page), width)));
        auto sum = total ? total->Plus(line.value) : Result<Money>(line.value);
        if (!sum) return std::unexpected(InContext(sum.error(), what));
        total = *sum;
    }
    lines.push_back(Rule(width));
    for (const orders::Refund& paid : refund.refunds) {
        if (total && paid.amount.GetCurrency() != total->GetCurrency())
            return std::unexpected(InContext(WrongCurrency("refund", paid.amount, *total), what));
        lines.push_back(Emphasised("REFUNDED", WithSign(paid.amount, page), width));
        const std::string_view tender =
            paid.tender == orders::Tender::kChannel ? "Refunded online" : TenderName(paid.tender);
        lines.push_back(Plain(TwoColumns("  " + std::string(tender), "", width)));
    }
    lines.push_back(Plain({}));
    if (!refund.order_number.empty()) {
        const bool qr = profile.order_code == OrderCodeSymbol::kQrCode;
        lines.push_back({.text = refund.order_number,
                         .alignment = Alignment::kCentre,
                         .kind = qr ? PrintedKind::kQrCode : PrintedKind::kCode128});
        lines.push_back(Plain({}));
    }
    for (const std::string& footer : context.footer_lines)
        AddCentred(lines, footer, width, false);
    AddCopyMark(lines, context, width);
    return lines;
}

Result<std::vector<PrintedLine>> LayOutCashUpReport(const CashUpReport& report,
                                                    const PrinterProfile& profile) {
    const int width = profile.font_a_columns;
    const CodePage page = profile.default_code_page;
    const bool z = report.kind == CashUpKind::kZ;
    const Money& base = report.opening_float;
    for (const Money* amount :
         {&report.cash_sales, &report.paid_in, &report.paid_out, &report.expected}) {
        if (amount->GetCurrency() != base.GetCurrency())
            return std::unexpected(WrongCurrency("cash-up", *amount, base));
    }
    for (const auto* amount :
         {&report.counted, &report.cash_refunds, &report.card_sales, &report.card_refunds}) {
        if (*amount && (*amount)->GetCurrency() != base.GetCurrency())
            return std::unexpected(WrongCurrency("cash-up", **amount, base));
    }
    const auto paid_out = report.paid_out.Negated();
    if (!paid_out) return std::unexpected(paid_out.error());
    std::vector<PrintedLine> lines;
    AddShopHeader(lines, report.header_lines, width);
    AddCentred(lines, z ? "Z REPORT" : "X REPORT", width, true);
    AddCentred(lines, z ? "End of shift - shift closed" : "Reading - shift still open", width,
               false);
    lines.push_back(Plain({}));
    const std::pair<std::string_view, const std::string*> details[] = {
        {"Terminal", &report.terminal},
        {"Cashier", &report.cashier},
        {"Shift", &report.shift},
        {"Date", &report.date_time}};
    for (const auto& [label, value] : details) {
        if (!value->empty()) lines.push_back(Plain(TwoColumns(label, *value, width)));
    }
    if (report.sales)
        lines.push_back(Plain(TwoColumns("Sales", std::to_string(*report.sales), width)));
    if (report.no_sales)
        lines.push_back(Plain(TwoColumns("No sales", std::to_string(*report.no_sales), width)));
    lines.push_back(Rule(width));
    lines.push_back(Plain(TwoColumns("Opening float", WithSign(base, page), width)));
    lines.push_back(Plain(TwoColumns("Cash sales", WithSign(report.cash_sales, page), width)));
    lines.push_back(Plain(TwoColumns("Paid in", WithSign(report.paid_in, page), width)));
    lines.push_back(Plain(TwoColumns("Paid out", WithSign(*paid_out, page), width)));
    if (report.cash_refunds) {
        const auto refunds = report.cash_refunds->Negated();
        if (!refunds) return std::unexpected(refunds.error());
        lines.push_back(Plain(TwoColumns("Cash refunds", WithSign(*refunds, page), width)));
    }
    lines.push_back(Rule(width));
    lines.push_back(
        Plain(TwoColumns("Expected in drawer", WithSign(report.expected, page), width)));
    if (report.counted) {
        const auto variance = report.counted->Minus(report.expected);
        if (!variance) return std::unexpected(variance.error());
        lines.push_back(Plain(TwoColumns("Counted", WithSign(*report.counted, page), width)));
        for (const CountedDenomination& row : report.counted_by_denomination) {
            if (row.amount.GetCurrency() != base.GetCurrency())
                return std::unexpected(WrongCurrency("cash-up", row.amount, base));
            lines.push_back(Plain(TwoColumns("  " + row.label + " x " + std::to_string(row.count),
                                             WithSign(row.amount, page), width)));
        }
        const std::string_view label = variance->IsZero()       ? "Variance"
                                       : variance->IsNegative() ? "Variance (short)"
                                                                : "Variance (over)";
        lines.push_back(
            {.text = TwoColumns(label, WithSign(*variance, page), width), .bold = true});
        if (!report.variance_approved_by.empty())
            lines.push_back(Plain(TwoColumns("Approved by", report.variance_approved_by, width)));
    }
    if (report.card_sales || report.card_refunds) {
        lines.push_back(Rule(width));
        lines.push_back(Plain("Card (not in the drawer)"));
        if (report.card_sales)
            lines.push_back(
                Plain(TwoColumns("Card sales", WithSign(*report.card_sales, page), width)));
        if (report.card_refunds) {
            const auto refunds = report.card_refunds->Negated();
            if (!refunds) return std::unexpected(refunds.error());
            lines.push_back(Plain(TwoColumns("Card refunds", WithSign(*refunds, page), width)));
        }
    }
    return lines;
}

Result<std::vector<PrintedLine>> LayOutCreditNote(const CreditNote& note,
                                                  const PrinterProfile& profile) {
    const int width = profile.font_a_columns;
    const CodePage page = profile.default_code_page;
    if (note.balance.GetCurrency() != note.amount.GetCurrency())
        return std::unexpected(WrongCurrency("credit note", note.balance, note.amount));
    const bool digits = note.card_number.size() == 16 &&
                        std::all_of(note.card_number.begin(), note.card_number.end(),
                                    [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput, "credit note: a card number has 16 digits", "card_number"));
    }
    std::vector<PrintedLine> lines;
    AddShopHeader(lines, note.header_lines, width);
    AddCentred(lines, note.gift_card_sold ? "GIFT CARD" : "CREDIT NOTE", width, true);
    lines.push_back(Plain({}));
    const std::pair<std::string_view, const std::string*> details[] = {
        {note.gift_card_sold ? "Sold with" : "Refund of", &note.order_number},
        {"Terminal", &note.terminal},
        {"Cashier", &note.cashier},
        {"Date", &note.date_time}};
    for (const auto& [label, value] : details) {
        if (!value->empty()) lines.push_back(Plain(TwoColumns(label, *value, width)));
    }
    lines.push_back(Rule(width));
    lines.push_back(
        Emphasised(note.gift_card_sold ? "LOADED" : "CREDIT", WithSign(note.amount, page), width));
    if (!note.gift_card_sold)
        lines.push_back(Plain(TwoColumns("Card balance", WithSign(note.balance, page), width)));
    lines.push_back(Rule(width));
    lines.push_back(
        {.text = note.card_number, .alignment = Alignment::kCentre, .kind = PrintedKind::kCode128});
    lines.push_back(Plain({}));
    for (const std::string& text :
         Wrap(note.gift_card_sold
                  ? "Spend it in any of our shops: hand this card over at the till. Keep it safe: "
                    "whoever holds it can spend it."
                  : "Spend it in any of our shops: hand this note over at the till. Keep it safe: "
                    "whoever holds it can spend it.",
              width))
        lines.push_back(Plain(text));
    return lines;
}

std::vector<PrintedLine> LayOutTestPage(const PrinterProfile& profile) {
    const int width = profile.font_a_columns;
    std::vector<PrintedLine> lines;
    AddCentred(lines, "TEST PAGE", width, true);
    AddCentred(lines, profile.name, width, false);
    for (std::string& row : Wrap(profile.description, width))
        lines.push_back(Plain(row));
    lines.push_back(Rule(width));
    lines.push_back(Plain("Font A: " + std::to_string(width) + " characters a line"));
    std::string ruler;
    for (int i = 1; i <= width; ++i)
        ruler += static_cast<char>('0' + i % 10);
    lines.push_back(Plain(ruler));
    const auto table = profile.TableNumber(profile.default_code_page);
    const std::string_view page_name = profile.default_code_page == CodePage::kCp858    ? "CP858"
                                       : profile.default_code_page == CodePage::kCp1252 ? "CP1252"
                                                                                        : "CP437";
    lines.push_back(Plain("Table: " + std::string{page_name} + " (ESC t " +
                          std::to_string(table.value_or(0)) + ")"));
    for (std::string& row : Wrap("£ € é è ê ü ö ä ß ñ ç Å Æ Ø ¿ ½", width))
        lines.push_back(Plain(row));
    lines.push_back({.text = "Bold text", .bold = true});
    lines.push_back({.text = "Large", .bold = false, .double_size = true});
    lines.push_back({.text = "Left"});
    lines.push_back({.text = "Centre", .alignment = Alignment::kCentre});
    lines.push_back({.text = "Right", .alignment = Alignment::kRight});
    lines.push_back(Rule(width));
    const std::string_view cutter = profile.cutter == Cutter::kNone   ? "none"
                                    : profile.cutter == Cutter::kFull ? "full"
                                                                      : "partial";
    lines.push_back(Plain(TwoColumns("Cutter", cutter, width)));
    std::string pins;
    for (const DrawerPin pin : profile.drawer_pins)
        pins += (pins.empty() ? "pin " : ", pin ") + std::to_string(static_cast<int>(pin));
    lines.push_back(Plain(TwoColumns("Drawer", pins.empty() ? "none" : pins, width)));
    lines.push_back(Plain(TwoColumns("Status", profile.real_time_status ? "yes" : "no", width)));
    lines.push_back(Plain(TwoColumns("QR codes", profile.qr_code ? "yes" : "no", width)));
    const bool qr = profile.order_code == OrderCodeSymbol::kQrCode;
    lines.push_back({.text = "TEST-PAGE",
                     .alignment = Alignment::kCentre,
                     .kind = qr ? PrintedKind::kQrCode : PrintedKind::kCode128});
    return lines;
}

Result<std::string> EncodeLayout(const std::vector<PrintedLine>& lines,
                                 const PrinterProfile& profile) {
    // The loader makes the default one of the profile's tables; a profile built in code may not.
    const auto table = profile.TableNumber(profile.default_code_page);
    if (!table) {
        return std::unexpected(MakeError(
            ErrorCode::kUnsupported,
            profile.name + ": the default code page is not one of the profile's code_pages, so "
                           "it has no ESC t number",
            "default_code_page"));
    }
    EscPosEncoder encoder;
    encoder.Initialise().SelectCodePage(profile.default_code_page, *table);
    Alignment alignment = Alignment::kLeft;
    bool bold = false;
    bool double_size = false;
    auto set_style = [&](Alignment want_alignment, bool want_bold, bool want_double) {
        if (want_alignment != alignment) encoder.Align(alignment = want_alignment);
        if (want_bold != bold) encoder.Bold(bold = want_bold);
        if (want_double != double_size) encoder.DoubleSize(double_size = want_double);
    };
    for (const PrintedLine& line : lines) {
        switch (line.kind) {
            case PrintedKind::kText:
                set_style(line.alignment, line.bold, line.double_size);
                // The last gate: whatever a layout put together, no control character is sent.
                encoder.Line(text::WithoutControlCharacters(line.text));
                break;
            case PrintedKind::kCode128:
                set_style(line.alignment, false, false);
                encoder.BarcodeCode128(line.text);
                break;
            case PrintedKind::kQrCode:
                set_style(line.alignment, false, false);
                encoder.QrCode(line.text);
                encoder.Line();
                break;
            case PrintedKind::kLogo:
                // GS v 0 prints at once and feeds its own height: no line feed after it.
                set_style(line.alignment, false, false);
                // A logo line without its picture is a bug: an empty picture makes the encoder
                // refuse it, so the receipt fails rather than printing without it silently.
                encoder.Raster(line.image ? *line.image : RasterImage{});
                break;
        }
    }
    set_style(Alignment::kLeft, false, false);
    switch (profile.cutter) {
        case Cutter::kNone:
            encoder.Feed(4);  // past the tear bar
            break;
        case Cutter::kFull:
            encoder.Cut(CutMode::kFull);
            break;
        case Cutter::kPartial:
            encoder.Cut(CutMode::kPartial);
            break;
    }
    auto bytes = std::move(encoder).TakeBytes();
    if (!bytes) return std::unexpected(InContext(bytes.error(), profile.name));
    return bytes;
}

Result<std::shared_ptr<const RasterImage>> LoadReceiptLogo(const std::string& path,
                                                           const PrinterProfile& profile) {
    auto image = LoadPng(path, profile.dots_per_line);
    if (!image) return std::unexpected(image.error());
    return std::make_shared<const RasterImage>(std::move(*image));
}

Result<std::string> RenderReceipt(const orders::Order& order, const ReceiptContext& context,
                                  const PrinterProfile& profile) {
    auto lines = LayOutReceipt(order, context, profile);
    if (!lines) return std::unexpected(lines.error());
    return EncodeLayout(*lines, profile);
}

Result<std::string> RenderCashUpReport(const CashUpReport& report, const PrinterProfile& profile) {
    auto lines = LayOutCashUpReport(report, profile);
    if (!lines) return std::unexpected(lines.error());
    return EncodeLayout(*lines, profile);
}

Result<std::string> RenderTestPage(const PrinterProfile& profile) {
    return EncodeLayout(LayOutTestPage(profile), profile);
}

}  // namespace tillbook::drivers
