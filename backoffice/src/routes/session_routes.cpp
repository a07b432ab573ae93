// POST /api/v1/session, DELETE /api/v1/session, POST /api/v1/terminals/pair, GET /api/v1/health
#include <fmt/format.h>

#include "routes/routes.hpp"
#include "tillbook/ids/clock.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;

Result<std::string> RequiredText(const nlohmann::json& body, const char* key) {
    if (!body.contains(key) || !body.at(key).is_string() ||
        body.at(key).get_ref<const std::string&>().empty()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         fmt::format("{} is required (a string)", key), key));
    }
    return body.at(key).get<std::string>();
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
             auto username = RequiredText(*body, "username");
             if (!username) return http::ErrorResponse(username.error());
             auto password = RequiredText(*body, "password");
             if (!password) return http::ErrorResponse(password.error());
             auto token = auth.Login(*username, *password, request.remote_address);
             if (!token) {
                 auto response = http::ErrorResponse(token.error());
                 if (token.error().code == ErrorCode::kTooManyRequests)
                     response.headers["Retry-After"] = "60";
                 return response;
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
    routes.push_back({"POST", "/api/v1/terminals/pair", http::Access::Public(),
                      [&auth](const ApiRequest& request) {
                          auto body = http::ParseJsonBody(request);
                          if (!body) return http::ErrorResponse(body.error());
                          auto code = RequiredText(*body, "code");
                          if (!code) return http::ErrorResponse(code.error());
                          auto name = RequiredText(*body, "name");
                          if (!name) return http::ErrorResponse(name.error());
                          auto paired = auth.Pair(*code, *name);
                          if (!paired) return http::ErrorResponse(paired.error());
                          return http::JsonResponse(
                              {{"terminal_id", paired->terminal_id},
                               {"origin", paired->origin},
                               {"store", paired->store_code},
                               {"token", paired->token.token},
                               {"expires_at", ids::FormatIso8601(paired->token.expires_at)}},
                              201);
                      }});
    return routes;
}

}  // namespace tillbook::office::routes
