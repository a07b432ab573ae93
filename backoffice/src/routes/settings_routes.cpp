// The settings tills pull (till_settings.hpp).
// GET    /api/v1/settings          every till.* and store.CODE.* setting   manager and above
// PUT    /api/v1/settings/{key}    {value}: set it                         admin
// DELETE /api/v1/settings/{key}    remove it                               admin
#include <fmt/format.h>

#include "till_settings.hpp"
#include "tillbook/core/text.hpp"
#include "tillbook/office/office_events.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;
using nlohmann::json;

constexpr std::size_t kMaxValueBytes = 2000;

ApiResponse List(OfficeContext& context) {
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto settings = ListTillSettings(**db);
    if (!settings) return http::ErrorResponse(settings.error());
    return http::JsonResponse({{"settings", *settings}});
}

// Writes (or, with no value, removes) one setting and its audit record in one writer job.
ApiResponse Write(OfficeContext& context, const ApiRequest& request,
                  std::optional<std::string> value) {
    const std::string key = request.path_params.at(0);
    if (auto ok = CheckTillSettingKey(key); !ok) return http::ErrorResponse(ok.error());
    bool existed = false;
    auto written = context.writer.Run([&](WriteContext& w) -> Status {
        auto before = store::GetSetting(w.db, key);
        if (!before) return std::unexpected(before.error());
        existed = before->has_value();
        if (!value && !existed) return {};
        if (value && *before == *value) return {};
        if (value) {
            if (auto ok = store::PutSetting(w.db, key, *value); !ok) return ok;
        } else {
            if (auto ok = store::RemoveSetting(w.db, key); !ok) return ok;
        }
        const std::string detail =
            value ? fmt::format("{} → {}",
                                *before ? text::QuoteForMessage(**before, 120) : "(not set)",
                                text::QuoteForMessage(*value, 120))
                  : fmt::format("removed {}", text::QuoteForMessage(**before, 120));
        return RecordReferenceChange(
            context, w, request.caller->Actor(),
            {"setting", key, value ? (existed ? "updated" : "created") : "removed", detail});
    });
    if (!written) return http::ErrorResponse(written.error());
    if (!value && !existed)
        return http::ErrorResponse(MakeError(
            ErrorCode::kNotFound, fmt::format("no setting {}", text::QuoteForMessage(key, 80))));
    if (!value) return ApiResponse{204, "", "application/json", {}};
    return http::JsonResponse({{"key", key}, {"value", *value}});
}

ApiResponse Put(OfficeContext& context, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    if (!body->contains("value") || !body->at("value").is_string()) {
        return http::ErrorResponse(
            MakeError(ErrorCode::kInvalidInput, "value is required (text)", "value"));
    }
    std::string value = body->at("value").get<std::string>();
    if (value.size() > kMaxValueBytes || !text::IsValidUtf8(value)) {
        return http::ErrorResponse(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("value: UTF-8 text of at most {} bytes", kMaxValueBytes), "value"));
    }
    return Write(context, request, std::move(value));
}

}  // namespace

std::vector<http::Route> SettingsRoutes(OfficeContext& context) {
    return {
        {"GET", "/api/v1/settings", http::Access::Staff(staff::Role::kManager),
         [&context](const ApiRequest&) { return List(context); }},
        {"PUT", "/api/v1/settings/([^/]+)", http::Access::Staff(staff::Role::kAdmin),
         [&context](const ApiRequest& r) { return Put(context, r); }},
        {"DELETE", "/api/v1/settings/([^/]+)", http::Access::Staff(staff::Role::kAdmin),
         [&context](const ApiRequest& r) { return Write(context, r, std::nullopt); }},
    };
}

}  // namespace tillbook::office::routes
