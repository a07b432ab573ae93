// The web app's session against the real office on loopback: the HttpOnly, SameSite=Strict
// cookie, the CSRF token every change made with it must carry, changes from another origin
// refused, pages that send a browser without a session to sign in and give a role they do not
// serve a 403 page, the security headers on every answer, the app's files and nothing beside
// them, sign-out and an expired session.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "office_fixture.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::OfficeUnderTest;

namespace {

struct BrowserSession {
    std::string cookie;  // "tillbook_session=..."
    std::string csrf;
    std::string set_cookie;
    json body;
};

BrowserSession SignIn(OfficeUnderTest& office, const std::string& username,
                      const std::string& password) {
    auto res = office.Client()->Post("/api/v1/browser-session",
                                     json{{"username", username}, {"password", password}}.dump(),
                                     "application/json");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 201);
    BrowserSession session;
    session.set_cookie = res->get_header_value("Set-Cookie");
    session.cookie = session.set_cookie.substr(0, session.set_cookie.find(';'));
    session.body = json::parse(res->body);
    session.csrf = session.body["csrf_token"];
    return session;
}

httplib::Headers With(const BrowserSession& session, httplib::Headers more = {}) {
    more.emplace("Cookie", session.cookie);
    return more;
}

// A stock adjustment: one more unit of TEA-EARL-125G counted at store S01.
std::string Adjustment() {
    return json{{"location", "S01"}, {"sku", "TEA-EARL-125G"}, {"delta", 1}, {"reason", "count"}}
        .dump();
}

}  // namespace

TEST_CASE(
    "a browser signs in: an HttpOnly, SameSite=Strict cookie, a CSRF token, no bearer token") {
    OfficeUnderTest office("browser-sign-in");
    const BrowserSession session = SignIn(office, "tom", "demo-manager-password");
    CHECK(session.set_cookie.starts_with("tillbook_session="));
    CHECK(session.set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(session.set_cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(session.set_cookie.find("Path=/") != std::string::npos);
    CHECK(session.set_cookie.find("Secure") == std::string::npos);  // plain HTTP here
    CHECK_FALSE(session.body.contains("token"));
    CHECK(session.body["staff"]["role"] == "manager");
    CHECK(session.csrf.size() == 64);

    // The cookie alone reads, and tells the page its CSRF token again after a reload.
    auto orders = office.Client()->Get("/api/v1/orders", With(session));
    REQUIRE(orders);
    CHECK(orders->status == 200);
    auto again = office.Client()->Get("/api/v1/browser-session", With(session));
    REQUIRE(again);
    CHECK(again->status == 200);
    CHECK(json::parse(again->body)["csrf_token"] == session.csrf);

    // A wrong password: the API's words, no cookie.
    auto wrong = office.Client()->Post(
        "/api/v1/browser-session",
        json{{"username", "tom"}, {"password", "not-the-password"}}.dump(), "application/json");
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    CHECK_FALSE(wrong->has_header("Set-Cookie"));

    // A sign-in posted from another site is refused before any password is checked.
    auto forged = office.Client()->Post(
        "/api/v1/browser-session", {{"Origin", "http://evil.example"}},
        json{{"username", "tom"}, {"password", "demo-manager-password"}}.dump(),
        "application/json");
    REQUIRE(forged);
    CHECK(forged->status == 403);
    CHECK_FALSE(forged->has_header("Set-Cookie"));
}

TEST_CASE("a change made with the browser's cookie needs its CSRF token and its own origin") {
    OfficeUnderTest office("browser-csrf");
    const BrowserSession session = SignIn(office, "tom", "demo-manager-password");
    const std::string body = Adjustment();
    const auto before = office.AllRows();
    const std::string host = "127.0.0.1:" + std::to_string(office.server->Port());

    struct Refused {
        const char* what;
        httplib::Headers headers;
    };
    const std::vector<Refused> refused = {
        {"no CSRF token", With(session)},
        {"a wrong CSRF token", With(session, {{"X-CSRF-Token", std::string(64, 'a')}})},
        {"another session's token", With(session, {{"X-CSRF-Token", "0123"}})},
        {"the right token from another origin",
         With(session, {{"X-CSRF-Token", session.csrf}, {"Origin", "http://evil.example"}})},
        {"the right token, sent cross-site",
         With(session, {{"X-CSRF-Token", session.csrf}, {"Sec-Fetch-Site", "cross-site"}})},
    };
    for (const Refused& attempt : refused) {
        INFO(attempt.what);
        auto res = office.Client()->Post("/api/v1/stock/adjustments", attempt.headers, body,
                                         "application/json");
        REQUIRE(res);
        CHECK(res->status == 403);
        CHECK(res->body.find("\"forbidden\"") != std::string::npos);
    }
    CHECK(office.AllRows() == before);  // nothing changed

    // With its token, from its own origin: the adjustment is made.
    auto made = office.Client()->Post("/api/v1/stock/adjustments",
                                      With(session, {{"X-CSRF-Token", session.csrf},
                                                     {"Origin", "http://" + host},
                                                     {"Sec-Fetch-Site", "same-origin"}}),
                                      body, "application/json");
    REQUIRE(made);
    INFO(made->body);
    CHECK(made->status / 100 == 2);
    CHECK(office.AllRows() != before);

    // A till or a script with a bearer token is not a browser: no CSRF token asked.
    auto bearer = office.Client(office.Manager())
                      ->Post("/api/v1/stock/adjustments", body, "application/json");
    REQUIRE(bearer);
    CHECK(bearer->status / 100 == 2);
}

TEST_CASE(
    "pages send a browser to sign in first and back, give a cashier a 403 page, and every answer "
    "is guarded") {
    OfficeUnderTest office("browser-pages");
    auto bare = office.Client()->Get("/orders");
    REQUIRE(bare);
    CHECK(bare->status == 303);
    CHECK(bare->get_header_value("Location") == "/sign-in?next=/orders");
    auto deep = office.Client()->Get("/orders/0190a1b2-0000-7000-8000-00000000abcd");
    REQUIRE(deep);
    CHECK(deep->get_header_value("Location") ==
          "/sign-in?next=/orders/0190a1b2-0000-7000-8000-00000000abcd");

    const BrowserSession manager = SignIn(office, "tom", "demo-manager-password");
    auto page = office.Client()->Get("/orders", With(manager));
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type").starts_with("text/html"));
    CHECK(page->body.find("<main id=\"page\"") != std::string::npos);

    const BrowserSession cashier = SignIn(office, "zoe", "demo-cashier-password");
    auto refused = office.Client()->Get("/orders", With(cashier));
    REQUIRE(refused);
    CHECK(refused->status == 403);
    CHECK(refused->get_header_value("Content-Type").starts_with("text/html"));
    CHECK(refused->body.find("Not for your role") != std::string::npos);
    auto refused_api = office.Client()->Get("/api/v1/orders", With(cashier));
    REQUIRE(refused_api);
    CHECK(refused_api->status == 403);

    // The start page: a manager's is Today, fulfilment's the orders, a cashier's the orders'
    // 403; without a session, sign in first and come back to it.
    const BrowserSession fulfilment = SignIn(office, "kwame", "demo-fulfilment-password");
    for (const auto& [who, session, to] : {std::tuple{"manager", &manager, "/today"},
                                           std::tuple{"fulfilment", &fulfilment, "/orders"},
                                           std::tuple{"cashier", &cashier, "/orders"}}) {
        INFO(who);
        auto start = office.Client()->Get("/", With(*session));
        REQUIRE(start);
        CHECK(start->status == 303);
        CHECK(start->get_header_value("Location") == to);
    }
    auto start = office.Client()->Get("/");
    REQUIRE(start);
    CHECK(start->get_header_value("Location") == "/sign-in?next=/");

    // Every answer, page, file, JSON or error, carries the same guards.
    for (const char* path :
         {"/orders", "/sign-in", "/web/app.css", "/api/v1/health", "/no-such-page"}) {
        INFO(path);
        auto res = office.Client()->Get(path, With(manager));
        REQUIRE(res);
        const std::string policy = res->get_header_value("Content-Security-Policy");
        CHECK(policy.find("script-src 'self'") != std::string::npos);
        CHECK(policy.find("unsafe-inline") == std::string::npos);
        CHECK(policy.find("frame-ancestors 'none'") != std::string::npos);
        CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    }
}

TEST_CASE("the app's files are served, and nothing outside them") {
    OfficeUnderTest office("browser-files");
    auto css = office.Client()->Get("/web/app.css");
    REQUIRE(css);
    CHECK(css->status == 200);
    CHECK(css->get_header_value("Content-Type").starts_with("text/css"));
    auto script = office.Client()->Get("/web/js/app.js");
    REQUIRE(script);
    CHECK(script->status == 200);
    CHECK(script->get_header_value("Content-Type").starts_with("text/javascript"));
    for (const char* path :
         {"/web/../office.db", "/web/%2e%2e/CMakeLists.txt", "/web/js/../../README.md",
          "/web/.hidden", "/web/js/", "/web/no-such-file.js", "/web//etc/passwd"}) {
        INFO(path);
        auto res = office.Client()->Get(path);
        REQUIRE(res);
        CHECK(res->status == 404);
    }
}

TEST_CASE("signing out of the browser ends the session, and an expired one goes back to sign in") {
    OfficeUnderTest office("browser-sign-out");
    const BrowserSession session = SignIn(office, "tom", "demo-manager-password");
    auto without_token = office.Client()->Delete("/api/v1/browser-session", With(session));
    REQUIRE(without_token);
    CHECK(without_token->status == 403);  // a forged sign-out link cannot end it either
    auto out = office.Client()->Delete("/api/v1/browser-session",
                                       With(session, {{"X-CSRF-Token", session.csrf}}));
    REQUIRE(out);
    CHECK(out->status == 204);
    CHECK(out->get_header_value("Set-Cookie").find("Max-Age=0") != std::string::npos);
    auto after = office.Client()->Get("/api/v1/orders", With(session));
    REQUIRE(after);
    CHECK(after->status == 401);
    auto page = office.Client()->Get("/orders", With(session));
    REQUIRE(page);
    CHECK(page->status == 303);

    // A session that ran out: the API says 401, a page sends the browser to sign in.
    office::AuthSettings one_millisecond;
    one_millisecond.staff_session_ms = 1;
    office::AuthService short_sessions(*office.context, one_millisecond);
    auto expired = short_sessions.Login("tom", "demo-manager-password", "127.0.0.1");
    REQUIRE(expired);
    while (office.clock.Now() <= expired->expires_at)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const httplib::Headers old{{"Cookie", "tillbook_session=" + expired->token}};
    auto api = office.Client()->Get("/api/v1/orders", old);
    REQUIRE(api);
    CHECK(api->status == 401);
    auto expired_page = office.Client()->Get("/orders?status=placed", old);
    REQUIRE(expired_page);
    CHECK(expired_page->status == 303);
    // The page's query comes back too (httplib's client shows Location decoded: it was sent as
    // /sign-in?next=/orders%3Fstatus%3Dplaced).
    CHECK(expired_page->get_header_value("Location") == "/sign-in?next=/orders?status=placed");
}
