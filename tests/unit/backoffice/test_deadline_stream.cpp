// DeadlineStream over one end of a socket pair: what it hands httplib of a request and when it
// gives up waiting (issue 11, finding 3).
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "http/deadline_stream.hpp"

using namespace tillbook::office::http;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// A connected pair: the server's end non-blocking under a DeadlineStream, the client's end to
// write to.
struct Pair {
    explicit Pair(StreamDeadlines deadlines) {
        REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
        ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
        transport = std::make_unique<PlainTransport>(fds[0]);
        stream = std::make_unique<DeadlineStream>(fds[0], *transport, deadlines, server_socket);
    }
    ~Pair() {
        ::close(fds[0]);
        ::close(fds[1]);
    }
    void Send(const std::string& text) const {
        REQUIRE(::send(fds[1], text.data(), text.size(), MSG_NOSIGNAL) ==
                static_cast<ssize_t>(text.size()));
    }
    std::string Read(std::size_t size) const {
        std::string out(size, '\0');
        const ssize_t n = stream->read(out.data(), size);
        out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
        return out;
    }
    int fds[2] = {-1, -1};
    std::atomic<socket_t> server_socket{3};  // anything but INVALID_SOCKET: serving
    std::unique_ptr<PlainTransport> transport;
    std::unique_ptr<DeadlineStream> stream;
};

double MillisSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE("a read of the header stops at the blank line that ends it, and the body follows") {
    Pair pair({300ms, 300ms, 300ms, 300ms});
    pair.Send("GET / HTTP/1.1\r\nA: b\r\n\r\nBODY");
    REQUIRE(pair.stream->AwaitRequest(1s));
    CHECK(pair.Read(100) == "GET / HTTP/1.1\r\nA: b\r\n\r\n");
    CHECK(pair.Read(100) == "BODY");
    // Nothing more comes: the body's silence ends it, as a deadline.
    const auto start = Clock::now();
    CHECK(pair.Read(100).empty());
    CHECK(MillisSince(start) > 250);
    CHECK(pair.stream->End() == StreamEnd::kBodyDeadline);
    CHECK(DeadlineStream::DeadlinePassedOnThisThread());
}

TEST_CASE("a header that keeps trickling in is cut off at its deadline from its first byte") {
    Pair pair({400ms, 10s, 10s, 1s});
    pair.Send("G");
    const auto start = Clock::now();
    REQUIRE(pair.stream->AwaitRequest(1s));
    std::thread trickle([&] {
        for (int i = 0; i < 10; ++i) {
            std::this_thread::sleep_for(100ms);
            (void)::send(pair.fds[1], "x", 1, MSG_NOSIGNAL);
        }
    });
    while (!pair.Read(1).empty()) {
    }
    const double took = MillisSince(start);
    trickle.join();
    CHECK(pair.stream->End() == StreamEnd::kHeaderDeadline);
    CHECK(took > 350);
    CHECK(took < 800);
}

TEST_CASE("no request within the idle time, or the server stopping, ends the wait for one") {
    {
        Pair pair({1s, 1s, 1s, 1s});
        const auto start = Clock::now();
        CHECK_FALSE(pair.stream->AwaitRequest(200ms));
        CHECK(MillisSince(start) > 150);
        CHECK(pair.stream->End() == StreamEnd::kIdle);
        CHECK_FALSE(DeadlineStream::DeadlinePassedOnThisThread());
    }
    {
        Pair pair({1s, 1s, 1s, 1s});
        pair.server_socket = INVALID_SOCKET;
        const auto start = Clock::now();
        CHECK_FALSE(pair.stream->AwaitRequest(5s));
        CHECK(MillisSince(start) < 500);
        CHECK(pair.stream->End() == StreamEnd::kServerStopping);
    }
    {
        Pair pair({1s, 1s, 1s, 1s});
        ::shutdown(pair.fds[1], SHUT_WR);
        CHECK_FALSE(pair.stream->AwaitRequest(5s));
        CHECK(pair.stream->End() == StreamEnd::kClosedByPeer);
    }
}
