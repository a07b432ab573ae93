#pragma once
// The web app's session: the same staff token the API's bearer carries, kept by the browser in
// an HttpOnly, SameSite=Strict cookie (Secure under HTTPS) that page scripts cannot read. A
// request that changes anything with that cookie must also carry the session's CSRF token in
// X-CSRF-Token, which the page learns from the session's JSON, and must not come from another
// origin. Bearer callers (tills, scripts) are not browsers and are not asked for either.
#include <optional>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/office/http/api.hpp"

namespace tillbook::office::http {

inline constexpr std::string_view kSessionCookie = "tillbook_session";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

// The session token the request's Cookie header holds, if any.
[[nodiscard]] std::optional<std::string> SessionCookieOf(const ApiRequest& request);

// The CSRF token of a session: derived from its token, so nothing more is stored, and useless
// without the cookie it belongs to.
[[nodiscard]] std::string CsrfTokenFor(const std::string& session_token);

// Set-Cookie values: the session for `max_age_seconds`, or its removal.
[[nodiscard]] std::string SessionCookie(const std::string& token, std::int64_t max_age_seconds);
[[nodiscard]] std::string ClearedSessionCookie();

// Whether the request changes something (POST, PUT, PATCH, DELETE).
[[nodiscard]] bool ChangesState(const ApiRequest& request);

// kForbidden, in words, when a request sent from another site could have made it: an Origin or
// Sec-Fetch-Site naming another origin than the Host it was sent to.
[[nodiscard]] Status CheckSameOrigin(const ApiRequest& request);

// For a state-changing request signed in by the cookie: the same origin, and the session's CSRF
// token in X-CSRF-Token. Other requests pass.
[[nodiscard]] Status CheckBrowserRequest(const ApiRequest& request,
                                         const std::string& session_token);

// Headers every answer carries: a Content-Security-Policy without inline script, no sniffing,
// no framing, no referrer sent to other sites.
void AddSecurityHeaders(ApiResponse& response);

}  // namespace tillbook::office::http
