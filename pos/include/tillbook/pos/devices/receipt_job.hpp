#pragma once
// A ReceiptRequest from the till turned into the bytes of one print job: the drivers' receipt
// layout with the shop's header and footer, the terminal's name and the logo, then ESC/POS for
// the printer's profile. Plain functions, no I/O.
#include <memory>
#include <string>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/drivers/raster_image.hpp"
#include "tillbook/drivers/receipt_renderer.hpp"
#include "tillbook/pos/app/worker_reports.hpp"

namespace tillbook::pos::devices {

// What every receipt of this till prints around the sale. Changes when the shop's settings do.
struct ReceiptText {
    std::vector<std::string> header_lines;  // shop name first (printed large), address, VAT no
    std::vector<std::string> footer_lines;  // "Thank you!", returns policy
    std::string terminal;                   // "T1"
    std::shared_ptr<const drivers::RasterImage> logo{};  // printed above the header; may be null
};

// The drivers' receipt context for `request`.
[[nodiscard]] drivers::ReceiptContext MakeReceiptContext(const app::ReceiptRequest& request,
                                                         const ReceiptText& text);

// app::ReceiptName ("Receipt S01-T1-000017", "Refund S01-T1-000017"), and " (copy)" for a copy:
// how the job is named on the till.
[[nodiscard]] std::string ReceiptLabel(const app::ReceiptRequest& request);

// The receipt's ESC/POS bytes. Errors say which receipt ("Receipt S01-T1-000017: ...") and why
// the renderer refused it (totals that cannot be computed, a payment in another currency, ...).
[[nodiscard]] Result<std::string> RenderReceiptJob(const app::ReceiptRequest& request,
                                                   const ReceiptText& text,
                                                   const drivers::PrinterProfile& profile);

// An X reading's or Z report's ESC/POS bytes, under the shop's header (the request's own header
// lines, when it has any, win). Errors say which report ("X report 14:05: ...").
[[nodiscard]] Result<std::string> RenderCashUpJob(const app::CashUpRequest& request,
                                                  const ReceiptText& text,
                                                  const drivers::PrinterProfile& profile);

// A credit note's ESC/POS bytes (the drivers' LayOutCreditNote with the shop's header and the
// terminal), and its label on the till: "Credit note …5670", never the whole card number.
[[nodiscard]] std::string CreditNoteLabel(const app::CreditNoteRequest& note);
[[nodiscard]] Result<std::string> RenderCreditNoteJob(const app::CreditNoteRequest& note,
                                                      const ReceiptText& text,
                                                      const drivers::PrinterProfile& profile);

}  // namespace tillbook::pos::devices
