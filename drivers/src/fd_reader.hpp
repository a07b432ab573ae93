#pragma once
// The wait-and-read step the serial and evdev scanners share: poll() a non-blocking device
// descriptor until a deadline, append what one read() brings, and tell a scanner that went away
// (hang-up, ENODEV, EIO) from a timeout and from a read that failed for another reason. The
// caller decodes the bytes; ReadMore turns the outcome into what a scanner's Next() returns.
#include <fmt/format.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <string>
#include <string_view>

#include "posix_io.hpp"

namespace tillbook::drivers::posix {

enum class ReadOutcome {
    kData,     // at least one byte was appended
    kTimeout,  // the deadline passed with nothing to read
    kGone,     // the device went away (unplugged, hung up, descriptor closed)
    kFailed,   // poll() or read() failed for another reason
};

struct ReadResult {
    ReadOutcome outcome = ReadOutcome::kTimeout;
    std::string why;  // for kGone and kFailed: "hang-up", "No such device", ...
};

// A read error that means the device went away rather than a passing hiccup. The kernel answers
// ENODEV (evdev) or EIO (tty) once the device is unplugged.
[[nodiscard]] inline bool IsGoneError(int error) {
    return error == EIO || error == ENODEV || error == ENXIO || error == EBADF;
}

// Waits until `deadline` for `fd` and appends one read's bytes to `input`. Spurious wake-ups and
// EINTR wait again, so kData always means new bytes. Evdev never returns part of an event, so a
// chunk that is not a multiple of sizeof(input_event) is fine.
[[nodiscard]] inline ReadResult ReadSome(int fd, Clock::time_point deadline, std::string& input) {
    // Big enough for a burst of scans; the kernel buffers the rest until the next read.
    constexpr std::size_t kChunk = 2048;
    while (true) {
        pollfd entry{fd, POLLIN, 0};
        const int ready = ::poll(&entry, 1, MillisLeft(deadline));
        if (ready < 0) {
            const int error = errno;
            if (error == EINTR) continue;
            return {ReadOutcome::kFailed, "waiting failed (" + ErrnoText(error) + ")"};
        }
        if (ready == 0) return {ReadOutcome::kTimeout, {}};
        if ((entry.revents & POLLNVAL) != 0) return {ReadOutcome::kGone, "descriptor closed"};
        // POLLHUP can come with the last bytes the device sent: read them first.
        std::array<char, kChunk> buffer{};
        const ssize_t got = ::read(fd, buffer.data(), buffer.size());
        if (got > 0) {
            input.append(buffer.data(), static_cast<std::size_t>(got));
            return {ReadOutcome::kData, {}};
        }
        if (got == 0) return {ReadOutcome::kGone, "end of file"};
        const int error = errno;
        if (error == EINTR || error == EAGAIN || error == EWOULDBLOCK) {
            if ((entry.revents & (POLLHUP | POLLERR)) != 0) return {ReadOutcome::kGone, "hang-up"};
            continue;
        }
        if (IsGoneError(error)) return {ReadOutcome::kGone, ErrnoText(error)};
        return {ReadOutcome::kFailed, "reading failed (" + ErrnoText(error) + ")"};
    }
}

// ReadSome as a scanner's Next() uses it: true when bytes were appended, false when the deadline
// passed, or the error to report when the device went away (not found: "DEVICE: scanner
// disconnected (why)") or the read failed (kDevice: "DEVICE: why"). `device` is the reader's
// Describe().
[[nodiscard]] inline Result<bool> ReadMore(int fd, Clock::time_point deadline, std::string& input,
                                           std::string_view device) {
    const ReadResult got = ReadSome(fd, deadline, input);
    switch (got.outcome) {
        case ReadOutcome::kData:
            return true;
        case ReadOutcome::kTimeout:
            return false;
        case ReadOutcome::kGone:
            return std::unexpected(
                MakeError(ErrorCode::kNotFound,
                          fmt::format("{}: scanner disconnected ({})", device, got.why)));
        case ReadOutcome::kFailed:
            break;
    }
    return std::unexpected(MakeError(ErrorCode::kDevice, fmt::format("{}: {}", device, got.why)));
}

}  // namespace tillbook::drivers::posix
