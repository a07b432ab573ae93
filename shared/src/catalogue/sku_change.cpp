#include "tillbook/catalogue/sku_change.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "tillbook/catalogue/sku_rules.hpp"
#include "tillbook/core/text.hpp"
#include "tillbook/money/money.hpp"

namespace tillbook::catalogue {

std::string DescribeSkuChange(const std::optional<Sku>& before, const Sku& after) {
    std::vector<std::string> parts;
    const Sku empty{};
    const Sku& old = before ? *before : empty;
    const auto text = [&](const char* name, const std::string& from, const std::string& to) {
        if (from == to) return;
        parts.push_back(before ? fmt::format("{} {} → {}", name, text::QuoteForMessage(from),
                                             text::QuoteForMessage(to))
                               : fmt::format("{} {}", name, text::QuoteForMessage(to)));
    };
    const auto word = [&](const char* name, const std::string& from, const std::string& to) {
        if (before && from == to) return;
        parts.push_back(before ? fmt::format("{} {} → {}", name, from, to)
                               : fmt::format("{} {}", name, to));
    };
    text("product_id", old.product_id, after.product_id);
    text("product_name", old.product_name, after.product_name);
    text("variant_name", old.variant_name, after.variant_name);
    text("category", old.category, after.category);
    word("price", before ? money::FormatMoney(old.price) : "", money::FormatMoney(after.price));
    word("cost_price", before ? money::FormatMoney(old.cost_price) : "",
         money::FormatMoney(after.cost_price));
    text("tax_class", old.tax_class, after.tax_class);
    word("sold_by", std::string(catalogue::SoldByName(old.sold_by)),
         std::string(catalogue::SoldByName(after.sold_by)));
    word("active", old.active ? "true" : "false", after.active ? "true" : "false");
    for (const std::string& code : after.barcodes) {
        if (std::find(old.barcodes.begin(), old.barcodes.end(), code) == old.barcodes.end())
            parts.push_back("barcode +" + code);
    }
    for (const std::string& code : old.barcodes) {
        if (std::find(after.barcodes.begin(), after.barcodes.end(), code) == after.barcodes.end())
            parts.push_back("barcode -" + code);
    }
    std::string out;
    for (const std::string& part : parts)
        out += (out.empty() ? "" : "; ") + part;
    return out;
}

}  // namespace tillbook::catalogue
