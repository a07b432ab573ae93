#pragma once
// The truth about the office and the printer: the status bar on every screen (online or offline,
// unsent events and the age of the oldest, the printer), and the status screen with the events
// the office rejected (and why), the reprint list and the last sync times.
#include <optional>

#include "till_context.hpp"

namespace tillbook::pos::app {

class StatusController {
  public:
    explicit StatusController(TillContext& context) : m_context(context) {}

    // The backlog as the journal holds it (at start, and after each sale).
    void ReadBacklog();
    void OnSync(const SyncReport& report);
    void OnPrinter(const PrinterReport& report);
    // The rejected events, the sync times and the catalogue's size for the status screen.
    void LoadStatusScreen();
    // Texts that count time ("offline since", "oldest 2 min").
    void Tick(ids::UtcMillis now);

  private:
    TillContext& m_context;
    std::optional<SyncReport> m_sync;
    std::int64_t m_unsent = 0;
    std::optional<ids::UtcMillis> m_oldest_unsent;
};

}  // namespace tillbook::pos::app
