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
    bool real_time = false;  // a drawer kick sent (or tried) as its real-time pulse
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

PrintJobId Spooler::Submit(std::string bytes, std::string label, PrintJobKind kind) {
    return Enqueue(std::move(bytes), {}, std::move(label), kind);
}

PrintJobId Spooler::SubmitDrawerKick(std::string pulse, std::string real_time_pulse,
                                     std::string label) {
    return Enqueue(std::move(pulse), std::move(real_time_pulse), std::move(label),
                   PrintJobKind::kDrawerKick);
}

PrintJobId Spooler::Enqueue(std::string bytes, std::string real_time_bytes, std::string label,
                            PrintJobKind kind) {
    PrintJobId id = 0;
    {
        const std::lock_guard lock(m_mutex);
        id = m_next_id++;
        Record record;
        record.job.id = id;
        record.job.label = std::move(label);
        record.job.kind = kind;
        record.job.size = bytes.size();
        record.bytes = std::make_shared<const std::string>(std::move(bytes));
        if (!real_time_bytes.empty())
            record.real_time_bytes =
                std::make_shared<const std::string>(std::move(real_time_bytes));
        m_jobs.emplace(id, std::move(record));
        m_queue.push_back(Work{id, nullptr});
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
        if (const auto found = m_jobs.find(id);
            found != m_jobs.end() && found->second.job.kind == PrintJobKind::kDrawerKick) {
            return std::unexpected(MakeError(
                ErrorCode::kUnsupported,
                fmt::format("print job {} is a drawer kick: open the drawer again instead", id),
                "job"));
        }
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
        m_queue.push_back(Work{reprint, nullptr});
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

TransportResult<PrinterStatus> Spooler::ReadStatus(std::chrono::milliseconds timeout) {
    auto read = std::make_shared<StatusRead>();
    std::unique_lock lock(m_mutex);
    const auto stopped = [] {
        return std::unexpected(
            MakeTransportError(TransportFailure::kIoError, "status read: the spooler is stopping"));
    };
    if (m_stopping) return stopped();
    m_queue.push_back(Work{0, read});
    m_work.notify_one();
    if (!m_finished.wait_for(lock, timeout, [&] { return read->done; })) {
        read->abandoned = true;
        return std::unexpected(MakeTransportError(
            TransportFailure::kTimeout,
            fmt::format("status read: no answer within {} ms (the printer may be busy with a job)",
                        timeout.count())));
    }
    if (!read->answer) return stopped();  // answered by the stopping worker
    return *read->answer;
}

void Spooler::Run() {
    while (true) {
        Work work;
        Payload payload;
        {
            std::unique_lock lock(m_mutex);
            m_work.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_stopping) break;
            work = std::move(m_queue.front());
            m_queue.pop_front();
            if (work.status_read && work.status_read->abandoned) continue;
            if (!work.status_read) {
                const Record& record = m_jobs.at(work.job);
                payload = Payload{record.job.kind, record.bytes, record.real_time_bytes};
            }
        }
        if (work.status_read) {
            ServeStatusRead(work.status_read);
            continue;
        }
        const PrintJobId id = work.job;
        try {
            PrintOne(id, payload);
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
    // Nobody should still be waiting while the spooler is destroyed, but answer them anyway.
    const std::lock_guard lock(m_mutex);
    for (const Work& work : m_queue) {
        if (work.status_read) work.status_read->done = true;
    }
    m_finished.notify_all();
}

void Spooler::ServeStatusRead(const std::shared_ptr<StatusRead>& read) {
    // The reason matters to the cashier: "printer not found" and "not allowed to use the
    // printer" need different people.
    TransportResult<PrinterStatus> answer;
    try {
        if (auto opened = m_transport->Open(); !opened) {
            answer = std::unexpected(std::move(opened.error()));
        } else {
            answer = AskStatus();
        }
    } catch (const std::exception& exception) {
        answer = std::unexpected(MakeTransportError(
            TransportFailure::kIoError,
            fmt::format("{}: status read: {}", m_transport->Describe(), exception.what())));
    }
    m_transport->Close();  // as after a job: a network printer serves one connection
    {
        const std::lock_guard lock(m_mutex);
        read->answer = std::move(answer);
        read->done = true;
    }
    m_finished.notify_all();
}

void Spooler::PrintOne(PrintJobId id, const Payload& payload) {
    for (int attempt_number = 1;; ++attempt_number) {
        {
            const std::lock_guard lock(m_mutex);
            PrintJob& job = m_jobs.at(id).job;
            job.state = PrintJobState::kPrinting;
            job.attempts = attempt_number;
        }
        Attempt attempt = Send(payload);
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

Spooler::Attempt Spooler::Send(const Payload& payload) {
    const bool kick = payload.kind == PrintJobKind::kDrawerKick;
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
    // A kick is sent anyway: the drawer opens without paper, and the cashier needs the change
    // (as its real-time pulse, below).
    if (!kick && attempt.before && !attempt.before->IsReady()) {
        // Out of paper or cover open: sending now would print nothing. A person has to act.
        attempt.problem = DescribeStatus(*attempt.before);
        m_transport->Close();
        return attempt;
    }
    // An offline printer takes only real-time commands: ESC p would wait in its buffer and open
    // the drawer once the paper is back, so a kick goes as its real-time pulse (DLE DC4) then.
    // Without a status (none asked, or no answer) it goes as ESC p, as on a ready printer.
    attempt.real_time =
        kick && payload.real_time_bytes && attempt.before && !attempt.before->IsReady();
    const std::string& bytes = attempt.real_time ? *payload.real_time_bytes : *payload.bytes;
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
    // A kick's pulse was sent whatever the paper says; a receipt may not have printed.
    if (!kick && attempt.after && !attempt.after->IsReady()) {
        attempt.problem = DescribeStatus(*attempt.after);
        return attempt;
    }
    attempt.printed = true;
    return attempt;
}

std::optional<PrinterStatus> Spooler::QueryStatus() {
    if (!m_options.read_status) return std::nullopt;
    auto status = AskStatus();
    if (!status) return std::nullopt;  // a job's record just has no status then
    return *status;
}

TransportResult<PrinterStatus> Spooler::AskStatus() {
    const auto fail = [&](TransportFailure failure, std::string_view why) {
        return std::unexpected(MakeTransportError(
            failure, fmt::format("{}: status read: {}", m_transport->Describe(), why)));
    };
    if (!m_transport->CanRead())
        return fail(TransportFailure::kUnsupported, "the printer cannot send status back");
    if (!m_transport->IsOpen()) return fail(TransportFailure::kIoError, "not connected");
    // Bytes left over from an earlier query or an auto status back would be taken for replies.
    for (int i = 0; i < kMaxStaleReads; ++i) {
        if (!m_transport->Read(64, std::chrono::milliseconds{0})) break;
    }
    PrinterStatus status;
    for (const StatusQuery query : kStatusQueries) {
        if (auto written = m_transport->Write(StatusRequest(query)); !written)
            return std::unexpected(std::move(written.error()));
        auto reply = m_transport->Read(1, m_options.status_timeout);
        if (!reply) return std::unexpected(std::move(reply.error()));
        if (reply->empty()) return fail(TransportFailure::kTimeout, "empty reply");
        const auto byte = static_cast<std::uint8_t>(reply->front());
        if (auto applied = ApplyStatusReply(query, byte, status); !applied)
            return fail(TransportFailure::kIoError, applied.error().message);
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
        job.sent_real_time = attempt.printed && attempt.real_time;
        if (job.problem.empty() && !attempt.printed) job.problem = "printer error";
        job.state = attempt.printed ? PrintJobState::kPrinted : PrintJobState::kFailed;
        // A failed kick is never reprinted: it is forgotten like a printed job, bytes and all.
        if (attempt.printed || job.kind == PrintJobKind::kDrawerKick) {
            record.bytes.reset();
            record.real_time_bytes.reset();
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
