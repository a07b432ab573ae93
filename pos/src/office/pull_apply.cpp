#include "tillbook/pos/office/pull_apply.hpp"

#include <fmt/format.h>

#include <set>
#include <string>
#include <vector>

#include "tillbook/pos/office/office_link.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::pos::office {

namespace {

constexpr std::string_view kTillPrefix = "till.";

// Every row of the staff table, as text, to tell whether a pull changed anyone.
Result<std::vector<std::string>> StaffRows(store::Database& db) {
    auto q = db.Prepare(
        "SELECT id, username, display_name, role, pin_hash, active FROM staff ORDER BY id");
    if (!q) return std::unexpected(q.error());
    std::vector<std::string> rows;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return rows;
        rows.push_back(fmt::format("{}|{}|{}|{}|{}|{}", q->Text(0), q->Text(1), q->Text(2),
                                   q->Int64(3), q->Text(4), q->Int64(5)));
    }
}

Status SaveStaff(store::Database& db, const std::vector<sync::TillStaff>& staff) {
    if (auto ok = db.Exec("UPDATE staff SET active = 0 WHERE active <> 0"); !ok) return ok;
    for (const sync::TillStaff& member : staff) {
        // A username another (older) record holds is freed: usernames are unique.
        auto free = db.Prepare(
            "UPDATE staff SET username = username || '~' || id WHERE username = ?1 AND id <> ?2");
        if (!free) return std::unexpected(free.error());
        if (auto ok = free->Bind(1, member.username).Bind(2, member.id).Run(); !ok) return ok;
        auto q = db.Prepare(
            "INSERT INTO staff (id, username, display_name, role, password_hash, pin_hash, active) "
            "VALUES (?1, ?2, ?3, ?4, '', ?5, 1) ON CONFLICT (id) DO UPDATE SET username = ?2, "
            "display_name = ?3, role = ?4, pin_hash = ?5, active = 1");
        if (!q) return std::unexpected(q.error());
        if (auto ok = q->Bind(1, member.id)
                          .Bind(2, member.username)
                          .Bind(3, member.display_name)
                          .Bind(4, static_cast<std::int64_t>(member.role))
                          .Bind(5, member.pin_hash)
                          .Run();
            !ok)
            return std::unexpected(
                ok.error().WithContext(fmt::format("staff {}", member.username)));
    }
    return {};
}

Result<bool> SaveSettings(store::Database& db, const std::map<std::string, std::string>& pulled) {
    auto before = store::ListSettings(db, kTillPrefix);
    if (!before) return std::unexpected(before.error());
    std::map<std::string, std::string> wanted;
    for (const auto& [key, value] : *before) {
        if (IsTillIdentitySetting(key)) wanted.emplace(key, value);
    }
    for (const auto& [name, value] : pulled) {
        const std::string key = fmt::format("{}{}", kTillPrefix, name);
        if (!IsTillIdentitySetting(key)) wanted[key] = value;
    }
    if (wanted == *before) return false;
    for (const auto& [key, value] : *before) {
        if (!wanted.contains(key)) {
            if (auto ok = store::RemoveSetting(db, key); !ok) return std::unexpected(ok.error());
        }
    }
    for (const auto& [key, value] : wanted) {
        const auto was = before->find(key);
        if (was != before->end() && was->second == value) continue;
        if (auto ok = store::PutSetting(db, key, value); !ok) return std::unexpected(ok.error());
    }
    return true;
}

Status SaveCatalogue(store::Database& db, const sync::PullSnapshot& pull) {
    catalogue::Catalogue saved;
    saved.tax_classes = pull.tax_classes;
    for (const sync::TillSku& sku : pull.skus) {
        // A barcode that moved to this SKU leaves its old one first.
        for (const std::string& barcode : sku.barcodes) {
            auto q = db.Prepare("DELETE FROM barcodes WHERE barcode = ?");
            if (!q) return std::unexpected(q.error());
            if (auto ok = q->Bind(1, barcode).Run(); !ok) return ok;
        }
        saved.skus.push_back(catalogue::Sku{sku.code, sku.product_id, sku.product_name,
                                            sku.variant_name, sku.category, sku.barcodes, sku.price,
                                            money::Money(0, sku.price.GetCurrency()), sku.tax_class,
                                            sku.sold_by, sku.active});
    }
    return store::SaveCatalogue(db, saved);
}

Status SaveStock(store::Database& db, const std::vector<sync::StoreStock>& stock,
                 ids::UtcMillis now) {
    for (const sync::StoreStock& level : stock) {
        auto q = db.Prepare(
            "INSERT INTO office_stock (sku, on_hand, reserved, pulled_at) VALUES (?1, ?2, ?3, ?4) "
            "ON CONFLICT (sku) DO UPDATE SET on_hand = ?2, reserved = ?3, pulled_at = ?4");
        if (!q) return std::unexpected(q.error());
        if (auto ok = q->Bind(1, level.sku)
                          .Bind(2, level.on_hand)
                          .Bind(3, level.reserved)
                          .Bind(4, now)
                          .Run();
            !ok)
            return ok;
    }
    return {};
}

}  // namespace

bool IsTillIdentitySetting(std::string_view key) {
    return key == "till.store_code" || key == "till.terminal";
}

Result<PullApplied> ApplyPull(store::Database& db, const sync::PullSnapshot& pull,
                              ids::UtcMillis now) {
    auto tx = store::Transaction::Begin(db);
    if (!tx) return std::unexpected(tx.error());
    PullApplied applied;

    auto location = store::FindLocationByCode(db, pull.store.code);
    if (!location) return std::unexpected(location.error());
    const stock::Location store{pull.store.id, pull.store.code, pull.store.name,
                                stock::LocationKind::kStore, pull.store.time_zone};
    if (!*location || **location != store) {
        applied.store_changed = true;
        if (auto ok = store::SaveLocation(db, store); !ok)
            return std::unexpected(ok.error().WithContext("the store"));
    }

    auto tax_before = store::ListTaxClasses(db);
    if (!tax_before) return std::unexpected(tax_before.error());
    if (auto ok = SaveCatalogue(db, pull); !ok)
        return std::unexpected(ok.error().WithContext("the catalogue"));
    auto tax_after = store::ListTaxClasses(db);
    if (!tax_after) return std::unexpected(tax_after.error());
    applied.tax_changed = *tax_before != *tax_after;
    applied.skus = static_cast<std::int64_t>(pull.skus.size());

    auto staff_before = StaffRows(db);
    if (!staff_before) return std::unexpected(staff_before.error());
    if (auto ok = SaveStaff(db, pull.staff); !ok) return std::unexpected(ok.error());
    auto staff_after = StaffRows(db);
    if (!staff_after) return std::unexpected(staff_after.error());
    applied.staff_changed = *staff_before != *staff_after;

    auto settings = SaveSettings(db, pull.settings);
    if (!settings) return std::unexpected(settings.error().WithContext("settings"));
    applied.settings_changed = *settings;

    if (auto ok = SaveStock(db, pull.stock, now); !ok)
        return std::unexpected(ok.error().WithContext("stock"));
    applied.stock = static_cast<std::int64_t>(pull.stock.size());

    if (auto ok = SaveCursor(db, sync::FormatCursor(pull.cursor), now); !ok)
        return std::unexpected(ok.error());
    if (auto ok = tx->Commit(); !ok) return std::unexpected(ok.error());
    return applied;
}

}  // namespace tillbook::pos::office
