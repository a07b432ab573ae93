#include "guarded_server.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <iostream>
#include <optional>

#include "connection_workers.hpp"
#include "tillbook/office/http/api.hpp"
#include "tls_transport.hpp"

namespace tillbook::office::http {

namespace {

thread_local std::chrono::steady_clock::time_point t_request_started;

std::string PeerAddress(socket_t sock) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    std::string ip;
    if (::getpeername(sock, reinterpret_cast<sockaddr*>(&address), &length) != 0) return ip;
    char host[NI_MAXHOST];
    if (::getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host, sizeof host,
                      nullptr, 0, NI_NUMERICHOST) == 0) {
        ip = host;
    }
    return ip;
}

void Close(socket_t sock) {
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
}

// Answers a refused plain connection with a short 503 (Retry-After), without waiting for it to
// be read: the send only goes into the socket's buffer. What the client already sent (up to 64
// KiB) is drained so that closing does not reset the connection before the answer is read.
void RefusePlain(socket_t sock, const Error& error, int retry_after_seconds) {
    ApiResponse response = ErrorResponse(error);
    const std::string text = fmt::format(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: {}\r\nRetry-After: {}\r\n"
        "Connection: close\r\nContent-Length: {}\r\n\r\n{}",
        response.content_type, retry_after_seconds, response.body.size(), response.body);
    (void)::send(sock, text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(sock, SHUT_WR);
    char sink[4096];
    for (int i = 0; i < 16 && ::recv(sock, sink, sizeof sink, MSG_DONTWAIT) > 0; ++i) {
    }
    ::close(sock);
}

// A place for the connection, or nullopt when it is over a cap (or no worker was free).
std::optional<ConnectionTicket> Admit(socket_t sock, ConnectionCounter& counter,
                                      const ConnectionRules& rules, bool plain) {
    Result<ConnectionTicket> ticket =
        ConnectionWorkers::OverCapacity()
            ? std::unexpected(MakeError(ErrorCode::kTooManyRequests,
                                        "the server has no worker free for a connection"))
            : counter.Admit(PeerAddress(sock));
    if (ticket) return std::move(*ticket);
    if (plain) {
        RefusePlain(sock, ticket.error(), rules.retry_after_seconds);
    } else {
        Close(sock);  // a TLS client could not read a plain answer
    }
    return std::nullopt;
}

std::string_view Describe(StreamEnd end) {
    switch (end) {
        case StreamEnd::kHeaderDeadline:
            return "its header was not in by the header deadline";
        case StreamEnd::kBodyDeadline:
            return "its body was not in by the body deadline, or went silent";
        default:
            return "";
    }
}

// Requests on one connection until it closes, fails, goes idle or meets a deadline.
template <class Process>
bool ServeRequests(DeadlineStream& stream, const ConnectionRules& rules,
                   const ConnectionCounter& counter, const std::atomic<socket_t>& server_socket,
                   Process process) {
    bool ok = false;
    for (std::size_t left = rules.max_requests; left > 0 && server_socket != INVALID_SOCKET;
         --left) {
        if (!stream.AwaitRequest(counter.Crowded() ? rules.crowded_idle : rules.idle)) break;
        t_request_started = std::chrono::steady_clock::now();
        bool closed = false;
        ok = process(stream, left == 1, closed);
        if (!ok || closed || stream.End() != StreamEnd::kOpen) break;
    }
    if (rules.log && !Describe(stream.End()).empty()) {
        std::string ip;
        int port = 0;
        stream.get_remote_ip_and_port(ip, port);
        std::cerr << fmt::format("connection from {} closed: {}\n", ip, Describe(stream.End()));
    }
    return ok;
}

void MakeNonBlocking(socket_t sock) {
    ::fcntl(sock, F_SETFL, ::fcntl(sock, F_GETFL) | O_NONBLOCK);
}

}  // namespace

std::chrono::steady_clock::time_point RequestStartedOnThisThread() {
    return t_request_started;
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
    auto ticket = Admit(sock, m_counter, m_rules, /*plain=*/true);
    if (!ticket) return false;
    MakeNonBlocking(sock);
    PlainTransport transport(sock);
    DeadlineStream stream(sock, transport, m_rules.deadlines, svr_sock_);
    const bool ok = ServeRequests(stream, m_rules, m_counter, svr_sock_,
                                  [this](httplib::Stream& strm, bool last, bool& closed) {
                                      return process_request(strm, last, closed, nullptr);
                                  });
    Close(sock);
    return ok;
}

bool GuardedTlsServer::process_and_close_socket(socket_t sock) {
    auto ticket = Admit(sock, m_counter, m_rules, /*plain=*/false);
    if (!ticket) return false;
    MakeNonBlocking(sock);
    SSL* ssl = SSL_new(ssl_context());
    if (!ssl || SSL_set_fd(ssl, sock) != 1) {
        SSL_free(ssl);
        Close(sock);
        return false;
    }
    bool ok = false;
    {
        TlsTransport transport(ssl);
        // The handshake counts as part of the first header block.
        if (transport.Accept(sock, std::chrono::steady_clock::now() + m_rules.deadlines.header,
                             svr_sock_)) {
            DeadlineStream stream(sock, transport, m_rules.deadlines, svr_sock_);
            ok = ServeRequests(stream, m_rules, m_counter, svr_sock_,
                               [this, ssl](httplib::Stream& strm, bool last, bool& closed) {
                                   return process_request(
                                       strm, last, closed,
                                       [ssl](httplib::Request& req) { req.ssl = ssl; });
                               });
        }
        transport.Close(ok);
    }
    Close(sock);
    return ok;
}

}  // namespace tillbook::office::http
