#pragma once
// The till's sync worker (app::SyncPort): its own thread and its own connection to the till's
// database file. It runs rounds (sync_round.hpp): push everything unsent, then pull; then it
// waits a few seconds, or less when nudged. When the office cannot be reached or says it is busy
// (5xx, 503, 408), it backs off (backoff.hpp), honouring Retry-After; nothing is lost or sent out
// of order, as every push is the journal's oldest unanswered events again. A till the office no
// longer takes (401: revoked or signed out) stops trying until it is paired again.
//
// It posts an app::SyncReport after every round and every change of state, and an
// app::PairingReport for each Pair().
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "tillbook/ids/clock.hpp"
#include "tillbook/pos/app/worker_reports.hpp"
#include "tillbook/pos/office/office_client.hpp"
#include "tillbook/pos/office/office_desk.hpp"

namespace tillbook::pos::office {

struct SyncWorkerOptions {
    std::string db_path;  // the till's database file (created and migrated if need be)
    // How an https:// office named on the pairing screen is trusted: the pairing screen asks for
    // the URL, the code and the name only (app::PairTill).
    OfficeTrust pairing_trust;
    std::chrono::milliseconds idle_wait{5000};  // between rounds while online
    ClientTimeouts timeouts;
    // Where in the ±20% spread each backoff falls, -1.0 to 1.0; by default at random.
    std::function<double()> jitter;
};

class SyncWorker final : public app::SyncPort {
  public:
    SyncWorker(SyncWorkerOptions options, app::ReportQueue& reports, const ids::Clock& clock);
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;
    ~SyncWorker() override;

    void Start();
    // Returns once the thread has finished its request in hand (at most a request's timeout) or
    // its wait (at once).
    void Stop();

    void Nudge() override;
    void Pair(app::PairTill request) override;
    // The returns desk's questions go to an OfficeDesk of its own thread (office_desk.hpp).
    std::uint64_t LookupOrder(std::string code) override { return m_desk.LookupOrder(code); }
    std::uint64_t SendReturnToOffice(app::OfficeReturn goods_back) override {
        return m_desk.SendReturn(std::move(goods_back));
    }
    std::uint64_t SearchOrders(app::OrderSearchRequest search) override {
        return m_desk.SearchOrders(std::move(search));
    }
    // So do the tender screen's store-credit questions.
    std::uint64_t CheckCredit(std::string card_number) override {
        return m_desk.CheckCredit(std::move(card_number));
    }
    std::uint64_t RedeemCredit(app::CreditRedemptionRequest redemption) override {
        return m_desk.RedeemCredit(std::move(redemption));
    }
    std::uint64_t CancelCreditRedemption(std::string redemption_id, std::string staff_id) override {
        return m_desk.CancelRedemption(std::move(redemption_id), std::move(staff_id));
    }

  private:
    void Run();
    void SetClient(OfficeClient* client);
    void Post(app::SyncReport report);
    // Sleeps until `deadline`, a Pair, Stop, or (with `wake_on_nudge`) a Nudge.
    void WaitUntil(std::chrono::steady_clock::time_point deadline, bool wake_on_nudge);

    SyncWorkerOptions m_options;
    app::ReportQueue& m_reports;
    const ids::Clock& m_clock;

    std::mutex m_mutex;  // guards the three below
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_nudged = false;
    std::optional<app::PairTill> m_pair;
    OfficeClient* m_client = nullptr;  // the worker's, while it has one: Stop() interrupts it

    std::thread m_thread;
    OfficeDesk m_desk;
};

}  // namespace tillbook::pos::office
