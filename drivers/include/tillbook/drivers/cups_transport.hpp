#pragma once
// Raw ESC/POS jobs through a CUPS queue (libcups, docs/hardware.md §4): for sites that already
// manage their printers with CUPS. Each Write is one raw job on this transport's own connection
// (no process-wide cupsSetServer): Create-Job, the document, then Get-Job-Attributes until the job
// ends or options.timeout passes. Completed is success. Otherwise:
//   unknown queue                          -> kNotFound
//   cupsd not reachable, queue rejecting   -> kOffline
//   queue stopped (cupsdisable, or CUPS stopped it after a backend error) -> kOffline, at once
//   job aborted or cancelled by CUPS       -> kIoError with job-printer-state-message
//   job held, or not finished in time      -> kIoError / kTimeout
// A job that is given up on (document or status request failed, stopped queue, held, timed out)
// is cancelled, on a new connection if ours broke, and then asked for, so that a reprint from the
// failed list never makes two receipts: bytes_sent is 0 only when cupsd confirmed that the job is
// cancelled (or unknown) and never reached the printer; otherwise it is the job's size, so the
// spooler does not retry, and the message says when the job may still print. A job that turns out
// to have completed after all is success.
// CUPS gives no real-time status, so CanRead() is false.
// OWNER: helper "cups".
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/drivers/transport.hpp"

namespace tillbook::drivers {

struct CupsTransportOptions {
    std::string queue;   // the CUPS printer (queue) name
    std::string server;  // "host:port" or a socket path; empty: libcups' default (CUPS_SERVER, ...)
    std::string job_name = "tillbook";
    // Connecting, each IPP request, and the whole of one job from submission to its end.
    std::chrono::milliseconds timeout{10000};
};

// IPP job-state values (RFC 8011 5.3.7).
enum class CupsJobState : int {
    kPending = 3,
    kHeld = 4,
    kProcessing = 5,
    kStopped = 6,
    kCanceled = 7,
    kAborted = 8,
    kCompleted = 9,
};

[[nodiscard]] std::string_view ToString(CupsJobState state);

struct CupsJob {
    int id = 0;
    CupsJobState state = CupsJobState::kPending;
    std::string reason;  // job-state-reasons / printer-state-message, for the failed list
};

class CupsTransport final : public PrinterTransport {
  public:
    explicit CupsTransport(CupsTransportOptions options);
    ~CupsTransport() override;
    CupsTransport(const CupsTransport&) = delete;
    CupsTransport& operator=(const CupsTransport&) = delete;

    [[nodiscard]] std::string Describe() const override;
    [[nodiscard]] TransportStatus Open() override;
    [[nodiscard]] TransportStatus Write(std::string_view bytes) override;
    [[nodiscard]] bool CanRead() const override { return false; }
    [[nodiscard]] TransportResult<std::string> Read(std::size_t max_bytes,
                                                    std::chrono::milliseconds timeout) override;
    void Close() override;
    [[nodiscard]] bool IsOpen() const override;

    // The job sent by the last Write, as CUPS last reported it.
    [[nodiscard]] std::optional<CupsJob> LastJob() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace tillbook::drivers
