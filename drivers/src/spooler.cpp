#include "tillbook/drivers/spooler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <exception>
#include <utility>

namespace tillbook::drivers {

struct Spooler::Attempt {
    bool printed = false;
    bool retry = false;  // a transient failure before any byte was sent
    std::optional<PrinterStatus> before;
    std::optional<PrinterStatus> after;
    std::optional<TransportError> error;
    std::string problem;
};

namespace {

constexpr std::array kStatusQueries = {StatusQuery::kPrinter, StatusQuery::kOfflineCause,
                                       StatusQuery::kErrorCause, StatusQuery::kPaperSensor};
constexpr int kMaxStaleReads = 16;

std::chrono::milliseconds RetryDelay(const SpoolerOptions& options, int failed_attempts) {
    auto delay = options.first_retry_delay;
    for (int i = 1; i < failed_attempts && delay < options.max_retry_delay; ++i)
        delay *= 2;
    return std::min(delay, options.max_retry_delay);
}

}  // namespace

std::string_view ToString(PrintJobState state) {
    switch (state) {
        case PrintJobState::kQueued:
            return "queued";
        case PrintJobState::kPrinting:
            return "printing";
        case PrintJobState::kPrinted:
            return "printed";
        case PrintJobState::kFailed:
            return "failed";
    }
    return "unknown";
}

std::string DescribeFailure(const TransportError& error) {
    switch (error.failure) {
        case TransportFailure::kNotFound:
            return "printer not found";
        case TransportFailure::kOffline:
            return "printer offline";
        case TransportFailure::kTimeout:
            return "printer not responding";
        case TransportFailure::kDisconnected:
            return "printer disconnected";
        case TransportFailure::kBusy:
            return "printer busy";
        case TransportFailure::kDenied:
            return "not allowed to use the printer";
        case TransportFailure::kUnsupported:
        case TransportFailure::kIoError:
            return "printer error";
    }
    return "printer error";
}

Spooler::Spooler(std::unique_ptr<PrinterTransport> transport, SpoolerOptions options)
    : m_transport(std::move(transport)), m_options(options), m_worker([this] { Run(); }) {}

Spooler::~Spooler() {
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_work.notify_all();
    m_worker.join();
}

PrintJobId Spooler::Submit(std::string bytes, std::string label) {
    PrintJobId id = 0;
    {
        const std::lock_guard lock(m_mutex);
        id = m_next_id++;
        Record record;
        record.job.id = id;
        record.job.label = std::move(label);
        record.job.size = bytes.size();
        record.bytes = std::make_shared<const std::string>(std::move(bytes));
        m_jobs.emplace(id, std::move(record));
        m_queue.push_back(id);
    }
    m_work.notify_one();
    return id;
}

std::optional<PrintJob> Spooler::Job(PrintJobId id) const {
    const std::lock_guard lock(m_mutex);
    const auto found = m_jobs.find(id);
    if (found == m_jobs.end()) return std::nullopt;
    return found->second.job;
}

std::vector<PrintJob> Spooler::FailedJobs() const {
    const std::lock_guard lock(m_mutex);
    std::vector<PrintJob> failed;
    for (const PrintJobId id : m_failed)
        failed.push_back(m_jobs.at(id).job);
    return failed;
}

Result<PrintJobId> Spooler::Reprint(PrintJobId id) {
    PrintJobId reprint = 0;
    {
        const std::lock_guard lock(m_mutex);
        const auto listed = std::find(m_failed.begin(), m_failed.end(), id);
        if (listed == m_failed.end()) {
            return std::unexpected(
                MakeError(ErrorCode::kNotFound,
                          fmt::format("print job {} is not in the failed list", id), "job"));
        }
        m_failed.erase(listed);
        Record& original = m_jobs.at(id);
        reprint = m_next_id++;
        original.job.reprinted_as = reprint;
        Record record;
        record.job.id = reprint;
        record.job.label = original.job.label;
        record.job.size = original.job.size;
        record.job.reprint_of = id;
        record.bytes = std::move(original.bytes);  // the failed record no longer needs them
        m_jobs.emplace(reprint, std::move(record));
        m_queue.push_back(reprint);
    }
    m_work.notify_one();
    return reprint;
}

std::optional<PrintJob> Spooler::WaitUntilFinished(PrintJobId id,
                                                   std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_mutex);
    const auto finished = [&] {
        const auto found = m_jobs.find(id);
        return found == m_jobs.end() || found->second.job.state == PrintJobState::kPrinted ||
               found->second.job.state == PrintJobState::kFailed;
    };
    if (!m_finished.wait_for(lock, timeout, finished)) return std::nullopt;
    const auto found = m_jobs.find(id);
    if (found == m_jobs.end()) return std::nullopt;
    return found->second.job;
}

std::optional<PrinterStatus> Spooler::LastStatus() const {
    const std::lock_guard lock(m_mutex);
    return m_last_status;
}

void Spooler::Run() {
    while (true) {
        PrintJobId id = 0;
        std::shared_ptr<const std::string> bytes;
        {
            std::unique_lock lock(m_mutex);
            m_work.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_stopping) break;
            id = m_queue.front();
            m_queue.pop_front();
            bytes = m_jobs.at(id).bytes;
        }
        try {
            PrintOne(id, std::move(bytes));
        } catch (const std::exception& exception) {
            // Nothing may escape the thread; the job fails and the spooler keeps going.
            m_transport->Close();
            Attempt failed;
            failed.problem = "printer error";
            failed.error = MakeTransportError(
                TransportFailure::kIoError,
                fmt::format("{}: {}", m_transport->Describe(), exception.what()));
            Finish(id, failed);
        }
    }
    m_transport->Close();
}

void Spooler::PrintOne(PrintJobId id, std::shared_ptr<const std::string> bytes) {
    for (int attempt_number = 1;; ++attempt_number) {
        {
            const std::lock_guard lock(m_mutex);
            PrintJob& job = m_jobs.at(id).job;
            job.state = PrintJobState::kPrinting;
            job.attempts = attempt_number;
        }
        Attempt attempt = Send(*bytes);
        if (!attempt.retry || attempt_number >= m_options.max_attempts) {
            Finish(id, attempt);
            return;
        }
        std::unique_lock lock(m_mutex);
        PrintJob& job = m_jobs.at(id).job;
        job.state = PrintJobState::kQueued;
        job.error = attempt.error;
        job.problem = attempt.problem;
        const bool stopping = m_work.wait_for(lock, RetryDelay(m_options, attempt_number),
                                              [this] { return m_stopping; });
        if (stopping) {
            lock.unlock();
            Finish(id, attempt);
            return;
        }
    }
}

Spooler::Attempt Spooler::Send(const std::string& bytes) {
    Attempt attempt;
    const auto fail = [&](TransportError error) {
        attempt.retry = error.Transient() && error.bytes_sent == 0;
        attempt.problem = DescribeFailure(error);
        attempt.error = std::move(error);
    };
    if (auto opened = m_transport->Open(); !opened) {
        fail(std::move(opened.error()));
        return attempt;
    }
    attempt.before = QueryStatus();
    if (attempt.before && !attempt.before->IsReady()) {
        // Out of paper or cover open: sending now would print nothing. A person has to act.
        attempt.problem = DescribeStatus(*attempt.before);
        m_transport->Close();
        return attempt;
    }
    if (auto written = m_transport->Write(bytes); !written) {
        fail(std::move(written.error()));
        // A transport still open after a failed write (USB) can say why the printer stopped.
        if (m_transport->IsOpen()) {
            attempt.after = QueryStatus();
            if (attempt.after && !attempt.after->IsReady()) {
                attempt.problem = DescribeStatus(*attempt.after);
                attempt.retry = false;
            }
        }
        m_transport->Close();
        return attempt;
    }
    if (attempt.before) attempt.after = QueryStatus();
    m_transport->Close();  // a network printer serves one connection: free it for others
    if (attempt.after && !attempt.after->IsReady()) {
        attempt.problem = DescribeStatus(*attempt.after);
        return attempt;
    }
    attempt.printed = true;
    return attempt;
}

std::optional<PrinterStatus> Spooler::QueryStatus() {
    if (!m_options.read_status || !m_transport->CanRead() || !m_transport->IsOpen())
        return std::nullopt;
    // Bytes left over from an earlier query or an auto status back would be taken for replies.
    for (int i = 0; i < kMaxStaleReads; ++i) {
        if (!m_transport->Read(64, std::chrono::milliseconds{0})) break;
    }
    PrinterStatus status;
    for (const StatusQuery query : kStatusQueries) {
        if (!m_transport->Write(StatusRequest(query))) return std::nullopt;
        const auto reply = m_transport->Read(1, m_options.status_timeout);
        if (!reply || reply->empty()) return std::nullopt;
        if (!ApplyStatusReply(query, static_cast<std::uint8_t>(reply->front()), status))
            return std::nullopt;
    }
    const std::lock_guard lock(m_mutex);
    m_last_status = status;
    return status;
}

void Spooler::Finish(PrintJobId id, const Attempt& attempt) {
    {
        const std::lock_guard lock(m_mutex);
        Record& record = m_jobs.at(id);
        PrintJob& job = record.job;
        job.status_before = attempt.before;
        job.status_after = attempt.after;
        job.error = attempt.error;
        job.problem = attempt.printed ? std::string{} : attempt.problem;
        if (job.problem.empty() && !attempt.printed) job.problem = "printer error";
        job.state = attempt.printed ? PrintJobState::kPrinted : PrintJobState::kFailed;
        if (attempt.printed) {
            record.bytes.reset();
            m_printed_order.push_back(id);
            while (m_printed_order.size() > m_options.keep_printed) {
                m_jobs.erase(m_printed_order.front());
                m_printed_order.pop_front();
            }
        } else {
            m_failed.push_back(id);
        }
    }
    m_finished.notify_all();
}

}  // namespace tillbook::drivers
