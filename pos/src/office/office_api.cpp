#include "tillbook/pos/office/office_api.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "office_call.hpp"
#include "tillbook/sync/pull_json.hpp"
#include "tillbook/sync/push_json.hpp"

namespace tillbook::pos::office {

namespace {

Result<std::string> TextField(const nlohmann::json& body, std::string_view name) {
    const std::string key(name);
    if (!body.contains(key) || !body[key].is_string())
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("{} is missing or not text", name), key));
    return body[key].get<std::string>();
}

}  // namespace

OfficeResult<PairingAnswer> PairWithOffice(OfficeClient& client, std::string_view code,
                                           std::string_view name) {
    constexpr std::string_view kWhat = "pairing refused";
    const nlohmann::json request{{"code", code}, {"name", name}};
    auto answer =
        Expect(client, {"POST", "/api/v1/terminals/pair", request.dump(), ""}, 201, kWhat);
    if (!answer) return std::unexpected(answer.error());
    const nlohmann::json body = nlohmann::json::parse(answer->body, nullptr, false);
    if (!body.is_object())
        return std::unexpected(Unreadable(MakeError(ErrorCode::kInvalidInput, "not JSON"), kWhat));
    PairingAnswer paired;
    for (auto [field, into] :
         {std::pair{"terminal_id", &paired.terminal_id}, std::pair{"origin", &paired.origin},
          std::pair{"store", &paired.store}, std::pair{"token", &paired.token},
          std::pair{"expires_at", &paired.expires_at}}) {
        auto text = TextField(body, field);
        if (!text) return std::unexpected(Unreadable(text.error(), kWhat));
        *into = std::move(*text);
    }
    if (body.contains("last_origin_seq") && body["last_origin_seq"].is_number_integer())
        paired.last_origin_seq = body["last_origin_seq"].get<std::int64_t>();
    return paired;
}

OfficeResult<sync::PushResults> PushToOffice(OfficeClient& client, const std::string& token,
                                             const sync::PushRequest& request) {
    constexpr std::string_view kWhat = "push refused";
    auto answer = Expect(client, {"POST", "/api/v1/sync/push", sync::ToJson(request).dump(), token},
                         200, kWhat);
    if (!answer) return std::unexpected(answer.error());
    auto results = sync::ParsePushResults(answer->body);
    if (!results) return std::unexpected(Unreadable(results.error(), kWhat));
    return *results;
}

OfficeResult<sync::PullSnapshot> PullFromOffice(OfficeClient& client, const std::string& token,
                                                std::string_view since) {
    constexpr std::string_view kWhat = "pull refused";
    auto answer = Expect(
        client, {"GET", "/api/v1/sync/pull?since=" + PercentEncode(since), "", token}, 200, kWhat);
    if (!answer) return std::unexpected(answer.error());
    auto snapshot = sync::ParsePullSnapshot(answer->body);
    if (!snapshot) return std::unexpected(Unreadable(snapshot.error(), kWhat));
    return *snapshot;
}

}  // namespace tillbook::pos::office
