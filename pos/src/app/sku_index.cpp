#include "tillbook/pos/app/sku_index.hpp"

#include <algorithm>
#include <map>

#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::pos::app {

namespace {

char Lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Letters, digits and every byte of a multi-byte UTF-8 character belong to words; the rest
// (spaces, punctuation) separates them. A SKU code and a barcode are whole words.
bool InWord(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

// Appends the words of `text`, lower case, each followed by ' '.
void AppendWords(std::string& out, std::string_view text) {
    bool in_word = false;
    for (const char c : text) {
        if (InWord(c)) {
            out.push_back(Lower(c));
            in_word = true;
        } else if (in_word) {
            out.push_back(' ');
            in_word = false;
        }
    }
    if (in_word) out.push_back(' ');
}

void AppendWhole(std::string& out, std::string_view text) {
    for (const char c : text)
        out.push_back(c == ' ' ? '_' : Lower(c));
    out.push_back(' ');
}

std::vector<std::string> QueryWords(std::string_view text) {
    std::string joined;
    AppendWords(joined, text);
    std::vector<std::string> words;
    std::size_t start = 0;
    for (std::size_t i = 0; i < joined.size(); ++i) {
        if (joined[i] != ' ') continue;
        words.push_back(joined.substr(start, i - start));
        start = i + 1;
    }
    return words;
}

// A code typed whole ("TEA-EARL-1"): one word that may start a SKU code or a barcode.
std::string WholeCode(std::string_view text) {
    std::string whole;
    if (text.find(' ') != std::string_view::npos) return whole;
    for (const char c : text)
        whole.push_back(Lower(c));
    return whole;
}

}  // namespace

namespace {

// Where a SKU's texts are in the block being filled, until the block is final.
struct TextPlaces {
    std::uint32_t code = 0;
    std::uint32_t code_length = 0;
    std::uint32_t name = 0;
    std::uint32_t name_length = 0;
    std::uint32_t barcode = 0;
    std::uint32_t barcode_length = 0;
    std::uint32_t category = 0;  // into the categories as first seen
};

std::uint32_t Append(std::string& block, std::string_view text, std::uint32_t& length) {
    const auto at = static_cast<std::uint32_t>(block.size());
    block.append(text);
    length = static_cast<std::uint32_t>(text.size());
    return at;
}

}  // namespace

Result<SkuIndex> SkuIndex::Load(store::Database& db) {
    SkuIndex index;
    auto currency = store::ShopCurrency(db);
    if (!currency) return std::unexpected(currency.error());
    index.m_currency = *currency;
    // Sized once: growing by doubling would leave twice the memory behind at 100,000 SKUs.
    auto count = db.QueryInt64("SELECT count(*) FROM skus WHERE active = 1");
    if (!count) return std::unexpected(count.error());
    const auto expected = static_cast<std::size_t>(*count);
    index.m_skus.reserve(expected);
    index.m_sku_text.reserve(expected);
    index.m_text.reserve(expected * 64);
    std::string block;
    block.reserve(expected * 56);
    std::vector<TextPlaces> places;
    places.reserve(expected);
    std::map<std::string, std::uint32_t, std::less<>> category_ids;
    std::vector<std::string> categories;
    auto skus = db.Prepare(
        "SELECT code, product_name, variant_name, category, price_minor, sold_by FROM skus "
        "WHERE active = 1 ORDER BY code");
    if (!skus) return std::unexpected(skus.error());
    auto barcodes = db.Prepare(
        "SELECT b.sku, b.barcode FROM barcodes b JOIN skus s ON s.code = b.sku WHERE s.active = 1 "
        "ORDER BY b.sku, b.barcode");
    if (!barcodes) return std::unexpected(barcodes.error());
    auto barcode_row = barcodes->Step();
    if (!barcode_row) return std::unexpected(barcode_row.error());
    while (true) {
        auto row = skus->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        const std::string code = skus->Text(0);
        std::string name = skus->Text(1);
        if (const std::string variant = skus->Text(2); !variant.empty()) name += " " + variant;
        const std::string category = skus->Text(3);
        TextPlaces place;
        place.code = Append(block, code, place.code_length);
        place.name = Append(block, name, place.name_length);
        auto [known, added] = category_ids.try_emplace(category, categories.size());
        if (added) categories.push_back(category);
        place.category = known->second;
        const auto begin = static_cast<std::uint32_t>(index.m_text.size());
        AppendWords(index.m_text, name);
        AppendWhole(index.m_text, code);
        while (*barcode_row && barcodes->Text(0) <= code) {
            if (barcodes->Text(0) == code) {
                const std::string barcode = barcodes->Text(1);
                if (place.barcode_length == 0)
                    place.barcode = Append(block, barcode, place.barcode_length);
                AppendWhole(index.m_text, barcode);
            }
            barcode_row = barcodes->Step();
            if (!barcode_row) return std::unexpected(barcode_row.error());
        }
        index.m_sku_text.push_back({begin, static_cast<std::uint32_t>(index.m_text.size())});
        index.m_skus.push_back(
            {{}, {}, {}, {}, skus->Int64(4), static_cast<catalogue::SoldBy>(skus->Int64(5))});
        places.push_back(place);
    }
    std::vector<std::uint32_t> category_at;
    std::vector<std::uint32_t> category_length(categories.size());
    for (std::size_t c = 0; c < categories.size(); ++c)
        category_at.push_back(Append(block, categories[c], category_length[c]));
    index.m_strings = std::make_unique<char[]>(block.size() + 1);
    std::copy(block.begin(), block.end(), index.m_strings.get());
    const char* const strings = index.m_strings.get();
    for (std::size_t i = 0; i < places.size(); ++i) {
        const TextPlaces& place = places[i];
        IndexedSku& sku = index.m_skus[i];
        sku.code = std::string_view(strings + place.code, place.code_length);
        sku.name = std::string_view(strings + place.name, place.name_length);
        sku.barcode = std::string_view(strings + place.barcode, place.barcode_length);
        sku.category = std::string_view(strings + category_at[place.category],
                                        category_length[place.category]);
    }
    index.m_categories = std::move(categories);
    index.Seal();
    return index;
}

void SkuIndex::Seal() {
    m_text.shrink_to_fit();
    m_tokens.clear();
    m_tokens.reserve(static_cast<std::size_t>(std::count(m_text.begin(), m_text.end(), ' ')));
    for (std::uint32_t sku = 0; sku < m_sku_text.size(); ++sku) {
        std::uint32_t start = m_sku_text[sku].begin;
        for (std::uint32_t i = start; i < m_sku_text[sku].end; ++i) {
            if (m_text[i] != ' ') continue;
            if (i > start) m_tokens.push_back({start, i - start, sku});
            start = i + 1;
        }
    }
    std::sort(m_tokens.begin(), m_tokens.end(), [&](const Token& a, const Token& b) {
        const int order = TokenText(a).compare(TokenText(b));
        return order != 0 ? order < 0 : a.sku < b.sku;
    });
    std::sort(m_categories.begin(), m_categories.end());
    std::erase(m_categories, std::string{});
    // Each category's SKUs by name, for its quick keys: a tap lists them without a pass over all.
    m_by_category.assign(m_categories.size(), {});
    for (std::uint32_t sku = 0; sku < m_skus.size(); ++sku) {
        const auto at =
            std::lower_bound(m_categories.begin(), m_categories.end(), m_skus[sku].category);
        if (at != m_categories.end() && *at == m_skus[sku].category)
            m_by_category[static_cast<std::size_t>(at - m_categories.begin())].push_back(sku);
    }
    for (auto& members : m_by_category) {
        std::stable_sort(members.begin(), members.end(), [&](std::uint32_t a, std::uint32_t b) {
            return m_skus[a].name < m_skus[b].name;
        });
    }
}

bool SkuIndex::Matches(std::uint32_t sku, std::string_view word) const {
    const std::string_view text = std::string_view(m_text).substr(
        m_sku_text[sku].begin, m_sku_text[sku].end - m_sku_text[sku].begin);
    std::size_t start = 0;
    while (start < text.size()) {
        if (text.substr(start).starts_with(word)) return true;
        const auto space = text.find(' ', start);
        if (space == std::string_view::npos) break;
        start = space + 1;
    }
    return false;
}

std::vector<const IndexedSku*> SkuIndex::Search(std::string_view text, std::size_t limit) const {
    const std::vector<std::string> words = QueryWords(text);
    if (words.size() > 1) {
        const std::string whole = WholeCode(text);
        if (!whole.empty()) {
            auto hits = SearchWords(std::span(&whole, 1), limit);
            if (!hits.empty()) return hits;
        }
    }
    return SearchWords(words, limit);
}

std::vector<const IndexedSku*> SkuIndex::SearchWords(std::span<const std::string> words,
                                                     std::size_t limit) const {
    std::vector<const IndexedSku*> hits;
    if (words.empty() || limit == 0) return hits;
    // Each word's tokens: the SKUs it starts a word of.
    std::vector<Range> ranges;
    for (const std::string& word : words) {
        const auto lo = std::lower_bound(
            m_tokens.begin(), m_tokens.end(), word,
            [&](const Token& token, std::string_view key) { return TokenText(token) < key; });
        const auto hi = std::partition_point(lo, m_tokens.end(), [&](const Token& token) {
            return TokenText(token).starts_with(word);
        });
        if (lo == hi) return hits;
        ranges.push_back({lo, hi});
    }
    // The rarest word's tokens are the candidates.
    const auto size = [](const Range& range) {
        return static_cast<std::size_t>(range.second - range.first);
    };
    const auto best = static_cast<std::size_t>(
        std::min_element(ranges.begin(), ranges.end(),
                         [&](const Range& a, const Range& b) { return size(a) < size(b); }) -
        ranges.begin());
    std::size_t others = 0;
    for (std::size_t w = 0; w < ranges.size(); ++w) {
        if (w != best) others += size(ranges[w]);
    }
    // The other words are checked on each candidate's text when the candidates are few, else
    // counted per SKU over their tokens first (a pass over each, then a lookup per candidate).
    const bool count_first =
        ranges.size() > 1 && ranges.size() < 250 && others < size(ranges[best]) * 25;
    std::uint8_t needed = 0;
    if (count_first) {
        m_matched.resize(m_skus.size(), 0);
        for (std::size_t w = 0; w < ranges.size(); ++w) {
            if (w == best) continue;
            for (auto it = ranges[w].first; it != ranges[w].second; ++it) {
                if (m_matched[it->sku] == needed) ++m_matched[it->sku];
            }
            ++needed;
        }
    }
    std::vector<std::uint32_t> taken;
    for (auto it = ranges[best].first; it != ranges[best].second && hits.size() < limit; ++it) {
        const std::uint32_t sku = it->sku;
        if (std::find(taken.begin(), taken.end(), sku) != taken.end()) continue;
        bool all = true;
        if (count_first) {
            all = m_matched[sku] == needed;
        } else {
            for (std::size_t w = 0; w < words.size() && all; ++w) {
                if (w != best) all = Matches(sku, words[w]);
            }
        }
        if (!all) continue;
        taken.push_back(sku);
        hits.push_back(&m_skus[sku]);
    }
    if (count_first) {
        for (std::size_t w = 0; w < ranges.size(); ++w) {
            if (w == best) continue;
            for (auto it = ranges[w].first; it != ranges[w].second; ++it)
                m_matched[it->sku] = 0;
        }
    }
    return hits;
}

const IndexedSku* SkuIndex::Find(std::string_view code) const {
    const auto it = std::lower_bound(
        m_skus.begin(), m_skus.end(), code,
        [](const IndexedSku& sku, std::string_view key) { return sku.code < key; });
    return it != m_skus.end() && it->code == code ? &*it : nullptr;
}

std::vector<const IndexedSku*> SkuIndex::InCategory(std::string_view category,
                                                    std::size_t limit) const {
    std::vector<const IndexedSku*> found;
    const auto at = std::lower_bound(m_categories.begin(), m_categories.end(), category);
    if (at == m_categories.end() || *at != category) return found;
    const auto& members = m_by_category[static_cast<std::size_t>(at - m_categories.begin())];
    for (std::size_t i = 0; i < members.size() && found.size() < limit; ++i)
        found.push_back(&m_skus[members[i]]);
    return found;
}

}  // namespace tillbook::pos::app
