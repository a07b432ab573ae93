#include "channels/channel_json.hpp"

#include <fmt/format.h>

#include <charconv>

#include "tillbook/core/json_integer.hpp"
#include "tillbook/core/text.hpp"
#include "tillbook/office/channels/imported_order.hpp"

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
    for (const Channel c : kChannels) {
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

std::string FindName(const nlohmann::json& json,
                     std::initializer_list<std::initializer_list<std::string_view>> candidates) {
    for (const auto& paths : candidates) {
        std::string name;
        for (const std::string_view path : paths) {
            const std::string text = FindText(json, path).value_or("");
            const auto first = text.find_first_not_of(' ');
            if (first == std::string::npos) continue;
            const auto last = text.find_last_not_of(' ');
            if (!name.empty()) name += ' ';
            name += text.substr(first, last - first + 1);
        }
        if (!name.empty()) return name;
    }
    return "";
}

std::optional<std::int64_t> FindInteger(const nlohmann::json& json, std::string_view path) {
    const nlohmann::json* at = Find(json, path);
    if (at == nullptr) return std::nullopt;
    if (at->is_number()) {
        auto number = core::ReadJsonInteger(*at);
        if (!number) return std::nullopt;
        return *number;
    }
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

bool Present(const nlohmann::json& json, std::string_view path) {
    const nlohmann::json* at = Find(json, path);
    return at != nullptr && !at->is_null() &&
           !(at->is_string() && at->get_ref<const std::string&>().empty());
}

money::Money OrZero(const Result<money::Money>& result, const money::Currency& currency,
                    std::string_view what, AttentionList& attention) {
    if (result) return *result;
    attention.Add(fmt::format("{}: {}", what, result.error().message));
    return money::Money(0, currency);
}

money::Money AddOrKeep(const money::Money& a, const money::Money& b, AttentionList& attention) {
    auto sum = a.Plus(b);
    if (sum) return *sum;
    attention.Add(sum.error().message);
    return a;
}

money::Money Magnitude(const money::Money& amount) {
    return amount.IsNegative() ? money::Money(-amount.Minor(), amount.GetCurrency()) : amount;
}

money::Money ReadAmountObject(const nlohmann::json& json, std::string_view path,
                              const AmountKeys& keys, const money::Currency& currency,
                              std::string_view what, AttentionList& attention, bool required) {
    const money::Money zero(0, currency);
    const auto code = FindText(json, fmt::format("{}/{}", path, keys.currency));
    if (code && *code != currency.code) {
        attention.Add(fmt::format("{}: in {}, not the order's {}", what,
                                  text::QuoteForMessage(*code, 8), currency.code));
        return zero;
    }
    const money::Money amount = ReadMoney(json, fmt::format("{}/{}", path, keys.value), currency,
                                          what, attention, required);
    if (amount.Minor() > kMaxAmountMinor || amount.Minor() < -kMaxAmountMinor) {
        attention.Add(fmt::format("{}: {} is too large", what, money::FormatMoney(amount)));
        return zero;
    }
    return amount;
}

namespace {

// A JSON value in a reason: strings quoted, anything else as its JSON text.
std::string Shown(const nlohmann::json* raw) {
    if (raw == nullptr) return "missing";
    if (raw->is_string()) return text::QuoteForMessage(raw->get_ref<const std::string&>(), 24);
    return raw->is_primitive() ? raw->dump() : text::QuoteForMessage(raw->dump(), 24);
}

}  // namespace

std::int64_t ReadUnits(const nlohmann::json& item, std::string_view key, std::string_view label,
                       AttentionList& attention) {
    const auto units = FindInteger(item, key);
    if (units && *units > 0 && *units <= kMaxUnits) return *units;
    attention.Add(fmt::format("{}: {} {} is not a whole number from 1 to {}; taken as 1", label,
                              key, Shown(Find(item, key)), kMaxUnits));
    return 1;
}

std::optional<std::int64_t> ReadLineItemUnits(const nlohmann::json& item, std::size_t position,
                                              std::string_view name, AttentionList& attention) {
    const auto units = FindInteger(item, "quantity");
    if (units && *units > 0 && *units <= kMaxLineItemUnits) return units;
    const nlohmann::json* quantity = Find(item, "quantity");
    attention.Add(
        fmt::format("line item {} {}: quantity {} is not a whole number above zero; not imported",
                    position, text::QuoteForMessage(name, 60),
                    quantity == nullptr ? "missing" : text::QuoteForMessage(quantity->dump(), 20)));
    return std::nullopt;
}

orders::OrderLine MakeGrossLine(int line_no, GrossLine draft, const GrossLineChecks& checks,
                                AttentionList& attention) {
    if (checks.zero_out_of_range) {
        for (money::Money* amount : {&draft.gross, &draft.discount, &draft.tax}) {
            if (amount->Minor() > kMaxAmountMinor || amount->Minor() < -kMaxAmountMinor) {
                attention.Add(fmt::format("line {}: amount {} is out of range; taken as zero",
                                          line_no, money::FormatMoney(*amount)));
                *amount = money::Money(0, amount->GetCurrency());
            }
        }
    }
    if (checks.clamp_to_line) {
        const auto& currency = draft.gross.GetCurrency();
        if (draft.gross.IsNegative()) {
            attention.Add(fmt::format("line {}: negative price taken as 0", line_no));
            draft.gross = money::Money(0, currency);
        }
        if (draft.discount.Minor() > draft.gross.Minor()) {
            attention.Add(fmt::format("line {}: discount {} is more than the price {}; capped",
                                      line_no, money::FormatMoney(draft.discount),
                                      money::FormatMoney(draft.gross)));
            draft.discount = draft.gross;
        }
        const std::int64_t paid = draft.gross.Minor() - draft.discount.Minor();
        if (draft.tax.IsNegative() || draft.tax.Minor() > paid) {
            attention.Add(
                fmt::format("line {}: tax {} is outside 0 and the line amount; taken as 0", line_no,
                            money::FormatMoney(draft.tax)));
            draft.tax = money::Money(0, currency);
        }
    }
    const GrossLinePrice price = SplitLineTotal(draft.gross, draft.discount, draft.units);
    orders::OrderLine line;
    line.line_no = line_no;
    line.kind = draft.kind;
    line.sku = std::move(draft.sku);
    line.description = std::move(draft.description);
    line.quantity = draft.units * orders::kMilliPerUnit;
    line.unit_price = price.unit_price;
    line.discount = price.discount;
    line.tax_mode = money::TaxMode::kInclusive;
    line.tax_given_minor = draft.tax.Minor();
    if (checks.report_invalid) {
        if (auto amounts = orders::ComputeLineAmounts(line); !amounts) {
            attention.Add(amounts.error().message);
        }
    }
    return line;
}

void AddGrossLine(orders::Order& order, GrossLine draft, const GrossLineChecks& checks,
                  AttentionList& attention) {
    const int line_no = static_cast<int>(order.lines.size()) + 1;
    order.lines.push_back(MakeGrossLine(line_no, std::move(draft), checks, attention));
}

void CompareWithChannelTotal(const ImportedOrder& imported, const money::Currency& currency,
                             AttentionList& attention) {
    if (!imported.channel_total) return;
    money::Money sum(0, currency);
    for (const orders::OrderLine& line : imported.order.lines) {
        auto amounts = orders::ComputeLineAmounts(line);
        if (!amounts) continue;  // already a reason
        auto next = sum.Plus(amounts->total);
        if (!next) return;
        sum = *next;
    }
    const auto difference = imported.channel_total->Minus(sum);
    if (!difference || difference->IsZero()) return;
    if (difference->Minor() == 1 || difference->Minor() == -1) {
        attention.Add(fmt::format("total differs from lines by {}",
                                  money::FormatMoney(money::Money(1, currency))));
        return;
    }
    attention.Add(fmt::format("total {} differs from the lines' {} by {}",
                              money::FormatMoney(*imported.channel_total), money::FormatMoney(sum),
                              money::FormatMoney(*difference)));
}

}  // namespace tillbook::office::channels
