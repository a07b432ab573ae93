#pragma once
// The till's catalogue in memory, built once at start (and again when a pull brings new SKUs):
// search as you type over name words, SKU code and barcodes by prefix, and the category quick
// keys, without a query to SQLite per keystroke. 100,000 SKUs take a few MB and search in well
// under a millisecond (tests/bench/till_search_bench.cpp).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tillbook/catalogue/catalogue.hpp"
#include "tillbook/core/error.hpp"
#include "tillbook/money/currency.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::pos::app {

// What a search hit or a quick key shows; the sale takes the SKU from the database when added.
// The texts live in the index that holds the SKU (valid as long as it is).
struct IndexedSku {
    std::string_view code;
    std::string_view name;      // product and variant: "Earl Grey loose leaf tea 125 g"
    std::string_view category;  // "Tea & coffee"
    std::string_view barcode;   // the first, or ""
    std::int64_t price_minor = 0;
    catalogue::SoldBy sold_by = catalogue::SoldBy::kUnit;
};

class SkuIndex {
  public:
    static constexpr std::size_t kMaxHits = 50;

    SkuIndex() = default;
    // The active SKUs of the till's catalogue and their barcodes.
    [[nodiscard]] static Result<SkuIndex> Load(store::Database& db);

    // SKUs where every word of `text` starts a word of the name, the SKU code or a barcode
    // (case-insensitive for ASCII letters); at most `limit`, in the order of the matching word.
    [[nodiscard]] std::vector<const IndexedSku*> Search(std::string_view text,
                                                        std::size_t limit = kMaxHits) const;
    [[nodiscard]] const IndexedSku* Find(std::string_view code) const;
    // Every category, sorted; and the SKUs of one by name, at most `limit`.
    [[nodiscard]] const std::vector<std::string>& Categories() const { return m_categories; }
    [[nodiscard]] std::vector<const IndexedSku*> InCategory(std::string_view category,
                                                            std::size_t limit) const;
    [[nodiscard]] std::size_t Size() const { return m_skus.size(); }
    [[nodiscard]] const money::Currency& Currency() const { return m_currency; }

  private:
    struct Token {
        std::uint32_t offset = 0;  // into m_text
        std::uint32_t length = 0;
        std::uint32_t sku = 0;  // into m_skus
    };
    using Range = std::pair<std::vector<Token>::const_iterator, std::vector<Token>::const_iterator>;
    struct Span {
        std::uint32_t begin = 0;
        std::uint32_t end = 0;
    };
    void Seal();
    [[nodiscard]] std::vector<const IndexedSku*> SearchWords(std::span<const std::string> words,
                                                             std::size_t limit) const;
    [[nodiscard]] std::string_view TokenText(const Token& token) const {
        return std::string_view(m_text).substr(token.offset, token.length);
    }
    [[nodiscard]] bool Matches(std::uint32_t sku, std::string_view word) const;

    std::unique_ptr<char[]> m_strings;      // the SKUs' texts, one block (stays put when moved)
    std::vector<IndexedSku> m_skus;         // by code
    std::string m_text;                     // each SKU's words, lower case, ' ' between and after
    std::vector<Span> m_sku_text;           // per SKU: its part of m_text
    std::vector<Token> m_tokens;            // sorted by text, then SKU
    std::vector<std::string> m_categories;  // sorted
    std::vector<std::vector<std::uint32_t>> m_by_category;  // per category: its SKUs by name
    // Scratch for a search of several words: per SKU, how many of the words it matched so far;
    // all zero between searches. (Search is for one thread: the UI's.)
    mutable std::vector<std::uint8_t> m_matched;
    money::Currency m_currency{"GBP", 2};
};

}  // namespace tillbook::pos::app
