// The sales channels' settings, their per-SKU rules and the stock outbox (the web app's Channels
// page). The webhook secret is write-only: answers say only whether one is set.
// GET    /api/v1/channels                        every channel, configured or not   manager+
// PUT    /api/v1/channels/{code}                 {locations, buffer (units), base_url,
//                                                despatch_rule, webhook_secret,
//                                                clear_webhook_secret}: each optional    admin
// GET    /api/v1/channels/{code}/skus            its per-SKU rules                  manager+
// PUT    /api/v1/channels/{code}/skus/{sku}      {buffer} or {fixed_quantity} (units;
//                                                _milli in grams for weighed goods)  manager+
// DELETE /api/v1/channels/{code}/skus/{sku}      back to the channel's buffer       manager+
// GET    /api/v1/channels/outbox?channel=&state=pending|failed|delivered&limit=   newest first
// POST   /api/v1/channels/outbox/{id}/resend     an undelivered entry is due now    manager+
// Every change is audited (ReferenceChanged, the caller as actor); a change that alters what a
// channel may sell queues the new figures in the outbox in the same writer job.
#include <fmt/format.h>

#include <charconv>

#include "routes/request_json.hpp"
#include "tillbook/core/text.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/office/channels/channel_settings.hpp"
#include "tillbook/office/channels/channel_stock.hpp"
#include "tillbook/office/channels/imported_order.hpp"
#include "tillbook/office/channels/outbox_entries.hpp"
#include "tillbook/office/office_events.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

constexpr std::int64_t kMaxBufferUnits = 1'000'000;
constexpr std::int64_t kDefaultOutboxRows = 100;
constexpr std::int64_t kMaxOutboxRows = 500;
constexpr std::size_t kMaxLocations = 50;
constexpr std::size_t kMaxTextBytes = 300;

Status KnownChannel(const std::string& code) {
    if (channels::ParseChannel(code)) return {};
    return std::unexpected(
        MakeError(ErrorCode::kNotFound,
                  fmt::format("no channel {}; the channels are shopify, woocommerce, ebay and "
                              "amazon",
                              text::QuoteForMessage(code, 40))));
}

Result<json> ChannelJson(store::Database& db, const std::string& code) {
    auto settings = channels::ReadChannelSettings(db, code);
    if (!settings) return std::unexpected(settings.error());
    auto counts = channels::CountOutbox(db, code);
    if (!counts) return std::unexpected(counts.error());
    return json{{"code", settings->code},
                {"name", settings->name},
                {"configured", settings->configured},
                {"locations", settings->location_codes},
                {"buffer_milli", settings->buffer},
                {"base_url", settings->base_url},
                {"despatch_rule", settings->despatch_rule},
                {"webhook_secret_set", settings->webhook_secret_set},
                {"outbox", {{"pending", counts->pending}, {"failed", counts->failed}}}};
}

ApiResponse List(OfficeContext& context) {
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    json list = json::array();
    for (const std::string& code : channels::AllChannelCodes()) {
        auto channel = ChannelJson(**db, code);
        if (!channel) return http::ErrorResponse(channel.error());
        list.push_back(std::move(*channel));
    }
    return http::JsonResponse({{"channels", list}});
}

// A setting's text when the body has it ("" included: that removes the setting), else nullopt;
// refused unless it is UTF-8 text of at most kMaxTextBytes with no control character.
Result<std::optional<std::string>> SettingText(const json& body, const char* key) {
    if (!body.contains(key)) return std::optional<std::string>{};
    const json& value = body.at(key);
    const auto bad = [&] {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("{}: text of at most {} bytes on one line", key, kMaxTextBytes), key));
    };
    if (!value.is_string()) return bad();
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() > kMaxTextBytes || !text::IsValidUtf8(text)) return bad();
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) return bad();
    }
    return std::optional<std::string>{text};
}

// Reads the PUT body into a change: a field that is absent stays as it is.
Result<channels::ChannelSetup> ReadSetup(const std::string& code, const json& body) {
    channels::ChannelSetup setup;
    setup.code = code;
    if (body.contains("locations")) {
        const json& list = body.at("locations");
        if (!list.is_array() || list.size() > kMaxLocations)
            return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                             "locations: a list of location codes, best first",
                                             "locations"));
        setup.location_codes.emplace();
        for (const json& item : list) {
            if (!item.is_string())
                return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                                 "locations: each is a location code (text)",
                                                 "locations"));
            setup.location_codes->push_back(item.get<std::string>());
        }
    }
    if (body.contains("buffer")) {
        auto units = IntField(body, "buffer", "", 0, kMaxBufferUnits);
        if (!units) return std::unexpected(units.error());
        setup.buffer = *units * orders::kMilliPerUnit;
    }
    for (auto [key, field] :
         {std::pair{"base_url", &channels::ChannelSetup::base_url},
          std::pair{"despatch_rule", &channels::ChannelSetup::despatch_rule},
          std::pair{"webhook_secret", &channels::ChannelSetup::webhook_secret}}) {
        auto value = SettingText(body, key);
        if (!value) return std::unexpected(value.error());
        setup.*field = std::move(*value);
    }
    if (setup.webhook_secret && setup.webhook_secret->empty())
        setup.webhook_secret.reset();  // an empty secret field leaves the secret as it is
    if (body.contains("clear_webhook_secret")) {
        const json& clear = body.at("clear_webhook_secret");
        if (!clear.is_boolean())
            return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                             "clear_webhook_secret: true or false",
                                             "clear_webhook_secret"));
        if (clear.get<bool>()) {
            if (setup.webhook_secret)
                return std::unexpected(
                    MakeError(ErrorCode::kInvalidInput,
                              "either a new webhook_secret or clear_webhook_secret, not both",
                              "webhook_secret"));
            setup.webhook_secret = "";
        }
    }
    return setup;
}

ApiResponse Put(OfficeContext& context, const ApiRequest& request) {
    const std::string code = request.path_params.at(0);
    if (auto ok = KnownChannel(code); !ok) return http::ErrorResponse(ok.error());
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto setup = ReadSetup(code, *body);
    if (!setup) return http::ErrorResponse(setup.error());
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        auto change = channels::ConfigureChannelInCurrentTransaction(w.db, *setup);
        if (!change) return std::unexpected(change.error());
        if (change->detail.empty()) return {};
        if (change->stock_changed) {
            if (auto ok = channels::QueueChannelFigures(w.db, code, context.clock.Now()); !ok)
                return ok;
        }
        return RecordReferenceChange(context, w, request.caller->Actor(),
                                     {"channel", code, "updated", change->detail});
    });
    if (!written) return http::ErrorResponse(written.error());
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto channel = ChannelJson(**db, code);
    if (!channel) return http::ErrorResponse(channel.error());
    return http::JsonResponse(*channel);
}

json RuleJson(const channels::SkuRule& rule) {
    return {
        {"sku", rule.sku},
        {"buffer_milli", rule.buffer ? json(*rule.buffer) : json(nullptr)},
        {"fixed_quantity_milli", rule.fixed_quantity ? json(*rule.fixed_quantity) : json(nullptr)}};
}

ApiResponse ListRules(OfficeContext& context, const ApiRequest& request) {
    const std::string code = request.path_params.at(0);
    if (auto ok = KnownChannel(code); !ok) return http::ErrorResponse(ok.error());
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto rules = channels::ListSkuRules(**db, code);
    if (!rules) return http::ErrorResponse(rules.error());
    json list = json::array();
    for (const channels::SkuRule& rule : *rules)
        list.push_back(RuleJson(rule));
    return http::JsonResponse({{"channel", code}, {"rules", list}});
}

// The rule in the body: {buffer} or {fixed_quantity}, in whole units or, for weighed goods,
// {buffer_milli} or {fixed_quantity_milli} in grams.
Result<channels::SkuRule> ReadRule(const json& body, const catalogue::Sku& sku) {
    const auto has = [&](const std::string& key) {
        return body.contains(key) || body.contains(key + "_milli");
    };
    const bool buffer = has("buffer");
    const bool fixed = has("fixed_quantity");
    if (buffer == fixed)
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            buffer ? "either a buffer or a fixed_quantity, not both"
                   : "give a buffer (units held back) or a fixed_quantity (units offered)",
            buffer ? "fixed_quantity" : "buffer"));
    auto quantity =
        QuantityField(body, buffer ? "buffer" : "fixed_quantity", sku.sold_by, "", true);
    if (!quantity) return std::unexpected(quantity.error());
    channels::SkuRule rule{sku.code, std::nullopt, std::nullopt};
    (buffer ? rule.buffer : rule.fixed_quantity) = *quantity;
    return rule;
}

// Changes one SKU's rule (or, with no rule, removes it) and queues the figure that follows.
ApiResponse WriteRule(OfficeContext& context, const ApiRequest& request, bool remove) {
    const std::string code = request.path_params.at(0);
    const std::string sku_code = request.path_params.at(1);
    if (auto ok = KnownChannel(code); !ok) return http::ErrorResponse(ok.error());
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto sku = store::FindSku(**db, sku_code);
    if (!sku) return http::ErrorResponse(sku.error());
    if (!*sku)
        return http::ErrorResponse(
            MakeError(ErrorCode::kNotFound,
                      fmt::format("no SKU {}", text::QuoteForMessage(sku_code, 60)), "sku"));
    std::optional<channels::SkuRule> rule;
    if (!remove) {
        auto body = http::ParseJsonBody(request);
        if (!body) return http::ErrorResponse(body.error());
        auto read = ReadRule(*body, **sku);
        if (!read) return http::ErrorResponse(read.error());
        rule = std::move(*read);
    }
    bool existed = false;
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        auto before = channels::FindSkuRule(w.db, code, sku_code);
        if (!before) return std::unexpected(before.error());
        existed = before->has_value();
        if (*before == rule) return {};
        if (rule) {
            if (auto ok = channels::PutSkuRule(w.db, code, *rule); !ok) return ok;
        } else {
            auto removed = channels::RemoveSkuRule(w.db, code, sku_code);
            if (!removed) return std::unexpected(removed.error());
        }
        if (auto ok = channels::QueueStockFigures(w.db, code, {sku_code}, context.clock.Now()); !ok)
            return ok;
        const std::string was = *before ? channels::DescribeSkuRule(**before) : "none";
        const std::string now = rule ? channels::DescribeSkuRule(*rule) : "none";
        return RecordReferenceChange(context, w, request.caller->Actor(),
                                     {"channel_sku_rule", fmt::format("{}/{}", code, sku_code),
                                      rule ? (existed ? "updated" : "created") : "removed",
                                      fmt::format("{} → {}", was, now)});
    });
    if (!written) return http::ErrorResponse(written.error());
    if (!rule) {
        if (!existed)
            return http::ErrorResponse(MakeError(
                ErrorCode::kNotFound,
                fmt::format("{} has no rule for {}", code, text::QuoteForMessage(sku_code, 60))));
        return ApiResponse{204, "", "application/json", {}};
    }
    return http::JsonResponse(RuleJson(*rule));
}

json EntryJson(const channels::OutboxEntry& entry) {
    const json body = json::parse(entry.body, nullptr, false);
    const json figure =
        body.is_object() && body.contains("available") ? body.at("available") : json(nullptr);
    return {{"id", entry.id},
            {"channel", entry.channel},
            {"topic", entry.topic},
            {"subject", entry.subject},
            {"available", figure},
            {"state", channels::ToString(entry.State())},
            {"created_at", ids::FormatIso8601(entry.created_at)},
            {"attempts", entry.attempts},
            {"next_attempt_at",
             entry.delivered_at ? json(nullptr) : json(ids::FormatIso8601(entry.next_attempt_at))},
            {"delivered_at",
             entry.delivered_at ? json(ids::FormatIso8601(*entry.delivered_at)) : json(nullptr)},
            {"last_error", entry.last_error}};
}

ApiResponse Outbox(OfficeContext& context, const ApiRequest& request) {
    channels::OutboxFilter filter;
    if (auto channel = request.Query("channel"); channel && !channel->empty()) {
        if (auto ok = KnownChannel(*channel); !ok) {
            Error error = ok.error();
            error.code = ErrorCode::kInvalidInput;
            error.field = "channel";
            return http::ErrorResponse(error);
        }
        filter.channel = *channel;
    }
    if (auto state = request.Query("state"); state && !state->empty()) {
        filter.state = channels::ParseOutboxState(*state);
        if (!filter.state)
            return http::ErrorResponse(MakeError(ErrorCode::kInvalidInput,
                                                 "state: pending, failed or delivered", "state"));
    }
    filter.limit = kDefaultOutboxRows;
    if (auto limit = request.Query("limit")) {
        std::int64_t value = 0;
        const char* end = limit->data() + limit->size();
        const auto [stop, ec] = std::from_chars(limit->data(), end, value);
        if (ec != std::errc{} || stop != end || value < 1 || value > kMaxOutboxRows)
            return http::ErrorResponse(MakeError(
                ErrorCode::kInvalidInput,
                fmt::format("limit: a whole number from 1 to {}", kMaxOutboxRows), "limit"));
        filter.limit = value;
    }
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto entries = channels::ListOutbox(**db, filter);
    if (!entries) return http::ErrorResponse(entries.error());
    json list = json::array();
    for (const channels::OutboxEntry& entry : *entries)
        list.push_back(EntryJson(entry));
    return http::JsonResponse({{"entries", list}});
}

ApiResponse Resend(OfficeContext& context, const ApiRequest& request) {
    const std::string& text_id = request.path_params.at(0);
    std::int64_t id = 0;
    const auto [stop, ec] = std::from_chars(text_id.data(), text_id.data() + text_id.size(), id);
    if (ec != std::errc{} || stop != text_id.data() + text_id.size())
        return http::ErrorResponse(
            MakeError(ErrorCode::kNotFound,
                      fmt::format("no outbox entry {}", text::QuoteForMessage(text_id, 40))));
    channels::OutboxEntry entry;
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        auto resent = channels::ResendOutboxEntry(w.db, id, context.clock.Now());
        if (!resent) return std::unexpected(resent.error());
        entry = std::move(*resent);
        return {};
    });
    if (!written) return http::ErrorResponse(written.error());
    return http::JsonResponse(EntryJson(entry));
}

}  // namespace

std::vector<http::Route> ChannelSettingsRoutes(OfficeContext& context) {
    const auto managers = http::Access::Staff(staff::Role::kManager);
    return {
        {"GET", "/api/v1/channels", managers,
         [&context](const ApiRequest&) { return List(context); }},
        {"GET", "/api/v1/channels/outbox", managers,
         [&context](const ApiRequest& r) { return Outbox(context, r); }},
        {"POST", "/api/v1/channels/outbox/([^/]+)/resend", managers,
         [&context](const ApiRequest& r) { return Resend(context, r); }},
        {"PUT", "/api/v1/channels/([^/]+)", http::Access::Staff(staff::Role::kAdmin),
         [&context](const ApiRequest& r) { return Put(context, r); }},
        {"GET", "/api/v1/channels/([^/]+)/skus", managers,
         [&context](const ApiRequest& r) { return ListRules(context, r); }},
        {"PUT", "/api/v1/channels/([^/]+)/skus/([^/]+)", managers,
         [&context](const ApiRequest& r) { return WriteRule(context, r, false); }},
        {"DELETE", "/api/v1/channels/([^/]+)/skus/([^/]+)", managers,
         [&context](const ApiRequest& r) { return WriteRule(context, r, true); }},
    };
}

}  // namespace tillbook::office::routes
