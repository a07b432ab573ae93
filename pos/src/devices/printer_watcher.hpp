#pragma once
// The device worker's watcher thread: follows every job handed to the printer's spooler until it
// is printed or has failed and tells the till (app::PrintJobReport for receipts; a log line for a
// drawer kick that failed), and asks the printer for its status every couple of seconds, telling
// the till when its state changes (app::PrinterReport). With a drawer configured, the same status
// replies say whether the drawer was left open. The UI thread never waits for any of this.
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "stop_signal.hpp"
#include "tillbook/drivers/cash_drawer.hpp"
#include "tillbook/drivers/spooler.hpp"
#include "tillbook/pos/app/worker_reports.hpp"

namespace tillbook::pos::devices {

struct PrinterWatcherOptions {
    std::chrono::milliseconds job_check{50};          // how often followed jobs are looked at
    std::chrono::milliseconds status_interval{2000};  // between status reads
    std::chrono::milliseconds status_timeout{500};    // per status read (Spooler::ReadStatus)
    bool read_status = true;  // the printer answers DLE EOT (its profile's real_time_status)
    std::optional<drivers::DrawerConfig> drawer;  // report a drawer left open
    std::function<void(const std::string&)> log;  // one line, without the newline; never empty
};

class PrinterWatcher {
  public:
    // Starts at once; its first status read is straight away.
    PrinterWatcher(drivers::Spooler& spooler, app::ReportQueue& reports,
                   PrinterWatcherOptions options);
    ~PrinterWatcher();
    PrinterWatcher(const PrinterWatcher&) = delete;
    PrinterWatcher& operator=(const PrinterWatcher&) = delete;

    // A receipt job to follow: its PrintJobReport is posted once it has printed or failed.
    void Follow(drivers::PrintJobId id, std::string label,
                std::optional<drivers::PrintJobId> reprint_of = std::nullopt);
    // A drawer kick to follow: only a failure is logged (a kick is never reprinted).
    void FollowKick(drivers::PrintJobId id);

    // Asks the thread to end (returns at once); Join waits for it (at most a status read).
    void RequestStop() { m_stop.RequestStop(); }
    void Join();

  private:
    struct Followed {
        drivers::PrintJobId id = 0;
        std::string label;
        std::optional<drivers::PrintJobId> reprint_of;
        bool kick = false;
    };

    void Run();
    void CheckJobs();
    void Finished(const Followed& followed, const drivers::PrintJob& job);
    void PollStatus();
    [[nodiscard]] bool AnyFollowed() const;
    [[nodiscard]] std::optional<drivers::PrintJobId> OldestFollowed() const;
    // The printer's state as last seen; posted when it (or the drawer's) changed.
    void Tell(app::PrinterReport printer);

    drivers::Spooler& m_spooler;
    app::ReportQueue& m_reports;
    PrinterWatcherOptions m_options;

    mutable std::mutex m_mutex;  // guards m_followed
    std::vector<Followed> m_followed;

    // The thread's alone.
    std::optional<drivers::DrawerMonitor> m_drawer;
    bool m_drawer_left_open = false;
    app::PrinterReport m_printer{false, ""};
    std::optional<app::PrinterReport> m_posted;
    bool m_polling = true;

    StopSignal m_stop;
    std::thread m_thread;  // last: starts after everything above exists
};

}  // namespace tillbook::pos::devices
