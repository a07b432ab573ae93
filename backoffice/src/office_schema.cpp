#include "tillbook/office/office_schema.hpp"

#include <array>

namespace tillbook::office {

namespace {

// Never edit a migration once released: add a new one.
constexpr std::array<std::string_view, 5> kMigrations = {
    // 1: sessions, terminals, channel imports and outbound updates.
    R"sql(
-- Bearer tokens: only their SHA-256 is stored.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  kind INTEGER NOT NULL CHECK (kind IN (1, 2)),  -- 1 staff, 2 terminal
  subject TEXT NOT NULL,                          -- staff id or terminal id
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_by_expiry ON sessions(expires_at);

CREATE TABLE terminals (
  id TEXT PRIMARY KEY,
  store_code TEXT NOT NULL,
  name TEXT NOT NULL,
  origin TEXT NOT NULL UNIQUE,  -- "terminal:S01-T1": the origin of its events
  paired_at INTEGER NOT NULL,
  UNIQUE (store_code, name)
) STRICT;

CREATE TABLE pairing_codes (
  code_hash TEXT PRIMARY KEY,
  store_code TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) STRICT, WITHOUT ROWID;

-- Which order an imported channel order became, and the version we hold.
CREATE TABLE channel_orders (
  channel TEXT NOT NULL,
  external_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  updated_at INTEGER,
  payload_sha256 TEXT NOT NULL,
  PRIMARY KEY (channel, external_id)
) STRICT, WITHOUT ROWID;

-- Webhook deliveries already processed (X-Shopify-Webhook-Id, X-WC-Webhook-Delivery-ID).
CREATE TABLE webhook_deliveries (
  channel TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (channel, delivery_id)
) STRICT, WITHOUT ROWID;

-- Durable outbound updates to channels, delivered with retry and backoff.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  topic TEXT NOT NULL,       -- "stock"
  subject TEXT NOT NULL,     -- the SKU for stock
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  delivered_at INTEGER,
  last_error TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX outbox_pending_by_subject ON outbox(channel, topic, subject) WHERE delivered_at IS NULL;

-- What each channel was last told it may sell of each SKU.
CREATE TABLE channel_stock_published (
  channel TEXT NOT NULL,
  sku TEXT NOT NULL,
  available INTEGER NOT NULL,
  PRIMARY KEY (channel, sku)
) STRICT, WITHOUT ROWID;
)sql",
    // 2: revoked terminals (their row and origin stay, with their events); sessions found by
    // whom they belong to, so a deactivation or a revocation ends them at once.
    R"sql(
ALTER TABLE terminals ADD COLUMN revoked_at INTEGER;
CREATE INDEX sessions_by_subject ON sessions(kind, subject);
)sql",
    // 3: the stock publisher follows the ledger's stock movements by sequence number instead of a
    // table of SKUs every writer had to remember to mark. It starts from 0: the first run looks
    // at every SKU once and queues only figures that differ from what each channel was told.
    R"sql(
DROP TABLE IF EXISTS stock_changed;
CREATE TABLE channel_stock_cursor (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  seq INTEGER NOT NULL  -- stock movements up to this ledger sequence have been published
) STRICT;
INSERT INTO channel_stock_cursor (one, seq) VALUES (1, 0);
)sql",
    // 4: the order a webhook delivery became, so that a retried delivery is answered with it and
    // changes nothing ('' for deliveries recorded before).
    R"sql(
ALTER TABLE webhook_deliveries ADD COLUMN order_id TEXT NOT NULL DEFAULT '';
)sql",
    // 5: the SHA-256 of a delivery's body. Shopify's delivery id is not signed, so a captured
    // signed body replayed under fresh ids added a row each time; a body already taken is now
    // answered with its order and adds nothing ('' for deliveries recorded before).
    R"sql(
ALTER TABLE webhook_deliveries ADD COLUMN payload_sha256 TEXT NOT NULL DEFAULT '';
CREATE INDEX webhook_deliveries_by_payload ON webhook_deliveries(channel, payload_sha256);
)sql",
};

Result<bool> HasColumn(store::Database& db, std::string_view table, std::string_view column) {
    auto q = db.Prepare("SELECT count(*) FROM pragma_table_info(?) WHERE name = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, table).Bind(2, column);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    return q->Int64(0) > 0;
}

// Databases made before the schema was split by owner have this part's tables from the shared
// migrations 2 (migration 1 here) and 3 (migration 2 here).
Result<std::int64_t> AdoptEarlierTables(store::Database& db) {
    auto sessions = store::TableExists(db, "sessions");
    if (!sessions) return std::unexpected(sessions.error());
    if (!*sessions) return 0;
    auto revoked = HasColumn(db, "terminals", "revoked_at");
    if (!revoked) return std::unexpected(revoked.error());
    return *revoked ? 2 : 1;
}

constexpr store::SchemaPart kOfficeSchema{"office", kMigrations, "till", &AdoptEarlierTables};

}  // namespace

const store::SchemaPart& OfficeSchema() {
    return kOfficeSchema;
}

Result<store::Database> OpenOfficeDatabase(const std::string& path,
                                           const store::OpenOptions& options) {
    return store::OpenAndMigrate(path, options, OfficeSchema());
}

}  // namespace tillbook::office
