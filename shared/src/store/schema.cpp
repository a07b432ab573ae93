#include "tillbook/store/schema.hpp"

#include <fmt/format.h>

#include <array>

namespace tillbook::store {

namespace {

// Never edit a migration once released: add a new one.
constexpr std::array<std::string_view, 3> kMigrations = {
    // 1: reference data, the ledger, and its projections.
    R"sql(
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE locations (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL CHECK (kind IN (1, 2)),  -- 1 store, 2 warehouse
  time_zone TEXT NOT NULL
) STRICT;

CREATE TABLE tax_classes (
  code TEXT PRIMARY KEY,
  rate_bp INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 100000),
  mode INTEGER NOT NULL CHECK (mode IN (1, 2))
) STRICT;

CREATE TABLE skus (
  code TEXT PRIMARY KEY,
  product_id TEXT NOT NULL,
  product_name TEXT NOT NULL,
  variant_name TEXT NOT NULL,
  category TEXT NOT NULL,
  currency TEXT NOT NULL,
  price_minor INTEGER NOT NULL,
  cost_minor INTEGER NOT NULL,
  tax_class TEXT NOT NULL REFERENCES tax_classes(code),
  sold_by INTEGER NOT NULL CHECK (sold_by IN (1, 2)),
  active INTEGER NOT NULL CHECK (active IN (0, 1))
) STRICT;
CREATE INDEX skus_by_product ON skus(product_id);

CREATE TABLE barcodes (
  barcode TEXT PRIMARY KEY,
  sku TEXT NOT NULL REFERENCES skus(code) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX barcodes_by_sku ON barcodes(sku);

CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role INTEGER NOT NULL,
  password_hash TEXT NOT NULL,
  pin_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE channels (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  buffer INTEGER NOT NULL DEFAULT 0 CHECK (buffer >= 0)
) STRICT;

-- Which locations serve a channel, in order of preference.
CREATE TABLE channel_locations (
  channel TEXT NOT NULL REFERENCES channels(code),
  location_id TEXT NOT NULL REFERENCES locations(id),
  priority INTEGER NOT NULL,
  PRIMARY KEY (channel, location_id)
) STRICT, WITHOUT ROWID;

-- Per-SKU overrides of what a channel may sell: a buffer, or a fixed quantity.
CREATE TABLE channel_sku_rules (
  channel TEXT NOT NULL REFERENCES channels(code),
  sku TEXT NOT NULL,
  buffer INTEGER CHECK (buffer >= 0),
  fixed_quantity INTEGER CHECK (fixed_quantity >= 0),
  PRIMARY KEY (channel, sku)
) STRICT, WITHOUT ROWID;

-- The book of record. seq is the accepted sequence; (origin, origin_seq) and event_id make
-- every apply idempotent.
CREATE TABLE ledger (
  seq INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  kind INTEGER NOT NULL,
  origin TEXT NOT NULL,
  origin_seq INTEGER NOT NULL,
  actor TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  payload TEXT NOT NULL,
  UNIQUE (origin, origin_seq)
) STRICT;
CREATE TRIGGER ledger_is_append_only_update BEFORE UPDATE ON ledger
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_is_append_only_delete BEFORE DELETE ON ledger
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;

-- Projections: updated in the same transaction as the event that changes them.
CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL,
  channel TEXT NOT NULL,
  external_id TEXT NOT NULL,
  location_id TEXT NOT NULL,
  currency TEXT NOT NULL,
  status INTEGER NOT NULL,
  placed_at INTEGER NOT NULL,
  despatch_by INTEGER,
  deliver_by INTEGER,
  customer_email TEXT NOT NULL,
  total_minor INTEGER NOT NULL,
  tax_minor INTEGER NOT NULL,
  paid_minor INTEGER NOT NULL DEFAULT 0,
  refunded_minor INTEGER NOT NULL DEFAULT 0 CHECK (refunded_minor <= paid_minor),
  attention TEXT NOT NULL,
  exchange_of TEXT,
  placed_seq INTEGER NOT NULL
) STRICT;
CREATE INDEX orders_by_number ON orders(number);
CREATE INDEX orders_by_channel ON orders(channel, external_id);

CREATE TABLE order_lines (
  order_id TEXT NOT NULL REFERENCES orders(id),
  line_no INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  sku TEXT NOT NULL,
  description TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price_minor INTEGER NOT NULL,
  discount_minor INTEGER NOT NULL,
  tax_rate_bp INTEGER NOT NULL,
  tax_mode INTEGER NOT NULL,
  total_minor INTEGER NOT NULL,
  tax_minor INTEGER NOT NULL,
  returned_quantity INTEGER NOT NULL DEFAULT 0 CHECK (returned_quantity BETWEEN 0 AND quantity),
  PRIMARY KEY (order_id, line_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE payments (
  seq INTEGER NOT NULL,
  position INTEGER NOT NULL,
  order_id TEXT NOT NULL REFERENCES orders(id),
  tender INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  tendered_minor INTEGER NOT NULL,
  reference TEXT NOT NULL,
  shift_id TEXT NOT NULL,
  PRIMARY KEY (seq, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE refunds (
  seq INTEGER NOT NULL,
  position INTEGER NOT NULL,
  order_id TEXT NOT NULL,
  return_id TEXT NOT NULL,
  tender INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  reference TEXT NOT NULL,
  shift_id TEXT NOT NULL,
  PRIMARY KEY (seq, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE returns (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  location_id TEXT NOT NULL,
  no_receipt INTEGER NOT NULL,
  currency TEXT NOT NULL,
  value_minor INTEGER NOT NULL,
  refunded_minor INTEGER NOT NULL DEFAULT 0,
  received_seq INTEGER NOT NULL
) STRICT;

CREATE TABLE return_lines (
  return_id TEXT NOT NULL REFERENCES returns(id),
  position INTEGER NOT NULL,
  order_line_no INTEGER NOT NULL,
  sku TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  value_minor INTEGER NOT NULL,
  reason INTEGER NOT NULL,
  condition INTEGER NOT NULL,
  PRIMARY KEY (return_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE stock_levels (
  location_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  on_hand INTEGER NOT NULL,
  reserved INTEGER NOT NULL CHECK (reserved >= 0),
  PRIMARY KEY (location_id, sku)
) STRICT, WITHOUT ROWID;

-- Every change of on hand or reserved, so that each level is the sum of its movements.
CREATE TABLE stock_movements (
  seq INTEGER NOT NULL,
  position INTEGER NOT NULL,
  location_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  on_hand_delta INTEGER NOT NULL,
  reserved_delta INTEGER NOT NULL,
  PRIMARY KEY (seq, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE reservations (
  order_id TEXT NOT NULL,
  location_id TEXT NOT NULL,
  sku TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, location_id, sku)
) STRICT, WITHOUT ROWID;

CREATE TABLE shifts (
  id TEXT PRIMARY KEY,
  location_id TEXT NOT NULL,
  terminal TEXT NOT NULL,
  currency TEXT NOT NULL,
  opened_seq INTEGER NOT NULL,
  opened_by TEXT NOT NULL,
  float_minor INTEGER NOT NULL,
  expected_cash_minor INTEGER NOT NULL,
  counted_minor INTEGER,
  closed_seq INTEGER
) STRICT;

CREATE TABLE cash_movements (
  seq INTEGER NOT NULL,
  position INTEGER NOT NULL,
  shift_id TEXT NOT NULL REFERENCES shifts(id),
  kind INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (seq, position)
) STRICT, WITHOUT ROWID;
)sql",
    // 2: the back office's sessions, terminals, channel imports and outbound updates; catalogue
    // versions for the tills' pull.
    R"sql(
ALTER TABLE skus ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX skus_by_version ON skus(version, code);

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

-- Which ledger events concern an order: its audit trail (a projection, rebuilt by replay).
CREATE TABLE order_events (
  order_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (order_id, seq)
) STRICT, WITHOUT ROWID;

-- SKUs whose stock moved since the channels were last told; filled in the same transaction as the
-- movement, emptied by the publisher that queues the channel updates.
CREATE TABLE stock_changed (
  sku TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

-- What each channel was last told it may sell of each SKU.
CREATE TABLE channel_stock_published (
  channel TEXT NOT NULL,
  sku TEXT NOT NULL,
  available INTEGER NOT NULL,
  PRIMARY KEY (channel, sku)
) STRICT, WITHOUT ROWID;
)sql",
    // 3: revoked terminals (their row and origin stay, with their events); sessions found by
    // whom they belong to, so a deactivation or a revocation ends them at once.
    R"sql(
ALTER TABLE terminals ADD COLUMN revoked_at INTEGER;
CREATE INDEX sessions_by_subject ON sessions(kind, subject);
)sql",
};

constexpr std::array<std::string_view, 12> kProjectionTables = {
    "orders",       "order_lines",     "payments",     "refunds", "returns",        "return_lines",
    "stock_levels", "stock_movements", "reservations", "shifts",  "cash_movements", "order_events",
};

}  // namespace

int LatestSchemaVersion() {
    return static_cast<int>(kMigrations.size());
}

std::span<const std::string_view> ProjectionTables() {
    return kProjectionTables;
}

Status Migrate(Database& db) {
    auto version = db.QueryInt64("PRAGMA user_version");
    if (!version) return std::unexpected(version.error());
    if (*version > LatestSchemaVersion()) {
        return std::unexpected(MakeError(
            ErrorCode::kUnsupported,
            fmt::format("{}: schema version {} is newer than this program understands ({})",
                        db.Path(), *version, LatestSchemaVersion())));
    }
    for (auto next = *version; next < LatestSchemaVersion(); ++next) {
        auto tx = Transaction::Begin(db);
        if (!tx) return std::unexpected(tx.error());
        if (auto ok = db.Exec(kMigrations[static_cast<std::size_t>(next)]); !ok) {
            return std::unexpected(ok.error().WithContext(fmt::format("migration {}", next + 1)));
        }
        if (auto ok = db.Exec(fmt::format("PRAGMA user_version = {}", next + 1)); !ok) {
            return std::unexpected(ok.error());
        }
        if (auto ok = tx->Commit(); !ok) return std::unexpected(ok.error());
    }
    return {};
}

Result<Database> OpenAndMigrate(const std::string& path, const OpenOptions& options) {
    auto db = Database::Open(path, options);
    if (!db) return std::unexpected(db.error());
    if (auto ok = Migrate(*db); !ok) return std::unexpected(ok.error());
    return std::move(*db);
}

}  // namespace tillbook::store
