#pragma once
// cpp-httplib's Server and SSLServer with each connection served by our own keep-alive loop over a
// DeadlineStream, after a check of how many connections its address and everyone have open.
// httplib 0.11.4 lets a subclass do this: it calls the private virtual process_and_close_socket
// for each accepted connection, and process_request (one request on any Stream) is protected.
#include <httplib.h>

#include <chrono>
#include <cstddef>

#include "connection_limits.hpp"
#include "deadline_stream.hpp"

namespace tillbook::office::http {

struct ConnectionRules {
    StreamDeadlines deadlines;
    std::chrono::milliseconds idle{5'000};          // waiting for a request's first byte
    std::chrono::milliseconds crowded_idle{1'000};  // the same, while the server is crowded
    std::size_t max_requests = 1000;                // on one connection
    int retry_after_seconds = 2;                    // told to a refused connection
    bool log = true;                                // a line for each connection cut short
};

// When the request this worker is serving sent its first byte, for the request log: a request
// whose header never came whole is logged too, with how long it took.
[[nodiscard]] std::chrono::steady_clock::time_point RequestStartedOnThisThread();

class GuardedServer final : public httplib::Server {
  public:
    GuardedServer(ConnectionRules rules, ConnectionCounter& counter)
        : m_rules(rules), m_counter(counter) {}

  private:
    bool process_and_close_socket(socket_t sock) override;
    ConnectionRules m_rules;
    ConnectionCounter& m_counter;
};

class GuardedTlsServer final : public httplib::SSLServer {
  public:
    GuardedTlsServer(const char* cert, const char* key, ConnectionRules rules,
                     ConnectionCounter& counter)
        : httplib::SSLServer(cert, key), m_rules(rules), m_counter(counter) {}

  private:
    bool process_and_close_socket(socket_t sock) override;
    ConnectionRules m_rules;
    ConnectionCounter& m_counter;
};

}  // namespace tillbook::office::http
