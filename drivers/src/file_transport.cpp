#include "tillbook/drivers/file_transport.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace tillbook::drivers {
namespace {

TransportFailure FailureOfOpen(int error) {
    switch (error) {
        case ENOENT:
        case ENODEV:
        case ENXIO:
        case ENOTDIR:
            return TransportFailure::kNotFound;
        case EACCES:
        case EPERM:
        case EROFS:
            return TransportFailure::kDenied;
        case EBUSY:
            return TransportFailure::kBusy;
        default:
            return TransportFailure::kIoError;
    }
}

TransportFailure FailureOfWrite(int error) {
    switch (error) {
        case ENODEV:
        case ENXIO:
            return TransportFailure::kDisconnected;  // a usblp node whose printer left
        case ETIMEDOUT:
        case EAGAIN:
            return TransportFailure::kTimeout;
        case EBUSY:
            return TransportFailure::kBusy;
        default:
            return TransportFailure::kIoError;  // disk full, bad descriptor, ...
    }
}

}  // namespace

FileTransport::FileTransport(FileTransportOptions options) : m_options(std::move(options)) {}

FileTransport::~FileTransport() {
    Close();
}

std::string FileTransport::Describe() const {
    return fmt::format("file {}", m_options.path);
}

TransportStatus FileTransport::Open() {
    if (IsOpen()) return {};
    int flags = O_WRONLY | O_CLOEXEC;
    if (m_options.create) flags |= O_CREAT;
    flags |= m_options.mode == FileWriteMode::kAppend ? O_APPEND : O_TRUNC;
    const int fd = ::open(m_options.path.c_str(), flags, 0644);
    if (fd < 0) {
        const int error = errno;
        return std::unexpected(MakeTransportError(
            FailureOfOpen(error),
            fmt::format("{}: cannot open ({})", Describe(), std::strerror(error))));
    }
    m_fd = fd;
    return {};
}

TransportStatus FileTransport::Write(std::string_view bytes) {
    if (!IsOpen()) {
        return std::unexpected(MakeTransportError(TransportFailure::kDisconnected,
                                                  fmt::format("{}: not open", Describe())));
    }
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t written = ::write(m_fd, bytes.data() + sent, bytes.size() - sent);
        if (written > 0) {
            sent += static_cast<std::size_t>(written);
            continue;
        }
        if (written < 0 && errno == EINTR) continue;
        const int error = written < 0 ? errno : EIO;
        Close();
        return std::unexpected(
            MakeTransportError(FailureOfWrite(error),
                               fmt::format("{}: writing failed after {} of {} bytes ({})",
                                           Describe(), sent, bytes.size(), std::strerror(error)),
                               sent));
    }
    return {};
}

TransportResult<std::string> FileTransport::Read(std::size_t /*max_bytes*/,
                                                 std::chrono::milliseconds /*timeout*/) {
    return std::unexpected(MakeTransportError(
        TransportFailure::kUnsupported,
        fmt::format("{}: a file cannot report the printer's status", Describe())));
}

void FileTransport::Close() {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

}  // namespace tillbook::drivers
