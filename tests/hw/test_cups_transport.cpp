// CupsTransport against a real, private cupsd (started by each test with its own folders) whose
// raw queues deliver through CUPS' own socket backend to a fake network printer on loopback.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "byte_text.hpp"
#include "fake_network_printer.hpp"
#include "loopback_socket.hpp"
#include "private_cupsd.hpp"
#include "tillbook/drivers/cups_transport.hpp"
#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/drivers/receipt_renderer.hpp"
#include "tillbook/drivers/spooler.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::drivers::CupsJobState;
using tillbook::drivers::CupsTransport;
using tillbook::drivers::CupsTransportOptions;
using tillbook::drivers::PrintJobState;
using tillbook::drivers::Spooler;
using tillbook::drivers::SpoolerOptions;
using tillbook::drivers::TransportFailure;
using tillbook::money::Currency;
using tillbook::money::Money;
using tillbook::orders::Order;
using tillbook::orders::OrderLine;
using tillbook::orders::Payment;
using tillbook::orders::Tender;
using tillbook::testing::CupsdProxy;
using tillbook::testing::FakeNetworkPrinter;
using tillbook::testing::Hex;
using tillbook::testing::PrivateCupsd;
using SteadyClock = std::chrono::steady_clock;

const Currency kGbp{"GBP", 2};

OrderLine Line(int line_no, std::string description, std::int64_t milli, std::int64_t unit_minor,
               int rate) {
    OrderLine line;
    line.line_no = line_no;
    line.sku = "SKU-" + std::to_string(line_no);
    line.description = std::move(description);
    line.quantity = milli;
    line.unit_price = Money{unit_minor, kGbp};
    line.discount = Money{0, kGbp};
    line.tax_rate = rate;
    return line;
}

// A two-line sale on the 80 mm profile, rendered by the real renderer: £5.90 paid in cash.
std::string RenderedReceipt() {
    Order order;
    order.id = "0193c2a0-0000-7000-8000-0000000000c1";
    order.number = "S01-T3-000777";
    order.channel = "store:S01";
    order.currency = "GBP";
    order.lines = {Line(1, "Flat white", 2000, 250, 2000), Line(2, "Croissant £ €", 1000, 90, 0)};
    Payment cash;
    cash.tender = Tender::kCash;
    cash.amount = Money{590, kGbp};
    cash.tendered = Money{1000, kGbp};
    tillbook::drivers::ReceiptContext context;
    context.header_lines = {"The Corner Shop", "12 High Street, Leeds"};
    context.cashier = "Ann";
    context.terminal = "T3";
    context.date_time = "02/12/2026 09:30";
    context.payments = {cash};
    context.footer_lines = {"Thank you!"};
    const auto profile = tillbook::drivers::LoadPrinterProfile("epson-tm-t20");
    REQUIRE_MESSAGE(profile.has_value(), (profile ? "" : profile.error().message));
    const auto bytes = tillbook::drivers::RenderReceipt(order, context, *profile);
    REQUIRE_MESSAGE(bytes.has_value(), (bytes ? "" : bytes.error().message));
    REQUIRE(bytes->size() > 100);
    return *bytes;
}

std::string AllByteValues(std::size_t size) {
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        bytes[i] = static_cast<char>(i % 256);
    return bytes;
}

std::string SocketUri(std::uint16_t port, const std::string& options = {}) {
    return "socket://127.0.0.1:" + std::to_string(port) + options;
}

CupsTransportOptions Queue(const PrivateCupsd& cupsd, const std::string& queue,
                           std::chrono::milliseconds timeout = 10s, std::string server = {}) {
    CupsTransportOptions options;
    options.queue = queue;
    options.server = server.empty() ? cupsd.Server() : std::move(server);
    options.job_name = "receipt S01-T3-000777";
    options.timeout = timeout;
    return options;
}

// Enables the stopped `queue` and prints one more job through it: true when that job is the only
// one the printer gets, so no job left over from before printed behind the cashier's back.
bool PrintsOnlyTheNextJob(PrivateCupsd& cupsd, FakeNetworkPrinter& printer,
                          const std::string& queue) {
    cupsd.StartQueue(queue);
    const std::string next = "\x1b@next receipt\n";
    CupsTransport transport(Queue(cupsd, queue));
    if (!transport.Open() || !transport.Write(next)) return false;
    const auto jobs = printer.WaitForJobs(2, 1s);  // bounded: a second job, if any, comes first
    if (jobs.size() != 1) MESSAGE("the printer got " << jobs.size() << " jobs");
    return jobs.size() == 1 && jobs[0] == next;
}

template <class T>
std::string ErrorText(const T& result) {
    return result.has_value() ? std::string{} : result.error().message;
}

}  // namespace

TEST_CASE("a receipt sent to a CUPS raw queue reaches the printer byte for byte") {
    PrivateCupsd cupsd;
    FakeNetworkPrinter printer;
    cupsd.AddRawQueue("till3", SocketUri(printer.Port()));
    const std::string receipt = RenderedReceipt();
    CupsTransport transport(Queue(cupsd, "till3"));
    CHECK(transport.Describe() == "cups till3 on " + cupsd.Server());
    CHECK_FALSE(transport.CanRead());
    CHECK_FALSE(transport.LastJob());
    REQUIRE(transport.Open());
    CHECK(transport.IsOpen());

    const auto written = transport.Write(receipt);
    REQUIRE_MESSAGE(written.has_value(), ErrorText(written) << "\n" << cupsd.ErrorLogTail());
    const auto job = transport.LastJob();
    REQUIRE(job);
    CHECK(job->id > 0);
    CHECK(job->state == CupsJobState::kCompleted);
    CHECK(ToString(job->state) == "completed");

    // A second job on the same connection: every byte value, so nothing on the way may filter.
    const std::string binary = AllByteValues(70'000);
    const auto second = transport.Write(binary);
    REQUIRE_MESSAGE(second.has_value(), ErrorText(second) << "\n" << cupsd.ErrorLogTail());
    REQUIRE(transport.LastJob());
    CHECK(transport.LastJob()->id > job->id);
    CHECK(transport.LastJob()->state == CupsJobState::kCompleted);

    const auto jobs = printer.WaitForJobs(2, 5s);
    REQUIRE(jobs.size() == 2);
    CHECK(Hex(jobs[0]) == Hex(receipt));
    CHECK(jobs[1].size() == binary.size());
    CHECK(jobs[1] == binary);
}

TEST_CASE("a receipt spooled to a CUPS queue is reported printed") {
    PrivateCupsd cupsd;
    FakeNetworkPrinter printer;
    cupsd.AddRawQueue("till3", SocketUri(printer.Port()));
    const std::string receipt = RenderedReceipt();
    Spooler spooler(std::make_unique<CupsTransport>(Queue(cupsd, "till3")), SpoolerOptions{});
    const auto job = spooler.WaitUntilFinished(spooler.Submit(receipt, "receipt 777"), 10s);
    REQUIRE(job);
    CHECK_MESSAGE(job->state == PrintJobState::kPrinted,
                  job->problem << " " << (job->error ? job->error->message : ""));
    CHECK(job->problem.empty());
    CHECK(job->attempts == 1);
    CHECK_FALSE(job->status_before);  // CUPS gives no real-time status
    const auto jobs = printer.WaitForJobs(1, 5s);
    REQUIRE(jobs.size() == 1);
    CHECK(Hex(jobs[0]) == Hex(receipt));
}

TEST_CASE("a job for a queue CUPS does not have is reported as not found") {
    PrivateCupsd cupsd;
    CupsTransport transport(Queue(cupsd, "nosuchqueue"));
    REQUIRE(transport.Open());
    const auto written = transport.Write("\x1b@hello\n");
    REQUIRE_FALSE(written);
    CHECK(written.error().failure == TransportFailure::kNotFound);
    CHECK_FALSE(written.error().Transient());
    CHECK(written.error().bytes_sent == 0);
    CHECK(written.error().message.find("cups nosuchqueue on 127.0.0.1:") == 0);
    CHECK(written.error().message.find("no such queue") != std::string::npos);
    CHECK_FALSE(transport.LastJob());
    CHECK_FALSE(transport.IsOpen());
}

TEST_CASE("a job on a stopped queue fails at once with the reason and is cancelled") {
    PrivateCupsd cupsd;
    FakeNetworkPrinter printer;
    cupsd.AddRawQueue("till3", SocketUri(printer.Port()));
    cupsd.StopQueue("till3", "paper jam");
    CupsTransport transport(Queue(cupsd, "till3"));
    REQUIRE(transport.Open());
    const auto started = SteadyClock::now();
    const auto written = transport.Write("\x1b@Total 5.90\n");
    const auto took = SteadyClock::now() - started;
    REQUIRE_FALSE(written);
    CHECK(took < 3s);  // not the 10 s timeout: a stopped queue will not print by itself
    CHECK(written.error().failure == TransportFailure::kOffline);
    CHECK(written.error().bytes_sent == 0);  // nothing printed, so a retry is safe
    CHECK(written.error().message.find("paper jam") != std::string::npos);
    const auto job = transport.LastJob();
    REQUIRE(job);
    CHECK(job->id > 0);
    CHECK(job->state == CupsJobState::kCanceled);
    CHECK(job->reason.find("paper jam") != std::string::npos);
    // Cancelled, so it does not print behind the cashier's back once the queue is enabled: the
    // next job is the only one the printer gets (a pending job would print before it).
    CHECK(PrintsOnlyTheNextJob(cupsd, printer, "till3"));
}

TEST_CASE("a CUPS job whose document reply is lost is cancelled on a new connection") {
    PrivateCupsd cupsd;
    FakeNetworkPrinter printer;
    cupsd.AddRawQueue("till3", SocketUri(printer.Port()));
    cupsd.StopQueue("till3", "closed for lunch");  // so the job waits until the test enables it
    // cupsd gets the whole document but its answer to Send-Document is lost.
    CupsdProxy proxy(cupsd.Port(), {.stall_after_client_bytes = 16 * 1024});
    CupsTransport transport(Queue(cupsd, "till3", 1500ms, proxy.Server()));
    REQUIRE(transport.Open());
    const std::string document = AllByteValues(64 * 1024);
    const auto written = transport.Write(document);
    REQUIRE_FALSE(written);
    INFO(written.error().message);
    CHECK(proxy.Stalled());
    // libcups 2.4.2 may take the lost answer for success (cupsLastError unchanged) and
    // reconnect for the next request; either way the job must end cancelled, never printed.
    CHECK(written.error().message.find("; cancelled") != std::string::npos);
    CHECK(written.error().bytes_sent == 0);  // confirmed cancelled, so the spooler may retry
    const auto job = transport.LastJob();
    REQUIRE(job);
    CHECK(job->state == CupsJobState::kCanceled);
    CHECK(PrintsOnlyTheNextJob(cupsd, printer, "till3"));
}

TEST_CASE("a CUPS job whose status reply is lost is cancelled on a new connection") {
    PrivateCupsd cupsd;
    FakeNetworkPrinter printer;
    cupsd.AddRawQueue("till3", SocketUri(printer.Port()));
    cupsd.StopQueue("till3", "closed for lunch");
    // Send-Document is answered; the first Get-Job-Attributes after it is not.
    CupsdProxy proxy(cupsd.Port(),
                     {.stall_after_client_bytes = 16 * 1024, .replies_let_through = 1});
    CupsTransport transport(Queue(cupsd, "till3", 1500ms, proxy.Server()));
    REQUIRE(transport.Open());
    const auto written = transport.Write(AllByteValues(64 * 1024));
    REQUIRE_FALSE(written);
    INFO(written.error().message);
    CHECK(proxy.Stalled());
    CHECK(written.error().failure == TransportFailure::kDisconnected);
    CHECK(written.error().message.find("lost CUPS while waiting") != std::string::npos);
    CHECK(written.error().message.find("; cancelled") != std::string::npos);
    CHECK(written.error().bytes_sent == 0);
    const auto job = transport.LastJob();
    REQUIRE(job);
    CHECK(job->state == CupsJobState::kCanceled);
    CHECK(PrintsOnlyTheNextJob(cupsd, printer, "till3"));
}

TEST_CASE("a CUPS job that cannot be confirmed cancelled is not retried and may still print") {
    PrivateCupsd cupsd;
    FakeNetworkPrinter printer;
    cupsd.AddRawQueue("till3", SocketUri(printer.Port()));
    cupsd.StopQueue("till3", "closed for lunch");
    // After the lost status reply, no connection gets an answer: the cancel stays unconfirmed.
    CupsdProxy proxy(cupsd.Port(), {.stall_after_client_bytes = 16 * 1024,
                                    .replies_let_through = 1,
                                    .quiet_after_stall = true});
    CupsTransport transport(Queue(cupsd, "till3", 1000ms, proxy.Server()));
    REQUIRE(transport.Open());
    const std::string document = AllByteValues(64 * 1024);
    const auto started = SteadyClock::now();
    const auto written = transport.Write(document);
    CHECK(SteadyClock::now() - started < 8s);  // a few 1 s request timeouts
    REQUIRE_FALSE(written);
    CHECK(written.error().failure == TransportFailure::kDisconnected);
    CHECK(written.error().message.find("may still print") != std::string::npos);
    CHECK(written.error().bytes_sent == document.size());  // the spooler must not retry it
    CHECK_FALSE(transport.IsOpen());
}

TEST_CASE("a printer that refuses connections gets its CUPS job aborted with the reason") {
    PrivateCupsd cupsd;
    // The socket backend gives up after contimeout seconds (its first retry is 5 s later), and
    // abort-job makes that end the job instead of stopping the queue.
    const std::uint16_t nobody = tillbook::testing::FreePort();
    cupsd.AddRawQueue("till3", SocketUri(nobody, "/?contimeout=1"), true);
    CupsTransport transport(Queue(cupsd, "till3", 15s));
    REQUIRE(transport.Open());
    const auto started = SteadyClock::now();
    const auto written = transport.Write("\x1b@Total 5.90\n");
    const auto took = SteadyClock::now() - started;
    REQUIRE_FALSE(written);
    CHECK(took < 12s);
    CHECK_MESSAGE(written.error().failure == TransportFailure::kIoError,
                  written.error().message << "\n"
                                          << cupsd.ErrorLogTail());
    CHECK(written.error().message.find("aborted") != std::string::npos);
    const auto job = transport.LastJob();
    REQUIRE(job);
    CHECK(job->state == CupsJobState::kAborted);
    CHECK_FALSE(job->reason.empty());
}

TEST_CASE("a CUPS job that does not finish in time is cancelled and reported as a timeout") {
    PrivateCupsd cupsd;
    const std::uint16_t nobody = tillbook::testing::FreePort();
    cupsd.AddRawQueue("till3", SocketUri(nobody));  // the backend retries for ever
    CupsTransport transport(Queue(cupsd, "till3", 1500ms));
    REQUIRE(transport.Open());
    const auto started = SteadyClock::now();
    const auto written = transport.Write("\x1b@Total 5.90\n");
    const auto took = SteadyClock::now() - started;
    REQUIRE_FALSE(written);
    CHECK(took >= 1400ms);
    CHECK(took < 4s);
    CHECK(written.error().failure == TransportFailure::kTimeout);
    CHECK(written.error().message.find("after 1500 ms") != std::string::npos);
    const auto job = transport.LastJob();
    REQUIRE(job);
    CHECK(job->state == CupsJobState::kCanceled);
}

TEST_CASE("a CUPS server that is not running means the printer is offline") {
    CupsTransportOptions options;
    options.queue = "till3";
    options.server = "127.0.0.1:" + std::to_string(tillbook::testing::FreePort());
    options.timeout = 2s;
    CupsTransport transport(options);
    const auto started = SteadyClock::now();
    const auto opened = transport.Open();
    REQUIRE_FALSE(opened);
    CHECK(SteadyClock::now() - started < 3s);
    CHECK(opened.error().failure == TransportFailure::kOffline);
    CHECK(opened.error().Transient());
    CHECK(opened.error().message.find("cups till3 on 127.0.0.1:") == 0);
    CHECK_FALSE(transport.IsOpen());

    Spooler spooler(std::make_unique<CupsTransport>(options), SpoolerOptions{.max_attempts = 1});
    const auto job = spooler.WaitUntilFinished(spooler.Submit("\x1b@"), 5s);
    REQUIRE(job);
    CHECK(job->state == PrintJobState::kFailed);
    CHECK(job->problem == "printer offline");
}

TEST_CASE("writing to a CUPS queue before opening is an error, not a crash") {
    CupsTransportOptions options;
    options.queue = "till3";
    options.server = "127.0.0.1:1";
    CupsTransport transport(options);
    const auto written = transport.Write("abc");
    REQUIRE_FALSE(written);
    CHECK(written.error().failure == TransportFailure::kDisconnected);
    const auto read = transport.Read(1, 10ms);
    REQUIRE_FALSE(read);
    CHECK(read.error().failure == TransportFailure::kUnsupported);
}

TEST_CASE("a queue name CUPS cannot have is not found without asking the server") {
    CupsTransportOptions options;
    options.queue = "till 3/../x";
    options.server = "127.0.0.1:1";
    CupsTransport transport(options);
    const auto opened = transport.Open();
    REQUIRE_FALSE(opened);
    CHECK(opened.error().failure == TransportFailure::kNotFound);
    CHECK(opened.error().message == "cups till 3/../x on 127.0.0.1:1: not a CUPS queue name");
}
