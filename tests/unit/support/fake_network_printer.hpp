#pragma once
// A fake network receipt printer (TCP 9100 style) on a real loopback socket, for the TCP, CUPS,
// drawer and CLI tests. Header-only; uses doctest's REQUIRE for set-up failures.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "loopback_socket.hpp"

namespace tillbook::testing {

// A network receipt printer on 127.0.0.1 and an ephemeral port. A reading printer records each
// connection's bytes and answers DLE EOT n with the configured byte; a stalled one accepts and
// then never reads, like a printer out of paper. One thread, poll() with short timeouts, stops
// when destroyed.
class FakeNetworkPrinter {
  public:
    enum class Mode { kReading, kStalled };

    explicit FakeNetworkPrinter(Mode mode = Mode::kReading) : m_mode(mode) {
        // Small receive buffers so that a stalled connection fills up quickly.
        const LoopbackSocket listener = ListenOnLoopback(8, 4096);
        m_listener = listener.fd;
        m_port = listener.port;
        m_thread = std::thread([this] { Serve(); });
    }
    FakeNetworkPrinter(const FakeNetworkPrinter&) = delete;
    FakeNetworkPrinter& operator=(const FakeNetworkPrinter&) = delete;
    ~FakeNetworkPrinter() {
        m_stop = true;
        m_thread.join();
        for (const Connection& connection : m_connections)
            ::close(connection.fd);
        ::close(m_listener);
    }

    [[nodiscard]] std::uint16_t Port() const { return m_port; }

    // Connections accepted from now on are read (or not).
    void SetMode(Mode mode) {
        const std::lock_guard lock(m_mutex);
        m_mode = mode;
    }
    // The reply to DLE EOT n (n = 1..4); 0 means do not answer.
    void SetStatusReply(int n, std::uint8_t reply) {
        const std::lock_guard lock(m_mutex);
        m_replies.at(static_cast<std::size_t>(n - 1)) = reply;
    }

    // From the `bytes`-th byte of a connection on, status replies say the paper ran out (DLE EOT
    // 2: stopped by paper end, DLE EOT 4: paper end); 0 puts a new roll in.
    void SetPaperRunsOutAfter(std::size_t bytes) {
        const std::lock_guard lock(m_mutex);
        m_paper_runs_out_after = bytes;
    }

    // The bytes of each finished (closed by the client) connection, once `count` have finished
    // or after `timeout`.
    [[nodiscard]] std::vector<std::string> WaitForJobs(std::size_t count,
                                                       std::chrono::milliseconds timeout) {
        std::unique_lock lock(m_mutex);
        m_job_done.wait_for(lock, timeout, [&] { return m_jobs.size() >= count; });
        return m_jobs;
    }

  private:
    struct Connection {
        int fd;
        bool reading;
        std::string bytes;
        std::size_t scanned = 0;  // status requests before this offset were answered
    };

    void Serve() {
        while (!m_stop) {
            std::vector<pollfd> entries{{m_listener, POLLIN, 0}};
            for (const Connection& connection : m_connections)
                entries.push_back(
                    {connection.fd, static_cast<short>(connection.reading ? POLLIN : 0), 0});
            if (::poll(entries.data(), entries.size(), 20) <= 0) continue;
            if ((entries[0].revents & POLLIN) != 0) Accept();
            for (std::size_t i = 1; i < entries.size(); ++i) {
                Connection& connection = m_connections[i - 1];
                const bool ended = (entries[i].revents & (POLLHUP | POLLERR)) != 0;
                if (!connection.reading && ended) {
                    ::close(connection.fd);  // never read, so nothing to record
                    connection.fd = -1;
                } else if (connection.reading && (ended || (entries[i].revents & POLLIN) != 0)) {
                    ReadFrom(connection);
                }
            }
            std::erase_if(m_connections, [](const Connection& c) { return c.fd < 0; });
        }
    }

    void Accept() {
        const int fd = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) return;
        const std::lock_guard lock(m_mutex);
        m_connections.push_back({fd, m_mode == Mode::kReading, {}, 0});
    }

    void ReadFrom(Connection& connection) {
        char chunk[65536];
        const ssize_t got = ::recv(connection.fd, chunk, sizeof chunk, 0);
        if (got <= 0) {
            ::close(connection.fd);
            connection.fd = -1;
            const std::lock_guard lock(m_mutex);
            m_jobs.push_back(connection.bytes);
            m_job_done.notify_all();
            return;
        }
        connection.bytes.append(chunk, static_cast<std::size_t>(got));
        std::string answers;
        const std::string& bytes = connection.bytes;
        std::size_t i = connection.scanned;
        for (; i + 3 <= bytes.size(); ++i) {
            if (bytes[i] != 0x10 || bytes[i + 1] != 0x04) continue;
            const int n = bytes[i + 2];
            const std::lock_guard lock(m_mutex);
            if (n < 1 || n > 4) continue;
            std::uint8_t reply = m_replies.at(static_cast<std::size_t>(n - 1));
            const bool paper_out = m_paper_runs_out_after != 0 && i >= m_paper_runs_out_after;
            if (paper_out && n == 2) reply = 0x32;
            if (paper_out && n == 4) reply = 0x72;
            if (reply != 0) answers.push_back(static_cast<char>(reply));
            i += 2;
        }
        connection.scanned = i;
        if (!answers.empty())
            (void)::send(connection.fd, answers.data(), answers.size(), MSG_NOSIGNAL);
    }

    int m_listener = -1;
    std::uint16_t m_port = 0;
    std::atomic<bool> m_stop{false};
    std::vector<Connection> m_connections;  // the serving thread's alone, but for Accept's push
    std::mutex m_mutex;
    std::condition_variable m_job_done;
    Mode m_mode;
    std::vector<std::uint8_t> m_replies{0x12, 0x12, 0x12, 0x12};
    std::size_t m_paper_runs_out_after = 0;
    std::vector<std::string> m_jobs;
    std::thread m_thread;
};

}  // namespace tillbook::testing
