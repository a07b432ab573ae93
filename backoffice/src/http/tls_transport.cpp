#include "tls_transport.hpp"

#include <openssl/err.h>
#include <poll.h>

#include <algorithm>
#include <climits>

namespace tillbook::office::http {

namespace {
constexpr long kStopCheckMillis = 200;  // how often a waiting handshake looks for a stop
}

TlsTransport::~TlsTransport() {
    SSL_free(m_ssl);
}

IoResult TlsTransport::Outcome(int returned) {
    if (returned > 0) return {IoResult::Kind::kDone, static_cast<std::size_t>(returned)};
    switch (SSL_get_error(m_ssl, returned)) {
        case SSL_ERROR_WANT_READ:
            return {IoResult::Kind::kWantRead, 0};
        case SSL_ERROR_WANT_WRITE:
            return {IoResult::Kind::kWantWrite, 0};
        case SSL_ERROR_ZERO_RETURN:
            return {IoResult::Kind::kEnd, 0};
        default:
            ERR_clear_error();  // the queue is per thread, and workers serve other connections
            return {IoResult::Kind::kFailed, 0};
    }
}

Status TlsTransport::Accept(int socket, std::chrono::steady_clock::time_point deadline,
                            const std::atomic<socket_t>& server_socket) {
    SSL_set_mode(m_ssl, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    while (true) {
        const IoResult step = Outcome(SSL_accept(m_ssl));
        if (step.kind == IoResult::Kind::kDone) return {};
        if (step.kind != IoResult::Kind::kWantRead && step.kind != IoResult::Kind::kWantWrite)
            return std::unexpected(MakeError(ErrorCode::kInvalidInput, "TLS handshake failed"));
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return std::unexpected(MakeError(ErrorCode::kInvalidInput, "TLS handshake too slow"));
        if (server_socket == INVALID_SOCKET)
            return std::unexpected(MakeError(ErrorCode::kInvalidInput, "the server is stopping"));
        pollfd p{socket, step.kind == IoResult::Kind::kWantRead ? short{POLLIN} : short{POLLOUT},
                 0};
        ::poll(&p, 1, static_cast<int>(std::min<long>(left.count(), kStopCheckMillis)));
    }
}

void TlsTransport::Close(bool gracefully) {
    if (gracefully) SSL_shutdown(m_ssl);  // non-blocking: one try
    ERR_clear_error();
}

IoResult TlsTransport::Receive(char* data, std::size_t size) {
    return Outcome(SSL_read(m_ssl, data, static_cast<int>(std::min<std::size_t>(size, INT_MAX))));
}

IoResult TlsTransport::Send(const char* data, std::size_t size) {
    return Outcome(SSL_write(m_ssl, data, static_cast<int>(std::min<std::size_t>(size, INT_MAX))));
}

}  // namespace tillbook::office::http
