#include "tillbook/store/demo_shop.hpp"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <sstream>

#include "tillbook/catalogue/catalogue_csv.hpp"
#include "tillbook/catalogue/sku_rules.hpp"
#include "tillbook/core/csv.hpp"
#include "tillbook/ledger/ledger.hpp"
#include "tillbook/ledger/origin.hpp"
#include "tillbook/orders/local_time.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::store {

Result<std::string> ReadTextFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::unexpected(
            MakeError(ErrorCode::kNotFound, fmt::format("{}: cannot be opened", path.string())));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

namespace {

Result<std::vector<csv::CsvRow>> ReadCsv(const std::filesystem::path& path) {
    auto text = ReadTextFile(path);
    if (!text) return std::unexpected(text.error());
    auto rows = csv::ParseCsv(*text);
    if (!rows) return std::unexpected(rows.error().WithContext(path.filename().string()));
    if (rows->empty())
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, path.filename().string() + ": empty"));
    return rows;
}

Result<std::int64_t> ParseInteger(std::string_view text, std::string_view where) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      fmt::format("{}: \"{}\" is not a whole number", where, text)));
    }
    return value;
}

Result<std::int64_t> LoadLocations(Database& db, const std::filesystem::path& path) {
    auto rows = ReadCsv(path);
    if (!rows) return std::unexpected(rows.error());
    static constexpr std::string_view kColumns[] = {"id", "code", "name", "kind", "time_zone"};
    auto columns = csv::FindColumns(rows->front(), kColumns);
    if (!columns) return std::unexpected(columns.error().WithContext(path.filename().string()));
    std::int64_t count = 0;
    for (std::size_t i = 1; i < rows->size(); ++i) {
        const csv::CsvRow& row = (*rows)[i];
        const auto where = fmt::format("{} line {}", path.filename().string(), row.line);
        if (row.fields.size() != rows->front().fields.size()) {
            return std::unexpected(
                MakeError(ErrorCode::kInvalidInput, where + ": wrong number of fields"));
        }
        const auto field = [&](std::size_t c) { return row.fields[(*columns)[c]]; };
        stock::Location location{field(0), field(1), field(2), stock::LocationKind::kStore,
                                 field(4)};
        if (auto ok = catalogue::CheckNameCharacters(location.name); !ok) {
            return std::unexpected(
                MakeError(ok.error().code, where + ": name: " + ok.error().message, "name"));
        }
        // Despatch deadlines and "today" are judged in the location's zone: one the office cannot
        // read is refused here, not guessed later.
        if (auto zone = orders::UtcOffsetMinutes(location.time_zone, 0); !zone) {
            return std::unexpected(MakeError(
                zone.error().code, where + ": time_zone: " + zone.error().message, "time_zone"));
        }
        if (field(3) == "warehouse") {
            location.kind = stock::LocationKind::kWarehouse;
        } else if (field(3) != "store") {
            return std::unexpected(MakeError(
                ErrorCode::kInvalidInput, where + ": kind: expected store or warehouse", "kind"));
        }
        if (auto ok = SaveLocation(db, location); !ok)
            return std::unexpected(ok.error().WithContext(where));
        ++count;
    }
    return count;
}

Result<std::int64_t> LoadOpeningStock(Database& db, const std::filesystem::path& path,
                                      const ids::Clock& clock, ids::IdSource& ids) {
    auto rows = ReadCsv(path);
    if (!rows) return std::unexpected(rows.error());
    static constexpr std::string_view kColumns[] = {"location", "sku", "on_hand"};
    auto columns = csv::FindColumns(rows->front(), kColumns);
    if (!columns) return std::unexpected(columns.error().WithContext(path.filename().string()));
    std::vector<ledger::StockAdjusted> adjustments;
    for (std::size_t i = 1; i < rows->size(); ++i) {
        const csv::CsvRow& row = (*rows)[i];
        const auto where = fmt::format("{} line {}", path.filename().string(), row.line);
        if (row.fields.size() != rows->front().fields.size()) {
            return std::unexpected(
                MakeError(ErrorCode::kInvalidInput, where + ": wrong number of fields"));
        }
        auto location = FindLocationByCode(db, row.fields[(*columns)[0]]);
        if (!location) return std::unexpected(location.error());
        if (!*location) {
            return std::unexpected(MakeError(
                ErrorCode::kNotFound,
                fmt::format("{}: location: no location {}", where, row.fields[(*columns)[0]]),
                "location"));
        }
        auto sku = FindSku(db, row.fields[(*columns)[1]]);
        if (!sku) return std::unexpected(sku.error());
        if (!*sku) {
            return std::unexpected(MakeError(
                ErrorCode::kNotFound,
                fmt::format("{}: sku: no SKU {}", where, row.fields[(*columns)[1]]), "sku"));
        }
        auto quantity = ParseInteger(row.fields[(*columns)[2]], where + ": on_hand");
        if (!quantity) return std::unexpected(quantity.error());
        if (*quantity == 0) continue;
        adjustments.push_back(ledger::StockAdjusted{(*location)->id, (*sku)->code, *quantity,
                                                    ledger::AdjustmentReason::kOpeningStock,
                                                    "demo opening stock"});
    }
    // All or nothing, as the back office's own events.
    ledger::Ledger ledger(db);
    const ledger::Origin office(std::string(ledger::kOfficeOrigin), clock, ids);
    auto tx = Transaction::Begin(db);
    if (!tx) return std::unexpected(tx.error());
    for (ledger::StockAdjusted& adjustment : adjustments) {
        auto appended = office.AppendInCurrentTransaction(ledger, "system", std::move(adjustment));
        if (!appended)
            return std::unexpected(appended.error().WithContext(path.filename().string()));
    }
    if (auto ok = tx->Commit(); !ok) return std::unexpected(ok.error());
    return static_cast<std::int64_t>(adjustments.size());
}

}  // namespace

Result<DemoShopSummary> LoadDemoShop(Database& db, const std::filesystem::path& demo_dir,
                                     const ids::Clock& clock, ids::IdSource& ids) {
    DemoShopSummary summary;
    auto tax_text = ReadTextFile(demo_dir / "tax_classes.csv");
    if (!tax_text) return std::unexpected(tax_text.error());
    auto tax_classes = catalogue::ParseTaxClassesCsv(*tax_text, "tax_classes.csv");
    if (!tax_classes) return std::unexpected(tax_classes.error());
    auto catalogue_text = ReadTextFile(demo_dir / "catalogue.csv");
    if (!catalogue_text) return std::unexpected(catalogue_text.error());
    auto gbp = money::FindCurrency("GBP");
    if (!gbp) return std::unexpected(gbp.error());
    auto catalogue =
        catalogue::ParseCatalogueCsv(*catalogue_text, "catalogue.csv", *gbp, *tax_classes);
    if (!catalogue) return std::unexpected(catalogue.error());
    {
        auto tx = Transaction::Begin(db);
        if (!tx) return std::unexpected(tx.error());
        if (auto ok = SaveCatalogue(db, *catalogue); !ok) return std::unexpected(ok.error());
        auto locations = LoadLocations(db, demo_dir / "locations.csv");
        if (!locations) return std::unexpected(locations.error());
        if (auto ok = tx->Commit(); !ok) return std::unexpected(ok.error());
        summary.skus = static_cast<std::int64_t>(catalogue->skus.size());
        summary.locations = *locations;
    }
    auto stock = LoadOpeningStock(db, demo_dir / "stock.csv", clock, ids);
    if (!stock) return std::unexpected(stock.error());
    summary.stock_events = *stock;
    return summary;
}

}  // namespace tillbook::store
