#include "tillbook/office/http/browser_session.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include "tillbook/core/characters.hpp"
#include "tillbook/office/auth/auth_service.hpp"

namespace tillbook::office::http {

namespace {

Status Refused(std::string message) {
    return std::unexpected(MakeError(ErrorCode::kForbidden, std::move(message)));
}

// Compares without leaking, through timing, how much of a secret matched.
bool SameSecret(const std::string& a, const std::string& b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::optional<std::string> SessionCookieOf(const ApiRequest& request) {
    const auto header = request.Header("cookie");
    if (!header) return std::nullopt;
    std::string_view rest = *header;
    while (!rest.empty()) {
        const std::size_t end = rest.find(';');
        const std::string_view pair = text::TrimWhiteSpace(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        const std::size_t equals = pair.find('=');
        if (equals == std::string_view::npos) continue;
        if (text::TrimWhiteSpace(pair.substr(0, equals)) == kSessionCookie)
            return std::string(text::TrimWhiteSpace(pair.substr(equals + 1)));
    }
    return std::nullopt;
}

std::string CsrfTokenFor(const std::string& session_token) {
    return AuthService::HashToken("csrf:" + session_token);
}

std::string SessionCookie(const std::string& token, std::int64_t max_age_seconds) {
    return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict", kSessionCookie,
                       token, max_age_seconds);
}

std::string ClearedSessionCookie() {
    return fmt::format("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict", kSessionCookie);
}

bool ChangesState(const ApiRequest& request) {
    return request.method == "POST" || request.method == "PUT" || request.method == "PATCH" ||
           request.method == "DELETE";
}

Status CheckSameOrigin(const ApiRequest& request) {
    if (const auto site = request.Header("sec-fetch-site");
        site && *site != "same-origin" && *site != "none") {
        return Refused(fmt::format("this request came from another site ({}); it was refused",
                                   text::QuoteForLog(*site, 20)));
    }
    const auto origin = request.Header("origin");
    if (!origin) return {};
    const std::string host = request.Header("host").value_or("");
    if (*origin == "http://" + host || *origin == "https://" + host) return {};
    return Refused(fmt::format("this request came from {}, not from this server; it was refused",
                               text::QuoteForLog(*origin, 100)));
}

Status CheckBrowserRequest(const ApiRequest& request, const std::string& session_token) {
    if (!ChangesState(request)) return {};
    if (auto ok = CheckSameOrigin(request); !ok) return ok;
    const auto sent = request.Header(kCsrfHeader);
    if (!sent || !SameSecret(*sent, CsrfTokenFor(session_token))) {
        return Refused(
            "this change needs the page's CSRF token (X-CSRF-Token); reload the page and try "
            "again");
    }
    return {};
}

void AddSecurityHeaders(ApiResponse& response) {
    response.headers.emplace("Content-Security-Policy",
                             "default-src 'self'; script-src 'self'; style-src 'self'; "
                             "img-src 'self' data:; connect-src 'self'; object-src 'none'; "
                             "base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    response.headers.emplace("X-Content-Type-Options", "nosniff");
    response.headers.emplace("X-Frame-Options", "DENY");
    response.headers.emplace("Referrer-Policy", "same-origin");
}

}  // namespace tillbook::office::http
