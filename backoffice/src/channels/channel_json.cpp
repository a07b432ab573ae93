#include "channels/channel_json.hpp"

#include <fmt/format.h>

#include <charconv>

#include "channels/imported_order.hpp"
#include "tillbook/core/text.hpp"

namespace tillbook::office::channels {

std::string_view ChannelCode(Channel channel) {
    switch (channel) {
        case Channel::kShopify:
            return "shopify";
        case Channel::kWooCommerce:
            return "woocommerce";
        case Channel::kEbay:
            return "ebay";
        case Channel::kAmazon:
            return "amazon";
    }
    return "unknown";
}

std::optional<Channel> ParseChannel(std::string_view code) {
    for (Channel c : {Channel::kShopify, Channel::kWooCommerce, Channel::kEbay, Channel::kAmazon}) {
        if (ChannelCode(c) == code) return c;
    }
    return std::nullopt;
}

Result<nlohmann::json> ParseObject(std::string_view body) {
    auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded())
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "not valid JSON"));
    if (!json.is_object())
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "not a JSON object"));
    return json;
}

const nlohmann::json* Find(const nlohmann::json& json, std::string_view path) {
    const nlohmann::json* at = &json;
    while (!path.empty()) {
        const auto slash = path.find('/');
        const std::string_view step = path.substr(0, slash);
        path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
        if (at->is_object()) {
            const auto found = at->find(std::string(step));
            if (found == at->end()) return nullptr;
            at = &*found;
        } else if (at->is_array()) {
            std::size_t index = 0;
            const auto [end, ec] = std::from_chars(step.data(), step.data() + step.size(), index);
            if (ec != std::errc{} || end != step.data() + step.size() || index >= at->size())
                return nullptr;
            at = &(*at)[index];
        } else {
            return nullptr;
        }
    }
    return at;
}

std::optional<std::string> FindText(const nlohmann::json& json, std::string_view path) {
    const nlohmann::json* at = Find(json, path);
    if (at == nullptr) return std::nullopt;
    if (at->is_string()) return at->get<std::string>();
    if (at->is_number_integer()) return at->dump();
    return std::nullopt;
}

std::optional<std::int64_t> FindInteger(const nlohmann::json& json, std::string_view path) {
    const nlohmann::json* at = Find(json, path);
    if (at == nullptr) return std::nullopt;
    if (at->is_number_unsigned()) {
        const auto value = at->get<std::uint64_t>();
        if (value > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
        return static_cast<std::int64_t>(value);
    }
    if (at->is_number_integer()) return at->get<std::int64_t>();
    if (at->is_string()) {
        const auto& text = at->get_ref<const std::string&>();
        std::int64_t value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec == std::errc{} && end == text.data() + text.size() && !text.empty()) return value;
    }
    return std::nullopt;
}

std::optional<bool> FindBool(const nlohmann::json& json, std::string_view path) {
    const nlohmann::json* at = Find(json, path);
    if (at == nullptr) return std::nullopt;
    if (at->is_boolean()) return at->get<bool>();
    if (at->is_string()) {
        if (*at == "true") return true;
        if (*at == "false") return false;
    }
    return std::nullopt;
}

money::Money ReadMoney(const nlohmann::json& json, std::string_view path,
                       const money::Currency& currency, std::string_view what,
                       AttentionList& attention, bool required) {
    const money::Money zero(0, currency);
    const nlohmann::json* at = Find(json, path);
    if (at == nullptr || at->is_null() ||
        (at->is_string() && at->get_ref<const std::string&>().empty())) {
        if (required) attention.Add(fmt::format("{}: missing", what));
        return zero;
    }
    if (!at->is_string()) {
        attention.Add(
            fmt::format("{}: {} is not a decimal string; amounts are never read from JSON numbers",
                        what, text::QuoteForMessage(at->dump(), 40)));
        return zero;
    }
    auto amount = money::ParseMoney(at->get_ref<const std::string&>(), currency);
    if (!amount) {
        attention.Add(fmt::format("{}: {}", what, amount.error().message));
        return zero;
    }
    return *amount;
}

std::optional<ids::UtcMillis> ReadTime(const nlohmann::json& json, std::string_view path,
                                       std::string_view what, AttentionList& attention,
                                       bool assume_utc_without_zone) {
    const auto text = FindText(json, path);
    if (!text || text->empty()) return std::nullopt;
    auto parsed = ids::ParseIso8601(*text, assume_utc_without_zone);
    if (!parsed) {
        attention.Add(fmt::format("{}: {}", what, parsed.error().message));
        return std::nullopt;
    }
    return *parsed;
}

GrossLinePrice SplitLineTotal(const money::Money& gross_before_discount,
                              const money::Money& discount_total, std::int64_t units) {
    const std::int64_t gross = gross_before_discount.Minor();
    const std::int64_t unit = gross >= 0 ? (gross + units - 1) / units : gross / units;
    const std::int64_t rounding = unit * units - gross;  // 0 .. units-1
    return GrossLinePrice{
        money::Money(unit, gross_before_discount.GetCurrency()),
        money::Money(discount_total.Minor() + rounding, discount_total.GetCurrency())};
}

}  // namespace tillbook::office::channels
