// Issue 11: requests no well-behaved client sends, against the real tillbook-office on loopback.
// Every body is limited however it is framed, header blocks are capped, a request the server
// cannot read ends its connection, and HEAD and OPTIONS get proper answers.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "raw_http.hpp"
#include "real_office.hpp"
#include "sanitizers.hpp"

using namespace tillbook;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::string ErrorCodeOf(const testing::RawResponse& response) {
    const json body = json::parse(response.body, nullptr, false);
    return body.contains("error") ? body["error"]["code"].get<std::string>() : "";
}

// The next answer is `status` with the error `code`, and the server then closes the connection.
void CheckRefusedAndClosed(testing::RawConnection& connection, int status,
                           const std::string& code) {
    const testing::RawResponse response = connection.Read(2s);
    INFO(response.head << response.body);
    CHECK(response.status == status);
    CHECK(ErrorCodeOf(response) == code);
    CHECK(connection.ClosedWithin(2s));
}

}  // namespace

TEST_CASE("issue 11: a chunked body over 1 MiB is refused with 413 before it is buffered") {
    testing::RealOffice office("chunked");
    const int pid = office.server->Pid();
    const long peak_before = testing::ProcessStatusKb(pid, "VmHWM");

    testing::RawConnection connection(office.port);
    REQUIRE(
        connection.Send("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                        1s));
    // 64 MiB in 64 KiB chunks; the server should stop reading after the first MiB.
    const std::string chunk = fmt::format("{:x}\r\n{}\r\n", 65536, std::string(65536, 'x'));
    bool stopped = false;
    for (int i = 0; i < 1024 && !stopped; ++i)
        stopped = !connection.Send(chunk, 5s);
    if (!stopped) connection.Send("0\r\n\r\n", 1s);

    const testing::RawResponse response = connection.Read(5s);
    INFO(response.head << response.body);
    CHECK(stopped);
    CHECK(response.status == 413);
    CHECK(ErrorCodeOf(response) == "too_large");
    CHECK(connection.ClosedWithin(2s));
    const long grown_kb = testing::ProcessStatusKb(pid, "VmHWM") - peak_before;
    MESSAGE("the server's peak RSS grew by " << grown_kb << " kB");
    // Buffered whole, the 64 MiB would show as more than 64 MiB. Under AddressSanitizer every
    // buffer the server reads into and frees is held in quarantine for a while, so even the refused
    // body it reads and drops (up to 17 MiB) shows: there the bound is below the body's size.
    CHECK(grown_kb < (testing::kUnderAddressSanitizer ? 48 : 16) * 1024);
}

TEST_CASE("issue 11: a Content-Length over 1 MiB is refused at once, without reading the body") {
    testing::RealOffice office("length");
    testing::RawConnection connection(office.port);
    REQUIRE(
        connection.Send("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Content-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n",
                        1s));
    CheckRefusedAndClosed(connection, 413, "too_large");
}

TEST_CASE("issue 11: a header block over 100 fields or 16 KiB is refused with 431") {
    testing::RealOffice office("headers");
    std::string many = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (int i = 0; i < 2000; ++i)
        many += fmt::format("X-Filler-{}: {}\r\n", i, std::string(100, 'h'));
    many += "\r\n";
    testing::RawConnection connection(office.port);
    REQUIRE(connection.Send(many, 2s));
    CheckRefusedAndClosed(connection, 431, "too_large");

    // A few ordinary headers still pass.
    testing::RawConnection ordinary(office.port);
    REQUIRE(
        ordinary.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "User-Agent: till\r\nAccept: application/json\r\n\r\n",
                      1s));
    CHECK(ordinary.Read(2s).status == 200);
}

TEST_CASE("issue 11: a malformed request line is answered 400 and its connection closed") {
    testing::RealOffice office("malformed");
    testing::RawConnection connection(office.port);
    REQUIRE(connection.Send("NOT AN HTTP REQUEST\r\nConnection: close\r\n\r\n", 1s));
    // The keep-alive timeout is 5 s: closing within 2 s is the server's decision.
    CheckRefusedAndClosed(connection, 400, "invalid_input");
}

TEST_CASE("issue 11: HEAD is answered as GET without a body, other methods 405 with Allow") {
    testing::RealOffice office("methods");
    httplib::Client client("127.0.0.1", office.port);
    client.set_read_timeout(5);

    auto head = client.Head("/api/v1/health");
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());

    auto options = client.Options("/api/v1/health");
    testing::CheckError(options, 405);
    CHECK(options->get_header_value("Allow") == "GET, HEAD");

    auto post = client.Post("/api/v1/health", "{}", "application/json");
    testing::CheckError(post, 405);
    CHECK(post->get_header_value("Allow") == "GET, HEAD");

    auto session = client.Options("/api/v1/session");
    testing::CheckError(session, 405);
    CHECK(session->get_header_value("Allow") == "POST, DELETE, GET, HEAD");

    testing::CheckError(client.Options("/api/v1/no-such-thing"), 404);
}

TEST_CASE("a small chunked body is read like any other") {
    testing::RealOffice office("small-chunked");
    httplib::Client client("127.0.0.1", office.port);
    client.set_read_timeout(10);
    const std::string login =
        json{{"username", "tom"}, {"password", "demo-manager-password"}}.dump();
    auto res = client.Post(
        "/api/v1/session",
        [&login](std::size_t offset, httplib::DataSink& sink) {
            if (offset < login.size()) {
                sink.write(login.data() + offset, std::min<std::size_t>(5, login.size() - offset));
            } else {
                sink.done();
            }
            return true;
        },
        "application/json");
    REQUIRE(res);
    INFO(res->body);
    CHECK(res->status == 201);
}
