#include "tillbook/queries/sku_search.hpp"

#include <algorithm>
#include <string>

#include "queries/each_row.hpp"
#include "tillbook/catalogue/sku_rules.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::queries {

namespace {

// `text` for LIKE ... ESCAPE '\': what is typed is matched as itself.
std::string LikePattern(std::string_view text) {
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') pattern += '\\';
        pattern += c;
    }
    return pattern + "%";
}

// The four stored forms the barcode `text` may have (catalogue::StoredFormsOf), repeated to fill
// four places; four empty strings (which no barcode is) when `text` is no barcode.
std::vector<std::string> BarcodeForms(std::string_view text) {
    std::vector<std::string> forms;
    if (auto barcode = catalogue::ParseSkuBarcode(text))
        forms = catalogue::StoredFormsOf(barcode->gtin14);
    if (forms.empty()) forms.emplace_back();
    while (forms.size() < 4)
        forms.push_back(forms.back());
    return forms;
}

}  // namespace

Result<SkuSearchPage> SearchSkus(store::Database& db, const SkuSearch& search) {
    const std::int64_t limit = std::clamp<std::int64_t>(search.limit, 1, kSkuSearchLimit);
    std::vector<std::string> codes;
    {
        auto q = db.Prepare(kSkuSearchSql);
        if (!q) return std::unexpected(q.error());
        const std::vector<std::string> forms = BarcodeForms(search.text);
        q->Bind(1, search.after).Bind(2, LikePattern(search.text));
        for (int i = 0; i < 4; ++i)
            q->Bind(3 + i, forms[static_cast<std::size_t>(i)]);
        q->Bind(7, limit + 1);
        if (auto ok =
                EachRow(*q, [&](const store::StatementUse& row) { codes.push_back(row.Text(0)); });
            !ok)
            return std::unexpected(ok.error());
    }
    SkuSearchPage page;
    page.more = static_cast<std::int64_t>(codes.size()) > limit;
    if (page.more) codes.resize(static_cast<std::size_t>(limit));
    for (const std::string& code : codes) {
        auto sku = store::FindSku(db, code);
        if (!sku) return std::unexpected(sku.error().WithContext(code));
        if (*sku) page.skus.push_back(std::move(**sku));
    }
    return page;
}

}  // namespace tillbook::queries
