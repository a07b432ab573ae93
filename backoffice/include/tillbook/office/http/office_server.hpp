#pragma once
// The back office's HTTP server: routes with their access rules, authentication before routing,
// body size limits, one log line per request, errors in one shape. cpp-httplib stays in the .cpp.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "tillbook/office/auth/auth_service.hpp"
#include "tillbook/office/http/api.hpp"

namespace tillbook::office::http {

// How many connections may be open and how long each may take over its parts; docs/api.md
// ("Limits") has the table, docs/limits.md the why.
struct ConnectionLimits {
    std::size_t max_connections = 1024;             // in all; each has a worker thread
    std::size_t max_connections_per_address = 32;   // a shop's tills may share one NAT address
    std::chrono::milliseconds idle_timeout{5'000};  // for a request's first byte
    std::chrono::milliseconds crowded_idle_timeout{1'000};  // the same, over half max_connections
    std::chrono::milliseconds header_timeout{10'000};       // the header block, from its first byte
    std::chrono::milliseconds body_timeout{60'000};         // the whole body, from the header's end
    std::chrono::milliseconds body_gap_timeout{10'000};     // a body that goes silent
    std::chrono::milliseconds write_timeout{10'000};        // a response that makes no progress
    std::size_t max_requests_per_connection = 1000;         // then it is closed
    int refused_retry_after_seconds = 2;                    // Retry-After of a refused connection
    std::chrono::milliseconds worker_idle_exit{30'000};     // a spare worker idle this long exits
};

struct ServerConfig {
    std::string bind = "127.0.0.1";
    int port = 8080;           // 0: any free port (tests)
    std::size_t threads = 32;  // workers kept waiting for connections; more start as needed
    ConnectionLimits connections;
    std::size_t max_body_bytes = 1 << 20;      // however the body is framed
    std::size_t max_discard_bytes = 16 << 20;  // read past a refused body's limit, then close
    std::size_t max_header_fields = 100;
    std::size_t max_header_bytes = 16 * 1024;  // the header block's names and values
    std::string tls_cert;                      // both set: HTTPS
    std::string tls_key;
    bool log_requests = true;
};

class OfficeServer {
  public:
    OfficeServer(ServerConfig config, AuthService& auth, std::vector<Route> routes);
    ~OfficeServer();
    OfficeServer(const OfficeServer&) = delete;
    OfficeServer& operator=(const OfficeServer&) = delete;

    // Binds (so Port() is known), then serves on a thread of its own until Stop().
    [[nodiscard]] Status Start();
    // Stops accepting; requests in flight finish first.
    void Stop();
    [[nodiscard]] int Port() const { return m_port; }

    // For tests and the pool: routes a request as the server would, without HTTP.
    [[nodiscard]] ApiResponse Dispatch(ApiRequest request) const;

  private:
    // Dispatch before the headers every answer carries.
    [[nodiscard]] ApiResponse Answer(ApiRequest request) const;

    struct Impl;
    std::unique_ptr<Impl> m_impl;
    ServerConfig m_config;
    AuthService& m_auth;
    std::vector<Route> m_routes;
    int m_port = 0;
};

}  // namespace tillbook::office::http
