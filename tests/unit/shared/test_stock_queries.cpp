// What staff look up about stock and the catalogue, on a real SQLite file: a SKU's stock at every
// location, and the SKU search.
#include <doctest/doctest.h>

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
        auto found = queries::SearchSkus(f.db, text);
        REQUIRE(found);
        std::vector<std::string> out;
        for (const catalogue::Sku& sku : *found)
            out.push_back(sku.code);
        return out;
    };
    CHECK(codes("TEA-") == std::vector<std::string>{"TEA-ASSM-125G", "TEA-EARL-125G"});
    CHECK(codes("tea") == std::vector<std::string>{"MUG-BLUE", "TEA-ASSM-125G", "TEA-EARL-125G"});
    CHECK(codes("Earl") == std::vector<std::string>{"TEA-EARL-125G"});
    CHECK(codes("5060123450019") == std::vector<std::string>{"TEA-EARL-125G"});
    CHECK(codes("50601234").empty());  // part of a barcode is not a barcode
    CHECK(codes("").size() == 3);
    auto found = queries::SearchSkus(f.db, "EARL");
    REQUIRE(found);
    REQUIRE(found->size() == 1);
    CHECK((*found)[0] == shop.skus[0]);  // the whole SKU, with its barcodes
}
