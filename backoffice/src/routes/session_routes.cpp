// POST /api/v1/session        sign in: {"username","password"} -> {"token","expires_at"}
// GET /api/v1/session         who the token belongs to (staff: id, username, name, role)
// DELETE /api/v1/session      sign out
// POST /api/v1/terminals/pairing-codes   a one-time code for a new till: {"store"} (manager)
// POST /api/v1/terminals/pair            a till pairs itself: {"code","name"}
// GET /api/v1/health
#include <fmt/format.h>

#include <algorithm>

#include "staff_store.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/office/routes/routes.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;

// A non-empty string of at most `max_bytes`, checked before it is copied or used.
Result<std::string> RequiredText(const nlohmann::json& body, const char* key,
                                 std::size_t max_bytes) {
    if (!body.contains(key) || !body.at(key).is_string() ||
        body.at(key).get_ref<const std::string&>().empty() ||
        body.at(key).get_ref<const std::string&>().size() > max_bytes) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("{} is required (a string of at most {} bytes)", key, max_bytes), key));
    }
    return body.at(key).get<std::string>();
}

// A 429 says how many seconds are left of the wait.
ApiResponse WithRetryAfter(ApiResponse response, std::int64_t seconds) {
    if (response.status == 429)
        response.headers["Retry-After"] = std::to_string(std::max<std::int64_t>(seconds, 1));
    return response;
}

constexpr std::int64_t kPairingCodeMs = 15LL * 60 * 1000;  // as the pairing-code command's

ApiResponse WhoAmI(OfficeContext& context, const ApiRequest& request) {
    const http::Caller& caller = *request.caller;
    if (caller.kind == http::Caller::Kind::kTerminal) {
        return http::JsonResponse({{"kind", "terminal"},
                                   {"id", caller.id},
                                   {"origin", caller.origin},
                                   {"store", caller.store_code}});
    }
    auto db = context.ReadDb();
    if (!db) return http::ErrorResponse(db.error());
    auto member = FindStaffById(**db, caller.id);
    if (!member) return http::ErrorResponse(member.error());
    if (!*member)
        return http::ErrorResponse(MakeError(ErrorCode::kUnauthorized, "this account is gone"));
    return http::JsonResponse({{"kind", "staff"},
                               {"id", (*member)->id},
                               {"username", (*member)->username},
                               {"display_name", (*member)->display_name},
                               {"role", staff::ToString((*member)->role)}});
}

ApiResponse CreatePairingCode(OfficeContext& context, AuthService& auth,
                              const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return http::ErrorResponse(body.error());
    auto store_code = RequiredText(*body, "store", kMaxStoreCodeBytes);
    if (!store_code) return http::ErrorResponse(store_code.error());
    const std::int64_t expires_at = context.clock.Now() + kPairingCodeMs;
    auto code = auth.CreatePairingCode(*store_code, kPairingCodeMs, request.caller->Actor());
    if (!code) return http::ErrorResponse(code.error());
    return http::JsonResponse(
        {{"code", *code}, {"store", *store_code}, {"expires_at", ids::FormatIso8601(expires_at)}},
        201);
}
}  // namespace

std::vector<http::Route> SessionRoutes(OfficeContext& context, AuthService& auth) {
    std::vector<http::Route> routes;
    routes.push_back(
        {"GET", "/api/v1/health", http::Access::Public(), [&context](const ApiRequest&) {
             auto db = context.ReadDb();
             if (!db) return http::ErrorResponse(db.error());
             return http::JsonResponse({{"status", "ok"}});
         }});
    routes.push_back(
        {"POST", "/api/v1/session", http::Access::Public(), [&auth](const ApiRequest& request) {
             auto body = http::ParseJsonBody(request);
             if (!body) return http::ErrorResponse(body.error());
             auto username = RequiredText(*body, "username", kMaxUsernameBytes);
             if (!username) return http::ErrorResponse(username.error());
             auto password = RequiredText(*body, "password", kMaxPasswordBytes);
             if (!password) return http::ErrorResponse(password.error());
             auto token = auth.Login(*username, *password, request.remote_address);
             if (!token) {
                 // Slowed for this username at this address, or too many sign-ins at once.
                 const std::int64_t locked =
                     auth.LockedForSeconds(*username, request.remote_address);
                 return WithRetryAfter(http::ErrorResponse(token.error()),
                                       locked > 0 ? locked : auth.Hashing().RetryAfterSeconds());
             }
             return http::JsonResponse(
                 {{"token", token->token}, {"expires_at", ids::FormatIso8601(token->expires_at)}},
                 201);
         }});
    routes.push_back(
        {"DELETE", "/api/v1/session", http::Access::StaffOrTerminal(staff::Role::kCashier),
         [&auth](const ApiRequest& request) {
             const std::string token = request.Header("authorization").value_or("").substr(7);
             if (auto ok = auth.Logout(token); !ok) return http::ErrorResponse(ok.error());
             return http::ApiResponse{204, "", "application/json", {}};
         }});
    routes.push_back({"GET", "/api/v1/session",
                      http::Access::StaffOrTerminal(staff::Role::kCashier),
                      [&context](const ApiRequest& request) { return WhoAmI(context, request); }});
    routes.push_back({"POST", "/api/v1/terminals/pairing-codes",
                      http::Access::Staff(staff::Role::kManager),
                      [&context, &auth](const ApiRequest& request) {
                          return CreatePairingCode(context, auth, request);
                      }});
    routes.push_back({"POST", "/api/v1/terminals/pair", http::Access::Public(),
                      [&auth](const ApiRequest& request) {
                          auto body = http::ParseJsonBody(request);
                          if (!body) return http::ErrorResponse(body.error());
                          auto code = RequiredText(*body, "code", kMaxPairingCodeBytes);
                          if (!code) return http::ErrorResponse(code.error());
                          auto name = RequiredText(*body, "name", kMaxTerminalNameBytes);
                          if (!name) return http::ErrorResponse(name.error());
                          auto paired = auth.Pair(*code, *name, request.remote_address);
                          if (!paired) {
                              return WithRetryAfter(
                                  http::ErrorResponse(paired.error()),
                                  auth.PairingLockedForSeconds(request.remote_address));
                          }
                          return http::JsonResponse(
                              {{"terminal_id", paired->terminal_id},
                               {"origin", paired->origin},
                               {"store", paired->store_code},
                               {"token", paired->token.token},
                               {"last_origin_seq", paired->last_origin_seq},
                               {"expires_at", ids::FormatIso8601(paired->token.expires_at)}},
                              201);
                      }});
    return routes;
}

}  // namespace tillbook::office::routes
