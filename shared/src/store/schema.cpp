#include "tillbook/store/schema.hpp"

#include <fmt/format.h>

#include <array>
#include <functional>
#include <optional>

namespace tillbook::store {

namespace {

// Never edit a migration once released: add a new one. (The one exception: migrations 2 and 3
// gave the back office's tables to their owner when the schema was split, and the back office's
// part adopts them in databases made before.)
constexpr std::array<std::string_view, 8> kMigrations = {
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
    // 2: catalogue versions for the tills' pull; the orders' audit trail. (Until the schema was
    // split by owner, this migration also made the back office's tables: see OfficeSchema.)
    R"sql(
ALTER TABLE skus ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX skus_by_version ON skus(version, code);

-- Which ledger events concern an order: its audit trail (a projection, rebuilt by replay).
CREATE TABLE order_events (
  order_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (order_id, seq)
) STRICT, WITHOUT ROWID;
)sql",
    // 3: nothing of the shared schema any more (it changed the back office's tables, which its
    // own migrations now hold); kept so that version numbers keep their meaning.
    R"sql(
SELECT 1;
)sql",
    // 4: the manager who approved an event that needed an approval ('' when none did).
    R"sql(
ALTER TABLE ledger ADD COLUMN approver TEXT NOT NULL DEFAULT '';
)sql",
    // 5: store credit and gift cards: a balance per card number, its movements, and the
    // redemptions made at the back office (projections of RefundIssued to store credit,
    // CreditIssued and CreditRedeemed).
    R"sql(
CREATE TABLE credit_cards (
  card_number TEXT PRIMARY KEY,
  currency TEXT NOT NULL,
  balance_minor INTEGER NOT NULL CHECK (balance_minor >= 0),
  issued_minor INTEGER NOT NULL,
  redeemed_minor INTEGER NOT NULL,
  first_seq INTEGER NOT NULL
) STRICT;

-- kind: 1 refunded to the card, 2 issued (a gift card sold), 3 redeemed, 4 a redemption given
-- back. amount_minor: + onto the card, - off it.
CREATE TABLE credit_movements (
  seq INTEGER NOT NULL,
  position INTEGER NOT NULL,
  card_number TEXT NOT NULL REFERENCES credit_cards(card_number),
  kind INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor <> 0),
  order_id TEXT NOT NULL,
  return_id TEXT NOT NULL,
  redemption_id TEXT NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (seq, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX credit_movements_by_card ON credit_movements(card_number, seq);

CREATE TABLE credit_redemptions (
  id TEXT PRIMARY KEY,
  card_number TEXT NOT NULL REFERENCES credit_cards(card_number),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  redeemed_seq INTEGER NOT NULL,
  cancelled_seq INTEGER
) STRICT;

-- The payments that spend a redemption (tender 3: store credit), found by its id.
CREATE INDEX payments_by_redemption ON payments(reference) WHERE tender = 3;
)sql",
    // 6: how many times each shift's drawer was opened with no sale (DrawerOpened).
    R"sql(
ALTER TABLE shifts ADD COLUMN no_sales INTEGER NOT NULL DEFAULT 0;
)sql",
    // 7: the back office's order list over every channel (issue 15): the customer's name, and
    // indexes for its sorts (deadline, newest) alone and under each filter, its search (the text
    // columns in one covering expression, scanned without the table) and its SKU search. 1, 2, 3
    // and 4 are the statuses open for despatch (orders::IsOpenForDespatch), written as the list's
    // query writes them so that the partial indexes serve it.
    R"sql(
ALTER TABLE orders ADD COLUMN customer_name TEXT NOT NULL DEFAULT '';
CREATE INDEX orders_by_deadline ON orders(coalesce(despatch_by, placed_at), placed_seq);
CREATE INDEX orders_by_placed ON orders(placed_at, placed_seq);
CREATE INDEX orders_by_channel_deadline
  ON orders(channel, coalesce(despatch_by, placed_at), placed_seq);
CREATE INDEX orders_by_channel_placed ON orders(channel, placed_at, placed_seq);
CREATE INDEX orders_by_status_deadline
  ON orders(status, coalesce(despatch_by, placed_at), placed_seq);
CREATE INDEX orders_by_status_placed ON orders(status, placed_at, placed_seq);
CREATE INDEX orders_open_by_deadline ON orders(coalesce(despatch_by, placed_at), placed_seq)
  WHERE status IN (1, 2, 3, 4);
CREATE INDEX orders_open_by_placed ON orders(placed_at, placed_seq) WHERE status IN (1, 2, 3, 4);
CREATE INDEX orders_needing_attention ON orders(coalesce(despatch_by, placed_at), placed_seq)
  WHERE attention <> '';
CREATE INDEX orders_needing_attention_placed ON orders(placed_at, placed_seq)
  WHERE attention <> '';
CREATE INDEX orders_by_text
  ON orders(lower(number || ' ' || external_id || ' ' || customer_email || ' ' || customer_name));
CREATE INDEX order_lines_by_sku ON order_lines(sku);
)sql",
    // 8: the till at whose word the back office recorded an event ('' when none: the event's
    // origin made it itself), for the audit trail of a till's return of an order it did not make.
    R"sql(
ALTER TABLE ledger ADD COLUMN via TEXT NOT NULL DEFAULT '';
)sql",
};

constexpr std::array<std::string_view, 15> kProjectionTables = {
    "orders",         "order_lines",  "payments",        "refunds",          "returns",
    "return_lines",   "stock_levels", "stock_movements", "reservations",     "shifts",
    "cash_movements", "order_events", "credit_cards",    "credit_movements", "credit_redemptions",
};

}  // namespace

int LatestSchemaVersion() {
    return static_cast<int>(kMigrations.size());
}

std::span<const std::string_view> ProjectionTables() {
    return kProjectionTables;
}

namespace {

// Runs migrations [from, to) of `migrations`, each in its own transaction with `record` (which
// stores the version reached).
Status RunMigrations(Database& db, std::string_view owner,
                     std::span<const std::string_view> migrations, std::int64_t from,
                     const std::function<Status(std::int64_t)>& record) {
    for (auto next = from; next < static_cast<std::int64_t>(migrations.size()); ++next) {
        auto tx = Transaction::Begin(db);
        if (!tx) return std::unexpected(tx.error());
        if (auto ok = db.Exec(migrations[static_cast<std::size_t>(next)]); !ok) {
            return std::unexpected(
                ok.error().WithContext(fmt::format("{} migration {}", owner, next + 1)));
        }
        if (auto ok = record(next + 1); !ok) return ok;
        if (auto ok = tx->Commit(); !ok) return std::unexpected(ok.error());
    }
    return {};
}

Status TooNew(const Database& db, std::string_view owner, std::int64_t version,
              std::size_t latest) {
    return std::unexpected(MakeError(
        ErrorCode::kUnsupported,
        fmt::format("{}: {} schema version {} is newer than this program understands ({})",
                    db.Path(), owner, version, latest)));
}

Result<std::optional<std::int64_t>> PartVersion(Database& db, std::string_view owner) {
    auto q = db.Prepare("SELECT version FROM schema_parts WHERE owner = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, owner);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{q->Int64(0)};
}

}  // namespace

Status Migrate(Database& db) {
    auto version = db.QueryInt64("PRAGMA user_version");
    if (!version) return std::unexpected(version.error());
    if (*version > LatestSchemaVersion()) return TooNew(db, "shared", *version, kMigrations.size());
    return RunMigrations(db, "shared", kMigrations, *version, [&](std::int64_t reached) {
        return db.Exec(fmt::format("PRAGMA user_version = {}", reached));
    });
}

Status Migrate(Database& db, const SchemaPart& part) {
    if (auto ok = db.Exec(
            "CREATE TABLE IF NOT EXISTS schema_parts (owner TEXT PRIMARY KEY, version INTEGER NOT "
            "NULL) STRICT");
        !ok)
        return ok;
    if (!part.excludes.empty()) {
        auto other = PartVersion(db, part.excludes);
        if (!other) return std::unexpected(other.error());
        if (*other) {
            return std::unexpected(MakeError(
                ErrorCode::kConflict, fmt::format("{} is a database of the {}, not of the {}",
                                                  db.Path(), part.excludes, part.owner)));
        }
    }
    auto stored = PartVersion(db, part.owner);
    if (!stored) return std::unexpected(stored.error());
    std::int64_t version = 0;
    if (*stored) {
        version = **stored;
    } else if (part.adopt) {
        auto adopted = part.adopt(db);
        if (!adopted) return std::unexpected(adopted.error());
        version = *adopted;
    }
    if (version > static_cast<std::int64_t>(part.migrations.size()))
        return TooNew(db, part.owner, version, part.migrations.size());
    auto record = [&](std::int64_t reached) -> Status {
        auto q = db.Prepare(
            "INSERT INTO schema_parts (owner, version) VALUES (?1, ?2) ON CONFLICT (owner) DO "
            "UPDATE SET version = ?2");
        if (!q) return std::unexpected(q.error());
        return q->Bind(1, part.owner).Bind(2, reached).Run();
    };
    if (!*stored) {
        // Record the owner even when it has nothing to run, so the database says whose it is.
        auto tx = Transaction::Begin(db);
        if (!tx) return std::unexpected(tx.error());
        if (auto ok = record(version); !ok) return ok;
        if (auto ok = tx->Commit(); !ok) return std::unexpected(ok.error());
    }
    return RunMigrations(db, part.owner, part.migrations, version, record);
}

Result<bool> TableExists(Database& db, std::string_view table) {
    auto q = db.Prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, table);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    return q->Int64(0) > 0;
}

Result<Database> OpenAndMigrate(const std::string& path, const OpenOptions& options) {
    auto db = Database::Open(path, options);
    if (!db) return std::unexpected(db.error());
    if (auto ok = Migrate(*db); !ok) return std::unexpected(ok.error());
    return std::move(*db);
}

Result<Database> OpenAndMigrate(const std::string& path, const OpenOptions& options,
                                const SchemaPart& part) {
    auto db = OpenAndMigrate(path, options);
    if (!db) return db;
    if (auto ok = Migrate(*db, part); !ok) return std::unexpected(ok.error());
    return std::move(*db);
}

}  // namespace tillbook::store
