#include "deadline_stream.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace tillbook::office::http {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kBufferBytes = 16 * 1024;
// An idle wait looks this often whether the server is stopping.
constexpr std::chrono::milliseconds kStopCheck{200};
// Once the server stops, a body being read has this long more to arrive.
constexpr std::chrono::milliseconds kStopGrace{1'000};
constexpr std::uint32_t kCrLfCrLf = 0x0d0a0d0a;

thread_local bool t_deadline_passed = false;

enum class Wait { kReady, kDeadline, kStopped, kFailed };

Wait WaitFor(int socket, short events, Clock::time_point deadline,
             const std::atomic<socket_t>* server_socket) {
    while (true) {
        if (server_socket && *server_socket == INVALID_SOCKET) return Wait::kStopped;
        const auto now = Clock::now();
        if (now >= deadline) return Wait::kDeadline;
        auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
        if (server_socket) left = std::min(left, kStopCheck);
        pollfd p{socket, events, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready > 0) return Wait::kReady;  // errors and hang-ups show in the next call
        if (ready < 0 && errno != EINTR) return Wait::kFailed;
    }
}

IoResult FromErrno(ssize_t n, bool reading) {
    if (n > 0) return {IoResult::Kind::kDone, static_cast<std::size_t>(n)};
    if (n == 0 && reading) return {IoResult::Kind::kEnd, 0};
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
        return {reading ? IoResult::Kind::kWantRead : IoResult::Kind::kWantWrite, 0};
    return {IoResult::Kind::kFailed, 0};
}

void Name(const sockaddr_storage& address, socklen_t length, std::string& ip, int& port) {
    char host[NI_MAXHOST];
    char service[NI_MAXSERV];
    if (::getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host, sizeof host,
                      service, sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
        return;
    }
    ip = host;
    port = std::atoi(service);
}

}  // namespace

IoResult PlainTransport::Receive(char* data, std::size_t size) {
    return FromErrno(::recv(m_socket, data, size, 0), true);
}

IoResult PlainTransport::Send(const char* data, std::size_t size) {
    return FromErrno(::send(m_socket, data, size, MSG_NOSIGNAL), false);
}

DeadlineStream::DeadlineStream(int socket, Transport& transport, StreamDeadlines deadlines,
                               const std::atomic<socket_t>& server_socket)
    : m_socket(socket),
      m_transport(transport),
      m_deadlines(deadlines),
      m_server_socket(server_socket),
      m_buffer(kBufferBytes) {}

bool DeadlineStream::DeadlinePassedOnThisThread() {
    return t_deadline_passed;
}

bool DeadlineStream::AwaitRequest(std::chrono::milliseconds idle) {
    t_deadline_passed = false;
    m_phase = Phase::kIdle;
    m_last_four = 0;
    if (m_begin == m_end_of_data && !Fill(Clock::now() + idle, StreamEnd::kIdle)) {
        return false;
    }
    m_phase = Phase::kHeader;
    m_phase_deadline = Clock::now() + m_deadlines.header;
    return true;
}

Clock::time_point DeadlineStream::ReadDeadline() const {
    if (m_phase == Phase::kBody)
        return std::min(m_phase_deadline, Clock::now() + m_deadlines.body_gap);
    return m_phase_deadline;
}

StreamEnd DeadlineStream::DeadlineEnd() const {
    return m_phase == Phase::kBody ? StreamEnd::kBodyDeadline : StreamEnd::kHeaderDeadline;
}

bool DeadlineStream::Fill(Clock::time_point deadline, StreamEnd on_deadline) {
    if (m_end != StreamEnd::kOpen) return false;
    m_begin = m_end_of_data = 0;
    const std::atomic<socket_t>* watched = &m_server_socket;
    while (true) {
        const IoResult got = m_transport.Receive(m_buffer.data(), m_buffer.size());
        Wait wait = Wait::kReady;
        switch (got.kind) {
            case IoResult::Kind::kDone:
                m_end_of_data = got.bytes;
                return true;
            case IoResult::Kind::kEnd:
                m_end = StreamEnd::kClosedByPeer;
                return false;
            case IoResult::Kind::kFailed:
                m_end = StreamEnd::kFailed;
                return false;
            case IoResult::Kind::kWantRead:
                wait = WaitFor(m_socket, POLLIN, deadline, watched);
                break;
            case IoResult::Kind::kWantWrite:  // TLS renegotiating
                wait = WaitFor(m_socket, POLLOUT, deadline, watched);
                break;
        }
        if (wait == Wait::kReady) continue;
        if (wait == Wait::kStopped && m_phase == Phase::kBody) {
            // A request in flight may finish, if its body comes soon.
            deadline = std::min(deadline, Clock::now() + kStopGrace);
            watched = nullptr;
            continue;
        }
        t_deadline_passed = wait == Wait::kDeadline && m_phase != Phase::kIdle;
        m_end = wait == Wait::kDeadline  ? on_deadline
                : wait == Wait::kStopped ? StreamEnd::kServerStopping
                                         : StreamEnd::kFailed;
        return false;
    }
}

bool DeadlineStream::is_readable() const {
    if (m_begin < m_end_of_data) return true;
    if (m_end != StreamEnd::kOpen) return false;
    return WaitFor(m_socket, POLLIN, ReadDeadline(), nullptr) == Wait::kReady;
}

bool DeadlineStream::is_writable() const {
    return WaitFor(m_socket, POLLOUT, Clock::now() + m_deadlines.write, nullptr) == Wait::kReady;
}

ssize_t DeadlineStream::read(char* ptr, size_t size) {
    if (size == 0) return 0;
    if (m_begin == m_end_of_data && !Fill(ReadDeadline(), DeadlineEnd())) {
        return m_end == StreamEnd::kClosedByPeer ? 0 : -1;
    }
    std::size_t count = std::min(size, m_end_of_data - m_begin);
    if (m_phase == Phase::kHeader) {
        // Up to and including the blank line that ends the header; the body's clock starts there.
        for (std::size_t i = 0; i < count; ++i) {
            m_last_four = (m_last_four << 8) | static_cast<unsigned char>(m_buffer[m_begin + i]);
            if (m_last_four == kCrLfCrLf) {
                count = i + 1;
                m_phase = Phase::kBody;
                m_phase_deadline = Clock::now() + m_deadlines.body;
                break;
            }
        }
    }
    std::memcpy(ptr, m_buffer.data() + m_begin, count);
    m_begin += count;
    return static_cast<ssize_t>(count);
}

ssize_t DeadlineStream::write(const char* ptr, size_t size) {
    std::size_t sent = 0;
    auto deadline = Clock::now() + m_deadlines.write;
    while (sent < size) {
        const IoResult put = m_transport.Send(ptr + sent, size - sent);
        Wait wait = Wait::kReady;
        switch (put.kind) {
            case IoResult::Kind::kDone:
                sent += put.bytes;
                deadline = Clock::now() + m_deadlines.write;
                continue;
            case IoResult::Kind::kEnd:
            case IoResult::Kind::kFailed:
                return sent > 0 ? static_cast<ssize_t>(sent) : -1;
            case IoResult::Kind::kWantWrite:
                wait = WaitFor(m_socket, POLLOUT, deadline, nullptr);
                break;
            case IoResult::Kind::kWantRead:  // TLS renegotiating
                wait = WaitFor(m_socket, POLLIN, deadline, nullptr);
                break;
        }
        if (wait != Wait::kReady) return sent > 0 ? static_cast<ssize_t>(sent) : -1;
    }
    return static_cast<ssize_t>(sent);
}

void DeadlineStream::get_remote_ip_and_port(std::string& ip, int& port) const {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(m_socket, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        Name(address, length, ip, port);
}

void DeadlineStream::get_local_ip_and_port(std::string& ip, int& port) const {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(m_socket, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        Name(address, length, ip, port);
}

}  // namespace tillbook::office::http
