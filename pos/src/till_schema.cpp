#include "tillbook/pos/till_schema.hpp"

#include <array>

namespace tillbook::pos {

namespace {

// Never edit a migration once released: add a new one.
constexpr std::array<std::string_view, 4> kMigrations = {
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
    // 3: the till's link to the back office (pos/office/office_link.hpp): one row once paired,
    // with its token, how it trusts the office and where its last pull ended. And the office's
    // stock levels at the till's store as last pulled: not stock_levels, which is the projection
    // of the till's own journal and is rebuilt from it.
    R"sql(
CREATE TABLE office_link (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  url TEXT NOT NULL,
  token TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  origin TEXT NOT NULL,
  store_code TEXT NOT NULL,
  ca_file TEXT NOT NULL,
  pin_sha256 TEXT NOT NULL,
  cursor TEXT NOT NULL,
  paired_at INTEGER NOT NULL,
  last_push_at INTEGER,
  last_pull_at INTEGER,
  signed_out INTEGER NOT NULL DEFAULT 0 CHECK (signed_out IN (0, 1))
) STRICT;
CREATE TABLE office_stock (
  sku TEXT PRIMARY KEY,
  on_hand INTEGER NOT NULL,   -- milli-units
  reserved INTEGER NOT NULL,  -- milli-units
  pulled_at INTEGER NOT NULL
) STRICT;
)sql",
    // 4: sales parked at this till (pos/src/app/parked_sales.hpp): a cart put aside, with who
    // parked it and a label for the cashier. Not money and not a ledger event: a row is deleted
    // when its sale is recalled, in the same transaction that restores the cart.
    R"sql(
CREATE TABLE parked_sales (
  id INTEGER PRIMARY KEY,
  parked_at INTEGER NOT NULL,   -- UTC milliseconds
  staff_id TEXT NOT NULL,
  staff_name TEXT NOT NULL,
  label TEXT NOT NULL,          -- "3 items, £11.45, parked 14:05 by Zoë"
  cart TEXT NOT NULL CHECK (json_valid(cart))  -- lines, quantities, prices, discounts as typed
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
