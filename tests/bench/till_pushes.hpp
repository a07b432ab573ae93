#pragma once
// What sync_bench's tills push: batches of sales at store S01 by "zoe", paid by card (one event
// each: the order, placed and paid), as push bodies made before any clock starts.
#include <fmt/format.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tillbook/ids/uuid.hpp"
#include "tillbook/ledger/event_json.hpp"
#include "tillbook/store/catalogue_store.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::bench {

inline const money::Currency kGbp{"GBP", 2};
inline constexpr int kSalesPerBatch = 50;

struct Till {
    std::string token;   // its bearer token ("" where nothing goes over HTTP)
    std::string origin;  // "terminal:S01-T1"
    std::int64_t seq = 0;
};

// What the tills sell from: the demo's SKUs sold by unit, and store S01.
struct Shop {
    explicit Shop(const std::string& db_path) {
        auto db = store::Database::Open(db_path);
        auto q =
            db->Prepare("SELECT code FROM skus WHERE active = 1 AND sold_by = 1 ORDER BY code");
        while (*q->Step())
            skus.push_back(q->Text(0));
        location = (*store::FindLocationByCode(*db, "S01"))->id;
    }
    std::vector<std::string> skus;
    std::string location;
};

inline std::string Batch(Till& till, ids::IdSource& ids, const Shop& shop, int& next_sku,
                         int sales = kSalesPerBatch) {
    nlohmann::json events = nlohmann::json::array();
    for (int s = 0; s < sales; ++s) {
        orders::Order order;
        order.id = ids.NextString();
        order.number = fmt::format("{}-{}", till.origin, till.seq);
        order.channel = "store:S01";
        order.location_id = shop.location;
        order.currency = "GBP";
        for (int l = 1; l <= 3; ++l) {
            order.lines.push_back(
                {l, orders::LineKind::kGoods,
                 shop.skus[static_cast<std::size_t>(next_sku++) % shop.skus.size()], "item", 1000,
                 money::Money(199 + 100 * l, kGbp), money::Money(0, kGbp), 2000,
                 money::TaxMode::kInclusive, std::nullopt});
        }
        const money::Money total(299 + 399 + 499, kGbp);
        events.push_back(ledger::EventToJson(
            {ids.NextString(), till.origin, ++till.seq, "zoe", 1'763'800'000'000,
             ledger::OrderPlaced{
                 order, true, {orders::Payment{orders::Tender::kCard, total, total, "", ""}}}}));
    }
    return nlohmann::json{{"protocol", 1}, {"events", events}}.dump();
}

// Each till's push bodies, made before the clock starts: the till has them ready in its journal.
inline std::vector<std::vector<std::string>> Bodies(std::vector<Till>& tills, ids::IdSource& ids,
                                                    const Shop& shop, int batches) {
    std::vector<std::vector<std::string>> bodies(tills.size());
    int next_sku = 0;
    for (std::size_t t = 0; t < tills.size(); ++t) {
        for (int b = 0; b < batches; ++b)
            bodies[t].push_back(Batch(tills[t], ids, shop, next_sku));
    }
    return bodies;
}

}  // namespace tillbook::bench
