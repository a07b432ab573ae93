#include "tillbook/store/catalogue_store.hpp"

#include <fmt/format.h>

#include "tillbook/barcode/embedded_price.hpp"
#include "tillbook/barcode/gtin.hpp"
#include "tillbook/catalogue/sku_rules.hpp"

namespace tillbook::store {

namespace {

constexpr std::string_view kSkuColumns =
    "code, product_id, product_name, variant_name, category, currency, price_minor, cost_minor, "
    "tax_class, sold_by, active";

Result<catalogue::Sku> ReadSku(Database& db, StatementUse& q) {
    auto currency = money::FindCurrency(q.Text(5));
    if (!currency) return std::unexpected(currency.error());
    catalogue::Sku sku;
    sku.code = q.Text(0);
    sku.product_id = q.Text(1);
    sku.product_name = q.Text(2);
    sku.variant_name = q.Text(3);
    sku.category = q.Text(4);
    sku.price = money::Money(q.Int64(6), *currency);
    sku.cost_price = money::Money(q.Int64(7), *currency);
    sku.tax_class = q.Text(8);
    sku.sold_by = static_cast<catalogue::SoldBy>(q.Int64(9));
    sku.active = q.Int64(10) != 0;
    auto codes = db.Prepare("SELECT barcode FROM barcodes WHERE sku = ? ORDER BY barcode");
    if (!codes) return std::unexpected(codes.error());
    codes->Bind(1, sku.code);
    while (true) {
        auto row = codes->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        sku.barcodes.push_back(codes->Text(0));
    }
    return sku;
}

Result<std::optional<catalogue::Sku>> SkuWhere(Database& db, std::string_view where,
                                               std::string_view key) {
    auto q = db.Prepare(fmt::format("SELECT {} FROM skus WHERE {}", kSkuColumns, where));
    if (!q) return std::unexpected(q.error());
    q->Bind(1, key);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<catalogue::Sku>{};
    auto sku = ReadSku(db, *q);
    if (!sku) return std::unexpected(sku.error());
    return std::optional<catalogue::Sku>{std::move(*sku)};
}

}  // namespace

Status SaveCatalogue(Database& db, const catalogue::Catalogue& catalogue) {
    for (const catalogue::TaxClass& tax : catalogue.tax_classes) {
        auto q = db.Prepare(
            "INSERT INTO tax_classes (code, rate_bp, mode) VALUES (?, ?, ?) "
            "ON CONFLICT (code) DO UPDATE SET rate_bp = excluded.rate_bp, mode = excluded.mode");
        if (!q) return std::unexpected(q.error());
        if (auto ok = q->Bind(1, tax.code)
                          .Bind(2, static_cast<std::int64_t>(tax.rate))
                          .Bind(3, static_cast<std::int64_t>(tax.mode))
                          .Run();
            !ok) {
            return std::unexpected(ok.error().WithContext(fmt::format("tax class {}", tax.code)));
        }
    }
    // Every save is a new catalogue version: tills pull the SKUs changed since theirs.
    auto version = db.QueryInt64("SELECT coalesce(max(version), 0) + 1 FROM skus");
    if (!version) return std::unexpected(version.error());
    for (const catalogue::Sku& sku : catalogue.skus) {
        auto q = db.Prepare(
            "INSERT INTO skus (code, product_id, product_name, variant_name, category, currency, "
            "price_minor, "
            "cost_minor, tax_class, sold_by, active, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?) "
            "ON CONFLICT (code) DO UPDATE SET product_id = excluded.product_id, "
            "product_name = excluded.product_name, variant_name = excluded.variant_name, "
            "category = excluded.category, currency = excluded.currency, price_minor = "
            "excluded.price_minor, "
            "cost_minor = excluded.cost_minor, tax_class = excluded.tax_class, sold_by = "
            "excluded.sold_by, "
            "active = excluded.active, version = excluded.version");
        if (!q) return std::unexpected(q.error());
        if (auto ok = q->Bind(1, sku.code)
                          .Bind(2, sku.product_id)
                          .Bind(3, sku.product_name)
                          .Bind(4, sku.variant_name)
                          .Bind(5, sku.category)
                          .Bind(6, sku.price.GetCurrency().code)
                          .Bind(7, sku.price.Minor())
                          .Bind(8, sku.cost_price.Minor())
                          .Bind(9, sku.tax_class)
                          .Bind(10, static_cast<std::int64_t>(sku.sold_by))
                          .Bind(11, sku.active ? 1 : 0)
                          .Bind(12, *version)
                          .Run();
            !ok) {
            return std::unexpected(ok.error().WithContext(fmt::format("SKU {}", sku.code)));
        }
        auto clear = db.Prepare("DELETE FROM barcodes WHERE sku = ?");
        if (!clear) return std::unexpected(clear.error());
        if (auto ok = clear->Bind(1, sku.code).Run(); !ok) return ok;
        for (const std::string& code : sku.barcodes) {
            auto b = db.Prepare("INSERT INTO barcodes (barcode, sku) VALUES (?, ?)");
            if (!b) return std::unexpected(b.error());
            if (auto ok = b->Bind(1, code).Bind(2, sku.code).Run(); !ok) {
                return std::unexpected(
                    ok.error().WithContext(fmt::format("SKU {} barcode {}", sku.code, code)));
            }
        }
    }
    return {};
}

Result<std::optional<catalogue::Sku>> FindSku(Database& db, std::string_view code) {
    return SkuWhere(db, "code = ?", code);
}

Result<std::optional<catalogue::TaxClass>> FindTaxClass(Database& db, std::string_view code) {
    auto q = db.Prepare("SELECT code, rate_bp, mode FROM tax_classes WHERE code = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, code);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<catalogue::TaxClass>{};
    return std::optional<catalogue::TaxClass>{
        catalogue::TaxClass{q->Text(0), static_cast<money::TaxRateBasisPoints>(q->Int64(1)),
                            static_cast<money::TaxMode>(q->Int64(2))}};
}

Result<std::vector<catalogue::TaxClass>> ListTaxClasses(Database& db) {
    auto q = db.Prepare("SELECT code, rate_bp, mode FROM tax_classes ORDER BY code");
    if (!q) return std::unexpected(q.error());
    std::vector<catalogue::TaxClass> out;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return out;
        out.push_back(catalogue::TaxClass{q->Text(0),
                                          static_cast<money::TaxRateBasisPoints>(q->Int64(1)),
                                          static_cast<money::TaxMode>(q->Int64(2))});
    }
}

Status SaveSku(Database& db, const catalogue::Sku& sku) {
    return SaveCatalogue(db, catalogue::Catalogue{{}, {sku}});
}

Result<std::optional<BarcodeOwner>> FindBarcodeOwner(Database& db, std::string_view gtin14) {
    const std::vector<std::string> forms = catalogue::StoredFormsOf(gtin14);
    if (forms.empty()) return std::optional<BarcodeOwner>{};
    auto q = db.Prepare("SELECT barcode, sku FROM barcodes WHERE barcode IN (?, ?, ?, ?) LIMIT 1");
    if (!q) return std::unexpected(q.error());
    for (int i = 0; i < 4; ++i)
        q->Bind(i + 1, forms[std::min(static_cast<std::size_t>(i), forms.size() - 1)]);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<BarcodeOwner>{};
    return std::optional<BarcodeOwner>{BarcodeOwner{q->Text(0), q->Text(1)}};
}

Result<std::optional<std::string>> FindProductName(Database& db, std::string_view product_id,
                                                   std::string_view except_sku) {
    auto q = db.Prepare(
        "SELECT product_name FROM skus WHERE product_id = ? AND code <> ? ORDER BY code LIMIT 1");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, product_id).Bind(2, except_sku);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<std::string>{};
    return std::optional<std::string>{q->Text(0)};
}

Result<money::Currency> ShopCurrency(Database& db) {
    auto setting = GetSetting(db, "shop.currency");
    if (!setting) return std::unexpected(setting.error());
    if (*setting) return money::FindCurrency(**setting);
    auto q = db.Prepare(
        "SELECT currency FROM skus GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1");
    if (!q) return std::unexpected(q.error());
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    return money::FindCurrency(*row ? q->Text(0) : "GBP");
}

Result<ProductPage> ListProducts(Database& db, std::string_view category, std::string_view after,
                                 std::int64_t limit) {
    auto ids = db.Prepare(
        "SELECT DISTINCT product_id FROM skus WHERE (?1 = '' OR category = ?1) AND product_id > ?2 "
        "ORDER BY product_id LIMIT ?3");
    if (!ids) return std::unexpected(ids.error());
    ids->Bind(1, category).Bind(2, after).Bind(3, limit + 1);
    ProductPage page;
    while (true) {
        auto row = ids->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        if (static_cast<std::int64_t>(page.products.size()) == limit) {
            page.more = true;
            break;
        }
        page.products.push_back(Product{ids->Text(0), {}, {}});
    }
    for (Product& product : page.products) {
        auto codes = db.Prepare(
            "SELECT code FROM skus WHERE product_id = ?1 AND (?2 = '' OR category = ?2) ORDER BY "
            "code");
        if (!codes) return std::unexpected(codes.error());
        codes->Bind(1, product.product_id).Bind(2, category);
        std::vector<std::string> found;
        while (true) {
            auto row = codes->Step();
            if (!row) return std::unexpected(row.error());
            if (!*row) break;
            found.push_back(codes->Text(0));
        }
        for (const std::string& code : found) {
            auto sku = FindSku(db, code);
            if (!sku) return std::unexpected(sku.error());
            if (*sku) product.variants.push_back(std::move(**sku));
        }
        if (!product.variants.empty()) product.product_name = product.variants.front().product_name;
    }
    return page;
}

Result<ScannedItem> FindByScan(Database& db, std::string_view code) {
    const std::string_view by_barcode = "code = (SELECT sku FROM barcodes WHERE barcode = ?)";
    auto gtin = barcode::ParseGtin(code);
    if (gtin) {
        // Try the code as scanned, then its EAN-13 form (a UPC-A scanned from a 13-digit label).
        std::vector<std::string> forms{gtin->digits};
        if (auto ean13 = barcode::NormalisedEan13(*gtin); ean13 && *ean13 != gtin->digits)
            forms.push_back(*ean13);
        for (const std::string& form : forms) {
            auto sku = SkuWhere(db, by_barcode, form);
            if (!sku) return std::unexpected(sku.error());
            if (*sku) return ScannedItem{std::move(**sku), std::nullopt, std::nullopt};
        }
        const auto layouts = barcode::DefaultEmbeddedLayouts();
        auto embedded = barcode::DecodeEmbedded(gtin->digits, layouts);
        if (embedded) {
            for (const barcode::EmbeddedLayout& layout : layouts) {
                if (layout.prefix != embedded->prefix || layout.kind != embedded->kind) continue;
                auto registered = barcode::EncodeEmbedded(layout, embedded->item_code, 0);
                if (!registered) continue;
                auto sku = SkuWhere(db, by_barcode, *registered);
                if (!sku) return std::unexpected(sku.error());
                if (!*sku) continue;
                ScannedItem item{std::move(**sku), std::nullopt, std::nullopt};
                if (embedded->kind == barcode::EmbeddedKind::kWeight) {
                    item.embedded_quantity = embedded->weight_grams;
                } else {
                    item.embedded_price_minor = embedded->price_minor;
                }
                return item;
            }
        }
    } else if (!code.empty() && code.find_first_not_of("0123456789") == std::string_view::npos &&
               (code.size() == 8 || code.size() == 12 || code.size() == 13 || code.size() == 14)) {
        return std::unexpected(gtin.error());  // looks like a GTIN but its check digit is wrong
    }
    auto sku = FindSku(db, code);
    if (!sku) return std::unexpected(sku.error());
    if (*sku) return ScannedItem{std::move(**sku), std::nullopt, std::nullopt};
    return std::unexpected(MakeError(
        ErrorCode::kNotFound, fmt::format("nothing in the catalogue has the code {}", code)));
}

Status SaveLocation(Database& db, const stock::Location& location) {
    auto q = db.Prepare(
        "INSERT INTO locations (id, code, name, kind, time_zone) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, kind = "
        "excluded.kind, "
        "time_zone = excluded.time_zone");
    if (!q) return std::unexpected(q.error());
    return q->Bind(1, location.id)
        .Bind(2, location.code)
        .Bind(3, location.name)
        .Bind(4, static_cast<std::int64_t>(location.kind))
        .Bind(5, location.time_zone)
        .Run();
}

namespace {
Result<std::vector<stock::Location>> LocationsWhere(Database& db, std::string_view sql,
                                                    std::string_view key) {
    auto q = db.Prepare(sql);
    if (!q) return std::unexpected(q.error());
    if (!key.empty()) q->Bind(1, key);
    std::vector<stock::Location> out;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return out;
        out.push_back(stock::Location{q->Text(0), q->Text(1), q->Text(2),
                                      static_cast<stock::LocationKind>(q->Int64(3)), q->Text(4)});
    }
}
}  // namespace

Result<std::optional<stock::Location>> FindLocationByCode(Database& db, std::string_view code) {
    auto found = LocationsWhere(
        db, "SELECT id, code, name, kind, time_zone FROM locations WHERE code = ?", code);
    if (!found) return std::unexpected(found.error());
    if (found->empty()) return std::optional<stock::Location>{};
    return std::optional<stock::Location>{found->front()};
}

Result<std::vector<stock::Location>> ListLocations(Database& db) {
    return LocationsWhere(db, "SELECT id, code, name, kind, time_zone FROM locations ORDER BY code",
                          "");
}

Result<std::optional<std::string>> GetSetting(Database& db, std::string_view key) {
    auto q = db.Prepare("SELECT value FROM settings WHERE key = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, key);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<std::string>{};
    return std::optional<std::string>{q->Text(0)};
}

Status PutSetting(Database& db, std::string_view key, std::string_view value) {
    auto q = db.Prepare(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
        "excluded.value");
    if (!q) return std::unexpected(q.error());
    return q->Bind(1, key).Bind(2, value).Run();
}

Status RemoveSetting(Database& db, std::string_view key) {
    auto q = db.Prepare("DELETE FROM settings WHERE key = ?");
    if (!q) return std::unexpected(q.error());
    return q->Bind(1, key).Run();
}

Result<std::map<std::string, std::string>> ListSettings(Database& db, std::string_view prefix) {
    auto q = db.Prepare(
        "SELECT key, value FROM settings WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, prefix);
    std::map<std::string, std::string> settings;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return settings;
        settings.emplace(q->Text(0), q->Text(1));
    }
}

}  // namespace tillbook::store
