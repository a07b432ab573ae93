#include "tillbook/office/ledger_writer.hpp"

#include <chrono>
#include <vector>

#include "tillbook/office/office_schema.hpp"

namespace tillbook::office {

Result<std::unique_ptr<LedgerWriter>> LedgerWriter::Start(const std::string& path,
                                                          store::Durability durability,
                                                          std::size_t max_jobs_per_commit) {
    auto db = OpenOfficeDatabase(path, store::OpenOptions{durability, 10000, false});
    if (!db) return std::unexpected(db.error());
    return std::unique_ptr<LedgerWriter>(new LedgerWriter(std::move(*db), max_jobs_per_commit));
}

LedgerWriter::LedgerWriter(store::Database db, std::size_t max_jobs_per_commit)
    : m_db(std::move(db)),
      m_ledger(m_db),
      m_max_jobs(max_jobs_per_commit == 0 ? 1 : max_jobs_per_commit) {
    m_thread = std::thread([this] { Loop(); });
}

LedgerWriter::~LedgerWriter() {
    Stop();
    if (m_thread.joinable()) m_thread.join();
}

void LedgerWriter::Stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
}

std::future<Status> LedgerWriter::Submit(Job job) {
    Pending pending{std::move(job), {}};
    auto future = pending.done.get_future();
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            pending.done.set_value(
                std::unexpected(MakeError(ErrorCode::kUnsupported, "the server is shutting down")));
            return future;
        }
        m_queue.push_back(std::move(pending));
    }
    m_wake.notify_one();
    return future;
}

WriterStats LedgerWriter::Stats() const {
    std::lock_guard lock(m_mutex);
    return m_stats;
}

void LedgerWriter::Loop() {
    while (true) {
        std::vector<Pending> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty()) return;  // stopping and drained
            while (!m_queue.empty() && batch.size() < m_max_jobs) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        std::vector<Status> results(batch.size());
        Status committed{};
        const auto started = std::chrono::steady_clock::now();
        auto jobs_done = started;
        // Exceptions never cross threads: a job that throws fails alone.
        auto tx = store::Transaction::Begin(m_db);
        if (!tx) {
            committed = std::unexpected(tx.error());
        } else {
            for (std::size_t i = 0; i < batch.size(); ++i) {
                auto savepoint = store::Savepoint::Begin(m_db);
                if (!savepoint) {
                    results[i] = std::unexpected(savepoint.error());
                    continue;
                }
                WriteContext context{m_db, m_ledger};
                try {
                    results[i] = batch[i].job(context);
                } catch (const std::exception& e) {
                    results[i] = std::unexpected(MakeError(
                        ErrorCode::kStorage, std::string("a write job failed: ") + e.what()));
                }
                if (results[i]) {
                    if (auto ok = savepoint->Release(); !ok)
                        results[i] = std::unexpected(ok.error());
                }
            }
            jobs_done = std::chrono::steady_clock::now();
            committed = tx->Commit();
        }
        const auto finished = std::chrono::steady_clock::now();
        {
            std::lock_guard lock(m_mutex);
            m_stats.jobs += static_cast<std::int64_t>(batch.size());
            m_stats.commits += committed ? 1 : 0;
            m_stats.job_ms +=
                std::chrono::duration<double, std::milli>(jobs_done - started).count();
            m_stats.commit_ms +=
                std::chrono::duration<double, std::milli>(finished - jobs_done).count();
        }
        for (std::size_t i = 0; i < batch.size(); ++i) {
            batch[i].done.set_value(committed ? std::move(results[i])
                                              : Status(std::unexpected(committed.error())));
        }
    }
}

}  // namespace tillbook::office
