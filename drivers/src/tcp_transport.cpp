#include "tillbook/drivers/tcp_transport.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "posix_io.hpp"

namespace tillbook::drivers {
namespace {

using posix::ErrnoText;
using posix::MillisLeft;

using Clock = std::chrono::steady_clock;

// poll() on one descriptor until `events` or the deadline, retrying when a signal interrupts.
// Returns the revents, 0 on timeout, -1 with errno on failure.
int PollUntil(int fd, short events, Clock::time_point deadline) {
    while (true) {
        pollfd entry{fd, events, 0};
        const int ready = ::poll(&entry, 1, MillisLeft(deadline));
        if (ready > 0) return entry.revents;
        if (ready == 0) return 0;
        if (errno != EINTR) return -1;
    }
}

TransportFailure FailureOfConnect(int error) {
    switch (error) {
        case EACCES:
        case EPERM:
            return TransportFailure::kDenied;
        case ETIMEDOUT:
            return TransportFailure::kTimeout;
        default:
            return TransportFailure::kOffline;  // refused, unreachable, down
    }
}

TransportFailure FailureOfSend(int error) {
    switch (error) {
        case EPIPE:
        case ECONNRESET:
        case ENOTCONN:
        case ECONNABORTED:
            return TransportFailure::kDisconnected;
        case ETIMEDOUT:
        case EHOSTUNREACH:
        case ENETUNREACH:
        case ENETDOWN:
            return TransportFailure::kOffline;
        default:
            return TransportFailure::kIoError;
    }
}

struct AddressListDeleter {
    void operator()(addrinfo* list) const { ::freeaddrinfo(list); }
};
using AddressList = std::unique_ptr<addrinfo, AddressListDeleter>;

// Closes the socket unless released: connect attempts that fail leave nothing open.
class SocketGuard {
  public:
    explicit SocketGuard(int fd) : m_fd(fd) {}
    SocketGuard(const SocketGuard&) = delete;
    SocketGuard& operator=(const SocketGuard&) = delete;
    ~SocketGuard() {
        if (m_fd >= 0) ::close(m_fd);
    }
    [[nodiscard]] int Get() const { return m_fd; }
    int Release() { return std::exchange(m_fd, -1); }

  private:
    int m_fd;
};

}  // namespace

TcpTransport::TcpTransport(TcpTransportOptions options) : m_options(std::move(options)) {}

TcpTransport::~TcpTransport() {
    Close();
}

std::string TcpTransport::Describe() const {
    return fmt::format("tcp {}:{}", m_options.host, m_options.port);
}

TransportError TcpTransport::Fail(TransportFailure failure, std::string_view what,
                                  std::size_t bytes_sent) {
    Close();
    return MakeTransportError(failure, fmt::format("{}: {}", Describe(), what), bytes_sent);
}

TransportStatus TcpTransport::Open() {
    if (IsOpen()) return {};
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(m_options.port);
    const int lookup = ::getaddrinfo(m_options.host.c_str(), service.c_str(), &hints, &found);
    if (lookup != 0) {
        const bool temporary = lookup == EAI_AGAIN;
        return std::unexpected(
            Fail(temporary ? TransportFailure::kOffline : TransportFailure::kNotFound,
                 fmt::format("cannot find the printer's address ({})", ::gai_strerror(lookup))));
    }
    const AddressList addresses(found);
    const auto deadline = Clock::now() + m_options.connect_timeout;

    int last_error = ECONNREFUSED;
    for (const addrinfo* address = addresses.get(); address != nullptr;
         address = address->ai_next) {
        SocketGuard socket(::socket(address->ai_family,
                                    address->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                                    address->ai_protocol));
        if (socket.Get() < 0) {
            last_error = errno;
            continue;
        }
        if (::connect(socket.Get(), address->ai_addr, address->ai_addrlen) != 0) {
            if (errno != EINPROGRESS) {
                last_error = errno;
                continue;
            }
            const int ready = PollUntil(socket.Get(), POLLOUT, deadline);
            if (ready == 0) {
                return std::unexpected(
                    Fail(TransportFailure::kOffline,
                         fmt::format("no answer within {} ms", m_options.connect_timeout.count())));
            }
            int error = 0;
            socklen_t length = sizeof error;
            if (ready < 0) {
                error = errno;
            } else if (::getsockopt(socket.Get(), SOL_SOCKET, SO_ERROR, &error, &length) != 0) {
                error = errno;
            }
            if (error != 0) {
                last_error = error;
                continue;
            }
        }
        m_socket = socket.Release();
        return {};
    }
    return std::unexpected(Fail(FailureOfConnect(last_error),
                                fmt::format("cannot connect ({})", ErrnoText(last_error))));
}

TransportStatus TcpTransport::Write(std::string_view bytes) {
    if (!IsOpen()) {
        return std::unexpected(MakeTransportError(TransportFailure::kDisconnected,
                                                  fmt::format("{}: not connected", Describe())));
    }
    std::size_t sent = 0;
    auto deadline = Clock::now() + m_options.write_timeout;
    while (sent < bytes.size()) {
        const ssize_t written =
            ::send(m_socket, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (written > 0) {
            sent += static_cast<std::size_t>(written);
            deadline = Clock::now() + m_options.write_timeout;
            continue;
        }
        if (written < 0 && errno == EINTR) continue;
        if (written < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            const int error = errno;
            return std::unexpected(Fail(FailureOfSend(error),
                                        fmt::format("sending failed after {} of {} bytes ({})",
                                                    sent, bytes.size(), ErrnoText(error)),
                                        sent));
        }
        const int ready = PollUntil(m_socket, POLLOUT, deadline);
        if (ready == 0) {
            return std::unexpected(
                Fail(TransportFailure::kTimeout,
                     fmt::format("the printer took no data for {} ms ({} of {} bytes sent)",
                                 m_options.write_timeout.count(), sent, bytes.size()),
                     sent));
        }
        if (ready < 0 || (ready & (POLLERR | POLLHUP | POLLNVAL)) != 0) {
            return std::unexpected(
                Fail(TransportFailure::kDisconnected,
                     fmt::format("the connection closed after {} of {} bytes", sent, bytes.size()),
                     sent));
        }
    }
    return {};
}

TransportResult<std::string> TcpTransport::Read(std::size_t max_bytes,
                                                std::chrono::milliseconds timeout) {
    if (!IsOpen()) {
        return std::unexpected(MakeTransportError(TransportFailure::kDisconnected,
                                                  fmt::format("{}: not connected", Describe())));
    }
    if (max_bytes == 0) return std::string{};
    std::string reply(max_bytes, '\0');
    const auto deadline = Clock::now() + timeout;
    while (true) {
        const ssize_t got = ::recv(m_socket, reply.data(), reply.size(), 0);
        if (got > 0) {
            reply.resize(static_cast<std::size_t>(got));
            return reply;
        }
        if (got == 0) {
            return std::unexpected(
                Fail(TransportFailure::kDisconnected, "the printer closed the connection"));
        }
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            const int error = errno;
            return std::unexpected(
                Fail(FailureOfSend(error), fmt::format("reading failed ({})", ErrnoText(error))));
        }
        const int ready = PollUntil(m_socket, POLLIN, deadline);
        if (ready == 0) {
            // The connection is still good: a printer that does not answer status keeps printing.
            return std::unexpected(MakeTransportError(
                TransportFailure::kTimeout,
                fmt::format("{}: no reply within {} ms", Describe(), timeout.count())));
        }
        if (ready < 0) {
            const int error = errno;
            return std::unexpected(Fail(TransportFailure::kIoError,
                                        fmt::format("waiting failed ({})", ErrnoText(error))));
        }
    }
}

void TcpTransport::Close() {
    if (m_socket >= 0) {
        ::close(m_socket);
        m_socket = -1;
    }
}

}  // namespace tillbook::drivers
