#pragma once
// The back office's one writer. Every change to the database is a job run on this thread; the jobs
// that queue up while a transaction commits go into the next transaction together (group commit),
// so one fsync at synchronous=FULL serves many requests. Each job runs in its own savepoint: a job
// that fails is undone alone. A job's caller hears back only after its transaction committed.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "tillbook/core/error.hpp"
#include "tillbook/ledger/ledger.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::office {

struct WriteContext {
    store::Database& db;
    ledger::Ledger& ledger;
};

struct WriterStats {
    std::int64_t jobs = 0;
    std::int64_t commits = 0;
    double job_ms = 0;     // time spent running jobs
    double commit_ms = 0;  // time spent committing (fsync)
};

class LedgerWriter {
  public:
    using Job = std::function<Status(WriteContext&)>;

    // Opens its own connection to `path` (which must exist and be migrated).
    [[nodiscard]] static Result<std::unique_ptr<LedgerWriter>> Start(
        const std::string& path, store::Durability durability,
        std::size_t max_jobs_per_commit = 256);
    LedgerWriter(const LedgerWriter&) = delete;
    LedgerWriter& operator=(const LedgerWriter&) = delete;
    ~LedgerWriter();  // finishes the queued jobs, then stops

    // Runs `job` in the next transaction; the future holds its Status once that transaction has
    // committed (or the job's error, or the commit's error). Never throws.
    [[nodiscard]] std::future<Status> Submit(Job job);

    // Convenience: Submit and wait.
    [[nodiscard]] Status Run(Job job) { return Submit(std::move(job)).get(); }

    [[nodiscard]] WriterStats Stats() const;

    // Stops taking jobs; jobs already queued still run.
    void Stop();

  private:
    LedgerWriter(store::Database db, std::size_t max_jobs_per_commit);
    void Loop();

    struct Pending {
        Job job;
        std::promise<Status> done;
    };

    store::Database m_db;
    ledger::Ledger m_ledger;
    std::size_t m_max_jobs;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending> m_queue;
    bool m_stopping = false;
    WriterStats m_stats;
    std::thread m_thread;
};

}  // namespace tillbook::office
