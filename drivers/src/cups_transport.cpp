#include "tillbook/drivers/cups_transport.hpp"

#include <cups/cups.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <thread>
#include <utility>

#include "host_port.hpp"

namespace tillbook::drivers {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// How often a submitted job's state is asked for: often enough that a receipt's wait is not
// noticeably longer than the print, rarely enough not to load cupsd.
constexpr auto kPollInterval = 50ms;

struct HttpCloser {
    void operator()(http_t* http) const { httpClose(http); }
};
using Http = std::unique_ptr<http_t, HttpCloser>;

struct IppDeleter {
    void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
using Ipp = std::unique_ptr<ipp_t, IppDeleter>;

struct ServerAddress {
    std::string host;  // a host name, an address or a domain socket path
    int port = 0;
};

// "host", "host:port", "[v6]:port" or "/path/to/socket"; empty means libcups' default (the
// CUPS_SERVER environment variable, client.conf, or the local socket), read without changing
// libcups' process-wide settings.
ServerAddress ParseServer(const std::string& server) {
    if (server.empty()) return {cupsServer(), ippPort()};
    if (server.front() == '/') return {server, 0};
    const auto split = host_port::Split(server);
    // Anything else (a bare IPv6 address, a port that is not one) is taken whole as the host, so
    // that connecting fails with it in the message, or works for the bare address.
    if (!split) return {server, ippPort()};
    return {std::string(split->host), split->port ? int{*split->port} : ippPort()};
}

std::string LastCupsError() {
    const char* text = cupsLastErrorString();
    return text != nullptr && *text != '\0' ? std::string(text)
                                            : std::string(ippErrorString(cupsLastError()));
}

// What a failed IPP request means for the spooler.
TransportFailure FailureOfStatus(ipp_status_t status) {
    switch (status) {
        case IPP_STATUS_ERROR_NOT_FOUND:
            return TransportFailure::kNotFound;
        case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:  // cupsreject: a person will accept again
        case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE:
            return TransportFailure::kOffline;
        case IPP_STATUS_ERROR_BUSY:
            return TransportFailure::kBusy;
        case IPP_STATUS_ERROR_FORBIDDEN:
        case IPP_STATUS_ERROR_NOT_AUTHENTICATED:
        case IPP_STATUS_ERROR_NOT_AUTHORIZED:
        case IPP_STATUS_ERROR_CUPS_AUTHENTICATION_CANCELED:
            return TransportFailure::kDenied;
        default:
            return TransportFailure::kIoError;
    }
}

// All values of a keyword/text attribute, comma separated; "none" reasons are left out.
std::string JoinedValues(ipp_t* response, const char* name) {
    ipp_attribute_t* attribute = ippFindAttribute(response, name, IPP_TAG_ZERO);
    if (attribute == nullptr) return {};
    std::string joined;
    for (int i = 0; i < ippGetCount(attribute); ++i) {
        const char* value = ippGetString(attribute, i, nullptr);
        if (value == nullptr || *value == '\0' || std::string_view(value) == "none") continue;
        if (!joined.empty()) joined += ", ";
        joined += value;
    }
    return joined;
}

std::string JoinReasons(const std::string& message, const std::string& reasons) {
    if (message.empty()) return reasons;
    if (reasons.empty()) return message;
    return fmt::format("{} ({})", message, reasons);
}

struct JobReport {
    CupsJobState state = CupsJobState::kPending;
    std::string reason;
    // cupsd sets time-at-processing when it starts the job's backend: from then on the printer
    // may have some of the bytes.
    bool reached_printer = false;
};

// What is known of a job after we tried to cancel it.
enum class CancelOutcome {
    kCancelledUnprinted,  // cancelled (or unknown to cupsd) before it reached the printer
    kCancelledPartly,     // cancelled, but the printer may have some of it
    kUnconfirmed,         // cupsd could not say: it may still print
    kCompleted,           // it printed before the cancel arrived
};

struct PrinterReport {
    bool stopped = false;
    std::string reason;
};

// The document's file name for CUPS: the job name with anything but letters, digits, '-' and '.'
// replaced: a space in document-name makes cupsd 2.4.2 (Debian 12) crash with a segfault when it
// starts the job (seen here; the next request then finds no server).
std::string DocumentName(std::string_view job_name) {
    std::string name;
    for (const char c : job_name) {
        const bool plain = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.';
        name.push_back(plain ? c : '-');
    }
    return (name.empty() ? std::string("job") : name) + ".bin";
}

// CUPS queue names are printable characters other than space, '/', '\\', '?', '#', '\'' and
// '"' (lpadmin(8)); anything else could not be put into the printer URI.
bool IsQueueName(std::string_view name) {
    if (name.empty() || name.size() > 127) return false;
    return std::none_of(name.begin(), name.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte <= 0x20 || byte == 0x7f || c == '/' || c == '\\' || c == '?' || c == '#' ||
               c == '\'' || c == '"';
    });
}

bool IsFinal(CupsJobState state) {
    return state == CupsJobState::kCanceled || state == CupsJobState::kAborted ||
           state == CupsJobState::kCompleted;
}

}  // namespace

std::string_view ToString(CupsJobState state) {
    switch (state) {
        case CupsJobState::kPending:
            return "pending";
        case CupsJobState::kHeld:
            return "held";
        case CupsJobState::kProcessing:
            return "processing";
        case CupsJobState::kStopped:
            return "stopped";
        case CupsJobState::kCanceled:
            return "canceled";
        case CupsJobState::kAborted:
            return "aborted";
        case CupsJobState::kCompleted:
            return "completed";
    }
    return "unknown";
}

struct CupsTransport::Impl {
    CupsTransportOptions options;
    ServerAddress server;
    Http http;
    mutable std::mutex job_mutex;  // LastJob may be asked from another thread than the spooler's
    std::optional<CupsJob> last_job;

    [[nodiscard]] std::string Describe() const {
        if (!server.host.empty() && server.host.front() == '/')
            return fmt::format("cups {} on {}", options.queue, server.host);
        return fmt::format("cups {} on {}:{}", options.queue, server.host, server.port);
    }

    TransportError Fail(TransportFailure failure, std::string_view what, std::size_t sent = 0) {
        http.reset();  // a failed write leaves the transport closed; the next job reconnects
        return MakeTransportError(failure, fmt::format("{}: {}", Describe(), what), sent);
    }

    void Remember(const CupsJob& job) {
        const std::lock_guard lock(job_mutex);
        last_job = job;
    }

    [[nodiscard]] std::string PrinterUri() const {
        return fmt::format("ipp://localhost/printers/{}", options.queue);
    }

    // The job's state now; empty (with cupsLastError set) when cupsd did not answer.
    [[nodiscard]] static std::optional<JobReport> AskJob(http_t* connection, int job_id) {
        ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
        const std::string uri = fmt::format("ipp://localhost/jobs/{}", job_id);
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, uri.c_str());
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
                     cupsUser());
        static const char* const kWanted[] = {"job-state", "job-state-reasons",
                                              "job-printer-state-message", "time-at-processing"};
        ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 4,
                      nullptr, kWanted);
        const Ipp response(cupsDoRequest(connection, request, "/jobs/"));
        if (!response || ippGetStatusCode(response.get()) > IPP_STATUS_OK_EVENTS_COMPLETE)
            return std::nullopt;
        ipp_attribute_t* state = ippFindAttribute(response.get(), "job-state", IPP_TAG_ENUM);
        if (state == nullptr) return std::nullopt;
        JobReport report;
        report.state = static_cast<CupsJobState>(ippGetInteger(state, 0));
        report.reason = JoinReasons(JoinedValues(response.get(), "job-printer-state-message"),
                                    JoinedValues(response.get(), "job-state-reasons"));
        // No value (out of band) until the job starts.
        ipp_attribute_t* processing =
            ippFindAttribute(response.get(), "time-at-processing", IPP_TAG_INTEGER);
        report.reached_printer = processing != nullptr && ippGetInteger(processing, 0) > 0;
        return report;
    }

    // Whether the queue is stopped (cupsdisable, or stopped by CUPS after a backend error), and
    // why; empty when cupsd did not answer.
    [[nodiscard]] std::optional<PrinterReport> AskPrinter() const {
        ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
        const std::string uri = PrinterUri();
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
        static const char* const kWanted[] = {"printer-state", "printer-state-message",
                                              "printer-state-reasons"};
        ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3,
                      nullptr, kWanted);
        const Ipp response(cupsDoRequest(http.get(), request, "/"));
        if (!response || ippGetStatusCode(response.get()) > IPP_STATUS_OK_EVENTS_COMPLETE)
            return std::nullopt;
        ipp_attribute_t* state = ippFindAttribute(response.get(), "printer-state", IPP_TAG_ENUM);
        PrinterReport report;
        report.stopped = state != nullptr && ippGetInteger(state, 0) == IPP_PSTATE_STOPPED;
        report.reason = JoinReasons(JoinedValues(response.get(), "printer-state-message"),
                                    JoinedValues(response.get(), "printer-state-reasons"));
        return report;
    }

    // A connection of our own to cupsd, with every request bounded by options.timeout.
    [[nodiscard]] Http Connect() const {
        const auto millis = static_cast<int>(
            std::clamp<std::chrono::milliseconds::rep>(options.timeout.count(), 1, 3'600'000));
        http_t* connection = httpConnect2(server.host.c_str(), server.port, nullptr, AF_UNSPEC,
                                          HTTP_ENCRYPTION_IF_REQUESTED, 1, millis, nullptr);
        // Without a callback, a request that gets no answer within the timeout fails instead of
        // waiting for ever on a hung cupsd.
        if (connection != nullptr)
            httpSetTimeout(connection, static_cast<double>(millis) / 1000.0, nullptr, nullptr);
        return Http(connection);
    }

    // A job that we report as failed must not print later behind the cashier's back (the
    // reprint would make two receipts), so it is cancelled, and then asked for, because only
    // cupsd's answer says whether a retry is safe. A broken connection (the reason we give up,
    // often) is replaced by a new one first.
    [[nodiscard]] CancelOutcome CancelAndConfirm(int job_id) {
        if (!http) http = Connect();
        if (!http) return CancelOutcome::kUnconfirmed;
        // Its answer is not trusted either way: cupsd refuses to cancel a job that already
        // ended, and a lost answer says nothing. The job's state after it does.
        (void)cupsCancelJob2(http.get(), options.queue.c_str(), job_id, 0);
        const auto report = AskJob(http.get(), job_id);
        if (!report) {
            return cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND
                       ? CancelOutcome::kCancelledUnprinted  // it never existed
                       : CancelOutcome::kUnconfirmed;
        }
        if (report->state == CupsJobState::kCompleted) return CancelOutcome::kCompleted;
        if (report->state != CupsJobState::kCanceled && report->state != CupsJobState::kAborted)
            return CancelOutcome::kUnconfirmed;
        return report->reached_printer ? CancelOutcome::kCancelledPartly
                                       : CancelOutcome::kCancelledUnprinted;
    }

    // Ends a job we give up on (`what` says why): cancelled and reported as `failure`, with
    // bytes_sent 0 only when cupsd confirmed that nothing reached the printer, so that the
    // spooler retries only what cannot print twice.
    TransportStatus GiveUp(CupsJob& job, TransportFailure failure, const std::string& what,
                           std::size_t size) {
        switch (CancelAndConfirm(job.id)) {
            case CancelOutcome::kCompleted:
                job.state = CupsJobState::kCompleted;
                Remember(job);
                return {};
            case CancelOutcome::kCancelledUnprinted:
                job.state = CupsJobState::kCanceled;
                Remember(job);
                return std::unexpected(Fail(failure, fmt::format("{}; cancelled", what)));
            case CancelOutcome::kCancelledPartly:
                job.state = CupsJobState::kCanceled;
                Remember(job);
                return std::unexpected(Fail(
                    failure, fmt::format("{}; cancelled after the printer got some of it", what),
                    size));
            case CancelOutcome::kUnconfirmed:
                break;
        }
        Remember(job);
        return std::unexpected(Fail(
            failure,
            fmt::format("{}; CUPS did not confirm the cancel, so it may still print", what), size));
    }

    // IPP Create-Job on this connection; the job id, or 0 with cupsLastError set. Not
    // cupsCreateJob, which looks the queue up as a destination of the default server.
    [[nodiscard]] int CreateJob() const {
        ipp_t* request = ippNewRequest(IPP_OP_CREATE_JOB);
        const std::string uri = PrinterUri();
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
                     cupsUser());
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr,
                     options.job_name.c_str());
        const std::string resource = fmt::format("/printers/{}", options.queue);
        const Ipp response(cupsDoRequest(http.get(), request, resource.c_str()));
        if (!response || cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) return 0;
        ipp_attribute_t* id = ippFindAttribute(response.get(), "job-id", IPP_TAG_INTEGER);
        return id != nullptr ? ippGetInteger(id, 0) : 0;
    }

    TransportStatus Submit(std::string_view bytes, Clock::time_point deadline);
    TransportStatus WaitForJob(CupsJob job, std::size_t size, Clock::time_point deadline);
};

CupsTransport::CupsTransport(CupsTransportOptions options) : m_impl(std::make_unique<Impl>()) {
    m_impl->server = ParseServer(options.server);
    m_impl->options = std::move(options);
}

CupsTransport::~CupsTransport() {
    Close();
}

std::string CupsTransport::Describe() const {
    return m_impl->Describe();
}

TransportStatus CupsTransport::Open() {
    if (IsOpen()) return {};
    if (!IsQueueName(m_impl->options.queue)) {
        return std::unexpected(m_impl->Fail(TransportFailure::kNotFound, "not a CUPS queue name"));
    }
    Http http = m_impl->Connect();
    if (!http) {
        return std::unexpected(
            m_impl->Fail(TransportFailure::kOffline,
                         fmt::format("cannot reach the CUPS server ({})", LastCupsError())));
    }
    m_impl->http = std::move(http);
    return {};
}

TransportStatus CupsTransport::Write(std::string_view bytes) {
    if (!IsOpen()) {
        return std::unexpected(MakeTransportError(TransportFailure::kDisconnected,
                                                  fmt::format("{}: not connected", Describe())));
    }
    return m_impl->Submit(bytes, Clock::now() + m_impl->options.timeout);
}

TransportStatus CupsTransport::Impl::Submit(std::string_view bytes, Clock::time_point deadline) {
    const char* queue = options.queue.c_str();
    const int job_id = CreateJob();
    if (job_id == 0) {
        const ipp_status_t status = cupsLastError();
        const std::string what = status == IPP_STATUS_ERROR_NOT_FOUND
                                     ? std::string("no such queue")
                                     : fmt::format("cannot create a job ({})", LastCupsError());
        return std::unexpected(Fail(FailureOfStatus(status), what));
    }
    CupsJob job{job_id, CupsJobState::kPending, {}};
    Remember(job);
    const std::string document = DocumentName(options.job_name);
    if (cupsStartDocument(http.get(), queue, job_id, document.c_str(), CUPS_FORMAT_RAW, 1) !=
            HTTP_STATUS_CONTINUE ||
        cupsWriteRequestData(http.get(), bytes.data(), bytes.size()) != HTTP_STATUS_CONTINUE ||
        cupsFinishDocument(http.get(), queue) != IPP_STATUS_OK) {
        // cupsd may have the whole document even so (only its answer was lost), and then
        // the job prints: only a confirmed cancel makes a retry safe.
        const std::string error = LastCupsError();
        job.reason = error;
        http.reset();  // broken in the middle of a request
        return GiveUp(job, TransportFailure::kDisconnected,
                      fmt::format("job {}: sending the document failed ({})", job_id, error),
                      bytes.size());
    }
    return WaitForJob(std::move(job), bytes.size(), deadline);
}

TransportStatus CupsTransport::Impl::WaitForJob(CupsJob job, std::size_t size,
                                                Clock::time_point deadline) {
    bool started = false;  // once processing, the printer may have some of the bytes
    while (true) {
        const auto report = AskJob(http.get(), job.id);
        if (!report) {
            const std::string error = LastCupsError();
            job.reason = error;
            http.reset();  // the answer may still arrive on it; a new connection cancels
            return GiveUp(job, TransportFailure::kDisconnected,
                          fmt::format("job {}: lost CUPS while waiting ({})", job.id, error), size);
        }
        job.state = report->state;
        job.reason = report->reason;
        started = started || report->reached_printer || job.state == CupsJobState::kProcessing;
        Remember(job);
        if (job.state == CupsJobState::kCompleted) return {};
        if (IsFinal(job.state)) {
            return std::unexpected(Fail(TransportFailure::kIoError,
                                        fmt::format("job {} {}{}{}", job.id, ToString(job.state),
                                                    job.reason.empty() ? "" : ": ", job.reason),
                                        started ? size : 0));
        }
        if (job.state == CupsJobState::kHeld || job.state == CupsJobState::kStopped) {
            // Held jobs wait for a person (job-hold-until, authentication); a stopped job
            // waits for the queue. Either could print much later, after a reprint.
            return GiveUp(job, TransportFailure::kIoError,
                          fmt::format("job {} {} by CUPS{}{}", job.id, ToString(job.state),
                                      job.reason.empty() ? "" : ": ", job.reason),
                          size);
        }
        if (job.state == CupsJobState::kPending) {
            const auto printer = AskPrinter();
            if (printer && printer->stopped) {
                // A stopped queue does not print by itself: give up at once, not at the timeout.
                job.reason = fmt::format("queue stopped{}{}", printer->reason.empty() ? "" : ": ",
                                         printer->reason);
                return GiveUp(job, TransportFailure::kOffline,
                              fmt::format("job {}: {}", job.id, job.reason), size);
            }
        }
        if (Clock::now() + kPollInterval > deadline) {
            return GiveUp(
                job, TransportFailure::kTimeout,
                fmt::format("job {} still {} after {} ms{}{}", job.id, ToString(job.state),
                            options.timeout.count(), job.reason.empty() ? "" : ": ", job.reason),
                size);
        }
        std::this_thread::sleep_for(kPollInterval);
    }
}

TransportResult<std::string> CupsTransport::Read(std::size_t /*max_bytes*/,
                                                 std::chrono::milliseconds /*timeout*/) {
    return std::unexpected(
        MakeTransportError(TransportFailure::kUnsupported,
                           fmt::format("{}: CUPS gives no printer status", Describe())));
}

void CupsTransport::Close() {
    m_impl->http.reset();
}

bool CupsTransport::IsOpen() const {
    return m_impl->http != nullptr;
}

std::optional<CupsJob> CupsTransport::LastJob() const {
    const std::lock_guard lock(m_impl->job_mutex);
    return m_impl->last_job;
}

}  // namespace tillbook::drivers
