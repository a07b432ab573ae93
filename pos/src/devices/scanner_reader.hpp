#pragma once
// One configured scanner read on its own thread: every barcode it reads is posted to the till as
// app::Scanned. A scanner that cannot be opened or goes away (unplugged, powered off) is logged
// and tried again every few seconds, so plugging it back in is all the cashier has to do.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "stop_signal.hpp"
#include "tillbook/drivers/barcode_source.hpp"
#include "tillbook/pos/app/worker_reports.hpp"

namespace tillbook::pos::devices {

struct ScannerReaderOptions {
    std::chrono::milliseconds retry_interval{3000};  // between tries to open a missing scanner
    std::chrono::milliseconds read_slice{200};       // longest wait in Next: how soon Stop acts
    std::function<void(const std::string&)> log;     // one line, without the newline; never empty
};

class ScannerReader {
  public:
    // Starts reading at once.
    ScannerReader(std::unique_ptr<drivers::BarcodeSource> source, app::ReportQueue& reports,
                  ScannerReaderOptions options);
    ~ScannerReader();
    ScannerReader(const ScannerReader&) = delete;
    ScannerReader& operator=(const ScannerReader&) = delete;

    // Asks the thread to end (returns at once); Join waits for it (at most about a read slice).
    void RequestStop() { m_stop.RequestStop(); }
    void Join();

  private:
    void Run();
    // Opens the scanner if it is closed; false (and logged once per new problem) when it cannot.
    bool EnsureOpen();

    // Log lines are said on changes only, so that a missing scanner does not fill the log.

    std::unique_ptr<drivers::BarcodeSource> m_source;  // the thread's alone once started
    app::ReportQueue& m_reports;
    ScannerReaderOptions m_options;
    std::string m_last_problem;  // the thread's: the last problem logged, so it is logged once
    bool m_was_open = false;     // ever opened: "back" rather than "ready"
    bool m_said_open = false;    // "ready" or "back" logged since the last problem
    StopSignal m_stop;
    std::thread m_thread;  // last: starts after everything above exists
};

}  // namespace tillbook::pos::devices
