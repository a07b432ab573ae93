#pragma once
// TCP sockets on 127.0.0.1 and an ephemeral port, for the fake printers, the cupsd proxy and the
// tests that need a port nobody listens on. Set-up failures fail the test (doctest's REQUIRE).
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>

namespace tillbook::testing {

struct LoopbackSocket {
    int fd = -1;  // the caller closes it
    std::uint16_t port = 0;
};

// Bound, not yet listening. A `receive_buffer` above 0 sets SO_RCVBUF first, so that sockets
// accepted later inherit it (small buffers make a stalled connection fill up quickly).
inline LoopbackSocket BindLoopback(int receive_buffer = 0) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    if (receive_buffer > 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    return {fd, ntohs(address.sin_port)};
}

// Listening with `backlog` pending connections (0: the kernel queues one and leaves the rest
// unanswered, like a hung printer).
inline LoopbackSocket ListenOnLoopback(int backlog, int receive_buffer = 0) {
    const LoopbackSocket socket = BindLoopback(receive_buffer);
    REQUIRE(::listen(socket.fd, backlog) == 0);
    return socket;
}

// A port that nobody listens on: bound once to get a free number, then released.
inline std::uint16_t FreePort() {
    const LoopbackSocket socket = BindLoopback();
    ::close(socket.fd);
    return socket.port;
}

}  // namespace tillbook::testing
