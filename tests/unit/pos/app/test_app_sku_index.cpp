#include <doctest/doctest.h>

#include <cctype>
#include <set>
#include <utility>

#include "demo_till.hpp"
#include "tillbook/pos/app/sku_index.hpp"

using namespace tillbook;
using tillbook::pos::app::IndexedSku;
using tillbook::pos::app::SkuIndex;

namespace {

std::vector<std::string> Codes(const std::vector<const IndexedSku*>& hits) {
    std::vector<std::string> codes;
    for (const IndexedSku* hit : hits)
        codes.emplace_back(hit->code);
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

namespace {

// The words a SKU is found by, worked out the slow way: its name's words, its code and barcode.
std::vector<std::string> SlowWords(const IndexedSku& sku) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : std::string(sku.name) + " ") {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80 || std::isalnum(byte)) {
            word.push_back(static_cast<char>(std::tolower(byte)));
        } else if (!word.empty()) {
            words.push_back(std::exchange(word, {}));
        }
    }
    std::string code;
    for (const char c : sku.code)
        code.push_back(static_cast<char>(std::tolower(c)));
    words.push_back(code);
    if (!sku.barcode.empty()) words.emplace_back(sku.barcode);
    return words;
}

}  // namespace

TEST_CASE("a search of several words finds exactly the SKUs each word starts a word of") {
    testing::DemoTill till("sku-index-words");
    auto index = SkuIndex::Load(till.db);
    REQUIRE(index);
    std::vector<const IndexedSku*> all;
    for (const auto& category : index->Categories()) {
        for (const IndexedSku* sku : index->InCategory(category, 10'000))
            all.push_back(sku);
    }
    const std::vector<std::string> queries{
        "t",     "te ea", "tea g",     "c c",        "chocolate milk",
        "s 5",   "o l",   "g 125",     "b b b",      "cheddar mat",
        "e a t", "1 k",   "506 tea",   "pan- q",     "the tea",
        "x y",   "a",     "white 800", "gr ea le t", "deli-ch mat"};
    for (const std::string& query : queries) {
        INFO(query);
        std::vector<std::string> words;
        std::string word;
        for (const char c : query + " ") {
            if (c == ' ') {
                if (!word.empty()) words.push_back(std::exchange(word, {}));
            } else {
                word.push_back(c);
            }
        }
        std::set<std::string> expected;
        for (const IndexedSku* sku : all) {
            const auto own = SlowWords(*sku);
            const bool every = std::all_of(words.begin(), words.end(), [&](const std::string& w) {
                return std::any_of(own.begin(), own.end(),
                                   [&](const std::string& o) { return o.starts_with(w); });
            });
            if (every) expected.emplace(sku->code);
        }
        const auto found = Codes(index->Search(query, 10'000));
        CHECK(std::set<std::string>(found.begin(), found.end()) == expected);
        CHECK(found.size() == expected.size());
    }
}
