#include "receipt_controller.hpp"

#include <algorithm>

namespace tillbook::pos::app {

void ReceiptController::SaleCompleted(ReceiptRequest receipt, bool print) {
    m_last_label = ReceiptName(receipt);
    m_last_job.reset();
    m_last = std::move(receipt);
    if (print) {
        m_context.devices.PrintReceipt(*m_last);
        m_last_state = LastState::kPrinting;
        m_last_text = "Receipt printing";
    } else {
        m_last_state = LastState::kNotPrinted;
        m_last_text = "No receipt";
    }
    Refresh();
}

void ReceiptController::OnJob(const PrintJobReport& report) {
    std::erase_if(m_reprints, [&](const ReprintView& waiting) {
        return waiting.job_id == report.job_id ||
               (report.reprint_of && waiting.job_id == *report.reprint_of);
    });
    if (!report.printed)
        m_reprints.push_back(
            {report.job_id, report.label, report.problem.empty() ? "not printed" : report.problem});
    if (report.label == m_last_label && m_last_state != LastState::kNone) {
        m_last_job = report.job_id;
        m_last_state = report.printed ? LastState::kPrinted : LastState::kFailed;
        m_last_text =
            report.printed ? "Receipt printed" : "Receipt failed: " + m_reprints.back().problem;
    }
    Refresh();
}

void ReceiptController::ReprintLast() {
    if (!m_last) return;
    switch (m_last_state) {
        case LastState::kFailed:
            if (m_last_job) Reprint(*m_last_job);
            return;
        case LastState::kPrinted: {
            ReceiptRequest copy = *m_last;
            copy.copy = true;
            m_context.devices.PrintReceipt(std::move(copy));
            m_last_state = LastState::kPrinting;
            m_last_text = "Receipt printing";
            return;
        }
        case LastState::kNotPrinted:
            m_context.devices.PrintReceipt(*m_last);
            m_last_state = LastState::kPrinting;
            m_last_text = "Receipt printing";
            return;
        case LastState::kPrinting:
        case LastState::kNone:
            return;
    }
}

void ReceiptController::Reprint(std::uint64_t job_id) {
    const auto waiting = std::find_if(m_reprints.begin(), m_reprints.end(),
                                      [&](const ReprintView& r) { return r.job_id == job_id; });
    if (waiting == m_reprints.end()) return;
    m_context.devices.Reprint(job_id);
    waiting->problem = "reprinting";
    if (m_last_job == job_id) {
        m_last_state = LastState::kPrinting;
        m_last_text = "Receipt printing";
    }
    Refresh();
}

void ReceiptController::Refresh() {
    m_context.view.status.reprints = m_reprints;
    m_context.view.status_bar.reprints_waiting = static_cast<std::int64_t>(m_reprints.size());
    m_context.view.can_reprint_last = m_last.has_value() && m_last_state != LastState::kPrinting;
    if (m_context.view.tender.completed) m_context.view.tender.receipt_text = m_last_text;
}

}  // namespace tillbook::pos::app
