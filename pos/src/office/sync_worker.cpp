#include "tillbook/pos/office/sync_worker.hpp"

#include <fmt/format.h>

#include <memory>
#include <random>

#include "tillbook/pos/office/backoff.hpp"
#include "tillbook/pos/office/office_link.hpp"
#include "tillbook/pos/office/sync_round.hpp"
#include "tillbook/pos/office/till_pairing.hpp"
#include "tillbook/pos/till_schema.hpp"

namespace tillbook::pos::office {

namespace {

using SteadyClock = std::chrono::steady_clock;

// Far enough to mean "until something happens".
constexpr std::chrono::hours kUntilWoken{24};

constexpr std::string_view kSignedOutWords =
    "the office no longer accepts this till (it was signed out or revoked): pair it again";

app::PairingReport PairingOutcome(store::Database& db, const app::PairTill& request,
                                  const OfficeTrust& trust, const ids::Clock& clock,
                                  const ClientTimeouts& timeouts) {
    auto paired =
        PairTill(db, PairingRequest{request.office_url, trust, request.code, request.till_name},
                 clock, timeouts);
    if (!paired) return app::PairingReport{false, paired.error().message};
    return app::PairingReport{
        true, fmt::format("Paired as {} at {} ({}): {} items, {} staff", paired->origin,
                          paired->store_name, paired->store_code, paired->skus, paired->staff)};
}

}  // namespace

SyncWorker::SyncWorker(SyncWorkerOptions options, app::ReportQueue& reports,
                       const ids::Clock& clock)
    : m_options(std::move(options)),
      m_reports(reports),
      m_clock(clock),
      m_desk(m_options.db_path, m_options.timeouts, reports) {
    if (!m_options.jitter) {
        m_options.jitter = [random = std::make_shared<std::mt19937>(std::random_device{}())] {
            return std::uniform_real_distribution<double>(-1.0, 1.0)(*random);
        };
    }
}

SyncWorker::~SyncWorker() {
    Stop();
}

void SyncWorker::Start() {
    if (m_thread.joinable()) return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = false;
    }
    m_thread = std::thread([this] { Run(); });
}

void SyncWorker::Stop() {
    m_desk.Stop();
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        if (m_client != nullptr) m_client->Interrupt();
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void SyncWorker::Nudge() {
    {
        std::lock_guard lock(m_mutex);
        m_nudged = true;
    }
    m_wake.notify_all();
}

void SyncWorker::Pair(app::PairTill request) {
    {
        std::lock_guard lock(m_mutex);
        m_pair = std::move(request);
    }
    m_wake.notify_all();
}

void SyncWorker::SetClient(OfficeClient* client) {
    std::lock_guard lock(m_mutex);
    m_client = client;
}

void SyncWorker::Post(app::SyncReport report) {
    m_reports.Post(std::move(report));
}

void SyncWorker::WaitUntil(SteadyClock::time_point deadline, bool wake_on_nudge) {
    std::unique_lock lock(m_mutex);
    m_wake.wait_until(lock, deadline,
                      [&] { return m_stop || m_pair.has_value() || (wake_on_nudge && m_nudged); });
}

void SyncWorker::Run() {
    auto db = OpenTillDatabase(m_options.db_path);
    if (!db) {
        app::SyncReport report;
        report.problem = "cannot open the till's database: " + db.error().message;
        Post(report);
        WaitUntil(SteadyClock::now() + kUntilWoken, false);
        return;
    }
    std::unique_ptr<OfficeClient> client;
    app::SyncReport report;
    int failures = 0;
    bool paired_now = false;
    const auto go_offline = [&](const std::string& problem) {
        const ids::UtcMillis now = m_clock.Now();
        report.online = false;
        if (!report.offline_since) report.offline_since = now;
        report.problem = problem;
    };
    while (true) {
        std::optional<app::PairTill> pair;
        {
            std::lock_guard lock(m_mutex);
            if (m_stop) break;
            pair = std::exchange(m_pair, std::nullopt);
            m_nudged = false;
        }
        if (pair) {
            SetClient(nullptr);
            client.reset();
            const app::PairingReport paired =
                PairingOutcome(*db, *pair, m_options.pairing_trust, m_clock, m_options.timeouts);
            paired_now = paired.paired;
            failures = 0;
            m_reports.Post(paired);
        }
        auto link = LoadOfficeLink(*db);
        if (!link || !*link || (*link)->signed_out) {
            report.next_try_at.reset();
            go_offline(!link    ? "the till's database: " + link.error().message
                       : !*link ? std::string("this till is not paired with a back office")
                                : std::string(kSignedOutWords));
            Post(report);
            WaitUntil(SteadyClock::now() + kUntilWoken, false);  // until paired (or stopped)
            continue;
        }
        if (!client || client->Url() != (*link)->url) {
            SetClient(nullptr);
            auto made = OfficeClient::Connect((*link)->url, (*link)->trust, m_options.timeouts);
            if (!made) {
                go_offline(made.error().message);
                Post(report);
                WaitUntil(SteadyClock::now() + kUntilWoken, true);
                continue;
            }
            client = std::make_unique<OfficeClient>(std::move(*made));
            SetClient(client.get());
        }
        // Pushed and pulled before (by an earlier run, or while pairing).
        if ((*link)->last_push_at) report.last_push_at = (*link)->last_push_at;
        if ((*link)->last_pull_at) report.last_pull_at = (*link)->last_pull_at;
        auto round = RunSyncRound(*db, *client, m_clock, [&](const SyncBacklog& left) {
            app::SyncReport progress = report;
            progress.online = true;
            progress.unsent = left.unsent;
            progress.oldest_unsent_at = left.oldest_unsent_at;
            progress.rejected = left.rejected;
            Post(progress);
        });
        std::optional<OfficeFailure> failure;
        if (!round) {
            failure =
                OfficeFailure{FailureKind::kRefused,
                              round.error().WithContext("the till's database"), 0, std::nullopt};
        } else {
            failure = round->failure;
            report.unsent = round->backlog.unsent;
            report.oldest_unsent_at = round->backlog.oldest_unsent_at;
            report.rejected = round->backlog.rejected;
            if (round->last_push_at) report.last_push_at = round->last_push_at;
            if (round->last_pull_at) report.last_pull_at = round->last_pull_at;
            report.reference_data_changed = round->reference_data_changed || paired_now;
            paired_now = false;
        }
        {
            std::lock_guard lock(m_mutex);
            if (m_stop) break;
        }
        if (!failure) {
            failures = 0;
            report.online = true;
            report.offline_since.reset();
            report.next_try_at.reset();
            report.problem.clear();
            Post(report);
            WaitUntil(SteadyClock::now() + m_options.idle_wait, true);
            continue;
        }
        if (failure->kind == FailureKind::kSignedOut) {
            report.next_try_at.reset();
            go_offline(fmt::format("{} ({})", kSignedOutWords, failure->error.message));
            Post(report);
            continue;  // the link is marked signed out: the loop waits for a pairing
        }
        ++failures;
        std::optional<std::chrono::seconds> retry_after;
        if (failure->retry_after_s) retry_after = std::chrono::seconds(*failure->retry_after_s);
        const auto delay = RetryDelay(failures, m_options.jitter(), retry_after);
        go_offline(failure->error.message);
        report.next_try_at = m_clock.Now() + delay.count();
        Post(report);
        WaitUntil(SteadyClock::now() + delay, false);
    }
    SetClient(nullptr);
}

}  // namespace tillbook::pos::office
