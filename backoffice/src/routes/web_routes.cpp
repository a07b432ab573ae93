// The web app (assets/web), served by the office itself:
// GET /                the start page: /today for managers and admins, /orders for the rest
// GET /sign-in         the sign-in page (anyone)
// GET /web/...         the app's scripts, styles and images (anyone: they hold no data)
// GET /orders, /orders/{id}, /stock (fulfilment and above), /today, /catalogue,
//                      /returns, /staff, /tills (manager and above)
//                      a page of the app: its shell, index.html, which draws the page from the
//                      API; without a session the browser is sent to sign in first, and a role
//                      that may not open the page gets a 403 page
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "tillbook/office/routes/routes.hpp"

namespace tillbook::office::routes {

namespace {
using http::ApiRequest;
using http::ApiResponse;

std::string_view ContentTypeOf(const std::filesystem::path& file) {
    const std::string extension = file.extension().string();
    if (extension == ".html") return "text/html; charset=utf-8";
    if (extension == ".css") return "text/css; charset=utf-8";
    if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
    if (extension == ".svg") return "image/svg+xml";
    if (extension == ".png") return "image/png";
    if (extension == ".json") return "application/json";
    if (extension == ".woff2") return "font/woff2";
    return "application/octet-stream";
}

ApiResponse NoSuchFile(const std::string& path) {
    return http::ErrorResponse(
        MakeError(ErrorCode::kNotFound, fmt::format("no such file: {}", path)));
}

// A file of the web app by its path under the web root: letters, digits, '-', '_' and '.' in
// names, no name starting with a dot (so no ".."), nothing outside the root.
ApiResponse ServeFile(const std::string& web_root, const std::string& relative) {
    static const std::regex kSafe("([A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*");
    if (relative.size() > 200 || !std::regex_match(relative, kSafe)) return NoSuchFile(relative);
    const std::filesystem::path file = std::filesystem::path(web_root) / relative;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return NoSuchFile(relative);
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in && !in.eof()) {
        return http::ErrorResponse(
            MakeError(ErrorCode::kStorage, fmt::format("{}: cannot be read", relative)));
    }
    ApiResponse response{200, bytes.str(), std::string(ContentTypeOf(file)), {}};
    // Pages ask again each time (a new version shows at once); a 304 saves nothing worth it here.
    response.headers["Cache-Control"] = "no-cache";
    return response;
}

ApiResponse Redirect(const std::string& to) {
    ApiResponse response{303, "", "text/plain", {}};
    response.headers["Location"] = to;
    return response;
}

}  // namespace

std::vector<http::Route> WebRoutes(OfficeContext& context) {
    const std::string root = context.web_root;
    const auto shell = [root](const ApiRequest&) { return ServeFile(root, "index.html"); };
    return {
        // A manager's day starts on Today, everyone else's on the orders (where a cashier is
        // told the back office is not for their role).
        {"GET", "/", http::Access::Page(staff::Role::kCashier),
         [](const ApiRequest& request) {
             const bool manager = request.caller && request.caller->role >= staff::Role::kManager;
             return Redirect(manager ? "/today" : "/orders");
         }},
        {"GET", "/sign-in", http::Access::Public(),
         [root](const ApiRequest&) { return ServeFile(root, "sign-in.html"); }},
        {"GET", "/web/(.+)", http::Access::Public(),
         [root](const ApiRequest& request) { return ServeFile(root, request.path_params.at(0)); }},
        // Pages fulfilment staff work on too, at a desk or on a warehouse tablet.
        {"GET", "/(orders|orders/[^/]+|stock)", http::Access::Page(staff::Role::kFulfilment),
         shell},
        {"GET", "/(today|catalogue|channels|returns|staff|tills)",
         http::Access::Page(staff::Role::kManager), shell},
    };
}

}  // namespace tillbook::office::routes
