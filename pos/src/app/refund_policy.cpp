#include "refund_policy.hpp"

#include <algorithm>

#include "tillbook/drivers/receipt_renderer.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::pos::app {

namespace {

std::optional<std::string> Setting(store::Database& db, std::string_view key) {
    auto value = store::GetSetting(db, key);
    if (!value || !*value) return std::nullopt;
    return **value;
}

std::optional<money::Money> AmountSetting(store::Database& db, std::string_view key,
                                          const money::Currency& currency) {
    auto text = Setting(db, key);
    if (!text) return std::nullopt;
    auto amount = money::ParseMoney(*text, currency);
    if (!amount || amount->IsNegative()) return std::nullopt;
    return *amount;
}

// "original, Cash ,card" -> {"original", "cash", "card"} (and "store_credit"); unknown words are
// left out.
std::vector<std::string> TenderWords(std::string_view text) {
    std::vector<std::string> words;
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string word(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        std::erase_if(word, [](char c) { return c == ' ' || c == '\t'; });
        std::transform(word.begin(), word.end(), word.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if ((word == "original" || word == "cash" || word == "card" || word == "store_credit") &&
            std::find(words.begin(), words.end(), word) == words.end())
            words.push_back(word);
    }
    return words;
}

void AddOnce(std::vector<RefundTender>& out, orders::Tender tender, std::string label) {
    const bool there = std::any_of(out.begin(), out.end(),
                                   [&](const RefundTender& t) { return t.tender == tender; });
    if (!there) out.push_back({tender, std::move(label)});
}

}  // namespace

std::string TenderWord(orders::Tender tender, std::string_view channel) {
    if (tender != orders::Tender::kChannel || channel.empty())
        return std::string(drivers::TenderName(tender));
    std::string name(channel);
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    if (name == "Woocommerce") name = "WooCommerce";
    if (name == "Ebay") name = "eBay";
    return name;
}

RefundPolicy RefundPolicy::Load(store::Database& db, const money::Currency& currency) {
    const long long major = money::MinorPerMajor(currency);
    RefundPolicy policy{{"original", "cash", "card", "store_credit"},
                        true,
                        money::Money(100 * major, currency),
                        money::Money(50 * major, currency)};
    if (auto tenders = Setting(db, "till.refund_tenders")) {
        auto words = TenderWords(*tenders);
        if (!words.empty()) policy.tenders = std::move(words);
    }
    if (auto offline = Setting(db, "till.offline_own_returns"))
        policy.offline_own_returns = *offline != "false" && *offline != "0" && *offline != "no";
    if (auto above = AmountSetting(db, "till.refund_approval_above", currency))
        policy.approval_above = *above;
    if (auto limit = AmountSetting(db, "till.no_receipt_limit", currency))
        policy.no_receipt_limit = *limit;
    return policy;
}

std::vector<RefundTender> RefundPolicy::RefundTenders(const OrderPaidWith& order) const {
    std::vector<RefundTender> out;
    const bool till_sale = order.channel.starts_with("store:");
    for (const std::string& word : tenders) {
        if (word == "original") {
            if (!till_sale) {
                AddOnce(
                    out, orders::Tender::kChannel,
                    "Original: refunded on " + TenderWord(orders::Tender::kChannel, order.channel));
            }
            for (const orders::Tender paid : order.tenders) {
                if (paid == orders::Tender::kCash || paid == orders::Tender::kCard)
                    AddOnce(out, paid, TenderWord(paid) + " (original)");
            }
        } else if (word == "cash") {
            AddOnce(out, orders::Tender::kCash, "Cash");
        } else if (word == "card") {
            AddOnce(out, orders::Tender::kCard, "Card");
        } else if (word == "store_credit") {
            AddOnce(out, orders::Tender::kStoreCredit, "Store credit (new card)");
        }
    }
    return out;
}

std::vector<RefundTender> RefundPolicy::NoReceiptTenders() const {
    return {{orders::Tender::kCash, "Cash"}};
}

std::vector<RefundTender> RefundPolicy::PayTenders() const {
    return {{orders::Tender::kCash, "Cash"}, {orders::Tender::kCard, "Card"}};
}

}  // namespace tillbook::pos::app
