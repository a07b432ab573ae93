// TcpTransport and a spooler over it, against a fake network printer on a real loopback socket.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "byte_text.hpp"
#include "fake_network_printer.hpp"
#include "loopback_socket.hpp"
#include "tillbook/drivers/printer_status.hpp"
#include "tillbook/drivers/spooler.hpp"
#include "tillbook/drivers/tcp_transport.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::drivers::FullStatusRequest;
using tillbook::drivers::PrintJobState;
using tillbook::drivers::Spooler;
using tillbook::drivers::SpoolerOptions;
using tillbook::drivers::TcpTransport;
using tillbook::drivers::TcpTransportOptions;
using tillbook::drivers::TransportFailure;
using tillbook::testing::FakeNetworkPrinter;
using tillbook::testing::Hex;
using tillbook::testing::ListenOnLoopback;
using tillbook::testing::LoopbackSocket;
using SteadyClock = std::chrono::steady_clock;

std::string AllByteValues(std::size_t size) {
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        bytes[i] = static_cast<char>(i % 256);
    return bytes;
}

TcpTransportOptions Loopback(std::uint16_t port) {
    TcpTransportOptions options;
    options.host = "127.0.0.1";
    options.port = port;
    options.connect_timeout = 1000ms;
    options.write_timeout = 300ms;
    return options;
}

SpoolerOptions QuickSpooler() {
    SpoolerOptions options;
    options.max_attempts = 2;
    options.first_retry_delay = 20ms;
    options.status_timeout = 200ms;
    return options;
}

}  // namespace

TEST_CASE("a network printer receives exactly the bytes of a job") {
    FakeNetworkPrinter printer;
    printer.SetStatusReply(1, 0);  // the job holds every byte value, DLE EOT among them
    const std::string job = AllByteValues(200'000);
    TcpTransport transport(Loopback(printer.Port()));
    REQUIRE(transport.Open());
    CHECK(transport.IsOpen());
    REQUIRE(transport.Write(job));
    transport.Close();
    const auto jobs = printer.WaitForJobs(1, 3s);
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].size() == job.size());
    CHECK(jobs[0] == job);
}

TEST_CASE("a printer that stops reading makes the write time out instead of hanging") {
    FakeNetworkPrinter printer(FakeNetworkPrinter::Mode::kStalled);
    const std::string job(32u << 20, 'x');  // more than every socket buffer between us
    TcpTransport transport(Loopback(printer.Port()));
    REQUIRE(transport.Open());
    const auto started = SteadyClock::now();
    const auto written = transport.Write(job);
    const auto took = SteadyClock::now() - started;
    REQUIRE_FALSE(written);
    CHECK(written.error().failure == TransportFailure::kTimeout);
    CHECK(written.error().Transient());
    CHECK(written.error().bytes_sent > 0);
    CHECK(written.error().bytes_sent < job.size());
    CHECK(written.error().message.find("took no data") != std::string::npos);
    CHECK(took >= 300ms);
    CHECK(took < 3s);
    CHECK_FALSE(transport.IsOpen());
}

TEST_CASE("a refused connection means the printer is offline") {
    TcpTransport transport(Loopback(tillbook::testing::FreePort()));
    const auto opened = transport.Open();
    REQUIRE_FALSE(opened);
    CHECK(opened.error().failure == TransportFailure::kOffline);
    CHECK(opened.error().Transient());
    CHECK(opened.error().message.find("tcp 127.0.0.1:") == 0);
    CHECK_FALSE(transport.IsOpen());
}

TEST_CASE("a printer that never answers the connection gives up after the connect timeout") {
    // A listener with a backlog of 0 that never accepts: its queue holds one connection, and
    // the kernel then drops further connection requests unanswered, like a hung printer.
    const LoopbackSocket listener = ListenOnLoopback(0);
    TcpTransportOptions options = Loopback(listener.port);
    options.connect_timeout = 200ms;
    TcpTransport occupying(options);
    REQUIRE(occupying.Open());

    TcpTransport transport(options);
    const auto started = SteadyClock::now();
    const auto opened = transport.Open();
    const auto took = SteadyClock::now() - started;
    ::close(listener.fd);
    REQUIRE_FALSE(opened);
    CHECK(opened.error().failure == TransportFailure::kOffline);
    CHECK(opened.error().message.find("no answer within 200 ms") != std::string::npos);
    CHECK(took >= 200ms);
    CHECK(took < 2s);
    CHECK_FALSE(transport.IsOpen());
}

TEST_CASE("a status reply is read back on the same connection") {
    FakeNetworkPrinter printer;
    printer.SetStatusReply(1, 0x16);
    TcpTransport transport(Loopback(printer.Port()));
    REQUIRE(transport.Open());
    REQUIRE(transport.Write(
        tillbook::drivers::StatusRequest(tillbook::drivers::StatusQuery::kPrinter)));
    const auto reply = transport.Read(1, 1000ms);
    REQUIRE(reply);
    CHECK(Hex(*reply) == "16");
}

TEST_CASE("a printer that does not answer status gives a read timeout and stays connected") {
    FakeNetworkPrinter printer;
    printer.SetStatusReply(1, 0);
    TcpTransport transport(Loopback(printer.Port()));
    REQUIRE(transport.Open());
    REQUIRE(transport.Write(
        tillbook::drivers::StatusRequest(tillbook::drivers::StatusQuery::kPrinter)));
    const auto started = SteadyClock::now();
    const auto reply = transport.Read(1, 150ms);
    const auto took = SteadyClock::now() - started;
    REQUIRE_FALSE(reply);
    CHECK(reply.error().failure == TransportFailure::kTimeout);
    CHECK(took >= 150ms);
    CHECK(took < 2s);
    CHECK(transport.IsOpen());
}

TEST_CASE("writing before opening is an error, not a crash") {
    TcpTransport transport(Loopback(tillbook::testing::FreePort()));
    const auto written = transport.Write("abc");
    REQUIRE_FALSE(written);
    CHECK(written.error().failure == TransportFailure::kDisconnected);
}

TEST_CASE("a spooled job that stalls fails with a timeout and the next job prints") {
    FakeNetworkPrinter printer(FakeNetworkPrinter::Mode::kStalled);
    Spooler spooler(std::make_unique<TcpTransport>(Loopback(printer.Port())), QuickSpooler());
    const auto started = SteadyClock::now();
    const auto stalled = spooler.WaitUntilFinished(spooler.Submit(std::string(32u << 20, 'x')), 5s);
    REQUIRE(stalled);
    CHECK(SteadyClock::now() - started < 4s);
    CHECK(stalled->state == PrintJobState::kFailed);
    CHECK(stalled->problem == "printer not responding");
    CHECK(stalled->attempts == 1);  // part of it was sent: no second copy
    REQUIRE(stalled->error);
    CHECK(stalled->error->failure == TransportFailure::kTimeout);

    printer.SetMode(FakeNetworkPrinter::Mode::kReading);
    const std::string receipt = "\x1b@Thank you\n";
    const auto printed = spooler.WaitUntilFinished(spooler.Submit(receipt, "receipt 7"), 5s);
    REQUIRE(printed);
    CHECK(printed->state == PrintJobState::kPrinted);
    CHECK(printed->problem.empty());
    REQUIRE(printed->status_before);
    CHECK(printed->status_before->IsReady());
    REQUIRE(printed->status_after);
    CHECK(printed->status_after->IsReady());
    const auto jobs = printer.WaitForJobs(1, 3s);
    REQUIRE(jobs.size() == 1);
    CHECK(Hex(jobs[0]) == Hex(FullStatusRequest() + receipt + FullStatusRequest()));
}

TEST_CASE("a spooled job to a printer that refuses connections fails as printer offline") {
    Spooler spooler(std::make_unique<TcpTransport>(Loopback(tillbook::testing::FreePort())),
                    QuickSpooler());
    const auto job = spooler.WaitUntilFinished(spooler.Submit("\x1b@", "receipt 8"), 5s);
    REQUIRE(job);
    CHECK(job->state == PrintJobState::kFailed);
    CHECK(job->problem == "printer offline");
    CHECK(job->attempts == 2);  // nothing was sent, so it was tried again
    const auto failed = spooler.FailedJobs();
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].label == "receipt 8");
}

TEST_CASE("a printer whose status says out of paper gets no job and the cashier is told") {
    FakeNetworkPrinter printer;
    printer.SetStatusReply(2, 0x32);  // printing stopped by paper end
    printer.SetStatusReply(4, 0x72);  // roll paper end
    Spooler spooler(std::make_unique<TcpTransport>(Loopback(printer.Port())), QuickSpooler());
    const auto job = spooler.WaitUntilFinished(spooler.Submit("\x1b@Total 9.99\n"), 5s);
    REQUIRE(job);
    CHECK(job->state == PrintJobState::kFailed);
    CHECK(job->problem.find("out of paper") != std::string::npos);
    REQUIRE(job->status_before);
    CHECK(job->status_before->paper_end);
    REQUIRE(spooler.LastStatus());
    CHECK(spooler.LastStatus()->paper_end);
    const auto jobs = printer.WaitForJobs(1, 3s);
    REQUIRE(jobs.size() == 1);
    CHECK(Hex(jobs[0]) == Hex(FullStatusRequest()));  // the receipt itself was held back
}

TEST_CASE("paper that runs out during a receipt fails it as out of paper, and its reprint prints") {
    FakeNetworkPrinter printer;
    printer.SetPaperRunsOutAfter(100);
    Spooler spooler(std::make_unique<TcpTransport>(Loopback(printer.Port())), QuickSpooler());
    const std::string receipt = "\x1b@" + std::string(500, 'L') + "\n";
    const auto id = spooler.Submit(receipt, "receipt 9");
    const auto job = spooler.WaitUntilFinished(id, 5s);
    REQUIRE(job);
    CHECK(job->state == PrintJobState::kFailed);
    CHECK(job->problem == "out of paper");
    REQUIRE(job->status_before);
    CHECK(job->status_before->IsReady());
    REQUIRE(job->status_after);
    CHECK(job->status_after->paper_end);
    CHECK(job->attempts == 1);
    REQUIRE(spooler.FailedJobs().size() == 1);

    printer.SetPaperRunsOutAfter(0);  // a new roll
    const auto reprint = spooler.Reprint(id);
    REQUIRE(reprint);
    const auto printed = spooler.WaitUntilFinished(*reprint, 5s);
    REQUIRE(printed);
    CHECK(printed->state == PrintJobState::kPrinted);
    CHECK(spooler.FailedJobs().empty());
    const auto jobs = printer.WaitForJobs(2, 3s);
    REQUIRE(jobs.size() == 2);
    CHECK(jobs[1] == FullStatusRequest() + receipt + FullStatusRequest());
}
