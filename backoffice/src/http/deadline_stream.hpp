#pragma once
// An httplib::Stream over a non-blocking socket (or TLS on one) whose reads keep deadlines:
// cpp-httplib 0.11.4 times out each recv alone, so a client sending a byte every few seconds held
// its worker for ever. Here the wait for a request's first byte, the whole header block (from that
// byte to the blank line that ends it, seen as it passes through read) and the whole body each
// have a deadline, and a body may not go silent for long. Reads are buffered: httplib's line
// reader asks for one byte at a time.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace tillbook::office::http {

struct StreamDeadlines {
    std::chrono::milliseconds header{10'000};    // the header block, from its first byte
    std::chrono::milliseconds body{60'000};      // the whole body, from the end of the header
    std::chrono::milliseconds body_gap{10'000};  // a body silent this long
    std::chrono::milliseconds write{10'000};     // a response that makes no progress this long
};

// What one non-blocking receive or send did.
struct IoResult {
    enum class Kind { kDone, kEnd, kWantRead, kWantWrite, kFailed };
    Kind kind = Kind::kFailed;
    std::size_t bytes = 0;
};

// Plain TCP, or TLS over it.
class Transport {
  public:
    virtual ~Transport() = default;
    virtual IoResult Receive(char* data, std::size_t size) = 0;
    virtual IoResult Send(const char* data, std::size_t size) = 0;
};

class PlainTransport final : public Transport {
  public:
    explicit PlainTransport(int socket) : m_socket(socket) {}
    IoResult Receive(char* data, std::size_t size) override;
    IoResult Send(const char* data, std::size_t size) override;

  private:
    int m_socket;
};

// Why the stream stopped reading, if it did.
enum class StreamEnd {
    kOpen,
    kClosedByPeer,
    kIdle,
    kServerStopping,  // before a request's header was in; a body being read gets a grace
    kHeaderDeadline,
    kBodyDeadline,
    kFailed
};

class DeadlineStream final : public httplib::Stream {
  public:
    // `server_socket` turns INVALID_SOCKET when the server stops: a wait for a request or for the
    // rest of its header then ends, and a body has a second more to arrive.
    DeadlineStream(int socket, Transport& transport, StreamDeadlines deadlines,
                   const std::atomic<socket_t>& server_socket);

    // Waits, at most `idle`, for the first byte of the next request; false if none came (End()
    // says why). The header deadline starts with that byte.
    bool AwaitRequest(std::chrono::milliseconds idle);
    [[nodiscard]] StreamEnd End() const { return m_end; }

    // Whether the request this thread is reading ran out of time (its header or body deadline),
    // for the answer: 408 rather than 400.
    [[nodiscard]] static bool DeadlinePassedOnThisThread();

    bool is_readable() const override;
    bool is_writable() const override;
    ssize_t read(char* ptr, size_t size) override;
    ssize_t write(const char* ptr, size_t size) override;
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    socket_t socket() const override { return m_socket; }

  private:
    using Clock = std::chrono::steady_clock;
    enum class Phase { kIdle, kHeader, kBody };

    // Receives into the buffer, waiting at most until `deadline`; false at the end, a failure,
    // the deadline or the server stopping (m_end says which; a body gets a short grace).
    bool Fill(Clock::time_point deadline, StreamEnd on_deadline);
    // Where the current read must have data by.
    [[nodiscard]] Clock::time_point ReadDeadline() const;
    [[nodiscard]] StreamEnd DeadlineEnd() const;

    int m_socket;
    Transport& m_transport;
    StreamDeadlines m_deadlines;
    const std::atomic<socket_t>& m_server_socket;
    std::vector<char> m_buffer;
    std::size_t m_begin = 0;  // unread bytes are [m_begin, m_end_of_data)
    std::size_t m_end_of_data = 0;
    Phase m_phase = Phase::kIdle;
    Clock::time_point m_phase_deadline{};
    std::uint32_t m_last_four = 0;  // the last bytes read, to see the header's CRLFCRLF
    StreamEnd m_end = StreamEnd::kOpen;
};

}  // namespace tillbook::office::http
