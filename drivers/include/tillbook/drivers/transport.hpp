#pragma once
// The one interface every printer transport implements (TCP 9100, file/device node, later libusb
// and CUPS), so that the spooler can send a job's bytes and ask for real-time status without
// knowing how the printer is connected. Failures are values whose kind tells the spooler what to
// do: retry later (transient) or give up and keep the job for a reprint (permanent).
#include <chrono>
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace tillbook::drivers {

// Why a transport call failed. Stored in job records: values are explicit and never reused.
enum class TransportFailure : int {
    kNotFound = 1,      // no such printer: unknown host, missing device node, no such queue
    kOffline = 2,       // the printer is there but not answering: refused, unreachable, powered off
    kTimeout = 3,       // the printer stopped taking data or did not answer in time
    kDisconnected = 4,  // the connection went away in the middle of a job
    kBusy = 5,          // another program holds the printer for now
    kUnsupported = 6,   // the transport cannot do this (for example read status from a file)
    kDenied = 7,        // no permission to use the printer (device node mode, udev rule)
    kIoError = 8,       // any other failure of the operating system call
};

[[nodiscard]] inline std::string_view ToString(TransportFailure failure) {
    switch (failure) {
        case TransportFailure::kNotFound:
            return "not found";
        case TransportFailure::kOffline:
            return "offline";
        case TransportFailure::kTimeout:
            return "timeout";
        case TransportFailure::kDisconnected:
            return "disconnected";
        case TransportFailure::kBusy:
            return "busy";
        case TransportFailure::kUnsupported:
            return "unsupported";
        case TransportFailure::kDenied:
            return "denied";
        case TransportFailure::kIoError:
            return "i/o error";
    }
    return "unknown";
}

// Offline, timeout, disconnected and busy can clear up by themselves (the printer comes back, the
// other program finishes), so the spooler may retry them; the others need a person.
[[nodiscard]] inline bool IsTransient(TransportFailure failure) {
    return failure == TransportFailure::kOffline || failure == TransportFailure::kTimeout ||
           failure == TransportFailure::kDisconnected || failure == TransportFailure::kBusy;
}

struct TransportError {
    TransportFailure failure = TransportFailure::kIoError;
    std::string message;        // with context: "tcp 192.168.1.50:9100: connection refused"
    std::size_t bytes_sent{0};  // how much of the job reached the printer before the failure

    [[nodiscard]] bool Transient() const { return IsTransient(failure); }
};

[[nodiscard]] inline TransportError MakeTransportError(TransportFailure failure,
                                                       std::string message,
                                                       std::size_t bytes_sent = 0) {
    return TransportError{failure, std::move(message), bytes_sent};
}

template <class T>
using TransportResult = std::expected<T, TransportError>;
using TransportStatus = std::expected<void, TransportError>;

// Not thread-safe: one owner (the printer's spooler thread) uses a transport at a time.
class PrinterTransport {
  public:
    virtual ~PrinterTransport() = default;

    // Where the bytes go, for messages and logs: "tcp 192.168.1.50:9100", "file /dev/usb/lp0".
    [[nodiscard]] virtual std::string Describe() const = 0;

    // Connects or opens the device. Opening an open transport does nothing.
    [[nodiscard]] virtual TransportStatus Open() = 0;

    // Sends all of `bytes` or fails; a failed write reports how many bytes were sent and leaves
    // the transport closed, so that the next job opens it again.
    [[nodiscard]] virtual TransportStatus Write(std::string_view bytes) = 0;

    // Whether Read can return anything (a bidirectional connection to the printer).
    [[nodiscard]] virtual bool CanRead() const = 0;

    // Up to `max_bytes` of what the printer sent back (the reply to DLE EOT n), waiting at most
    // `timeout` for the first byte. kTimeout when nothing came, kUnsupported when !CanRead().
    [[nodiscard]] virtual TransportResult<std::string> Read(std::size_t max_bytes,
                                                            std::chrono::milliseconds timeout) = 0;

    // Closes the connection or device. Closing a closed transport does nothing.
    virtual void Close() = 0;

    [[nodiscard]] virtual bool IsOpen() const = 0;
};

}  // namespace tillbook::drivers
