#pragma once
// A private cupsd for tests (docs/hardware.md §3b): its own ServerRoot, spool, cache, state and log
// folders under a temp folder, listening on 127.0.0.1 and a free port, started as a child process
// and killed by its PID when the fixture goes away, also when a test fails. Queues are added
// with lpadmin pointed at this server (-h), never at the system's cupsd.
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "temp_dir.hpp"

namespace tillbook::testing {

// Runs `argv` (argv[0] a path) with output to `log`, waiting at most `timeout`; the exit status,
// or -1 when it could not start or was killed for taking too long.
int RunProgram(const std::vector<std::string>& argv, const std::string& log,
               std::chrono::milliseconds timeout);

class PrivateCupsd {
  public:
    // Starts cupsd and waits (bounded) until it answers; REQUIREs on failure with the tail of
    // its error_log in the message.
    PrivateCupsd();
    ~PrivateCupsd();
    PrivateCupsd(const PrivateCupsd&) = delete;
    PrivateCupsd& operator=(const PrivateCupsd&) = delete;

    // "127.0.0.1:<port>", for CupsTransportOptions::server.
    [[nodiscard]] std::string Server() const;
    [[nodiscard]] std::uint16_t Port() const { return m_port; }

    // A raw queue (no filters, bytes passed through) to `device_uri`, enabled and accepting.
    // abort_on_error: a backend failure aborts the job instead of stopping the queue.
    void AddRawQueue(const std::string& name, const std::string& device_uri,
                     bool abort_on_error = false);
    // cupsdisable -r reason: the queue keeps accepting jobs but does not print them.
    void StopQueue(const std::string& name, const std::string& reason);
    // cupsenable: the queue prints again, its pending jobs first.
    void StartQueue(const std::string& name);

    // The last `lines` lines of cupsd's error_log, for failure messages.
    [[nodiscard]] std::string ErrorLogTail(std::size_t lines = 40) const;

  private:
    void Run(const std::vector<std::string>& argv, const std::string& what);
    void Stop();

    TempDir m_dir;
    std::string m_root;
    std::uint16_t m_port = 0;
    pid_t m_pid = -1;
};

// A loopback proxy in front of cupsd that loses cupsd's answers, to test what a client does when
// a request reached cupsd but its reply did not come back. Requests are always forwarded. On each
// connection, once the client has sent more than stall_after_client_bytes (a big document), the
// replies to the next replies_let_through requests pass and every later reply is dropped.
// quiet_after_stall: connections made after a stall get no replies at all (cupsd gone quiet).
class CupsdProxy {
  public:
    struct Options {
        std::size_t stall_after_client_bytes = 0;
        int replies_let_through = 0;
        bool quiet_after_stall = false;
    };
    CupsdProxy(std::uint16_t upstream_port, Options options);
    ~CupsdProxy();
    CupsdProxy(const CupsdProxy&) = delete;
    CupsdProxy& operator=(const CupsdProxy&) = delete;

    // "127.0.0.1:<port>", for CupsTransportOptions::server.
    [[nodiscard]] std::string Server() const;
    // Whether some reply was dropped, so a test knows its scenario really happened.
    [[nodiscard]] bool Stalled() const;

  private:
    struct Pair {
        int client = -1;
        int server = -1;
        std::size_t from_client = 0;
        bool crossed = false;
        bool server_replied = false;
        int requests_after = 0;
        bool stalled = false;
    };
    void Serve();
    void Accept();
    bool FromClient(Pair& pair);
    bool FromServer(Pair& pair);

    std::uint16_t m_upstream;
    Options m_options;
    int m_listener = -1;
    std::uint16_t m_port = 0;
    std::vector<Pair> m_pairs;  // only the proxy's thread touches them until it is joined
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_any_stalled{false};
    std::thread m_thread;
};

}  // namespace tillbook::testing
