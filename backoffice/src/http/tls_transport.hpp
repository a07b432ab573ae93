#pragma once
// TLS for the deadline stream: OpenSSL over the connection's non-blocking socket, with the
// handshake held to a deadline like a header block.
#include <openssl/ssl.h>

#include <atomic>
#include <chrono>

#include "deadline_stream.hpp"
#include "tillbook/core/error.hpp"

namespace tillbook::office::http {

class TlsTransport final : public Transport {
  public:
    // Takes ownership of `ssl`, already bound to the socket.
    explicit TlsTransport(SSL* ssl) : m_ssl(ssl) {}
    ~TlsTransport() override;
    TlsTransport(const TlsTransport&) = delete;
    TlsTransport& operator=(const TlsTransport&) = delete;

    // The server's half of the handshake, done by `deadline` or an error; given up when
    // `server_socket` turns INVALID_SOCKET (the server stopping).
    [[nodiscard]] Status Accept(int socket, std::chrono::steady_clock::time_point deadline,
                                const std::atomic<socket_t>& server_socket);
    // Sends close_notify without waiting for the peer's, if the connection ended well.
    void Close(bool gracefully);
    [[nodiscard]] SSL* Ssl() const { return m_ssl; }

    IoResult Receive(char* data, std::size_t size) override;
    IoResult Send(const char* data, std::size_t size) override;

  private:
    IoResult Outcome(int returned);
    SSL* m_ssl;
};

}  // namespace tillbook::office::http
