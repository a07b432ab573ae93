// What staff look up about stock and the catalogue, on a real SQLite file: a SKU's stock at every
// location, and the SKU search.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

#include "ledger_fixture.hpp"
#include "tillbook/queries/sku_search.hpp"
#include "tillbook/queries/stock_levels.hpp"

using namespace tillbook;
using testing::Gbp;
using testing::LedgerFixture;

namespace {

catalogue::Sku Item(std::string code, std::string name, std::vector<std::string> barcodes) {
    catalogue::Sku sku;
    sku.code = code;
    sku.product_id = code;
    sku.product_name = std::move(name);
    sku.category = "Tea";
    sku.barcodes = std::move(barcodes);
    sku.price = Gbp(650);
    sku.cost_price = Gbp(300);
    sku.tax_class = "zero";
    return sku;
}

}  // namespace

TEST_CASE(
    "a SKU's stock is listed at every location by code, reserved stock is not available, and a "
    "location without any reads as zero") {
    LedgerFixture f("stock-of-sku");
    REQUIRE(f.Receive("loc-w01", "TEA", 5000));
    REQUIRE(f.Receive("loc-s01", "TEA", 2000));
    orders::Order order = f.NewOrder({LedgerFixture::Line(1, "TEA", 3, 650)}, "shopify", "");
    REQUIRE(f.Append(ledger::OrderPlaced{order}));
    REQUIRE(f.Append(ledger::StockReserved{order.id, "loc-w01", {{"TEA", 3000}}}));
    // Another SKU's stock is not this one's.
    REQUIRE(f.Receive("loc-s02", "MUG", 1000));

    auto levels = queries::StockOfSku(f.db, "TEA");
    REQUIRE(levels);
    REQUIRE(levels->size() == 3);
    CHECK((*levels)[0].location_code == "S01");
    CHECK((*levels)[0].on_hand == 2000);
    CHECK((*levels)[0].Available() == 2000);
    CHECK((*levels)[1].location_code == "S02");
    CHECK((*levels)[1].on_hand == 0);
    CHECK((*levels)[2].location_code == "W01");
    CHECK((*levels)[2].on_hand == 5000);
    CHECK((*levels)[2].reserved == 3000);
    CHECK((*levels)[2].Available() == 2000);
}

TEST_CASE("the SKU search finds a code or a name by part and a barcode only whole, by code") {
    LedgerFixture f("sku-search");
    catalogue::Catalogue shop;
    shop.tax_classes = {{"zero", 0, money::TaxMode::kInclusive}};
    shop.skus = {Item("TEA-EARL-125G", "Earl Grey", {"5060123450019"}),
                 Item("TEA-ASSM-125G", "Assam", {}), Item("MUG-BLUE", "Blue mug for tea", {})};
    REQUIRE(store::SaveCatalogue(f.db, shop));
    const auto codes = [&](std::string_view text) {
        auto found = queries::SearchSkus(f.db, {std::string(text)});
        REQUIRE(found);
        CHECK_FALSE(found->more);
        std::vector<std::string> out;
        for (const catalogue::Sku& sku : found->skus)
            out.push_back(sku.code);
        return out;
    };
    CHECK(codes("TEA-") == std::vector<std::string>{"TEA-ASSM-125G", "TEA-EARL-125G"});
    CHECK(codes("tea") == std::vector<std::string>{"MUG-BLUE", "TEA-ASSM-125G", "TEA-EARL-125G"});
    CHECK(codes("Earl") == std::vector<std::string>{"TEA-EARL-125G"});
    CHECK(codes("5060123450019") == std::vector<std::string>{"TEA-EARL-125G"});
    CHECK(codes("50601234").empty());  // part of a barcode is not a barcode
    // A barcode in another of its forms (GTIN-14 for the EAN-13 on the label) finds it too.
    CHECK(codes("05060123450019") == std::vector<std::string>{"TEA-EARL-125G"});
    CHECK(codes("").size() == 3);
    // '%' and '_' typed are themselves, not wildcards.
    CHECK(codes("%").empty());
    CHECK(codes("TEA_").empty());
    auto found = queries::SearchSkus(f.db, {"EARL"});
    REQUIRE(found);
    REQUIRE(found->skus.size() == 1);
    CHECK(found->skus[0] == shop.skus[0]);  // the whole SKU, with its barcodes
}

TEST_CASE("the SKU search answers a page at a time by code, and says when more follow") {
    LedgerFixture f("sku-search-pages");
    catalogue::Catalogue shop;
    shop.tax_classes = {{"zero", 0, money::TaxMode::kInclusive}};
    for (int i = 0; i < 7; ++i)
        shop.skus.push_back(Item("TEA-" + std::to_string(i), "Tea", {}));
    shop.skus.push_back(Item("MUG-1", "Mug", {}));
    REQUIRE(store::SaveCatalogue(f.db, shop));
    std::vector<std::string> seen;
    std::string after;
    int pages = 0;
    while (true) {
        auto page = queries::SearchSkus(f.db, {"tea", after, 3});
        REQUIRE(page);
        ++pages;
        CHECK(page->skus.size() <= 3);
        for (const catalogue::Sku& sku : page->skus)
            seen.push_back(sku.code);
        if (!page->more) break;
        after = page->skus.back().code;
    }
    CHECK(pages == 3);
    CHECK(seen ==
          std::vector<std::string>{"TEA-0", "TEA-1", "TEA-2", "TEA-3", "TEA-4", "TEA-5", "TEA-6"});
    // A page of exactly what is left says no more; a limit past the most is held to it.
    auto last = queries::SearchSkus(f.db, {"tea", "TEA-3", 3});
    REQUIRE(last);
    CHECK(last->skus.size() == 3);
    CHECK_FALSE(last->more);
    auto all = queries::SearchSkus(f.db, {"", "", 1000});
    REQUIRE(all);
    CHECK(all->skus.size() == 8);
}

TEST_CASE("over 10,000 SKUs a page of the SKU search reads the codes in order and stops there") {
    LedgerFixture f("sku-search-10k");
    // The plan SQLite chooses: a walk of the primary key from `after`, no sort of what matched
    // (a sort would read every match before answering a page), the barcode by its index.
    auto plan = f.db.Prepare(std::string("EXPLAIN QUERY PLAN ") + queries::kSkuSearchSql);
    REQUIRE(plan);
    std::string steps;
    while (*plan->Step())
        steps += plan->Text(3) + "\n";
    INFO(steps);
    CHECK(steps.find("TEMP B-TREE") == std::string::npos);
    CHECK(steps.find("USING INDEX sqlite_autoindex_skus_1 (code>?)") != std::string::npos);
    CHECK(steps.find("barcodes USING PRIMARY KEY (barcode=?)") != std::string::npos);

    catalogue::Catalogue shop;
    shop.tax_classes = {{"zero", 0, money::TaxMode::kInclusive}};
    constexpr int kSkus = 10'000;
    for (int i = 0; i < kSkus; ++i) {
        shop.skus.push_back(Item(
            fmt::format("SKU-{:06}", i), i % 100 == 7 ? "Rooibos" : fmt::format("Item {}", i),
            i == 9'123 ? std::vector<std::string>{"5060123450019"} : std::vector<std::string>{}));
    }
    REQUIRE(store::SaveCatalogue(f.db, shop));
    // What it costs lives in no test: the plan above is what keeps a page quick.
    const auto search = [&](const queries::SkuSearch& wanted) {
        auto page = queries::SearchSkus(f.db, wanted);
        REQUIRE(page);
        return *page;
    };
    const queries::SkuSearchPage common = search({"SKU-"});
    CHECK(common.skus.size() == queries::kSkuSearchPage);
    CHECK(common.more);
    const queries::SkuSearchPage rare = search({"rooibos", "SKU-005000", 100});
    CHECK(rare.skus.size() == 50);  // SKU-005007 ... SKU-009907: one in every hundred
    CHECK(rare.skus.front().code == "SKU-005007");
    CHECK_FALSE(rare.more);
    const queries::SkuSearchPage none = search({"no such thing"});
    CHECK(none.skus.empty());
    CHECK_FALSE(none.more);
    const queries::SkuSearchPage scanned = search({"5060123450019"});
    REQUIRE(scanned.skus.size() == 1);
    CHECK(scanned.skus[0].code == "SKU-009123");
}
