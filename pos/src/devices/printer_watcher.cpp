#include "printer_watcher.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "tillbook/drivers/printer_status.hpp"
#include "tillbook/pos/devices/printer_words.hpp"

namespace tillbook::pos::devices {

namespace {

using SteadyClock = std::chrono::steady_clock;

bool IsFinished(drivers::PrintJobState state) {
    return state == drivers::PrintJobState::kPrinted || state == drivers::PrintJobState::kFailed;
}

}  // namespace

PrinterWatcher::PrinterWatcher(drivers::Spooler& spooler, app::ReportQueue& reports,
                               PrinterWatcherOptions options)
    : m_spooler(spooler),
      m_reports(reports),
      m_options(std::move(options)),
      m_polling(m_options.read_status) {
    if (m_options.drawer) m_drawer.emplace(*m_options.drawer);
    // A printer that cannot report its state is taken to be ready until a job says otherwise.
    if (!m_polling) Tell(AssumedReadyReport());
    m_thread = std::thread([this] { Run(); });
}

PrinterWatcher::~PrinterWatcher() {
    RequestStop();
    Join();
}

void PrinterWatcher::Join() {
    if (m_thread.joinable()) m_thread.join();
}

void PrinterWatcher::Follow(drivers::PrintJobId id, std::string label,
                            std::optional<drivers::PrintJobId> reprint_of) {
    {
        const std::lock_guard lock(m_mutex);
        m_followed.push_back(Followed{id, std::move(label), reprint_of, false});
    }
    m_stop.Wake();
}

void PrinterWatcher::FollowKick(drivers::PrintJobId id) {
    {
        const std::lock_guard lock(m_mutex);
        m_followed.push_back(Followed{id, "drawer kick", std::nullopt, true});
    }
    m_stop.Wake();
}

bool PrinterWatcher::AnyFollowed() const {
    return OldestFollowed().has_value();
}

std::optional<drivers::PrintJobId> PrinterWatcher::OldestFollowed() const {
    const std::lock_guard lock(m_mutex);
    if (m_followed.empty()) return std::nullopt;
    return m_followed.front().id;
}

void PrinterWatcher::Run() {
    auto next_poll = SteadyClock::now();
    while (!m_stop.Stopped()) {
        CheckJobs();
        if (m_polling && SteadyClock::now() >= next_poll) {
            PollStatus();
            next_poll = SteadyClock::now() + m_options.status_interval;
            continue;  // a job may have finished while the status was read
        }
        // Wakes as soon as the oldest job followed finishes, or when there is a new one.
        if (const auto oldest = OldestFollowed()) {
            (void)m_spooler.WaitUntilFinished(*oldest, m_options.job_check);
        } else {
            m_stop.WaitFor(m_options.job_check);
        }
    }
}

void PrinterWatcher::CheckJobs() {
    std::vector<Followed> followed;
    {
        const std::lock_guard lock(m_mutex);
        followed = m_followed;
    }
    std::vector<drivers::PrintJobId> done;
    for (const Followed& one : followed) {
        const auto job = m_spooler.Job(one.id);
        if (!job) {
            m_options.log(
                fmt::format("{} (job {}): the spooler no longer knows it", one.label, one.id));
            done.push_back(one.id);
        } else if (IsFinished(job->state)) {
            Finished(one, *job);
            done.push_back(one.id);
        }
    }
    if (done.empty()) return;
    const std::lock_guard lock(m_mutex);
    std::erase_if(m_followed, [&](const Followed& one) {
        return std::ranges::find(done, one.id) != done.end();
    });
}

void PrinterWatcher::Finished(const Followed& followed, const drivers::PrintJob& job) {
    const bool printed = job.state == drivers::PrintJobState::kPrinted;
    if (followed.kick) {
        if (!printed) {
            m_options.log(fmt::format("drawer kick failed: {}{}", JobProblem(job),
                                      job.error ? " (" + job.error->message + ")" : ""));
        } else if (job.sent_real_time && job.status_before) {
            m_options.log(fmt::format("drawer kick sent as the real-time pulse: printer {}",
                                      drivers::DescribeStatus(*job.status_before)));
        }
    } else {
        app::PrintJobReport report;
        report.job_id = job.id;
        report.label = followed.label;
        report.printed = printed;
        if (!printed) report.problem = JobProblem(job);
        report.reprint_of = followed.reprint_of;
        if (!printed) {
            m_options.log(fmt::format("{} not printed: {}{}", followed.label, report.problem,
                                      job.error ? " (" + job.error->message + ")" : ""));
        }
        m_reports.Post(std::move(report));
    }
    Tell(PrinterReportAfter(job));
}

void PrinterWatcher::PollStatus() {
    auto status = m_spooler.ReadStatus(m_options.status_timeout);
    const auto now = SteadyClock::now();
    if (status) {
        if (m_drawer) m_drawer_left_open = m_drawer->Update(*status, now).left_open;
        Tell(PrinterReportFor(*status));
        return;
    }
    const drivers::TransportError& error = status.error();
    if (error.failure == drivers::TransportFailure::kUnsupported) {
        // A file or CUPS printer: its jobs' outcomes are all there is to go by.
        m_polling = false;
        if (m_posted == std::nullopt) Tell(AssumedReadyReport());
        return;
    }
    if (error.failure == drivers::TransportFailure::kTimeout && AnyFollowed()) {
        return;  // busy with a job: the job's outcome will say how the printer is
    }
    if (m_drawer) m_drawer_left_open = m_drawer->Unanswered(error.message, now).left_open;
    Tell(PrinterReportFor(error));
}

void PrinterWatcher::Tell(app::PrinterReport printer) {
    m_printer = std::move(printer);
    app::PrinterReport report = m_drawer_left_open ? WithDrawerLeftOpen(m_printer) : m_printer;
    if (m_posted && m_posted->ready == report.ready && m_posted->text == report.text &&
        m_posted->drawer_left_open == report.drawer_left_open)
        return;
    m_posted = report;
    m_reports.Post(std::move(report));
}

}  // namespace tillbook::pos::devices
