#pragma once
// A plain TCP connection to the server on loopback, for requests an HTTP client library would not
// send: chunked floods, oversized header blocks, broken request lines. Every wait is bounded.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <string>

namespace tillbook::testing {

struct RawResponse {
    int status = 0;  // 0: no answer in time
    std::string head;
    std::string body;
};

class RawConnection {
  public:
    // `source`: the address to send from (all of 127.0.0.0/8 is loopback on Linux).
    explicit RawConnection(int port, const char* source = "127.0.0.1") {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        REQUIRE(m_fd >= 0);
        sockaddr_in from{};
        from.sin_family = AF_INET;
        REQUIRE(::inet_pton(AF_INET, source, &from.sin_addr) == 1);
        REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;
    ~RawConnection() { ::close(m_fd); }

    // Sends all of `data` unless the server answers or stops reading first (false then), or
    // `timeout` passes.
    bool Send(const std::string& data, std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        std::size_t sent = 0;
        while (sent < data.size()) {
            if (std::chrono::steady_clock::now() > deadline) return false;
            pollfd p{m_fd, POLLOUT | POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0) continue;
            if (p.revents & (POLLIN | POLLERR | POLLHUP)) return false;
            const ssize_t n =
                ::send(m_fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
            if (n > 0) sent += static_cast<std::size_t>(n);
        }
        return true;
    }

    // The next response: its status line and headers, and a body of its Content-Length.
    RawResponse Read(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        RawResponse response;
        while (true) {
            const auto end = m_buffer.find("\r\n\r\n");
            if (end != std::string::npos) {
                response.head = m_buffer.substr(0, end + 2);
                std::size_t length = 0;
                if (auto at = Lower(response.head).find("content-length:"); at != std::string::npos)
                    length = std::stoul(response.head.substr(at + 15));
                if (m_buffer.size() >= end + 4 + length) {
                    response.body = m_buffer.substr(end + 4, length);
                    m_buffer.erase(0, end + 4 + length);
                    response.status = std::stoi(response.head.substr(9, 3));
                    return response;
                }
            }
            if (!Receive(deadline)) return response;
        }
    }

    // True when the server closes the connection before `timeout`.
    bool ClosedWithin(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (Receive(deadline)) {
        }
        return m_closed;
    }

    // True when the server has closed the connection by now; what it sent before is kept. Does
    // not wait.
    bool ClosedNow() {
        while (!m_closed && ReceiveOnce(0) == Received::kData) {
        }
        return m_closed;
    }

  private:
    static std::string Lower(std::string text) {
        for (char& c : text)
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        return text;
    }
    enum class Received { kData, kNothing, kClosed };
    // Appends what arrives within `wait_ms` to the buffer.
    Received ReceiveOnce(int wait_ms) {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, wait_ms) <= 0) return Received::kNothing;
        char chunk[65536];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n > 0) {
            m_buffer.append(chunk, static_cast<std::size_t>(n));
            return Received::kData;
        }
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
            m_closed = true;
            return Received::kClosed;
        }
        return Received::kNothing;
    }
    // Appends what arrives to the buffer; false at the end of the stream or the deadline.
    bool Receive(std::chrono::steady_clock::time_point deadline) {
        while (std::chrono::steady_clock::now() < deadline) {
            const Received got = ReceiveOnce(50);
            if (got != Received::kNothing) return got == Received::kData;
        }
        return false;
    }

    int m_fd = -1;
    std::string m_buffer;
    bool m_closed = false;
};

// A figure in kB from /proc/PID/status: "VmRSS", "VmHWM" (the peak).
inline long ProcessStatusKb(int pid, const std::string& key) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with(key + ":")) return std::stol(line.substr(key.size() + 1));
    }
    FAIL("no " << key << " in /proc/" << pid << "/status");
    return 0;
}

}  // namespace tillbook::testing
