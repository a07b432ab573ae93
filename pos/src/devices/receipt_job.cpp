#include "tillbook/pos/devices/receipt_job.hpp"

#include "tillbook/credit/card_number.hpp"

namespace tillbook::pos::devices {

drivers::ReceiptContext MakeReceiptContext(const app::ReceiptRequest& request,
                                           const ReceiptText& text) {
    drivers::ReceiptContext context;
    context.logo = text.logo;
    context.header_lines = text.header_lines;
    context.cashier = request.cashier;
    context.terminal = text.terminal;
    context.date_time = request.date_time;
    context.payments = request.payments;
    context.footer_lines = text.footer_lines;
    context.copy = request.copy;
    return context;
}

std::string ReceiptLabel(const app::ReceiptRequest& request) {
    std::string label = app::ReceiptName(request);
    if (request.copy) label += " (copy)";
    return label;
}

Result<std::string> RenderReceiptJob(const app::ReceiptRequest& request, const ReceiptText& text,
                                     const drivers::PrinterProfile& profile) {
    auto lines = request.refund ? drivers::LayOutRefundReceipt(
                                      *request.refund, MakeReceiptContext(request, text), profile)
                                : drivers::LayOutReceipt(
                                      request.order, MakeReceiptContext(request, text), profile);
    if (!lines) return std::unexpected(lines.error().WithContext(ReceiptLabel(request)));
    auto bytes = drivers::EncodeLayout(*lines, profile);
    if (!bytes) return std::unexpected(bytes.error().WithContext(ReceiptLabel(request)));
    return bytes;
}

Result<std::string> RenderCashUpJob(const app::CashUpRequest& request, const ReceiptText& text,
                                    const drivers::PrinterProfile& profile) {
    drivers::CashUpReport report = request.report;
    if (report.header_lines.empty()) report.header_lines = text.header_lines;
    if (report.terminal.empty()) report.terminal = text.terminal;
    auto bytes = drivers::RenderCashUpReport(report, profile);
    if (!bytes) return std::unexpected(bytes.error().WithContext(request.label));
    return bytes;
}

std::string CreditNoteLabel(const app::CreditNoteRequest& note) {
    return "Credit note " + credit::CardNumberTail(note.card_number);
}

Result<std::string> RenderCreditNoteJob(const app::CreditNoteRequest& note, const ReceiptText& text,
                                        const drivers::PrinterProfile& profile) {
    const drivers::CreditNote paper{text.header_lines, note.card_number,  note.amount,
                                    note.balance,      note.order_number, text.terminal,
                                    note.cashier,      note.date_time,    note.gift_card_sold};
    auto lines = drivers::LayOutCreditNote(paper, profile);
    if (!lines) return std::unexpected(lines.error().WithContext(CreditNoteLabel(note)));
    auto bytes = drivers::EncodeLayout(*lines, profile);
    if (!bytes) return std::unexpected(bytes.error().WithContext(CreditNoteLabel(note)));
    return bytes;
}

}  // namespace tillbook::pos::devices
