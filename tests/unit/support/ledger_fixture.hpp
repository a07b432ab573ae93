#pragma once
// A real SQLite file with two stores and a warehouse, a manual clock and seeded ids, and small
// builders for events, so each ledger test reads as the shop story it tells.
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "gbp.hpp"
#include "tillbook/ids/uuid.hpp"
#include "tillbook/ledger/ledger.hpp"
#include "tillbook/store/catalogue_store.hpp"
#include "tillbook/store/schema.hpp"

namespace tillbook::testing {

inline std::filesystem::path TempDbPath(std::string_view name) {
    static int counter = 0;
    auto dir = std::filesystem::temp_directory_path() / "tillbook-tests";
    std::filesystem::create_directories(dir);
    auto path = dir / (std::string(name) + "-" + std::to_string(::getpid()) + "-" +
                       std::to_string(++counter) + ".db");
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    return path;
}

class LedgerFixture {
  public:
    explicit LedgerFixture(std::string_view name = "ledger")
        : path(TempDbPath(name)),
          clock(1'763'800'000'000),
          ids(clock, 42),
          db(std::move(
              *store::OpenAndMigrate(path.string(), {store::Durability::kNormal, 5000, true}))),
          ledger(db) {
        for (const auto& [id, code, kind] :
             {std::tuple{"loc-s01", "S01", stock::LocationKind::kStore},
              std::tuple{"loc-s02", "S02", stock::LocationKind::kStore},
              std::tuple{"loc-w01", "W01", stock::LocationKind::kWarehouse}}) {
            (void)store::SaveLocation(db, stock::Location{id, code, code, kind, "Europe/London"});
        }
    }
    ~LedgerFixture() {
        std::filesystem::remove(path);
        std::filesystem::remove(path.string() + "-wal");
        std::filesystem::remove(path.string() + "-shm");
    }

    ledger::Event Make(ledger::EventPayload payload, std::string origin = "office") {
        clock.Advance(1000);
        return ledger::Event{ids.NextString(), origin,      ++m_seq[origin],
                             "staff-1",        clock.Now(), std::move(payload)};
    }

    Result<ledger::Appended> Append(ledger::EventPayload payload, std::string origin = "office") {
        return ledger.Append(Make(std::move(payload), std::move(origin)));
    }

    // Goods received at `location`: `milli` more of `sku` on hand.
    Result<ledger::Appended> Receive(std::string location, std::string sku, std::int64_t milli) {
        return Append(ledger::StockAdjusted{std::move(location), std::move(sku), milli,
                                            ledger::AdjustmentReason::kGoodsReceived, ""});
    }

    static orders::OrderLine Line(int line_no, std::string sku, std::int64_t units,
                                  std::int64_t unit_price_minor, std::int64_t discount_minor = 0,
                                  money::TaxRateBasisPoints rate = 2000) {
        return orders::OrderLine{line_no,
                                 orders::LineKind::kGoods,
                                 std::move(sku),
                                 "item",
                                 units * 1000,
                                 Gbp(unit_price_minor),
                                 Gbp(discount_minor),
                                 rate,
                                 money::TaxMode::kInclusive,
                                 std::nullopt};
    }

    orders::Order NewOrder(std::vector<orders::OrderLine> lines, std::string channel = "store:S01",
                           std::string location = "loc-s01") {
        orders::Order order;
        order.id = ids.NextString();
        order.number = "N-" + order.id.substr(24);
        order.channel = std::move(channel);
        order.location_id = std::move(location);
        order.currency = "GBP";
        order.placed_at = clock.Now();
        order.lines = std::move(lines);
        return order;
    }

    std::int64_t Scalar(const std::string& sql) { return *db.QueryInt64(sql); }

    std::int64_t OnHand(std::string_view location, std::string_view sku) {
        return Scalar("SELECT coalesce((SELECT on_hand FROM stock_levels WHERE location_id = '" +
                      std::string(location) + "' AND sku = '" + std::string(sku) + "'), 0)");
    }
    std::int64_t Reserved(std::string_view location, std::string_view sku) {
        return Scalar("SELECT coalesce((SELECT reserved FROM stock_levels WHERE location_id = '" +
                      std::string(location) + "' AND sku = '" + std::string(sku) + "'), 0)");
    }

    std::filesystem::path path;
    ids::ManualClock clock;
    ids::UuidV7Source ids;
    store::Database db;
    ledger::Ledger ledger;

  private:
    std::map<std::string, std::int64_t> m_seq;
};

}  // namespace tillbook::testing

#include <doctest/doctest.h>

// Failed checks on a Result print its error message.
namespace doctest {
template <class T>
struct StringMaker<tillbook::Result<T>> {
    static String convert(const tillbook::Result<T>& result) {
        return result ? String("ok") : String(("error: " + result.error().message).c_str());
    }
};
}  // namespace doctest
