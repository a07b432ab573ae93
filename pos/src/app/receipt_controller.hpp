#pragma once
// Receipts never hold up a sale: the device worker prints them and reports back. A failed receipt
// says why in the cashier's words and waits in the reprint list; "reprint last" sends the last
// sale's receipt again (a COPY when it printed before).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "till_context.hpp"

namespace tillbook::pos::app {

class ReceiptController {
  public:
    explicit ReceiptController(TillContext& context) : m_context(context) {}

    // The sale just completed: its receipt is queued, or kept for "reprint last" only.
    void SaleCompleted(ReceiptRequest receipt, bool print);
    void OnJob(const PrintJobReport& report);
    void ReprintLast();
    void Reprint(std::uint64_t job_id);
    // The last sale's receipt in words: "Receipt printing", "Receipt failed: out of paper".
    [[nodiscard]] const std::string& LastText() const { return m_last_text; }
    // Fills in the reprint list of the status view and the status bar's count.
    void Refresh();

  private:
    enum class LastState { kNone, kNotPrinted, kPrinting, kPrinted, kFailed };

    TillContext& m_context;
    std::optional<ReceiptRequest> m_last;
    std::string m_last_label;  // "Receipt S01-T1-000017"
    LastState m_last_state = LastState::kNone;
    std::optional<std::uint64_t> m_last_job;
    std::string m_last_text;
    std::vector<ReprintView> m_reprints;  // failed jobs, oldest first
};

}  // namespace tillbook::pos::app
