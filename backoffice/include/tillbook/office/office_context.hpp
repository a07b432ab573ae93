#pragma once
// What the back office's request handlers share: the writer, a read connection per thread, the
// clock and the id source. Built once by the composition root (main / tests).
#include <memory>
#include <mutex>
#include <string>

#include "tillbook/ids/clock.hpp"
#include "tillbook/ids/uuid.hpp"
#include "tillbook/office/ledger_writer.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::office {

// An IdSource safe to share between request threads.
class LockedIdSource final : public ids::IdSource {
  public:
    explicit LockedIdSource(const ids::Clock& clock) : m_source(clock) {}
    [[nodiscard]] ids::Uuid Next() override {
        std::lock_guard lock(m_mutex);
        return m_source.Next();
    }

  private:
    std::mutex m_mutex;
    ids::UuidV7Source m_source;
};

struct OfficeContext {
    std::string db_path;
    LedgerWriter& writer;
    const ids::Clock& clock;
    ids::IdSource& ids;
    // Where the web app's files are (tillbook-office serve --web DIR).
    std::string web_root = TILLBOOK_ASSETS_DIR "/web";

    // This thread's read-only connection to the database (opened on first use).
    [[nodiscard]] Result<store::Database*> ReadDb() const;
};

}  // namespace tillbook::office
