#pragma once
// A channel's settings (the locations that serve it, its buffer, where its stock updates go, its
// despatch rule and webhook secret) and its per-SKU rules, read and changed alike by the command
// line (`channel configure`) and the web API (/api/v1/channels). The webhook secret is written,
// never read back: a reader learns only whether one is set.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::office::channels {

// Every channel the back office knows, configured or not: shopify, woocommerce, ebay, amazon.
[[nodiscard]] std::vector<std::string> AllChannelCodes();

// A change to a channel: each field left empty (nullopt) stays as it is.
struct ChannelSetup {
    std::string code;
    std::optional<std::vector<std::string>> location_codes;  // best first; at least one
    std::optional<std::int64_t> buffer;                      // milli-units held back, >= 0
    std::optional<std::string> base_url;        // http(s)://host[:port]; "": none (no updates sent)
    std::optional<std::string> webhook_secret;  // "": removed (its webhooks are then refused)
    std::optional<std::string> despatch_rule;   // "Europe/London 14:00 +0 +2 [holidays]"; "": none
};

// "" or an http:// or https:// address of a host with an optional port and nothing after it
// (updates go to {base_url}/stock), as it is kept: "https://shop.example:8443", no trailing "/",
// no port when it is the scheme's own. Otherwise kInvalidInput naming base_url.
[[nodiscard]] Result<std::string> NormalBaseUrl(std::string_view url);

// What a change did, for the audit trail: "buffer 0 → 2 units; locations W01,S01 → S01,W01;
// webhook secret (changed)" ("" when nothing changed; the secret itself never appears), and whether
// what the channel may sell of a SKU can have changed (its buffer or locations).
struct ChannelChange {
    std::string detail;
    bool stock_changed = false;
};

// Applies `setup` in the caller's transaction (with the change's audit record, say). Errors name
// the field: an unknown channel, an unknown or repeated location, a bad base URL or despatch rule.
[[nodiscard]] Result<ChannelChange> ConfigureChannelInCurrentTransaction(store::Database& db,
                                                                         const ChannelSetup& setup);
// The same in a transaction of its own.
[[nodiscard]] Status ConfigureChannel(store::Database& db, const ChannelSetup& setup);

// What a channel is set to now.
struct ChannelSettings {
    std::string code;
    std::string name;
    bool configured = false;                  // it has a row in channels
    std::vector<std::string> location_codes;  // best first
    std::int64_t buffer = 0;                  // milli-units
    std::string base_url;                     // "": none
    std::string despatch_rule;                // formatted; "": none
    bool webhook_secret_set = false;
};
[[nodiscard]] Result<ChannelSettings> ReadChannelSettings(store::Database& db,
                                                          std::string_view code);

// A per-SKU rule: hold back `buffer` instead of the channel's, or offer exactly `fixed_quantity`.
// Exactly one is set. Milli-units.
struct SkuRule {
    std::string sku;
    std::optional<std::int64_t> buffer;
    std::optional<std::int64_t> fixed_quantity;
    bool operator==(const SkuRule&) const = default;
};
[[nodiscard]] Result<std::vector<SkuRule>> ListSkuRules(store::Database& db,
                                                        std::string_view channel);
[[nodiscard]] Result<std::optional<SkuRule>> FindSkuRule(store::Database& db,
                                                         std::string_view channel,
                                                         std::string_view sku);
// Sets (replaces) the rule; the channel gets a row of its own if it had none. The caller checks
// the SKU exists.
[[nodiscard]] Status PutSkuRule(store::Database& db, std::string_view channel, const SkuRule& rule);
// Answers whether there was a rule to remove.
[[nodiscard]] Result<bool> RemoveSkuRule(store::Database& db, std::string_view channel,
                                         std::string_view sku);
// "buffer 2" or "fixed quantity 0.5" (units, or kilograms for weighed goods).
[[nodiscard]] std::string DescribeSkuRule(const SkuRule& rule);

}  // namespace tillbook::office::channels
