#pragma once
// The HTTP API's plain request and response: handlers see these, never cpp-httplib, and never
// throw. Every error body has one shape: {"error":{"code","message","field"}}.
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/staff/staff.hpp"

namespace tillbook::office::http {

// Who is calling, once their token checked out.
struct Caller {
    enum class Kind : int { kStaff = 1, kTerminal = 2 };
    Kind kind = Kind::kStaff;
    std::string id;                            // staff id or terminal id
    staff::Role role = staff::Role::kCashier;  // staff only
    std::string origin;                        // terminal only: "terminal:S01-T1"
    std::string store_code;                    // terminal only
    std::int64_t expires_at = 0;               // when the session ends (UTC milliseconds)
    [[nodiscard]] std::string Actor() const { return kind == Kind::kStaff ? id : origin; }
};

struct ApiRequest {
    std::string method;
    std::string path;
    std::vector<std::string> path_params;      // the route's regex groups, in order
    std::map<std::string, std::string> query;  // first value of each parameter
    std::string raw_query;  // the query re-encoded, by name: "q=ada%40x.com&status=placed"
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    std::string remote_address;
    std::optional<Caller> caller;  // set for authenticated routes

    [[nodiscard]] std::optional<std::string> Header(std::string_view lower_case_name) const;
    [[nodiscard]] std::optional<std::string> Query(std::string_view name) const;
};

struct ApiResponse {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    std::map<std::string, std::string> headers;
};

[[nodiscard]] int HttpStatusOf(ErrorCode code);
[[nodiscard]] ApiResponse ErrorResponse(const Error& error);
[[nodiscard]] ApiResponse JsonResponse(const nlohmann::json& body, int status = 200);

// Parses a request body that must be a JSON object; no exceptions.
[[nodiscard]] Result<nlohmann::json> ParseJsonBody(const ApiRequest& request);

// Who may call a route.
struct Access {
    bool public_route = false;                   // no token needed
    bool terminals = false;                      // terminal tokens allowed
    staff::Role min_role = staff::Role::kAdmin;  // staff at this role or above
    bool staff_allowed = true;
    // A page of the web app: without a session it sends the browser to sign in (and back), and
    // for a role it does not serve it answers an HTML 403, not JSON.
    bool page = false;
    static Access Public() { return Access{true, false, staff::Role::kCashier, false}; }
    static Access Staff(staff::Role min) { return Access{false, false, min, true}; }
    static Access TerminalOnly() { return Access{false, true, staff::Role::kAdmin, false}; }
    static Access StaffOrTerminal(staff::Role min) { return Access{false, true, min, true}; }
    static Access Page(staff::Role min) { return Access{false, false, min, true, true}; }
};

using Handler = std::function<ApiResponse(const ApiRequest&)>;

struct Route {
    std::string method;   // GET, POST, PUT, DELETE
    std::string pattern;  // a regex over the path: "/api/v1/orders/([^/]+)"
    Access access;
    Handler handler;
};

}  // namespace tillbook::office::http
