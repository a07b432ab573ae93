#include "scanner_reader.hpp"

#include <fmt/format.h>

#include <utility>

namespace tillbook::pos::devices {

ScannerReader::ScannerReader(std::unique_ptr<drivers::BarcodeSource> source,
                             app::ReportQueue& reports, ScannerReaderOptions options)
    : m_source(std::move(source)),
      m_reports(reports),
      m_options(std::move(options)),
      m_thread([this] { Run(); }) {}

ScannerReader::~ScannerReader() {
    RequestStop();
    Join();
}

void ScannerReader::Join() {
    if (m_thread.joinable()) m_thread.join();
}

bool ScannerReader::EnsureOpen() {
    if (m_source->IsOpen()) return true;
    if (auto opened = m_source->Open(); !opened) {
        if (opened.error().message != m_last_problem) {
            m_last_problem = opened.error().message;
            m_said_open = false;
            m_options.log(fmt::format("scanner not available: {} (trying again every {} ms)",
                                      m_last_problem, m_options.retry_interval.count()));
        }
        return false;
    }
    if (!m_said_open) {
        m_options.log(
            fmt::format("scanner {}: {}", m_was_open ? "back" : "ready", m_source->Describe()));
        if (const std::string warning = m_source->Warning(); !warning.empty()) {
            m_options.log(fmt::format("scanner {}: {}", m_source->Describe(), warning));
        }
        m_said_open = true;
    }
    m_was_open = true;
    return true;
}

void ScannerReader::Run() {
    while (!m_stop.Stopped()) {
        if (!EnsureOpen()) {
            m_stop.WaitFor(m_options.retry_interval);
            continue;
        }
        auto scan = m_source->Next(m_options.read_slice);
        if (!scan) {
            // Unplugged or failing: the source closed itself; open it again later. A scanner
            // that keeps coming and going with the same fault is logged once, not every retry.
            if (scan.error().message != m_last_problem) {
                m_last_problem = scan.error().message;
                m_said_open = false;
                m_options.log(fmt::format("scanner went away: {} (trying again every {} ms)",
                                          m_last_problem, m_options.retry_interval.count()));
            }
            m_source->Close();
            m_stop.WaitFor(m_options.retry_interval);
            continue;
        }
        if (!*scan) continue;
        m_last_problem.clear();  // it works: the next fault is news
        m_reports.Post(app::Scanned{std::move((*scan)->text), app::ScanSource::kScanner});
    }
    m_source->Close();
}

}  // namespace tillbook::pos::devices
