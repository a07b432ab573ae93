#include "tillbook/ledger/verify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "tillbook/ledger/ledger.hpp"
#include "tillbook/store/schema.hpp"

namespace tillbook::ledger {

namespace {

// Runs a query whose rows each describe one problem (first column: text).
Status CollectProblems(store::Database& db, std::string_view sql, std::string_view what,
                       std::vector<std::string>& problems) {
    auto q = db.Prepare(sql);
    if (!q) return std::unexpected(q.error());
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return {};
        problems.push_back(fmt::format("{}: {}", what, q->Text(0)));
    }
}

Result<std::vector<std::string>> ColumnNames(store::Database& db, std::string_view table) {
    auto q =
        db.Prepare(fmt::format("SELECT name FROM pragma_table_info('{}') ORDER BY cid", table));
    if (!q) return std::unexpected(q.error());
    std::vector<std::string> names;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        names.push_back(q->Text(0));
    }
    if (names.empty()) {
        return std::unexpected(MakeError(ErrorCode::kNotFound, fmt::format("no table {}", table)));
    }
    return names;
}

}  // namespace

Result<std::vector<std::string>> DumpTable(store::Database& db, std::string_view table) {
    auto columns = ColumnNames(db, table);
    if (!columns) return std::unexpected(columns.error());
    std::string select;
    for (const std::string& column : *columns) {
        if (!select.empty()) select += " || '|' || ";
        select += fmt::format("quote(\"{}\")", column);
    }
    auto q = db.Prepare(fmt::format("SELECT {} FROM \"{}\"", select, table));
    if (!q) return std::unexpected(q.error());
    std::vector<std::string> rows;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        rows.push_back(q->Text(0));
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

Result<VerifyReport> VerifyDatabase(store::Database& db, const std::string& scratch_path) {
    VerifyReport report;
    auto events = db.QueryInt64("SELECT count(*) FROM ledger");
    if (!events) return std::unexpected(events.error());
    report.events = *events;

    {
        auto q = db.Prepare("PRAGMA integrity_check");
        if (!q) return std::unexpected(q.error());
        while (true) {
            auto row = q->Step();
            if (!row) return std::unexpected(row.error());
            if (!*row) break;
            if (q->Text(0) != "ok") report.problems.push_back("integrity: " + q->Text(0));
        }
    }
    if (auto ok = CollectProblems(db,
                                  "SELECT \"table\" || ' row ' || rowid || ' -> ' || parent FROM "
                                  "pragma_foreign_key_check",
                                  "foreign key", report.problems);
        !ok) {
        return std::unexpected(ok.error());
    }
    const std::string_view kConsistency[][2] = {
        {"SELECT l.location_id || ' ' || l.sku || ': on hand ' || l.on_hand || ', movements ' || "
         "coalesce(sum(m.on_hand_delta), 0) || '; reserved ' || l.reserved || ', movements ' || "
         "coalesce(sum(m.reserved_delta), 0) FROM stock_levels l LEFT JOIN stock_movements m "
         "ON m.location_id = l.location_id AND m.sku = l.sku GROUP BY l.location_id, l.sku "
         "HAVING l.on_hand != coalesce(sum(m.on_hand_delta), 0) OR l.reserved != "
         "coalesce(sum(m.reserved_delta), 0)",
         "stock level is not the sum of its movements"},
        {"SELECT o.id || ': paid ' || o.paid_minor || ', payments ' || "
         "coalesce(sum(p.amount_minor), 0) "
         "FROM orders o LEFT JOIN payments p ON p.order_id = o.id GROUP BY o.id "
         "HAVING o.paid_minor != coalesce(sum(p.amount_minor), 0)",
         "order paid is not the sum of its payments"},
        {"SELECT o.id || ': refunded ' || o.refunded_minor || ', refunds ' || "
         "coalesce(sum(r.amount_minor), 0) "
         "FROM orders o LEFT JOIN refunds r ON r.order_id = o.id GROUP BY o.id "
         "HAVING o.refunded_minor != coalesce(sum(r.amount_minor), 0)",
         "order refunded is not the sum of its refunds"},
        {"SELECT id || ': refunded ' || refunded_minor || ' of ' || paid_minor FROM orders WHERE "
         "refunded_minor > paid_minor",
         "over-refund"},
        {"SELECT order_id || ' line ' || line_no FROM order_lines WHERE returned_quantity > "
         "quantity",
         "over-return"},
        {"SELECT location_id || ' ' || sku || ': ' || reserved FROM stock_levels WHERE reserved < "
         "0",
         "negative reservation"},
        {"SELECT l.location_id || ' ' || l.sku || ': reserved ' || l.reserved || ', reservations ' "
         "|| coalesce(sum(r.quantity), 0) "
         "FROM stock_levels l LEFT JOIN reservations r ON r.location_id = l.location_id AND r.sku "
         "= l.sku "
         "GROUP BY l.location_id, l.sku HAVING l.reserved != coalesce(sum(r.quantity), 0)",
         "reserved is not the sum of open reservations"},
        // An amendment replaces an order's lines and totals together, and releases what its new
        // lines no longer want.
        {"SELECT o.id || ': total ' || o.total_minor || ', lines ' || "
         "coalesce(sum(l.total_minor), 0) || '; tax ' || o.tax_minor || ', lines ' || "
         "coalesce(sum(l.tax_minor), 0) FROM orders o LEFT JOIN order_lines l ON l.order_id = "
         "o.id GROUP BY o.id HAVING o.total_minor != coalesce(sum(l.total_minor), 0) OR "
         "o.tax_minor != coalesce(sum(l.tax_minor), 0)",
         "order total is not the sum of its lines"},
        {"SELECT r.order_id || ' ' || r.sku || ': reserved ' || r.reserved || ', ordered ' || "
         "coalesce((SELECT sum(l.quantity) FROM order_lines l WHERE l.order_id = r.order_id AND "
         "l.sku = r.sku AND l.kind = 1), 0) FROM (SELECT order_id, sku, sum(quantity) AS reserved "
         "FROM reservations GROUP BY order_id, sku) r WHERE r.reserved > coalesce((SELECT "
         "sum(l.quantity) FROM order_lines l WHERE l.order_id = r.order_id AND l.sku = r.sku AND "
         "l.kind = 1), 0)",
         "reserved above what the order wants"},
        // Store credit: a card's balance is what went on less what came off, never below zero.
        {"SELECT c.card_number || ': balance ' || c.balance_minor || ', issued ' || c.issued_minor "
         "|| ', redeemed ' || c.redeemed_minor || '; movements ' || "
         "coalesce(sum(m.amount_minor), 0) FROM credit_cards c LEFT JOIN credit_movements m ON "
         "m.card_number = c.card_number GROUP BY c.card_number HAVING c.balance_minor != "
         "coalesce(sum(m.amount_minor), 0) OR c.issued_minor != coalesce(sum(max(m.amount_minor, "
         "0)), 0) OR c.redeemed_minor != coalesce(sum(max(-m.amount_minor, 0)), 0) OR "
         "c.balance_minor < 0",
         "card balance is not the sum of its movements"},
    };
    for (const auto& [sql, what] : kConsistency) {
        if (auto ok = CollectProblems(db, sql, what, report.problems); !ok)
            return std::unexpected(ok.error());
    }

    // Replay into a copy and compare.
    std::remove(scratch_path.c_str());
    auto vacuum = db.Prepare("VACUUM INTO ?");
    if (!vacuum) return std::unexpected(vacuum.error());
    if (auto ok = vacuum->Bind(1, scratch_path).Run(); !ok) {
        return std::unexpected(ok.error().WithContext("copying the database for replay"));
    }
    {
        auto copy = store::Database::Open(
            scratch_path, store::OpenOptions{store::Durability::kNormal, 5000, false});
        if (!copy) return std::unexpected(copy.error());
        Ledger replay(*copy);
        if (auto ok = replay.RebuildProjections(); !ok) {
            report.problems.push_back("replay failed: " + ok.error().message);
        } else {
            for (std::string_view table : store::ProjectionTables()) {
                auto live = DumpTable(db, table);
                auto rebuilt = DumpTable(*copy, table);
                if (!live) return std::unexpected(live.error());
                if (!rebuilt) return std::unexpected(rebuilt.error());
                if (*live != *rebuilt) {
                    std::vector<std::string> only_live, only_rebuilt;
                    std::set_difference(live->begin(), live->end(), rebuilt->begin(),
                                        rebuilt->end(), std::back_inserter(only_live));
                    std::set_difference(rebuilt->begin(), rebuilt->end(), live->begin(),
                                        live->end(), std::back_inserter(only_rebuilt));
                    report.problems.push_back(fmt::format(
                        "{}: replay differs ({} rows only live, first: {}; {} rows only replayed, "
                        "first: {})",
                        table, only_live.size(), only_live.empty() ? "-" : only_live.front(),
                        only_rebuilt.size(), only_rebuilt.empty() ? "-" : only_rebuilt.front()));
                }
            }
        }
    }
    std::remove(scratch_path.c_str());
    std::remove((scratch_path + "-wal").c_str());
    std::remove((scratch_path + "-shm").c_str());
    return report;
}

}  // namespace tillbook::ledger
