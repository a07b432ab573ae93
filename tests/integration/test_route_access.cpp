// Integration tests: every route of the server's registry against every kind of caller (issue 12,
// point 7). Who may call each route is written out below from docs/api.md (and, for /sync, from
// docs/sync-protocol.md), not read from the registry: the registry must agree with the table, route
// for route, and the real server on loopback must answer each caller as the table says. A route
// added without a row, or a row left for a route that is gone, fails the first test.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include "office_fixture.hpp"

using namespace tillbook;
using staff::Role;
using testing::OfficeUnderTest;

namespace {

// Who may call a route, as docs/api.md's "who" column says.
struct Who {
    // kPage: a page of the web app, for staff of min_role and above; without a working session
    // it sends the browser to sign in (303), and to another role or a till it answers 403.
    enum class Kind { kAnyone, kStaff, kStaffOrTill, kTillOnly, kPage };
    Kind kind = Kind::kStaff;
    Role min_role = Role::kCashier;  // kStaff and kStaffOrTill: this role or above
    int public_status = 0;  // kAnyone: the answer to the sample call, with any token or none
};

Who Anyone(int status) {
    return {Who::Kind::kAnyone, Role::kCashier, status};
}
Who PageFor(Role role) {
    return {Who::Kind::kPage, role, 0};
}
Who StaffFrom(Role role) {
    return {Who::Kind::kStaff, role, 0};
}
Who StaffFromOrTill(Role role) {
    return {Who::Kind::kStaffOrTill, role, 0};
}
Who TillOnly() {
    return {Who::Kind::kTillOnly, Role::kCashier, 0};
}

std::string Describe(const Who& who) {
    const std::string role(staff::ToString(who.min_role));
    switch (who.kind) {
        case Who::Kind::kAnyone:
            return "anyone";
        case Who::Kind::kStaff:
            return role + " and above";
        case Who::Kind::kStaffOrTill:
            return role + " and above, or a till";
        case Who::Kind::kTillOnly:
            return "a till only";
        case Who::Kind::kPage:
            return "a page for " + role + " and above";
    }
    return "?";
}

// The same words for the registry's rule.
std::string Describe(const office::http::Access& access) {
    if (access.public_route) return "anyone";
    if (access.page)
        return "a page for " + std::string(staff::ToString(access.min_role)) + " and above";
    if (access.terminals && !access.staff_allowed) return "a till only";
    if (!access.terminals && !access.staff_allowed) return "nobody";
    const std::string role(staff::ToString(access.min_role));
    return access.terminals ? role + " and above, or a till" : role + " and above";
}

struct Row {
    std::string method;
    std::string pattern;  // exactly as registered
    std::string sample;   // a path the route serves: made-up ids, so nothing real is changed
    Who who;
    bool signs_out = false;  // the call ends the caller's token: it gets a fresh one
};

// One row per route. Every call sends "{}" (a GET nothing): enough to get past the access check
// and be refused by the handler as bad input or an unknown id, which is all this test asks.
const std::vector<Row>& AccessTable() {
    static const std::vector<Row> rows = {
        // Sessions and tills.
        {"POST", "/api/v1/session", "/api/v1/session", Anyone(400)},
        {"GET", "/api/v1/session", "/api/v1/session", StaffFromOrTill(Role::kCashier)},
        {"DELETE", "/api/v1/session", "/api/v1/session", StaffFromOrTill(Role::kCashier), true},
        {"POST", "/api/v1/terminals/pairing-codes", "/api/v1/terminals/pairing-codes",
         StaffFrom(Role::kManager)},
        {"POST", "/api/v1/terminals/pair", "/api/v1/terminals/pair", Anyone(400)},
        {"GET", "/api/v1/terminals", "/api/v1/terminals", StaffFrom(Role::kManager)},
        {"POST", "/api/v1/terminals/([^/]+)/revoke", "/api/v1/terminals/no-such-till/revoke",
         StaffFrom(Role::kAdmin)},
        {"GET", "/api/v1/health", "/api/v1/health", Anyone(200)},
        // The web app's session: a sign-in from a browser, who it is, its sign-out.
        {"POST", "/api/v1/browser-session", "/api/v1/browser-session", Anyone(400)},
        {"GET", "/api/v1/browser-session", "/api/v1/browser-session", StaffFrom(Role::kCashier)},
        {"DELETE", "/api/v1/browser-session", "/api/v1/browser-session", StaffFrom(Role::kCashier)},
        // The web app's files and pages.
        {"GET", "/", "/", PageFor(Role::kCashier)},
        {"GET", "/sign-in", "/sign-in", Anyone(200)},
        {"GET", "/web/(.+)", "/web/app.css", Anyone(200)},
        {"GET", "/(orders|orders/[^/]+|stock)", "/orders", PageFor(Role::kFulfilment)},
        {"GET", "/(today|catalogue|channels|returns|staff|tills)", "/staff",
         PageFor(Role::kManager)},
        // Staff.
        {"GET", "/api/v1/staff", "/api/v1/staff", StaffFrom(Role::kManager)},
        {"POST", "/api/v1/staff", "/api/v1/staff", StaffFrom(Role::kAdmin)},
        {"PATCH", "/api/v1/staff/([^/]+)", "/api/v1/staff/no-such-person",
         StaffFrom(Role::kManager)},
        // Catalogue.
        {"GET", "/api/v1/catalogue/skus", "/api/v1/catalogue/skus",
         StaffFromOrTill(Role::kCashier)},
        {"GET", "/api/v1/catalogue/skus/([^/]+)", "/api/v1/catalogue/skus/NO-SUCH-SKU",
         StaffFromOrTill(Role::kCashier)},
        {"GET", "/api/v1/catalogue/products", "/api/v1/catalogue/products",
         StaffFromOrTill(Role::kCashier)},
        {"GET", "/api/v1/catalogue/tax-classes", "/api/v1/catalogue/tax-classes",
         StaffFromOrTill(Role::kCashier)},
        {"PUT", "/api/v1/catalogue/skus/([^/]+)", "/api/v1/catalogue/skus/NO-SUCH-SKU",
         StaffFrom(Role::kManager)},
        {"POST", "/api/v1/catalogue/skus/([^/]+)/price", "/api/v1/catalogue/skus/NO-SUCH-SKU/price",
         StaffFrom(Role::kManager)},
        {"POST", "/api/v1/catalogue/skus/([^/]+)/deactivate",
         "/api/v1/catalogue/skus/NO-SUCH-SKU/deactivate", StaffFrom(Role::kManager)},
        {"POST", "/api/v1/catalogue/skus/([^/]+)/activate",
         "/api/v1/catalogue/skus/NO-SUCH-SKU/activate", StaffFrom(Role::kManager)},
        {"POST", "/api/v1/catalogue/skus/([^/]+)/barcodes",
         "/api/v1/catalogue/skus/NO-SUCH-SKU/barcodes", StaffFrom(Role::kManager)},
        {"POST", "/api/v1/catalogue/imports", "/api/v1/catalogue/imports",
         StaffFrom(Role::kManager)},
        {"DELETE", "/api/v1/catalogue/skus/([^/]+)/barcodes/([^/]+)",
         "/api/v1/catalogue/skus/NO-SUCH-SKU/barcodes/05012345678900", StaffFrom(Role::kManager)},
        // Locations and stock.
        {"GET", "/api/v1/locations", "/api/v1/locations", StaffFrom(Role::kCashier)},
        {"GET", "/api/v1/stock", "/api/v1/stock", StaffFrom(Role::kCashier)},
        {"POST", "/api/v1/stock/adjustments", "/api/v1/stock/adjustments",
         StaffFrom(Role::kManager)},
        {"POST", "/api/v1/stock/transfers", "/api/v1/stock/transfers", StaffFrom(Role::kManager)},
        {"POST", "/api/v1/stock/counts", "/api/v1/stock/counts", StaffFrom(Role::kManager)},
        // Orders, channels, returns and exchanges. A webhook's caller is the channel, proved by
        // its signature, not a token: unsigned, it is 401 whoever sends it.
        {"POST", "/api/v1/channels/([a-z]+)/orders", "/api/v1/channels/shopify/orders",
         StaffFrom(Role::kManager)},
        // Channels' settings, per-SKU rules and the stock outbox.
        {"GET", "/api/v1/channels", "/api/v1/channels", StaffFrom(Role::kManager)},
        {"GET", "/api/v1/channels/outbox", "/api/v1/channels/outbox", StaffFrom(Role::kManager)},
        {"POST", "/api/v1/channels/outbox/([^/]+)/resend", "/api/v1/channels/outbox/999999/resend",
         StaffFrom(Role::kManager)},
        {"PUT", "/api/v1/channels/([^/]+)", "/api/v1/channels/no-such-channel",
         StaffFrom(Role::kAdmin)},
        {"GET", "/api/v1/channels/([^/]+)/skus", "/api/v1/channels/no-such-channel/skus",
         StaffFrom(Role::kManager)},
        {"PUT", "/api/v1/channels/([^/]+)/skus/([^/]+)",
         "/api/v1/channels/shopify/skus/NO-SUCH-SKU", StaffFrom(Role::kManager)},
        {"DELETE", "/api/v1/channels/([^/]+)/skus/([^/]+)",
         "/api/v1/channels/shopify/skus/NO-SUCH-SKU", StaffFrom(Role::kManager)},
        {"POST", "/api/v1/webhooks/shopify", "/api/v1/webhooks/shopify", Anyone(401)},
        {"POST", "/api/v1/webhooks/woocommerce", "/api/v1/webhooks/woocommerce", Anyone(401)},
        {"GET", "/api/v1/orders", "/api/v1/orders", StaffFrom(Role::kFulfilment)},
        {"GET", "/api/v1/orders/([^/]+)", "/api/v1/orders/no-such-order",
         StaffFrom(Role::kFulfilment)},
        {"POST", "/api/v1/orders/status", "/api/v1/orders/status", StaffFrom(Role::kFulfilment)},
        {"GET", "/api/v1/orders/lookup", "/api/v1/orders/lookup", StaffFromOrTill(Role::kCashier)},
        {"GET", "/api/v1/orders/search", "/api/v1/orders/search", StaffFromOrTill(Role::kCashier)},
        {"POST", "/api/v1/returns", "/api/v1/returns", StaffFrom(Role::kCashier)},
        {"GET", "/api/v1/returns/([^/]+)", "/api/v1/returns/no-such-return",
         StaffFrom(Role::kCashier)},
        {"GET", "/api/v1/returns", "/api/v1/returns", StaffFrom(Role::kCashier)},
        {"POST", "/api/v1/returns/([^/]+)/refunds", "/api/v1/returns/no-such-return/refunds",
         StaffFrom(Role::kManager)},
        {"POST", "/api/v1/exchanges", "/api/v1/exchanges", StaffFrom(Role::kCashier)},
        // Store credit and gift cards.
        {"GET", "/api/v1/credit/([^/]+)", "/api/v1/credit/1234567812345670",
         StaffFromOrTill(Role::kCashier)},
        {"POST", "/api/v1/credit/([^/]+)/redemptions",
         "/api/v1/credit/1234567812345670/redemptions", StaffFromOrTill(Role::kCashier)},
        {"POST", "/api/v1/credit/redemptions/([^/]+)/cancel",
         "/api/v1/credit/redemptions/no-such-redemption/cancel", StaffFromOrTill(Role::kCashier)},
        {"POST", "/api/v1/gift-cards", "/api/v1/gift-cards", StaffFrom(Role::kManager)},
        // Reports.
        {"GET", "/api/v1/reports/today", "/api/v1/reports/today", StaffFrom(Role::kManager)},
        // Settings.
        {"GET", "/api/v1/settings", "/api/v1/settings", StaffFrom(Role::kManager)},
        {"PUT", "/api/v1/settings/([^/]+)", "/api/v1/settings/till.no_such_setting",
         StaffFrom(Role::kAdmin)},
        {"DELETE", "/api/v1/settings/([^/]+)", "/api/v1/settings/till.no_such_setting",
         StaffFrom(Role::kAdmin)},
        // The till's sync (docs/sync-protocol.md: "401 for a bad token; 403 for a staff token").
        {"POST", "/api/v1/sync/push", "/api/v1/sync/push", TillOnly()},
        {"POST", "/api/v1/till/returns", "/api/v1/till/returns", TillOnly()},
        {"GET", "/api/v1/sync/pull", "/api/v1/sync/pull", TillOnly()},
    };
    return rows;
}

std::string Name(const std::string& method, const std::string& pattern) {
    return method + " " + pattern;
}

// One kind of caller and the token it sends.
struct Caller {
    enum class Kind { kRefused, kStaff, kTill };  // kRefused: no token, or one that must not work
    std::string name;
    Kind kind = Kind::kRefused;
    Role role = Role::kCashier;
    std::string token = {};
    std::function<std::string()> fresh = {};  // another token of the same caller
};

// The answer the table says `caller` gets from `row`'s route: a status, or 0 for "let through"
// (anything but 401 and 403).
int ExpectedStatus(const Row& row, const Caller& caller) {
    const Who& who = row.who;
    if (who.kind == Who::Kind::kAnyone) return who.public_status;
    if (who.kind == Who::Kind::kPage) {
        if (caller.kind == Caller::Kind::kRefused) return 303;
        if (caller.kind == Caller::Kind::kTill) return 403;
        return static_cast<int>(caller.role) >= static_cast<int>(who.min_role) ? 0 : 403;
    }
    if (caller.kind == Caller::Kind::kRefused) return 401;
    if (caller.kind == Caller::Kind::kTill)
        return who.kind == Who::Kind::kStaffOrTill || who.kind == Who::Kind::kTillOnly ? 0 : 403;
    const bool staff_may = who.kind == Who::Kind::kStaff || who.kind == Who::Kind::kStaffOrTill;
    return staff_may && static_cast<int>(caller.role) >= static_cast<int>(who.min_role) ? 0 : 403;
}

// The methods a route is called with: a GET route answers HEAD too, as GET without the body, and
// must check its caller the same way.
std::vector<std::string> MethodsOf(const Row& row) {
    if (row.method == "GET") return {"GET", "HEAD"};
    return {row.method};
}

httplib::Result Call(httplib::Client& client, const std::string& method, const Row& row,
                     const std::string& token) {
    httplib::Request request;
    request.method = method;
    request.path = row.sample;
    if (!token.empty()) request.set_header("Authorization", "Bearer " + token);
    if (method != "GET" && method != "HEAD") {
        request.body = "{}";
        request.set_header("Content-Type", "application/json");
    }
    return client.send(request);
}

// What is wrong with `caller`'s answer from `row`'s route, or "" when it is as documented. A HEAD
// answer has no body, so only its status is checked.
std::string Mismatch(const std::string& method, const Row& row, const Caller& caller,
                     const httplib::Result& res) {
    const std::string call = fmt::format("{} {} as {}", method, row.sample, caller.name);
    if (!res) return call + ": no answer";
    const int expected = ExpectedStatus(row, caller);
    const auto body = nlohmann::json::parse(res->body, nullptr, false);
    const std::string code = body.is_object() && body.contains("error") &&
                                     body["error"].is_object() && body["error"].contains("code") &&
                                     body["error"]["code"].is_string()
                                 ? body["error"]["code"].get<std::string>()
                                 : "";
    const std::string got = fmt::format("{} {}", res->status, res->body.substr(0, 200));
    if (expected == 0) {
        // Let through: the handler answered (a 400 for "{}" or a 404 for a made-up id is fine),
        // and the route was found.
        if (res->status == 401 || res->status == 403 || res->status >= 500 ||
            (code == "not_found" && res->body.find("no such resource") != std::string::npos))
            return fmt::format("{}: {}, expected to be let through", call, got);
        return "";
    }
    if (res->status != expected) return fmt::format("{}: {}, expected {}", call, got, expected);
    if (method == "HEAD") return "";
    if (expected == 401 && row.who.kind != Who::Kind::kAnyone && code != "unauthorized")
        return fmt::format("{}: {}, expected the code \"unauthorized\"", call, got);
    // A page's refusal is a page in words; the API's is JSON with its code.
    if (expected == 403 && row.who.kind != Who::Kind::kPage && code != "forbidden")
        return fmt::format("{}: {}, expected the code \"forbidden\"", call, got);
    return "";
}

}  // namespace

TEST_CASE(
    "the access table has one row for each route the server registers, with the registry's rule") {
    OfficeUnderTest office("route-access-table");
    const auto registry = office::routes::AllRoutes(*office.context, *office.auth);
    const auto& table = AccessTable();

    std::map<std::string, const office::http::Route*> registered;
    for (const auto& route : registry) {
        const bool once = registered.emplace(Name(route.method, route.pattern), &route).second;
        CHECK_MESSAGE(once, Name(route.method, route.pattern), " is registered twice");
    }
    std::set<std::string> rows;
    for (const Row& row : table) {
        const std::string name = Name(row.method, row.pattern);
        CHECK_MESSAGE(rows.insert(name).second, name, " has two rows");
        const auto found = registered.find(name);
        if (found == registered.end()) {
            FAIL_CHECK(std::string(name + " has a row but the server registers no such route"));
            continue;
        }
        CHECK_MESSAGE(Describe(row.who) == Describe(found->second->access), name,
                      ": docs/api.md says ", Describe(row.who), ", the registry ",
                      Describe(found->second->access));
        // The sample reaches this route: it matches the pattern, and no route registered before
        // it takes the call (the server routes a request to the first that matches).
        CHECK_MESSAGE(std::regex_match(row.sample, std::regex(row.pattern)), row.sample,
                      " does not match ", name);
        for (const auto& route : registry) {
            if (route.method != row.method ||
                !std::regex_match(row.sample, std::regex(route.pattern)))
                continue;
            CHECK_MESSAGE(route.pattern == row.pattern, row.method, " ", row.sample, " reaches ",
                          route.pattern, ", not ", row.pattern);
            break;
        }
    }
    for (const auto& [name, route] : registered) {
        CHECK_MESSAGE(rows.contains(name), name,
                      " has no row in the access table of test_route_access.cpp: add one, with "
                      "who may call it as docs/api.md says");
    }
    CHECK(table.size() == registry.size());
}

TEST_CASE(
    "every route answers each caller as docs/api.md says: 401 without a working token, 403 "
    "for a role or kind it does not serve, and lets the rest through") {
    OfficeUnderTest office("route-access-calls");
    const auto& table = AccessTable();

    // A member of staff, signed in, who signs in again for a fresh token.
    const auto staff_caller = [&office](Role role, std::string username, std::string password) {
        const auto sign_in = [&office, username, password] {
            return office.Login(username, password);
        };
        return Caller{std::string(staff::ToString(role)), Caller::Kind::kStaff, role, sign_in(),
                      sign_in};
    };
    // A new till's token: paired at S01 under a name not used before.
    int tills = 0;
    const auto pair_till = [&office, &tills] {
        return office.Pair("S01", "T" + std::to_string(++tills)).token;
    };

    std::vector<Caller> callers;
    callers.push_back({"no token", Caller::Kind::kRefused});
    callers.push_back(
        {"a made-up token", Caller::Kind::kRefused, Role::kCashier, "a-token-nobody-was-given"});
    callers.push_back(staff_caller(Role::kCashier, "zoe", "demo-cashier-password"));
    callers.push_back(staff_caller(Role::kFulfilment, "kwame", "demo-fulfilment-password"));
    callers.push_back(staff_caller(Role::kManager, "tom", "demo-manager-password"));
    callers.push_back(staff_caller(Role::kAdmin, "admin", "demo-admin-password"));
    callers.push_back({"a till", Caller::Kind::kTill, Role::kCashier, pair_till(), pair_till});

    // A till whose token worked, then revoked by an admin.
    const std::string revoked = pair_till();
    {
        auto who = office.Client(revoked)->Get("/api/v1/session");
        REQUIRE(who);
        REQUIRE(who->status == 200);
        const std::string id = nlohmann::json::parse(who->body)["id"];
        auto res = office.Client(office.Login("admin", "demo-admin-password"))
                       ->Post("/api/v1/terminals/" + id + "/revoke", "{}", "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 200);
    }
    callers.push_back({"a revoked till", Caller::Kind::kRefused, Role::kCashier, revoked});

    // An admin's session that has run out. It is made last and its calls come first: signing in
    // clears expired sessions away, and this one must still be there, only too old.
    office::AuthSettings one_millisecond;
    one_millisecond.staff_session_ms = 1;
    office::AuthService short_sessions(*office.context, one_millisecond);
    auto expired = short_sessions.Login("admin", "demo-admin-password", "127.0.0.1");
    REQUIRE(expired);
    while (office.clock.Now() <= expired->expires_at)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    callers.insert(callers.begin(), {"an admin whose session expired", Caller::Kind::kRefused,
                                     Role::kAdmin, expired->token});

    int calls = 0;
    for (Caller& caller : callers) {
        auto client = office.Client();
        for (const Row& row : table) {
            for (const std::string& method : MethodsOf(row)) {
                const bool fresh = row.signs_out && caller.fresh;
                const std::string token = fresh ? caller.fresh() : caller.token;
                const std::string wrong =
                    Mismatch(method, row, caller, Call(*client, method, row, token));
                if (!wrong.empty()) FAIL_CHECK(wrong);
                ++calls;
            }
        }
        if (caller.token == expired->token) {
            // Refused for its age: the session is still on file.
            CHECK(office.Scalar(fmt::format(
                      "SELECT count(*) FROM sessions WHERE token_hash = '{}' AND expires_at < {}",
                      office::AuthService::HashToken(caller.token), office.clock.Now())) == 1);
        }
    }
    std::size_t per_caller = 0;
    for (const Row& row : table)
        per_caller += MethodsOf(row).size();
    CHECK(calls == static_cast<int>(per_caller * callers.size()));
    MESSAGE(calls, " calls: ", table.size(), " routes, ", callers.size(), " callers");
    // The tokens that were not signed out still work.
    for (const Caller& caller : callers) {
        if (caller.kind == Caller::Kind::kRefused) continue;
        auto res = office.Client(caller.token)->Get("/api/v1/session");
        REQUIRE(res);
        CHECK_MESSAGE(res->status == 200, caller.name);
    }
}
