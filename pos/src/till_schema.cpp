#include "tillbook/pos/till_schema.hpp"

#include <array>

namespace tillbook::pos {

namespace {

// Never edit a migration once released: add a new one.
constexpr std::array<std::string_view, 2> kMigrations = {
    // 1: before the schema was split by owner, every database got the back office's tables too;
    // a till never wrote to them.
    R"sql(
DROP TABLE IF EXISTS sessions;
DROP TABLE IF EXISTS terminals;
DROP TABLE IF EXISTS pairing_codes;
DROP TABLE IF EXISTS channel_orders;
DROP TABLE IF EXISTS webhook_deliveries;
DROP TABLE IF EXISTS outbox;
DROP TABLE IF EXISTS stock_changed;
DROP TABLE IF EXISTS channel_stock_published;
)sql",
    // 2: what the back office answered for each of this till's events it was sent (till_sync.hpp).
    // An event with no row has had no answer yet. Rows are added, or a rejection turned into an
    // acceptance; none is deleted, and no event ever is.
    R"sql(
CREATE TABLE push_answers (
  event_id TEXT PRIMARY KEY REFERENCES ledger(event_id),
  outcome INTEGER NOT NULL CHECK (outcome IN (1, 2)),  -- 1 accepted, 2 rejected
  office_seq INTEGER,                                  -- accepted: its seq at the back office
  code TEXT NOT NULL,                                  -- rejected: the error code
  reason TEXT NOT NULL,                                -- rejected: why, for staff
  answered_at INTEGER NOT NULL,
  CHECK ((outcome = 1) = (office_seq IS NOT NULL))
) STRICT;
)sql",
};

constexpr store::SchemaPart kTillSchema{"till", kMigrations, "office", nullptr};

}  // namespace

const store::SchemaPart& TillSchema() {
    return kTillSchema;
}

Result<store::Database> OpenTillDatabase(const std::string& path,
                                         const store::OpenOptions& options) {
    return store::OpenAndMigrate(path, options, TillSchema());
}

}  // namespace tillbook::pos
