#include <doctest/doctest.h>

#include <set>

#include "demo_till.hpp"
#include "tillbook/pos/app/sku_index.hpp"

using namespace tillbook;
using tillbook::pos::app::IndexedSku;
using tillbook::pos::app::SkuIndex;

namespace {

std::vector<std::string> Codes(const std::vector<const IndexedSku*>& hits) {
    std::vector<std::string> codes;
    for (const IndexedSku* hit : hits)
        codes.push_back(hit->code);
    return codes;
}

bool Has(const std::vector<const IndexedSku*>& hits, const std::string& code) {
    const auto codes = Codes(hits);
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

}  // namespace

TEST_CASE("the SKU index finds by the start of name words, SKU codes and barcodes") {
    testing::DemoTill till("sku-index");
    auto index = SkuIndex::Load(till.db);
    REQUIRE(index);
    CHECK(index->Size() == 234);  // the active SKUs only

    const auto earl = index->Search("earl");
    CHECK(Has(earl, "TEA-EARL-125G"));
    CHECK(Has(index->Search("EARL GR"), "TEA-EARL-125G"));
    CHECK(Has(index->Search("grey earl"), "TEA-EARL-125G"));  // words in any order
    CHECK(Has(index->Search("Earl, leaf"), "TEA-EARL-125G"));
    CHECK_FALSE(Has(index->Search("earl bags"), "TEA-EARL-125G"));
    CHECK(Codes(index->Search("5060123450019")) == std::vector<std::string>{"TEA-EARL-125G"});
    CHECK(Codes(index->Search("506012345001")) == std::vector<std::string>{"TEA-EARL-125G"});
    CHECK(Has(index->Search("tea-earl-1"), "TEA-EARL-125G"));  // a code typed whole
    CHECK(Has(index->Search("Comté"), "DELI-COMT-KG"));        // accents as typed
    CHECK(index->Search("zzzz").empty());
    CHECK(index->Search("").empty());
    CHECK(index->Search("  ,, ").empty());
    CHECK(index->Search("e").size() <= SkuIndex::kMaxHits);
    CHECK(index->Search("e", 5).size() == 5);
    // Each SKU once, even when several of its words match.
    const auto t = Codes(index->Search("t", 500));
    CHECK(std::set<std::string>(t.begin(), t.end()).size() == t.size());

    const IndexedSku* tea = index->Find("TEA-EARL-125G");
    REQUIRE(tea);
    CHECK(tea->name == "Earl Grey loose leaf tea 125 g");
    CHECK(tea->price_minor == 650);
    CHECK(tea->barcode == "5060123450019");
    CHECK(index->Find("NOPE") == nullptr);

    const auto& categories = index->Categories();
    CHECK(std::find(categories.begin(), categories.end(), "Bakery") != categories.end());
    const auto bakery = index->InCategory("Bakery", 100);
    REQUIRE_FALSE(bakery.empty());
    for (const IndexedSku* sku : bakery)
        CHECK(sku->category == "Bakery");
    CHECK(index->InCategory("Bakery", 3).size() == 3);
}
