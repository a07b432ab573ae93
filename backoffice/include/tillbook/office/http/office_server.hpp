#pragma once
// The back office's HTTP server: routes with their access rules, authentication before routing,
// body size limits, one log line per request, errors in one shape. cpp-httplib stays in the .cpp.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "tillbook/office/auth/auth_service.hpp"
#include "tillbook/office/http/api.hpp"

namespace tillbook::office::http {

struct ServerConfig {
    std::string bind = "127.0.0.1";
    int port = 8080;           // 0: any free port (tests)
    std::size_t threads = 32;  // >= the tills holding keep-alive connections (docs/limits.md)
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
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    ServerConfig m_config;
    AuthService& m_auth;
    std::vector<Route> m_routes;
    int m_port = 0;
};

}  // namespace tillbook::office::http
