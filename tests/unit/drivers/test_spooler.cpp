// The spooler against a scripted fake transport (retries, failures, reprints, never blocking the
// sale), and the file transport against real files.
#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "byte_text.hpp"
#include "temp_dir.hpp"
#include "tillbook/drivers/file_transport.hpp"
#include "tillbook/drivers/spooler.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::ErrorCode;
using tillbook::drivers::FileTransport;
using tillbook::drivers::FileTransportOptions;
using tillbook::drivers::FileWriteMode;
using tillbook::drivers::MakeTransportError;
using tillbook::drivers::PrinterTransport;
using tillbook::drivers::PrintJobState;
using tillbook::drivers::Spooler;
using tillbook::drivers::SpoolerOptions;
using tillbook::drivers::TransportError;
using tillbook::drivers::TransportFailure;
using tillbook::drivers::TransportResult;
using tillbook::drivers::TransportStatus;
using tillbook::testing::ByteString;
using tillbook::testing::Hex;
using tillbook::testing::TempDir;
using SteadyClock = std::chrono::steady_clock;

// What the fake printer does, shared between the test and the spooler's thread.
struct Script {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::optional<TransportError>> opens;   // next Open() results; empty = succeed
    std::deque<std::optional<TransportError>> writes;  // next Write() results; empty = succeed
    bool hold_writes = false;                          // Write waits until released (max 5 s)
    std::vector<std::string> printed;                  // each job's bytes, as written
    int open_calls = 0;
};

class ScriptedTransport final : public PrinterTransport {
  public:
    explicit ScriptedTransport(std::shared_ptr<Script> script) : m_script(std::move(script)) {}

    [[nodiscard]] std::string Describe() const override { return "scripted"; }
    [[nodiscard]] TransportStatus Open() override {
        const std::lock_guard lock(m_script->mutex);
        ++m_script->open_calls;
        if (!m_script->opens.empty()) {
            auto next = m_script->opens.front();
            m_script->opens.pop_front();
            if (next) return std::unexpected(*next);
        }
        m_open = true;
        return {};
    }
    [[nodiscard]] TransportStatus Write(std::string_view bytes) override {
        std::unique_lock lock(m_script->mutex);
        m_script->changed.wait_for(lock, 5s, [&] { return !m_script->hold_writes; });
        if (!m_script->writes.empty()) {
            auto next = m_script->writes.front();
            m_script->writes.pop_front();
            if (next) {
                m_open = false;
                return std::unexpected(*next);
            }
        }
        m_script->printed.emplace_back(bytes);
        return {};
    }
    [[nodiscard]] bool CanRead() const override { return false; }
    [[nodiscard]] TransportResult<std::string> Read(std::size_t,
                                                    std::chrono::milliseconds) override {
        return std::unexpected(MakeTransportError(TransportFailure::kUnsupported, "no reading"));
    }
    void Close() override { m_open = false; }
    [[nodiscard]] bool IsOpen() const override { return m_open; }

  private:
    std::shared_ptr<Script> m_script;
    bool m_open = false;
};

SpoolerOptions QuickRetries() {
    SpoolerOptions options;
    options.max_attempts = 3;
    options.first_retry_delay = 40ms;
    options.max_retry_delay = 200ms;
    return options;
}

std::vector<std::string> Printed(Script& script) {
    const std::lock_guard lock(script.mutex);
    return script.printed;
}

std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TransportError Offline() {
    return MakeTransportError(TransportFailure::kOffline, "scripted: connection refused");
}

}  // namespace

TEST_CASE("submitting a job returns its id at once while the printer is still busy") {
    auto script = std::make_shared<Script>();
    script->hold_writes = true;
    Spooler spooler(std::make_unique<ScriptedTransport>(script), QuickRetries());
    const auto started = SteadyClock::now();
    const auto first = spooler.Submit("first");
    const auto second = spooler.Submit("second");
    CHECK(SteadyClock::now() - started < 100ms);
    CHECK(first != second);
    const auto waiting = spooler.Job(second);
    REQUIRE(waiting);
    CHECK(waiting->state == PrintJobState::kQueued);
    {
        const std::lock_guard lock(script->mutex);
        script->hold_writes = false;
    }
    script->changed.notify_all();
    const auto done = spooler.WaitUntilFinished(second, 3s);
    REQUIRE(done);
    CHECK(done->state == PrintJobState::kPrinted);
    CHECK(Printed(*script) == std::vector<std::string>{"first", "second"});
}

TEST_CASE("a transient failure is retried with growing delays and the job then prints") {
    auto script = std::make_shared<Script>();
    script->opens = {Offline(), Offline()};
    Spooler spooler(std::make_unique<ScriptedTransport>(script), QuickRetries());
    const auto started = SteadyClock::now();
    const auto job = spooler.WaitUntilFinished(spooler.Submit("receipt"), 3s);
    REQUIRE(job);
    CHECK(SteadyClock::now() - started >= 40ms + 80ms);
    CHECK(job->state == PrintJobState::kPrinted);
    CHECK(job->attempts == 3);
    CHECK(job->problem.empty());
    CHECK_FALSE(job->error);
    CHECK(Printed(*script) == std::vector<std::string>{"receipt"});
    CHECK(spooler.FailedJobs().empty());
}

TEST_CASE("retries are bounded and the job ends in the failed list as printer offline") {
    auto script = std::make_shared<Script>();
    script->opens = {Offline(), Offline(), Offline(), Offline()};
    Spooler spooler(std::make_unique<ScriptedTransport>(script), QuickRetries());
    const auto id = spooler.Submit("receipt", "receipt 12");
    const auto job = spooler.WaitUntilFinished(id, 3s);
    REQUIRE(job);
    CHECK(job->state == PrintJobState::kFailed);
    CHECK(job->attempts == 3);
    CHECK(job->problem == "printer offline");
    const auto failed = spooler.FailedJobs();
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].id == id);
    CHECK(failed[0].label == "receipt 12");
    const std::lock_guard lock(script->mutex);
    CHECK(script->open_calls == 3);
}

TEST_CASE("a permanent failure is not retried, is listed as failed, and its reprint prints") {
    auto script = std::make_shared<Script>();
    script->opens = {MakeTransportError(TransportFailure::kNotFound, "scripted: no device")};
    Spooler spooler(std::make_unique<ScriptedTransport>(script), QuickRetries());
    const std::string receipt = ByteString({0x1B, 0x40, 0x41, 0x0A, 0x1D, 0x56, 0x42, 0x00});
    const auto id = spooler.Submit(receipt, "receipt 13");
    const auto job = spooler.WaitUntilFinished(id, 3s);
    REQUIRE(job);
    CHECK(job->state == PrintJobState::kFailed);
    CHECK(job->attempts == 1);
    CHECK(job->problem == "printer not found");
    REQUIRE(job->error);
    CHECK(job->error->message == "scripted: no device");
    REQUIRE(spooler.FailedJobs().size() == 1);

    const auto reprint = spooler.Reprint(id);
    REQUIRE(reprint);
    CHECK(*reprint != id);
    const auto printed = spooler.WaitUntilFinished(*reprint, 3s);
    REQUIRE(printed);
    CHECK(printed->state == PrintJobState::kPrinted);
    CHECK(printed->reprint_of == id);
    CHECK(printed->label == "receipt 13");
    CHECK(spooler.Job(id)->reprinted_as == *reprint);
    CHECK(spooler.FailedJobs().empty());
    const auto bytes = Printed(*script);
    REQUIRE(bytes.size() == 1);
    CHECK(Hex(bytes[0]) == Hex(receipt));
}

TEST_CASE("a job that failed half way is not sent again, so no receipt prints twice") {
    auto script = std::make_shared<Script>();
    script->writes = {MakeTransportError(TransportFailure::kTimeout, "scripted: stalled", 10)};
    Spooler spooler(std::make_unique<ScriptedTransport>(script), QuickRetries());
    const auto job = spooler.WaitUntilFinished(spooler.Submit("a long receipt"), 3s);
    REQUIRE(job);
    CHECK(job->state == PrintJobState::kFailed);
    CHECK(job->attempts == 1);
    CHECK(job->problem == "printer not responding");
    CHECK(Printed(*script).empty());
}

TEST_CASE("reprinting a job that is not in the failed list is refused") {
    auto script = std::make_shared<Script>();
    Spooler spooler(std::make_unique<ScriptedTransport>(script), QuickRetries());
    const auto id = spooler.Submit("receipt");
    REQUIRE(spooler.WaitUntilFinished(id, 3s));
    const auto printed_again = spooler.Reprint(id);
    REQUIRE_FALSE(printed_again);
    CHECK(printed_again.error().code == ErrorCode::kNotFound);
    CHECK_FALSE(spooler.Reprint(9999));
    CHECK_FALSE(spooler.Job(9999));
}

TEST_CASE("closing the spooler does not wait for a retry delay") {
    auto script = std::make_shared<Script>();
    script->opens = {Offline(), Offline()};
    SpoolerOptions options;
    options.first_retry_delay = 10s;
    options.max_retry_delay = 10s;
    const auto started = SteadyClock::now();
    {
        Spooler spooler(std::make_unique<ScriptedTransport>(script), options);
        const auto id = spooler.Submit("receipt");
        CHECK_FALSE(spooler.WaitUntilFinished(id, 100ms));
    }
    CHECK(SteadyClock::now() - started < 2s);
}

TEST_CASE("only the most recent printed jobs are remembered") {
    auto script = std::make_shared<Script>();
    SpoolerOptions options = QuickRetries();
    options.keep_printed = 2;
    Spooler spooler(std::make_unique<ScriptedTransport>(script), options);
    const auto first = spooler.Submit("1");
    spooler.Submit("2");
    const auto third = spooler.Submit("3");
    REQUIRE(spooler.WaitUntilFinished(third, 3s));
    CHECK_FALSE(spooler.Job(first));
    CHECK(spooler.Job(third));
}

TEST_CASE("the file transport writes exactly a job's bytes, every byte value included") {
    const TempDir dir("file-transport");
    std::string job;
    for (int value = 0; value < 256; ++value)
        job.push_back(static_cast<char>(value));
    FileTransport transport(FileTransportOptions{dir.File("lp0"), FileWriteMode::kAppend, true});
    REQUIRE(transport.Open());
    REQUIRE(transport.Write(job));
    REQUIRE(transport.Write(job));
    transport.Close();
    CHECK_FALSE(transport.IsOpen());
    CHECK(ReadFile(dir.File("lp0")) == job + job);
}

TEST_CASE("the file transport in replace mode keeps only the last job") {
    const TempDir dir("file-transport");
    FileTransport transport(
        FileTransportOptions{dir.File("out.bin"), FileWriteMode::kReplace, true});
    REQUIRE(transport.Open());
    REQUIRE(transport.Write("first job"));
    transport.Close();
    REQUIRE(transport.Open());
    REQUIRE(transport.Write("2nd"));
    transport.Close();
    CHECK(ReadFile(dir.File("out.bin")) == "2nd");
}

TEST_CASE("a missing device node is reported as printer not found, and nothing is created") {
    const TempDir dir("file-transport");
    FileTransport transport(FileTransportOptions{dir.File("lp0"), FileWriteMode::kAppend, false});
    const auto opened = transport.Open();
    REQUIRE_FALSE(opened);
    CHECK(opened.error().failure == TransportFailure::kNotFound);
    CHECK_FALSE(opened.error().Transient());
    CHECK(opened.error().message.find(dir.File("lp0")) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.File("lp0")));
}

TEST_CASE("the file transport says it cannot read the printer's status") {
    const TempDir dir("file-transport");
    FileTransport transport(FileTransportOptions{dir.File("lp0"), FileWriteMode::kAppend, true});
    CHECK_FALSE(transport.CanRead());
    const auto reply = transport.Read(1, 10ms);
    REQUIRE_FALSE(reply);
    CHECK(reply.error().failure == TransportFailure::kUnsupported);
}

TEST_CASE("jobs spooled to a file arrive whole and in the order they were submitted") {
    const TempDir dir("file-spooler");
    Spooler spooler(std::make_unique<FileTransport>(
                        FileTransportOptions{dir.File("lp0"), FileWriteMode::kAppend, true}),
                    QuickRetries());
    std::string expected;
    tillbook::drivers::PrintJobId last = 0;
    for (int n = 0; n < 20; ++n) {
        const std::string job = "\x1b@receipt " + std::to_string(n) + "\n\x1dV\x42";
        expected += job;
        last = spooler.Submit(job);
    }
    const auto job = spooler.WaitUntilFinished(last, 3s);
    REQUIRE(job);
    CHECK(job->state == PrintJobState::kPrinted);
    CHECK_FALSE(job->status_before);  // a file cannot say
    CHECK(ReadFile(dir.File("lp0")) == expected);
}
