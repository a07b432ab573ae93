// The till's sync worker against what the real back office rarely does on cue: an office that is
// not there, one that answers 503 with Retry-After, and one that holds a request. A small HTTP
// server stands in for the office here (the worker, its client and the till's database are real);
// the real office is in test_till_office_link.cpp.
#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "loopback_socket.hpp"
#include "temp_dir.hpp"
#include "till_office.hpp"
#include "tillbook/pos/office/office_link.hpp"
#include "tillbook/pos/office/sync_worker.hpp"
#include "tillbook/pos/till_schema.hpp"

using namespace tillbook;
using namespace std::chrono_literals;
using SyncReport = pos::app::SyncReport;

namespace {

// Answers every pull as `answer` says, counting them.
class StandInOffice {
  public:
    explicit StandInOffice(std::function<void(httplib::Response&)> answer)
        : m_answer(std::move(answer)) {
        m_server.Get("/api/v1/sync/pull", [this](const httplib::Request&, httplib::Response& res) {
            ++pulls;
            m_answer(res);
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
    }
    ~StandInOffice() {
        m_server.stop();
        m_thread.join();
    }
    std::string Url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    std::atomic<int> pulls{0};

  private:
    std::function<void(httplib::Response&)> m_answer;
    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
};

// A till paired with the office at `url` (its link written as pairing writes it).
struct LinkedTill {
    explicit LinkedTill(const std::string& url) : dir("sync-worker-backoff") {
        path = dir.File("till.db");
        auto db = pos::OpenTillDatabase(path);
        REQUIRE(db);
        REQUIRE(pos::office::SaveOfficeLink(
            *db, pos::office::OfficeLink{
                     url, {}, "token", "t-1", "terminal:S01-T1", "S01", "", 1, {}, {}, false}));
    }
    pos::office::SyncWorkerOptions Options() const { return testing::WorkerOptions(path, 100ms); }
    testing::TempDir dir;
    std::string path;
    ids::SystemClock clock;
};

}  // namespace

TEST_CASE("an office that is not there is tried again after 1 s, 2 s, 4 s, nudged or not") {
    const std::string url = "http://127.0.0.1:" + std::to_string(testing::FreePort());
    LinkedTill till(url);
    pos::app::ReportQueue queue;
    testing::ReportWatch watch(queue);
    pos::office::SyncWorker worker(till.Options(), queue, till.clock);
    worker.Start();
    const auto offline = [](const SyncReport& r) { return !r.online && r.next_try_at; };
    auto first = watch.WaitForSync(offline, 5s);
    REQUIRE(first);
    CHECK(first->problem == "cannot reach the office at " + url + ": connection refused");
    worker.Nudge();  // a worker asleep in its backoff stays asleep
    auto second = watch.WaitForSync(offline, 5s);
    REQUIRE(second);
    CHECK(second->offline_since == first->offline_since);
    // Each wait begins as the one before ends: the next tries are 2 s, then 4 s apart.
    auto third = watch.WaitForSync(offline, 5s);
    REQUIRE(third);
    CHECK(*second->next_try_at - *first->next_try_at >= 2000);
    CHECK(*second->next_try_at - *first->next_try_at < 2500);
    CHECK(*third->next_try_at - *second->next_try_at >= 4000);
    CHECK(*third->next_try_at - *second->next_try_at < 4500);
}

TEST_CASE("an office that answers 503 with Retry-After is not asked again before then") {
    StandInOffice office([](httplib::Response& res) {
        res.status = 503;
        res.set_header("Retry-After", "3");
        res.set_content(R"({"error":{"code":"unsupported","message":"too many connections",)"
                        R"("field":null}})",
                        "application/json");
    });
    LinkedTill till(office.Url());
    pos::app::ReportQueue queue;
    testing::ReportWatch watch(queue);
    pos::office::SyncWorker worker(till.Options(), queue, till.clock);
    const ids::UtcMillis started = till.clock.Now();
    worker.Start();
    auto busy =
        watch.WaitForSync([](const SyncReport& r) { return !r.online && r.next_try_at; }, 5s);
    REQUIRE(busy);
    CHECK(busy->problem == "pull refused: office says: too many connections");
    CHECK(*busy->next_try_at - started >= 3000);
    std::this_thread::sleep_for(2s);
    CHECK(office.pulls == 1);
    CHECK(watch.WaitForSync([&](const SyncReport&) { return office.pulls >= 2; }, 3s));
}

TEST_CASE("the worker stops within a second while the office holds its request") {
    std::atomic<bool> release{false};
    StandInOffice office([&](httplib::Response& res) {
        for (int i = 0; i < 100 && !release; ++i)
            std::this_thread::sleep_for(50ms);
        res.status = 500;
    });
    LinkedTill till(office.Url());
    pos::app::ReportQueue queue;
    pos::office::SyncWorker worker(till.Options(), queue, till.clock);
    worker.Start();
    for (int i = 0; i < 200 && office.pulls == 0; ++i)
        std::this_thread::sleep_for(10ms);
    REQUIRE(office.pulls == 1);
    const auto asked = std::chrono::steady_clock::now();
    worker.Stop();
    CHECK(std::chrono::steady_clock::now() - asked < 1s);
    release = true;
}
