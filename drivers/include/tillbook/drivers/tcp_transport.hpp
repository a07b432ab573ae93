#pragma once
// Raw printing to a network receipt printer's TCP port (9100, "JetDirect"/"AppSocket"): the
// same ESC/POS bytes as over USB, and DLE EOT status answered on the same socket. POSIX sockets
// only. Every step has a timeout: connecting, each write that makes no progress, and reading.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "tillbook/drivers/transport.hpp"

namespace tillbook::drivers {

struct TcpTransportOptions {
    std::string host;  // "192.168.1.50", "::1" or a host name (looked up when opening)
    std::uint16_t port = 9100;
    std::chrono::milliseconds connect_timeout{3000};
    // A write fails with kTimeout when the printer takes no byte for this long (paper out, cover
    // open, a printer that stopped reading). Measured from the last progress, not the job start.
    std::chrono::milliseconds write_timeout{5000};
};

class TcpTransport final : public PrinterTransport {
  public:
    explicit TcpTransport(TcpTransportOptions options);
    ~TcpTransport() override;
    TcpTransport(const TcpTransport&) = delete;
    TcpTransport& operator=(const TcpTransport&) = delete;

    [[nodiscard]] std::string Describe() const override;
    [[nodiscard]] TransportStatus Open() override;
    [[nodiscard]] TransportStatus Write(std::string_view bytes) override;
    [[nodiscard]] bool CanRead() const override { return true; }
    [[nodiscard]] TransportResult<std::string> Read(std::size_t max_bytes,
                                                    std::chrono::milliseconds timeout) override;
    void Close() override;
    [[nodiscard]] bool IsOpen() const override { return m_socket >= 0; }

  private:
    [[nodiscard]] TransportError Fail(TransportFailure failure, std::string_view what,
                                      std::size_t bytes_sent = 0);

    TcpTransportOptions m_options;
    int m_socket = -1;
};

}  // namespace tillbook::drivers
