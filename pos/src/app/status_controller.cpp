#include "status_controller.hpp"

#include <fmt/format.h>

#include "shop_text.hpp"
#include "tillbook/pos/till_sync.hpp"

namespace tillbook::pos::app {

namespace {

std::string_view EventWords(ledger::EventKind kind) {
    switch (kind) {
        case ledger::EventKind::kOrderPlaced:
            return "Sale";
        case ledger::EventKind::kExchangeCompleted:
            return "Exchange";
        case ledger::EventKind::kReturnReceived:
            return "Return";
        case ledger::EventKind::kRefundIssued:
            return "Refund";
        case ledger::EventKind::kShiftOpened:
            return "Shift opened";
        case ledger::EventKind::kShiftClosed:
            return "Shift closed";
        case ledger::EventKind::kCashMoved:
            return "Cash paid in or out";
        case ledger::EventKind::kDrawerOpened:
            return "No sale";
        case ledger::EventKind::kStockAdjusted:
            return "Stock adjustment";
        default:
            return "Event";
    }
}

// The readable number of the order an event of this till concerns, if any.
std::string OrderNumberOf(store::Database& db, const std::string& event_id) {
    auto q = db.Prepare(
        "SELECT o.number FROM ledger l JOIN order_events e ON e.seq = l.seq "
        "JOIN orders o ON o.id = e.order_id WHERE l.event_id = ? LIMIT 1");
    if (!q) return "";
    q->Bind(1, event_id);
    auto row = q->Step();
    return row && *row ? q->Text(0) : "";
}

std::string WithThousands(std::size_t count) {
    std::string digits = std::to_string(count);
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<std::size_t>(at), ",");
    return digits;
}

}  // namespace

void StatusController::ReadBacklog() {
    if (!m_context.journal) return;
    auto backlog = TillSync(m_context.db, m_context.journal->Identity().Origin(), m_context.clock)
                       .ReadBacklog();
    if (!backlog) return;
    m_unsent = backlog->unsent;
    m_oldest_unsent = backlog->oldest_unsent_at;
    m_context.view.status_bar.rejected = backlog->rejected;
}

void StatusController::OnSync(const SyncReport& report) {
    m_sync = report;
    m_unsent = report.unsent;
    m_oldest_unsent = report.oldest_unsent_at;
    m_context.view.status_bar.rejected = report.rejected;
    if (m_context.view.screen == Screen::kStatus) LoadStatusScreen();
}

void StatusController::OnPrinter(const PrinterReport& report) {
    m_context.view.status_bar.printer_ok = report.ready;
    m_context.view.status_bar.printer_text = report.text;
    m_context.view.status_bar.drawer_text = report.drawer_left_open ? "Drawer left open" : "";
}

void StatusController::LoadStatusScreen() {
    StatusView& view = m_context.view.status;
    view.rejected.clear();
    if (m_context.journal) {
        auto rejected =
            TillSync(m_context.db, m_context.journal->Identity().Origin(), m_context.clock)
                .ListRejected();
        if (rejected) {
            for (const RejectedEvent& event : *rejected) {
                const std::string number = OrderNumberOf(m_context.db, event.event_id);
                std::string what(EventWords(event.kind));
                if (!number.empty()) what += " " + number;
                view.rejected.push_back(
                    {what, DateTime(event.occurred_at, m_context.time_zone), event.reason});
            }
        }
    }
    const auto when = [&](const std::optional<ids::UtcMillis>& at) {
        return at ? ClockTime(*at, m_context.time_zone) : std::string("never");
    };
    view.last_sync_text = m_sync ? "Last pushed " + when(m_sync->last_push_at) + ", last pulled " +
                                       when(m_sync->last_pull_at)
                                 : "Not in touch with the office yet";
    view.catalogue_text = WithThousands(m_context.catalogue.Size()) + " products";
}

void StatusController::Tick(ids::UtcMillis now) {
    StatusBarView& bar = m_context.view.status_bar;
    bar.online = m_sync && m_sync->online;
    if (!m_context.journal) {
        // Not paired: there is no office to be on- or offline with yet.
        bar.online = false;
        bar.office_text = "Not paired yet";
    } else if (!m_sync) {
        bar.office_text = "Connecting to the office";
    } else if (m_sync->online) {
        bar.office_text = "Online";
    } else {
        bar.office_text = "Offline";
        if (m_sync->offline_since)
            bar.office_text += " since " + ClockTime(*m_sync->offline_since, m_context.time_zone);
        if (m_sync->next_try_at) {
            const std::int64_t wait =
                (std::max<std::int64_t>(0, *m_sync->next_try_at - now) + 999) / 1000;
            bar.office_text += fmt::format(" (retrying in {} s)", wait);
        }
    }
    bar.unsent = m_unsent;
    bar.unsent_text =
        m_unsent == 0
            ? "All sent"
            : fmt::format("{} unsent", m_unsent) +
                  (m_oldest_unsent ? ", oldest " + Age(now - *m_oldest_unsent) : std::string());
    if (bar.printer_text.empty()) bar.printer_text = "Printer: checking";
}

}  // namespace tillbook::pos::app
