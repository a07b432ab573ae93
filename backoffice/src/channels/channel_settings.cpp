#include "tillbook/office/channels/channel_settings.hpp"

#include <fmt/format.h>

#include <set>

#include "tillbook/core/text.hpp"
#include "tillbook/core/web_address.hpp"
#include "tillbook/office/channels/imported_order.hpp"
#include "tillbook/orders/despatch_rules.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/orders/quantity.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::channels {

namespace {

std::string SettingKey(std::string_view code, std::string_view name) {
    return fmt::format("channel.{}.{}", code, name);
}

// Writes a channel setting, or removes it when `value` is empty.
Status WriteSetting(store::Database& db, std::string_view code, std::string_view name,
                    const std::string& value) {
    if (value.empty()) return store::RemoveSetting(db, SettingKey(code, name));
    return store::PutSetting(db, SettingKey(code, name), value);
}

Status EnsureChannelRow(store::Database& db, std::string_view code) {
    auto insert = db.Prepare(
        "INSERT INTO channels (code, name, buffer) VALUES (?1, ?1, 0) ON CONFLICT (code) DO "
        "NOTHING");
    if (!insert) return std::unexpected(insert.error());
    return insert->Bind(1, code).Run();
}

Status ReplaceLocations(store::Database& db, std::string_view channel,
                        const std::vector<std::string>& codes) {
    if (codes.empty())
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "locations: at least one location serves a channel",
                                         "locations"));
    auto clear = db.Prepare("DELETE FROM channel_locations WHERE channel = ?");
    if (!clear) return std::unexpected(clear.error());
    if (auto ok = clear->Bind(1, channel).Run(); !ok) return ok;
    std::set<std::string> seen;
    int priority = 0;
    for (const std::string& code : codes) {
        if (!seen.insert(code).second)
            return std::unexpected(MakeError(
                ErrorCode::kInvalidInput,
                fmt::format("locations: {} is named twice", text::QuoteForMessage(code, 40)),
                "locations"));
        auto location = store::FindLocationByCode(db, code);
        if (!location) return std::unexpected(location.error());
        if (!*location)
            return std::unexpected(MakeError(
                ErrorCode::kNotFound,
                fmt::format("no location {}", text::QuoteForMessage(code, 40)), "locations"));
        auto add = db.Prepare(
            "INSERT INTO channel_locations (channel, location_id, priority) VALUES (?, ?, ?)");
        if (!add) return std::unexpected(add.error());
        if (auto ok = add->Bind(1, channel).Bind(2, (*location)->id).Bind(3, ++priority).Run(); !ok)
            return ok;
    }
    return {};
}

}  // namespace

std::vector<std::string> AllChannelCodes() {
    std::vector<std::string> codes;
    for (const Channel channel : kChannels)
        codes.emplace_back(ChannelCode(channel));
    return codes;
}

Result<std::string> NormalBaseUrl(std::string_view url) {
    if (url.empty()) return std::string();
    auto address = text::ParseWebAddress(url);
    if (!address) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      fmt::format("base_url: {} ({}): the host and port only, "
                                  "as updates go to {{base_url}}/stock",
                                  address.error().message, text::QuoteForMessage(url, 80)),
                      "base_url"));
    }
    return address->ToString();
}

namespace {

std::string ListOrNone(const std::vector<std::string>& codes) {
    std::string list;
    for (const std::string& code : codes)
        list += (list.empty() ? "" : ",") + code;
    return list.empty() ? "(none)" : list;
}

std::string OrNone(const std::string& value) {
    return value.empty() ? "(none)" : value;
}

ChannelChange DescribeChange(const ChannelSettings& before, const ChannelSettings& after,
                             bool secret_changed) {
    std::vector<std::string> parts;
    if (!before.configured) parts.push_back("set up");
    if (before.buffer != after.buffer)
        parts.push_back(fmt::format("buffer {} → {} units", orders::FormatQuantity(before.buffer),
                                    orders::FormatQuantity(after.buffer)));
    if (before.location_codes != after.location_codes)
        parts.push_back(fmt::format("locations {} → {}", ListOrNone(before.location_codes),
                                    ListOrNone(after.location_codes)));
    if (before.base_url != after.base_url)
        parts.push_back(
            fmt::format("base URL {} → {}", OrNone(before.base_url), OrNone(after.base_url)));
    if (before.despatch_rule != after.despatch_rule)
        parts.push_back(fmt::format("despatch rule {} → {}", OrNone(before.despatch_rule),
                                    OrNone(after.despatch_rule)));
    if (secret_changed)
        parts.push_back(after.webhook_secret_set ? "webhook secret (changed)"
                                                 : "webhook secret (removed)");
    ChannelChange change;
    for (const std::string& part : parts)
        change.detail += (change.detail.empty() ? "" : "; ") + part;
    change.stock_changed =
        before.buffer != after.buffer || before.location_codes != after.location_codes;
    return change;
}

}  // namespace

Status ConfigureChannel(store::Database& db, const ChannelSetup& setup) {
    auto tx = store::Transaction::Begin(db);
    if (!tx) return std::unexpected(tx.error());
    if (auto ok = ConfigureChannelInCurrentTransaction(db, setup); !ok)
        return std::unexpected(ok.error());
    return tx->Commit();
}

Result<ChannelChange> ConfigureChannelInCurrentTransaction(store::Database& db,
                                                           const ChannelSetup& setup) {
    if (!ParseChannel(setup.code))
        return std::unexpected(
            MakeError(ErrorCode::kNotFound,
                      fmt::format("{} is not shopify, woocommerce, ebay or amazon",
                                  text::QuoteForMessage(setup.code, 40)),
                      "channel"));
    if (setup.buffer && *setup.buffer < 0)
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "buffer: not negative", "buffer"));
    std::optional<std::string> base_url;  // as it is kept
    if (setup.base_url) {
        auto normal = NormalBaseUrl(*setup.base_url);
        if (!normal) return std::unexpected(normal.error());
        base_url = std::move(*normal);
    }
    std::string despatch_rule;
    if (setup.despatch_rule && !setup.despatch_rule->empty()) {
        auto rule = orders::ParseDespatchRule(*setup.despatch_rule);
        if (!rule)
            return std::unexpected(MakeError(
                rule.error().code, "despatch rule: " + rule.error().message, "despatch_rule"));
        despatch_rule = orders::FormatDespatchRule(*rule);
    }
    auto before = ReadChannelSettings(db, setup.code);
    if (!before) return std::unexpected(before.error());
    auto secret_before = store::GetSetting(db, SettingKey(setup.code, "webhook_secret"));
    if (!secret_before) return std::unexpected(secret_before.error());
    if (auto ok = EnsureChannelRow(db, setup.code); !ok) return std::unexpected(ok.error());
    if (setup.buffer) {
        auto buffer = db.Prepare("UPDATE channels SET buffer = ? WHERE code = ?");
        if (!buffer) return std::unexpected(buffer.error());
        if (auto ok = buffer->Bind(1, *setup.buffer).Bind(2, setup.code).Run(); !ok)
            return std::unexpected(ok.error());
    }
    if (setup.location_codes) {
        if (auto ok = ReplaceLocations(db, setup.code, *setup.location_codes); !ok)
            return std::unexpected(ok.error());
    }
    if (base_url) {
        if (auto ok = WriteSetting(db, setup.code, "base_url", *base_url); !ok)
            return std::unexpected(ok.error());
    }
    if (setup.webhook_secret) {
        if (auto ok = WriteSetting(db, setup.code, "webhook_secret", *setup.webhook_secret); !ok)
            return std::unexpected(ok.error());
    }
    if (setup.despatch_rule) {
        if (auto ok = WriteSetting(db, setup.code, "despatch_rule", despatch_rule); !ok)
            return std::unexpected(ok.error());
    }
    auto after = ReadChannelSettings(db, setup.code);
    if (!after) return std::unexpected(after.error());
    const bool secret_changed =
        setup.webhook_secret && secret_before->value_or("") != *setup.webhook_secret;
    return DescribeChange(*before, *after, secret_changed);
}

Result<ChannelSettings> ReadChannelSettings(store::Database& db, std::string_view code) {
    ChannelSettings settings;
    settings.code = std::string(code);
    settings.name = settings.code;
    auto row = db.Prepare("SELECT name, buffer FROM channels WHERE code = ?");
    if (!row) return std::unexpected(row.error());
    row->Bind(1, code);
    auto found = row->Step();
    if (!found) return std::unexpected(found.error());
    if (*found) {
        settings.configured = true;
        settings.name = row->Text(0);
        settings.buffer = row->Int64(1);
    }
    auto locations = db.Prepare(
        "SELECT l.code FROM channel_locations c JOIN locations l ON l.id = c.location_id WHERE "
        "c.channel = ? ORDER BY c.priority, l.code");
    if (!locations) return std::unexpected(locations.error());
    locations->Bind(1, code);
    while (true) {
        auto next = locations->Step();
        if (!next) return std::unexpected(next.error());
        if (!*next) break;
        settings.location_codes.push_back(locations->Text(0));
    }
    auto base_url = store::GetSetting(db, SettingKey(code, "base_url"));
    if (!base_url) return std::unexpected(base_url.error());
    settings.base_url = base_url->value_or("");
    auto rule = store::GetSetting(db, SettingKey(code, "despatch_rule"));
    if (!rule) return std::unexpected(rule.error());
    settings.despatch_rule = rule->value_or("");
    auto secret = store::GetSetting(db, SettingKey(code, "webhook_secret"));
    if (!secret) return std::unexpected(secret.error());
    settings.webhook_secret_set = *secret && !(*secret)->empty();
    return settings;
}

namespace {
SkuRule ReadRule(const store::StatementUse& q) {
    return {q.Text(0), q.OptionalInt64(1), q.OptionalInt64(2)};
}
}  // namespace

Result<std::vector<SkuRule>> ListSkuRules(store::Database& db, std::string_view channel) {
    auto q = db.Prepare(
        "SELECT sku, buffer, fixed_quantity FROM channel_sku_rules WHERE channel = ? ORDER BY sku");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, channel);
    std::vector<SkuRule> rules;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return rules;
        rules.push_back(ReadRule(*q));
    }
}

Result<std::optional<SkuRule>> FindSkuRule(store::Database& db, std::string_view channel,
                                           std::string_view sku) {
    auto q = db.Prepare(
        "SELECT sku, buffer, fixed_quantity FROM channel_sku_rules WHERE channel = ? AND sku = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, channel).Bind(2, sku);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<SkuRule>{};
    return std::optional<SkuRule>{ReadRule(*q)};
}

Status PutSkuRule(store::Database& db, std::string_view channel, const SkuRule& rule) {
    if (rule.buffer.has_value() == rule.fixed_quantity.has_value())
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput, "either a buffer or a fixed quantity, not both", "buffer"));
    if (auto ok = EnsureChannelRow(db, channel); !ok) return ok;
    auto q = db.Prepare(
        "INSERT INTO channel_sku_rules (channel, sku, buffer, fixed_quantity) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (channel, sku) DO UPDATE SET buffer = excluded.buffer, fixed_quantity = "
        "excluded.fixed_quantity");
    if (!q) return std::unexpected(q.error());
    return q->Bind(1, channel)
        .Bind(2, rule.sku)
        .Bind(3, rule.buffer)
        .Bind(4, rule.fixed_quantity)
        .Run();
}

Result<bool> RemoveSkuRule(store::Database& db, std::string_view channel, std::string_view sku) {
    auto existing = FindSkuRule(db, channel, sku);
    if (!existing) return std::unexpected(existing.error());
    if (!*existing) return false;
    auto q = db.Prepare("DELETE FROM channel_sku_rules WHERE channel = ? AND sku = ?");
    if (!q) return std::unexpected(q.error());
    if (auto ok = q->Bind(1, channel).Bind(2, sku).Run(); !ok) return std::unexpected(ok.error());
    return true;
}

std::string DescribeSkuRule(const SkuRule& rule) {
    if (rule.fixed_quantity)
        return fmt::format("fixed quantity {}", orders::FormatQuantity(*rule.fixed_quantity));
    return fmt::format("buffer {}", orders::FormatQuantity(rule.buffer.value_or(0)));
}

}  // namespace tillbook::office::channels
