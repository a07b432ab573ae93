#include "tillbook/queries/sync_snapshot.hpp"

#include <fmt/format.h>

#include <unordered_map>
#include <utility>
#include <vector>

#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::queries {

namespace {

// BEGIN (deferred): the snapshot starts at the first read and holds until the end.
class ReadTransaction {
  public:
    [[nodiscard]] static Result<ReadTransaction> Begin(store::Database& db) {
        if (auto ok = db.Exec("BEGIN"); !ok)
            return std::unexpected(ok.error().WithContext("beginning a read"));
        return ReadTransaction(db);
    }
    ReadTransaction(ReadTransaction&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}
    ReadTransaction& operator=(ReadTransaction&&) = delete;
    ReadTransaction(const ReadTransaction&) = delete;
    ~ReadTransaction() {
        if (m_db != nullptr) (void)m_db->Exec("ROLLBACK");  // nothing was written
    }

  private:
    explicit ReadTransaction(store::Database& db) : m_db(&db) {}
    store::Database* m_db;
};

// Runs `q` and hands each row to `on_row`, which may fail.
template <class OnRow>
Status EachRow(Result<store::StatementUse>& q, OnRow on_row) {
    if (!q) return std::unexpected(q.error());
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return {};
        if (Status ok = on_row(*q); !ok) return ok;
    }
}

// A value in the database that this build cannot hold is a fault of the database, not of the till.
Error Fault(const Error& error, std::string_view where) {
    Error fault = error.WithContext(where);
    fault.code = ErrorCode::kStorage;
    return fault;
}

// The page of SKUs after the cursor (?1 version, ?2 code, ?3 how many): read once for the SKUs and
// once for their barcodes, in the same snapshot.
constexpr std::string_view kSkuPage =
    "FROM skus WHERE (version, code) > (?1, ?2) ORDER BY version, code LIMIT ?3";

Status ReadSkus(store::Database& db, const sync::PullCursor& since, std::int64_t limit,
                sync::PullSnapshot& out) {
    auto q = db.Prepare(fmt::format(
        "SELECT code, product_id, product_name, variant_name, category, currency, price_minor, "
        "tax_class, sold_by, active, version {}",
        kSkuPage));
    if (q) q->Bind(1, since.catalogue_version).Bind(2, since.catalogue_code).Bind(3, limit);
    return EachRow(q, [&](store::StatementUse& row) -> Status {
        auto currency = money::FindCurrency(row.Text(5));
        if (!currency) return std::unexpected(Fault(currency.error(), "SKU " + row.Text(0)));
        out.skus.push_back(sync::TillSku{row.Text(0),
                                         row.Text(1),
                                         row.Text(2),
                                         row.Text(3),
                                         row.Text(4),
                                         money::Money(row.Int64(6), *currency),
                                         row.Text(7),
                                         static_cast<catalogue::SoldBy>(row.Int64(8)),
                                         row.Int64(9) != 0,
                                         {}});
        out.cursor.catalogue_version = row.Int64(10);
        out.cursor.catalogue_code = row.Text(0);
        return {};
    });
}

// The barcodes of every SKU in the page, in one query.
Status ReadBarcodes(store::Database& db, const sync::PullCursor& since, std::int64_t limit,
                    std::vector<sync::TillSku>& skus) {
    std::unordered_map<std::string, sync::TillSku*> by_code;
    for (sync::TillSku& sku : skus)
        by_code.emplace(sku.code, &sku);
    auto q = db.Prepare(fmt::format(
        "SELECT sku, barcode FROM barcodes WHERE sku IN (SELECT code {}) ORDER BY sku, barcode",
        kSkuPage));
    if (q) q->Bind(1, since.catalogue_version).Bind(2, since.catalogue_code).Bind(3, limit);
    return EachRow(q, [&](store::StatementUse& row) -> Status {
        const auto found = by_code.find(row.Text(0));
        if (found != by_code.end()) found->second->barcodes.push_back(row.Text(1));
        return {};
    });
}

Status ReadStaff(store::Database& db, std::vector<sync::TillStaff>& out) {
    auto q = db.Prepare(
        "SELECT id, username, display_name, role, pin_hash FROM staff WHERE active = 1 ORDER BY "
        "username");
    return EachRow(q, [&](store::StatementUse& row) -> Status {
        out.push_back(sync::TillStaff{row.Text(0), row.Text(1), row.Text(2),
                                      static_cast<staff::Role>(row.Int64(3)), row.Text(4)});
        return {};
    });
}

// The levels at the store of the SKUs whose stock moved in (after, up_to].
Status ReadStock(store::Database& db, const std::string& location_id, std::int64_t after,
                 std::int64_t up_to, std::vector<sync::StoreStock>& out) {
    auto q = db.Prepare(
        "SELECT sku, on_hand, reserved FROM stock_levels WHERE location_id = ?1 AND sku IN "
        "(SELECT DISTINCT sku FROM stock_movements WHERE location_id = ?1 AND seq > ?2 AND seq "
        "<= ?3) ORDER BY sku");
    if (q) q->Bind(1, location_id).Bind(2, after).Bind(3, up_to);
    return EachRow(q, [&](store::StatementUse& row) -> Status {
        out.push_back(sync::StoreStock{row.Text(0), row.Int64(1), row.Int64(2)});
        return {};
    });
}

}  // namespace

Result<sync::PullSnapshot> ReadSyncSnapshot(store::Database& db, std::string_view store_code,
                                            const sync::PullCursor& since,
                                            std::int64_t skus_per_pull) {
    auto read = ReadTransaction::Begin(db);
    if (!read) return std::unexpected(read.error());
    auto location = store::FindLocationByCode(db, store_code);
    if (!location) return std::unexpected(location.error());
    if (!*location)
        return std::unexpected(MakeError(ErrorCode::kNotFound, "this terminal's store is gone"));
    sync::PullSnapshot snapshot;
    snapshot.store = sync::TillStore{(*location)->code, (*location)->id, (*location)->name,
                                     (*location)->time_zone};
    // Stock is read up to here, in this snapshot: the cursor moves no further.
    auto up_to = db.QueryInt64("SELECT coalesce(max(seq), 0) FROM ledger");
    if (!up_to) return std::unexpected(up_to.error());
    snapshot.cursor = since;
    snapshot.cursor.ledger_seq = *up_to;
    if (auto ok = ReadSkus(db, since, skus_per_pull, snapshot); !ok)
        return std::unexpected(ok.error());
    if (auto ok = ReadBarcodes(db, since, skus_per_pull, snapshot.skus); !ok)
        return std::unexpected(ok.error());
    snapshot.more = static_cast<std::int64_t>(snapshot.skus.size()) == skus_per_pull;
    auto tax_classes = store::ListTaxClasses(db);
    if (!tax_classes) return std::unexpected(tax_classes.error());
    snapshot.tax_classes = std::move(*tax_classes);
    if (auto ok = ReadStaff(db, snapshot.staff); !ok) return std::unexpected(ok.error());
    if (auto ok = ReadStock(db, (*location)->id, since.ledger_seq, *up_to, snapshot.stock); !ok)
        return std::unexpected(ok.error());
    auto settings = ReadTillSettings(db, (*location)->code);
    if (!settings) return std::unexpected(settings.error());
    snapshot.settings = std::move(*settings);
    return snapshot;
}

Result<std::map<std::string, std::string>> ReadTillSettings(store::Database& db,
                                                            std::string_view store_code) {
    std::map<std::string, std::string> settings;
    // Shop-wide first, then the store's own, so the store's win.
    for (const std::string& prefix : {std::string("till."), fmt::format("store.{}.", store_code)}) {
        auto found = store::ListSettings(db, prefix);
        if (!found) return std::unexpected(found.error());
        for (auto& [key, value] : *found)
            settings[key.substr(prefix.size())] = std::move(value);
    }
    return settings;
}

}  // namespace tillbook::queries
