#pragma once
// One spooler per printer: a queue of print jobs worked off by the spooler's own thread, so that
// a sale never waits for paper. Submit returns a job id at once; the job's state, the printer's
// status before and after it, and any failure (in a cashier's words) can be asked for later.
// Jobs that fail stay in a failed list until they are reprinted.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/drivers/printer_status.hpp"
#include "tillbook/drivers/transport.hpp"

namespace tillbook::drivers {

using PrintJobId = std::uint64_t;

enum class PrintJobState : int {
    kQueued = 1,    // waiting for the printer (or for the next retry)
    kPrinting = 2,  // being sent now
    kPrinted = 3,   // every byte reached the printer and it reported nothing wrong
    kFailed = 4,    // given up; in FailedJobs() until reprinted
};

[[nodiscard]] std::string_view ToString(PrintJobState state);

// What a job is decides how the spooler treats the printer's state around it.
enum class PrintJobKind : int {
    kReceipt = 1,  // paper: refused while the printer is not ready, failed ones kept for reprint
    // A drawer pulse: the drawer opens with paper out or the cover open, so it is sent anyway; it
    // is done once its bytes are sent; a failed kick is never kept for reprint (a drawer springing
    // open minutes later would surprise the cashier) and never resent after a partial send.
    // SubmitDrawerKick gives it two forms: ESC p, and the real-time DLE DC4 pulse that is sent
    // instead when the printer says it is not ready (an offline printer leaves ESC p in its
    // buffer).
    kDrawerKick = 2,
};

struct PrintJob {
    PrintJobId id = 0;
    std::string label;  // what the job is, for the failed list: "receipt 2026-0042"
    PrintJobKind kind = PrintJobKind::kReceipt;
    PrintJobState state = PrintJobState::kQueued;
    std::size_t size = 0;  // bytes
    int attempts = 0;      // sends tried so far
    // Read with DLE EOT where the transport can read; empty when it cannot or did not answer.
    std::optional<PrinterStatus> status_before;
    std::optional<PrinterStatus> status_after;
    std::optional<TransportError> error;  // the last transport failure, with technical context
    std::string problem;  // for the cashier: "printer offline", "out of paper"; empty if printed
    std::optional<PrintJobId> reprint_of;    // set on a reprint: the failed job it repeats
    std::optional<PrintJobId> reprinted_as;  // set on a failed job once it has been reprinted
    // A drawer kick sent as its real-time form (the printer was offline when it was sent).
    bool sent_real_time = false;
};

struct SpoolerOptions {
    // Sends of one job, first included. Only transient failures that sent nothing are retried:
    // a half-printed receipt goes to the failed list instead of printing twice.
    int max_attempts = 3;
    std::chrono::milliseconds first_retry_delay{250};  // doubled after each retry ...
    std::chrono::milliseconds max_retry_delay{2000};   // ... up to this
    bool read_status = true;                           // ask DLE EOT before and after each job
    std::chrono::milliseconds status_timeout{500};     // per status reply
    std::size_t keep_printed = 200;  // printed jobs (and failed kicks) remembered for Job()
};

// The failure in a cashier's words: "printer offline", "printer not found", ...
[[nodiscard]] std::string DescribeFailure(const TransportError& error);

class Spooler {
  public:
    // Takes the transport: from now on only the spooler's thread uses it.
    explicit Spooler(std::unique_ptr<PrinterTransport> transport, SpoolerOptions options = {});
    // Finishes the job being sent (at most the transport's timeouts); a job waiting for a retry
    // fails at once with its last error; queued jobs are not sent and stay kQueued.
    ~Spooler();
    Spooler(const Spooler&) = delete;
    Spooler& operator=(const Spooler&) = delete;

    // Queues `bytes` (a whole ESC/POS job) and returns at once.
    PrintJobId Submit(std::string bytes, std::string label = {},
                      PrintJobKind kind = PrintJobKind::kReceipt);

    // Queues a drawer kick (kind kDrawerKick) in its two forms and returns at once. `pulse` (ESC p,
    // EscPosEncoder::KickDrawer) is sent when the status read just before it says the printer is
    // ready, or when there is no status (read_status off, a transport that cannot read, no
    // answer). `real_time_pulse` (DLE DC4 1 m t, EscPosEncoder::KickDrawerRealTime) is sent
    // instead when that status says the printer is not ready (offline, paper out, cover open, an
    // error): such a printer takes only real-time commands and would keep ESC p in its buffer,
    // opening the drawer when the paper is back, long after the cashier gave up. Either way one
    // pulse, at most once. An empty `real_time_pulse` means ESC p whatever the status says.
    PrintJobId SubmitDrawerKick(std::string pulse, std::string real_time_pulse,
                                std::string label = "drawer kick");

    // A copy of the job's record; empty for an unknown id (or a printed job long forgotten).
    [[nodiscard]] std::optional<PrintJob> Job(PrintJobId id) const;

    // Failed receipts not yet reprinted, oldest first (failed drawer kicks are never listed).
    [[nodiscard]] std::vector<PrintJob> FailedJobs() const;

    // Queues the bytes of failed job `id` again as a new job (reprint_of = id) and takes `id` off
    // the failed list. kNotFound when `id` is not in the failed list; kUnsupported for a drawer
    // kick (open the drawer again instead).
    [[nodiscard]] Result<PrintJobId> Reprint(PrintJobId id);

    // Waits until job `id` is printed or failed, at most `timeout`; the job's record then, or
    // empty on timeout or for an unknown id. For tools and tests: the till never waits.
    [[nodiscard]] std::optional<PrintJob> WaitUntilFinished(
        PrintJobId id, std::chrono::milliseconds timeout) const;

    // The last status the printer reported, if it ever did.
    [[nodiscard]] std::optional<PrinterStatus> LastStatus() const;

    // Asks the printer for its status now (DLE EOT 1 to 4) and waits at most `timeout` for it.
    // The request is queued like a job and runs on the spooler's thread after the jobs submitted
    // before it, so it never splits a job's bytes and its answer says how the printer is once
    // they are done (a drawer kicked just before is in that answer). Read even when
    // SpoolerOptions::read_status is off. Otherwise the reason there is no status: kUnsupported
    // when the transport cannot read, the transport's own error when the printer is not there
    // or refuses (kNotFound, kOffline, kDenied, ...), kTimeout when it does not answer or on
    // `timeout` (the request is then dropped, not sent later), kIoError for a garbled reply.
    [[nodiscard]] TransportResult<PrinterStatus> ReadStatus(std::chrono::milliseconds timeout);

  private:
    struct Record {
        PrintJob job;
        std::shared_ptr<const std::string> bytes;  // dropped once printed
        // A drawer kick's DLE DC4 form (SubmitDrawerKick), empty otherwise.
        std::shared_ptr<const std::string> real_time_bytes;
    };
    struct Attempt;
    // A ReadStatus call waiting for the worker; shared so that a caller who gave up can leave.
    struct StatusRead {
        std::optional<TransportResult<PrinterStatus>> answer;  // set when done
        bool done = false;
        bool abandoned = false;  // the caller timed out: skip it
    };
    // One entry of the queue: a job, or (status_read set) a status read.
    struct Work {
        PrintJobId job = 0;
        std::shared_ptr<StatusRead> status_read;
    };

    // What the worker sends for a job: its bytes, and a drawer kick's real-time form if any.
    struct Payload {
        PrintJobKind kind = PrintJobKind::kReceipt;
        std::shared_ptr<const std::string> bytes;
        std::shared_ptr<const std::string> real_time_bytes;
    };

    PrintJobId Enqueue(std::string bytes, std::string real_time_bytes, std::string label,
                       PrintJobKind kind);
    void Run();
    void PrintOne(PrintJobId id, const Payload& payload);
    [[nodiscard]] Attempt Send(const Payload& payload);
    [[nodiscard]] std::optional<PrinterStatus> QueryStatus();
    [[nodiscard]] TransportResult<PrinterStatus> AskStatus();
    void ServeStatusRead(const std::shared_ptr<StatusRead>& read);
    void Finish(PrintJobId id, const Attempt& attempt);

    std::unique_ptr<PrinterTransport> m_transport;  // the worker thread's alone
    SpoolerOptions m_options;

    mutable std::mutex m_mutex;
    std::condition_variable m_work;              // new job, new status read, or stopping
    mutable std::condition_variable m_finished;  // a job or a status read finished
    std::deque<Work> m_queue;
    std::map<PrintJobId, Record> m_jobs;
    std::deque<PrintJobId> m_printed_order;  // and failed kicks: records forgotten oldest first
    std::vector<PrintJobId> m_failed;
    std::optional<PrinterStatus> m_last_status;
    PrintJobId m_next_id = 1;
    bool m_stopping = false;

    std::thread m_worker;  // last: starts after everything above exists
};

}  // namespace tillbook::drivers
