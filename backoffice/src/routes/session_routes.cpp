// POST /api/v1/session        sign in: {"username","password"} -> {"token","expires_at"}
// GET /api/v1/session         who the token belongs to (staff: id, username, name, role)
// DELETE /api/v1/session      sign out
// POST /api/v1/browser-session    the web app's sign-in: the token goes into an HttpOnly cookie,
//                                 the answer holds the CSRF token and who signed in
// GET /api/v1/browser-session     the same answer for the cookie's session (a page reloaded)
// DELETE /api/v1/browser-session  sign out of the browser: the session ends, the cookie is cleared
// POST /api/v1/terminals/pairing-codes   a one-time code for a new till: {"store"} (manager)
// POST /api/v1/terminals/pair            a till pairs itself: {"code","name"}
// GET /api/v1/health
#include <fmt/format.h>

#include <algorithm>
#include <expected>

#include "staff_store.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/office/http/browser_session.hpp"
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

Result<nlohmann::json> WhoIs(OfficeContext& context, const http::Caller& caller) {
    if (caller.kind == http::Caller::Kind::kTerminal) {
        return nlohmann::json{{"kind", "terminal"},
                              {"id", caller.id},
                              {"origin", caller.origin},
                              {"store", caller.store_code}};
    }
    auto db = context.ReadDb();
    if (!db) return std::unexpected(db.error());
    auto member = FindStaffById(**db, caller.id);
    if (!member) return std::unexpected(member.error());
    if (!*member)
        return std::unexpected(MakeError(ErrorCode::kUnauthorized, "this account is gone"));
    return nlohmann::json{{"kind", "staff"},
                          {"id", (*member)->id},
                          {"username", (*member)->username},
                          {"display_name", (*member)->display_name},
                          {"role", staff::ToString((*member)->role)}};
}

ApiResponse WhoAmI(OfficeContext& context, const ApiRequest& request) {
    auto who = WhoIs(context, *request.caller);
    if (!who) return http::ErrorResponse(who.error());
    return http::JsonResponse(*who);
}

// Signs in with the body's username and password: the new session, or the refusal to send (a
// 429 says how long to wait).
std::expected<IssuedToken, ApiResponse> SignIn(AuthService& auth, const ApiRequest& request) {
    auto body = http::ParseJsonBody(request);
    if (!body) return std::unexpected(http::ErrorResponse(body.error()));
    auto username = RequiredText(*body, "username", kMaxUsernameBytes);
    if (!username) return std::unexpected(http::ErrorResponse(username.error()));
    auto password = RequiredText(*body, "password", kMaxPasswordBytes);
    if (!password) return std::unexpected(http::ErrorResponse(password.error()));
    auto token = auth.Login(*username, *password, request.remote_address);
    if (!token) {
        // Slowed for this username at this address, or too many sign-ins at once.
        const std::int64_t locked = auth.LockedForSeconds(*username, request.remote_address);
        return std::unexpected(
            WithRetryAfter(http::ErrorResponse(token.error()),
                           locked > 0 ? locked : auth.Hashing().RetryAfterSeconds()));
    }
    return *token;
}

// The browser session's answer: who, until when, and the CSRF token its changes must carry.
ApiResponse BrowserSession(OfficeContext& context, const http::Caller& caller,
                           const IssuedToken& session, int status) {
    auto who = WhoIs(context, caller);
    if (!who) return http::ErrorResponse(who.error());
    return http::JsonResponse({{"staff", *who},
                               {"csrf_token", http::CsrfTokenFor(session.token)},
                               {"expires_at", ids::FormatIso8601(session.expires_at)}},
                              status);
}

ApiResponse BrowserSignIn(OfficeContext& context, AuthService& auth, const ApiRequest& request) {
    if (auto ok = http::CheckSameOrigin(request); !ok) return http::ErrorResponse(ok.error());
    auto session = SignIn(auth, request);
    if (!session) return session.error();
    auto caller = auth.Authenticate(session->token);
    if (!caller) return http::ErrorResponse(caller.error());
    ApiResponse response = BrowserSession(context, *caller, *session, 201);
    const std::int64_t seconds = (session->expires_at - context.clock.Now()) / 1000;
    response.headers["Set-Cookie"] =
        http::SessionCookie(session->token, std::max<std::int64_t>(seconds, 1));
    response.headers["Cache-Control"] = "no-store";
    return response;
}

ApiResponse BrowserSessionNow(OfficeContext& context, const ApiRequest& request) {
    // Only a session the cookie signed in: a bearer caller is not a browser.
    const auto token = http::SessionCookieOf(request);
    if (!token || request.Header("authorization")) {
        return http::ErrorResponse(MakeError(ErrorCode::kInvalidInput,
                                             "a browser session is read from its cookie alone "
                                             "(no Authorization header): sign in at /sign-in"));
    }
    ApiResponse response = BrowserSession(context, *request.caller,
                                          IssuedToken{*token, request.caller->expires_at}, 200);
    response.headers["Cache-Control"] = "no-store";
    return response;
}

ApiResponse BrowserSignOut(AuthService& auth, const ApiRequest& request) {
    if (const auto token = http::SessionCookieOf(request)) {
        if (auto ok = auth.Logout(*token); !ok) return http::ErrorResponse(ok.error());
    }
    ApiResponse response{204, "", "application/json", {}};
    response.headers["Set-Cookie"] = http::ClearedSessionCookie();
    return response;
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
             auto session = SignIn(auth, request);
             if (!session) return session.error();
             return http::JsonResponse({{"token", session->token},
                                        {"expires_at", ids::FormatIso8601(session->expires_at)}},
                                       201);
         }});
    routes.push_back({"POST", "/api/v1/browser-session", http::Access::Public(),
                      [&context, &auth](const ApiRequest& request) {
                          return BrowserSignIn(context, auth, request);
                      }});
    routes.push_back(
        {"GET", "/api/v1/browser-session", http::Access::Staff(staff::Role::kCashier),
         [&context](const ApiRequest& request) { return BrowserSessionNow(context, request); }});
    routes.push_back(
        {"DELETE", "/api/v1/browser-session", http::Access::Staff(staff::Role::kCashier),
         [&auth](const ApiRequest& request) { return BrowserSignOut(auth, request); }});
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
