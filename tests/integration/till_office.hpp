#pragma once
// A till and the real back office it pairs with (tests of pos/office): pairing codes and staff
// tokens over HTTP, and a watch on what the till's sync worker reports.
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "tillbook/pos/app/worker_reports.hpp"
#include "tillbook/pos/office/sync_worker.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::testing {

// `HttpClient`: httplib::Client or httplib::SSLClient.
template <class HttpClient>
std::string StaffToken(HttpClient& client, const std::string& username,
                       const std::string& password) {
    auto res = client.Post("/api/v1/session",
                           nlohmann::json{{"username", username}, {"password", password}}.dump(),
                           "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 201);
    return nlohmann::json::parse(res->body)["token"];
}

// A manager's one-time code for a new till at `store`, over the API.
template <class HttpClient>
std::string PairingCodeFor(HttpClient& client, const std::string& store = "S01") {
    client.set_bearer_token_auth(StaffToken(client, "tom", "demo-manager-password"));
    auto res = client.Post("/api/v1/terminals/pairing-codes",
                           nlohmann::json{{"store", store}}.dump(), "application/json");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 201);
    return nlohmann::json::parse(res->body)["code"];
}

// A sync worker for the till's database at `path` that waits `idle_wait` between rounds and
// backs off with no spread (so tests know its waits).
inline pos::office::SyncWorkerOptions WorkerOptions(const std::string& path,
                                                    std::chrono::milliseconds idle_wait) {
    pos::office::SyncWorkerOptions options;
    options.db_path = path;
    options.idle_wait = idle_wait;
    options.jitter = [] { return 0.0; };
    return options;
}

// Everything a worker posted, read as the UI thread reads it (Drain), until a report answers
// `done` or `timeout` passes.
class ReportWatch {
  public:
    explicit ReportWatch(pos::app::ReportQueue& queue) : m_queue(queue) {}

    // The first sync report since the last call that answers `done`, if one comes in time.
    std::optional<pos::app::SyncReport> WaitForSync(
        const std::function<bool(const pos::app::SyncReport&)>& done,
        std::chrono::milliseconds timeout) {
        const auto until = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < until) {
            for (auto& report : m_queue.Drain()) {
                if (auto* sync_report = std::get_if<pos::app::SyncReport>(&report)) {
                    ++sync_reports;
                    if (done(*sync_report)) return *sync_report;
                } else if (auto* pairing = std::get_if<pos::app::PairingReport>(&report)) {
                    pairings.push_back(*pairing);
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return std::nullopt;
    }

    int sync_reports = 0;
    std::vector<pos::app::PairingReport> pairings;

  private:
    pos::app::ReportQueue& m_queue;
};

// The first report of type R (an OfficeDesk's answer) to `request`, as the UI thread would drain
// it; fails the test after 20 s.
template <class R>
R WaitForAnswer(pos::app::ReportQueue& queue, std::uint64_t request) {
    REQUIRE(request != 0);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < until) {
        for (auto& report : queue.Drain()) {
            if (auto* answer = std::get_if<R>(&report); answer && answer->request == request)
                return *answer;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL("no answer to request " << request);
    return {};
}

// The staff id of `username` in a till's or the office's database.
inline std::string StaffIdOf(store::Database& db, const std::string& username) {
    auto q = db.Prepare("SELECT id FROM staff WHERE username = ?");
    REQUIRE(q);
    q->Bind(1, username);
    REQUIRE(*q->Step());
    return q->Text(0);
}

}  // namespace tillbook::testing
