// The spooler against a scripted fake transport (retries, failures, reprints, never blocking the
// sale), and the file transport against real files.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "byte_text.hpp"
#include "temp_dir.hpp"
#include "tillbook/drivers/file_transport.hpp"
#include "tillbook/drivers/printer_status.hpp"
#include "tillbook/drivers/spooler.hpp"

namespace {

using namespace std::chrono_literals;
using tillbook::ErrorCode;
using tillbook::drivers::FileTransport;
using tillbook::drivers::FileTransportOptions;
using tillbook::drivers::FileWriteMode;
using tillbook::drivers::FullStatusRequest;
using tillbook::drivers::MakeTransportError;
using tillbook::drivers::PrinterTransport;
using tillbook::drivers::PrintJobKind;
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
    // A reading printer answers DLE EOT n with replies[n - 1] (0: no answer); every write,
    // status requests included, is then in `printed`, and the thread that made it in `writers`.
    bool can_read = false;
    std::array<std::uint8_t, 4> replies{0x12, 0x12, 0x12, 0x12};
    std::vector<std::thread::id> writers;
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
        m_script->writers.push_back(std::this_thread::get_id());
        if (m_script->can_read && bytes.size() == 3 && bytes[0] == '\x10' && bytes[1] == '\x04' &&
            bytes[2] >= 1 && bytes[2] <= 4) {
            const std::uint8_t reply = m_script->replies.at(static_cast<std::size_t>(bytes[2] - 1));
            if (reply != 0) m_pending.push_back(static_cast<char>(reply));
        }
        return {};
    }
    [[nodiscard]] bool CanRead() const override {
        const std::lock_guard lock(m_script->mutex);
        return m_script->can_read;
    }
    [[nodiscard]] TransportResult<std::string> Read(std::size_t max_bytes,
                                                    std::chrono::milliseconds) override {
        if (!CanRead())
            return std::unexpected(
                MakeTransportError(TransportFailure::kUnsupported, "no reading"));
        if (m_pending.empty())
            return std::unexpected(MakeTransportError(TransportFailure::kTimeout, "no answer"));
        std::string reply = m_pending.substr(0, max_bytes);
        m_pending.erase(0, reply.size());
        return reply;
    }
    void Close() override { m_open = false; }
    [[nodiscard]] bool IsOpen() const override { return m_open; }

  private:
    std::shared_ptr<Script> m_script;
    bool m_open = false;
    std::string m_pending;  // replies not read yet
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

std::vector<std::string> Requests(std::initializer_list<int> queries) {
    std::vector<std::string> requests;
    for (const int n : queries)
        requests.push_back(FullStatusRequest().substr(static_cast<std::size_t>(n - 1) * 3, 3));
    return requests;
}

void ReleaseWrites(Script& script) {
    {
        const std::lock_guard lock(script.mutex);
        script.hold_writes = false;
    }
    script.changed.notify_all();
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

TEST_CASE("a status read waits for the jobs before it and never splits a job's bytes") {
    auto script = std::make_shared<Script>();
    script->can_read = true;
    script->replies[0] = 0x16;  // drawer pin 3 high
    script->hold_writes = true;
    SpoolerOptions options = QuickRetries();
    options.read_status = false;  // only the explicit read asks, so the order is plain to see
    Spooler spooler(std::make_unique<ScriptedTransport>(script), options);
    spooler.Submit("first");
    spooler.Submit("second");
    auto read = std::async(std::launch::async, [&] { return spooler.ReadStatus(3s); });
    ReleaseWrites(*script);
    const auto status = read.get();
    const auto third = spooler.Submit("third");
    REQUIRE(spooler.WaitUntilFinished(third, 3s));

    REQUIRE(status);
    CHECK(status->drawer_pin3_high);
    CHECK(status->IsReady());
    CHECK(spooler.LastStatus() == *status);
    std::vector<std::string> expected{"first", "second"};
    for (std::string& request : Requests({1, 2, 3, 4}))
        expected.push_back(std::move(request));
    expected.emplace_back("third");
    CHECK(Printed(*script) == expected);
    const std::lock_guard lock(script->mutex);
    REQUIRE(script->writers.size() == expected.size());
    for (const std::thread::id writer : script->writers) {
        CHECK(writer == script->writers.front());  // all on the spooler's one thread
        CHECK(writer != std::this_thread::get_id());
    }
}

TEST_CASE("a status read says what the printer answered, cover open included") {
    auto script = std::make_shared<Script>();
    script->can_read = true;
    script->replies = {0x1A, 0x16, 0x12, 0x12};  // offline, cover open
    Spooler spooler(std::make_unique<ScriptedTransport>(script), QuickRetries());
    const auto status = spooler.ReadStatus(3s);
    REQUIRE(status);
    CHECK_FALSE(status->online);
    CHECK(status->cover_open);
    CHECK_FALSE(status->drawer_pin3_high);
    CHECK_FALSE(status->IsReady());
}

TEST_CASE("a status read from a printer that cannot answer or is not there is empty at once") {
    SUBCASE("a write-only transport") {
        auto script = std::make_shared<Script>();
        Spooler spooler(std::make_unique<ScriptedTransport>(script), QuickRetries());
        const auto started = SteadyClock::now();
        const auto status = spooler.ReadStatus(3s);
        REQUIRE_FALSE(status);
        CHECK(status.error().failure == TransportFailure::kUnsupported);
        CHECK(SteadyClock::now() - started < 1s);
        CHECK(Printed(*script).empty());
    }
    SUBCASE("a printer that does not answer DLE EOT 1") {
        auto script = std::make_shared<Script>();
        script->can_read = true;
        script->replies[0] = 0;
        Spooler spooler(std::make_unique<ScriptedTransport>(script), QuickRetries());
        const auto status = spooler.ReadStatus(3s);
        REQUIRE_FALSE(status);
        CHECK(status.error().failure == TransportFailure::kTimeout);
        CHECK(Printed(*script) == Requests({1}));  // gave up after the first silence
        CHECK_FALSE(spooler.LastStatus());
    }
    SUBCASE("a printer that is offline") {
        auto script = std::make_shared<Script>();
        script->can_read = true;
        script->opens = {Offline()};
        Spooler spooler(std::make_unique<ScriptedTransport>(script), QuickRetries());
        const auto started = SteadyClock::now();
        const auto status = spooler.ReadStatus(3s);
        REQUIRE_FALSE(status);
        CHECK(status.error().failure == TransportFailure::kOffline);  // the reason is kept
        CHECK(status.error().message == "scripted: connection refused");
        CHECK(SteadyClock::now() - started < 1s);  // not retried like a job
        CHECK(Printed(*script).empty());
    }
}

TEST_CASE("a status read that times out is dropped and the spooler goes on") {
    auto script = std::make_shared<Script>();
    script->can_read = true;
    script->hold_writes = true;
    SpoolerOptions options = QuickRetries();
    options.read_status = false;
    Spooler spooler(std::make_unique<ScriptedTransport>(script), options);
    const auto job = spooler.Submit("a long receipt");
    const auto started = SteadyClock::now();
    const auto busy = spooler.ReadStatus(50ms);  // the printer is still busy with the receipt
    REQUIRE_FALSE(busy);
    CHECK(busy.error().failure == TransportFailure::kTimeout);
    const auto waited = SteadyClock::now() - started;
    CHECK(waited >= 50ms);
    CHECK(waited < 1s);
    ReleaseWrites(*script);
    REQUIRE(spooler.WaitUntilFinished(job, 3s));
    CHECK(spooler.ReadStatus(3s));
    // The abandoned read was never sent: the receipt, then one read's four requests.
    std::vector<std::string> expected{"a long receipt"};
    for (std::string& request : Requests({1, 2, 3, 4}))
        expected.push_back(std::move(request));
    CHECK(Printed(*script) == expected);
}

TEST_CASE("a drawer kick is sent and counts as done while a receipt is refused for the cover") {
    auto script = std::make_shared<Script>();
    script->can_read = true;
    script->replies = {0x12, 0x16, 0x12, 0x12};  // online, but the cover is open
    Spooler spooler(std::make_unique<ScriptedTransport>(script), QuickRetries());
    const auto receipt = spooler.WaitUntilFinished(spooler.Submit("receipt", "receipt 1"), 3s);
    const std::string kick = ByteString({0x1B, 0x70, 0x00, 0x19, 0xFA});
    const auto kicked = spooler.WaitUntilFinished(
        spooler.Submit(kick, "drawer kick", PrintJobKind::kDrawerKick), 3s);
    REQUIRE(receipt);
    CHECK(receipt->state == PrintJobState::kFailed);
    CHECK(receipt->problem == "cover open");
    REQUIRE(kicked);
    CHECK(kicked->kind == PrintJobKind::kDrawerKick);
    CHECK(kicked->state == PrintJobState::kPrinted);
    CHECK(kicked->problem.empty());
    REQUIRE(kicked->status_before);
    CHECK(kicked->status_before->cover_open);  // read, but no reason to hold the drawer shut
    REQUIRE(kicked->status_after);
    CHECK(kicked->status_after->cover_open);
    const auto printed = Printed(*script);
    CHECK(std::count(printed.begin(), printed.end(), kick) == 1);
    CHECK(std::count(printed.begin(), printed.end(), "receipt") == 0);
    REQUIRE(spooler.FailedJobs().size() == 1);  // the receipt only
    CHECK(spooler.FailedJobs()[0].id == receipt->id);
}

// ESC p and DLE DC4 1 m t for pin 2, as CashDrawer builds them.
const std::string kEscPKick = ByteString({0x1B, 0x70, 0x00, 0x19, 0xFA});
const std::string kRealTimeKick = ByteString({0x10, 0x14, 0x01, 0x00, 0x01});

TEST_CASE("a drawer kick goes as its real-time pulse only when the printer says it is not ready") {
    auto script = std::make_shared<Script>();
    script->can_read = true;
    std::string expected;
    bool real_time = false;
    SUBCASE("ready: ESC p") {
        expected = kEscPKick;
    }
    SUBCASE("cover open: DLE DC4") {
        script->replies = {0x1A, 0x16, 0x12, 0x12};  // offline, cover open
        expected = kRealTimeKick;
        real_time = true;
    }
    SUBCASE("out of paper: DLE DC4") {
        script->replies = {0x1A, 0x32, 0x12, 0x72};  // offline, stopped by paper end, paper end
        expected = kRealTimeKick;
        real_time = true;
    }
    SUBCASE("no status asked: ESC p, as a printer that cannot say") {
        script->replies = {0x1A, 0x16, 0x12, 0x12};
        script->can_read = false;
        expected = kEscPKick;
    }
    Spooler spooler(std::make_unique<ScriptedTransport>(script), QuickRetries());
    const auto kicked =
        spooler.WaitUntilFinished(spooler.SubmitDrawerKick(kEscPKick, kRealTimeKick), 3s);
    REQUIRE(kicked);
    CHECK(kicked->kind == PrintJobKind::kDrawerKick);
    CHECK(kicked->label == "drawer kick");
    CHECK(kicked->state == PrintJobState::kPrinted);
    CHECK(kicked->sent_real_time == real_time);
    const auto printed = Printed(*script);
    // One pulse, in one form only.
    CHECK(std::count(printed.begin(), printed.end(), expected) == 1);
    CHECK(std::count(printed.begin(), printed.end(), kEscPKick) +
              std::count(printed.begin(), printed.end(), kRealTimeKick) ==
          1);
    CHECK(spooler.FailedJobs().empty());
    CHECK_FALSE(spooler.Reprint(kicked->id));
}

TEST_CASE("a real-time drawer kick cut off part way is not sent again in either form") {
    auto script = std::make_shared<Script>();
    script->can_read = true;
    script->replies = {0x1A, 0x32, 0x12, 0x72};  // out of paper
    // The four status requests go through, then the pulse is cut off after 2 bytes.
    script->writes = {
        std::nullopt, std::nullopt, std::nullopt, std::nullopt,
        MakeTransportError(TransportFailure::kDisconnected, "scripted: unplugged", 2)};
    Spooler spooler(std::make_unique<ScriptedTransport>(script), QuickRetries());
    const auto job =
        spooler.WaitUntilFinished(spooler.SubmitDrawerKick(kEscPKick, kRealTimeKick), 3s);
    REQUIRE(job);
    CHECK(job->state == PrintJobState::kFailed);
    CHECK(job->attempts == 1);
    CHECK_FALSE(job->sent_real_time);
    const auto printed = Printed(*script);
    CHECK(std::count(printed.begin(), printed.end(), kEscPKick) == 0);
    CHECK(std::count(printed.begin(), printed.end(), kRealTimeKick) == 0);
    CHECK(spooler.FailedJobs().empty());
}

TEST_CASE("a failed drawer kick is not kept for reprint, so the drawer never opens later") {
    auto script = std::make_shared<Script>();
    script->opens = {MakeTransportError(TransportFailure::kNotFound, "scripted: no device")};
    Spooler spooler(std::make_unique<ScriptedTransport>(script), QuickRetries());
    const auto id = spooler.Submit(ByteString({0x1B, 0x70, 0x00, 0x19, 0xFA}), "drawer kick",
                                   PrintJobKind::kDrawerKick);
    const auto job = spooler.WaitUntilFinished(id, 3s);
    REQUIRE(job);
    CHECK(job->state == PrintJobState::kFailed);
    CHECK(job->problem == "printer not found");
    CHECK(spooler.FailedJobs().empty());
    const auto reprint = spooler.Reprint(id);
    REQUIRE_FALSE(reprint);
    CHECK(reprint.error().code == ErrorCode::kUnsupported);
    CHECK(reprint.error().message.find("drawer kick") != std::string::npos);
    CHECK(Printed(*script).empty());
}

TEST_CASE("a drawer kick cut off part way is not sent again") {
    auto script = std::make_shared<Script>();
    script->writes = {
        MakeTransportError(TransportFailure::kDisconnected, "scripted: unplugged", 2)};
    Spooler spooler(std::make_unique<ScriptedTransport>(script), QuickRetries());
    const auto job =
        spooler.WaitUntilFinished(spooler.Submit(ByteString({0x1B, 0x70, 0x00, 0x19, 0xFA}),
                                                 "drawer kick", PrintJobKind::kDrawerKick),
                                  3s);
    REQUIRE(job);
    CHECK(job->state == PrintJobState::kFailed);
    CHECK(job->attempts == 1);
    CHECK(Printed(*script).empty());
    CHECK(spooler.FailedJobs().empty());
}
