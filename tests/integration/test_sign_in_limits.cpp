// Issue 11, finding 5: sign-in and pairing fields have length limits checked before anything is
// kept or logged, what is logged of them is escaped, and the table of failed logins is bounded.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "raw_http.hpp"
#include "real_office.hpp"
#include "sanitizers.hpp"

using namespace tillbook;
using nlohmann::json;

namespace {

std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

httplib::Result SignIn(httplib::Client& client, const std::string& username,
                       const std::string& password) {
    return client.Post("/api/v1/session",
                       json{{"username", username}, {"password", password}}.dump(),
                       "application/json");
}

// A POST of `body` to `path` over a connection of its own from `source`; the answer.
testing::RawResponse PostFrom(int port, const char* source, const std::string& path,
                              const json& json_body) {
    const std::string body = json_body.dump();
    testing::RawConnection connection(port, source);
    REQUIRE(connection.Send(fmt::format("POST {} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                        "Content-Type: application/json\r\n"
                                        "Content-Length: {}\r\n\r\n{}",
                                        path, body.size(), body),
                            std::chrono::seconds(1)));
    return connection.Read(std::chrono::seconds(10));
}

testing::RawResponse SignInFrom(int port, const char* source, const std::string& password) {
    return PostFrom(port, source, "/api/v1/session",
                    json{{"username", "tom"}, {"password", password}});
}

}  // namespace

TEST_CASE("issue 11: huge sign-in fields are refused before they are kept or logged") {
    testing::RealOffice office("sign-in-limits");
    testing::ServerProcess& server = *office.server;
    httplib::Client client("127.0.0.1", office.port);
    client.set_read_timeout(30);
    // The first requests grow the allocator's pools to a steady size; after them, refused
    // usernames must not add up (each was kept for good: 24 to 350 MB after 200 of 1 MB).
    const auto sign_in_with_huge_usernames = [&](int count) {
        for (int i = 0; i < count; ++i) {
            const std::string username = fmt::format("{}{}", i, std::string(512 * 1024, 'u'));
            testing::CheckError(SignIn(client, username, "wrong"), 400, "username");
        }
    };
    sign_in_with_huge_usernames(40);
    const long rss_before = testing::ProcessStatusKb(server.Pid(), "VmRSS");
    sign_in_with_huge_usernames(80);
    const long grown_kb = testing::ProcessStatusKb(server.Pid(), "VmRSS") - rss_before;
    MESSAGE("80 more sign-ins with 512 KiB usernames grew the server's RSS by " << grown_kb
                                                                                << " kB");
    // 20 MB and more when each was kept. Under AddressSanitizer the 40 MB of refused bodies sit in
    // its quarantine for a while (12 to 18 MB measured), so there the figure is only reported; the
    // refusal itself is checked above, and the failed-login table's bound below.
    if (!testing::kUnderAddressSanitizer) CHECK(grown_kb < 12 * 1024);

    testing::CheckError(SignIn(client, "tom", std::string(257, 'p')), 400, "password");
    testing::CheckError(client.Post("/api/v1/terminals/pair",
                                    json{{"code", std::string(4096, '1')}, {"name", "T1"}}.dump(),
                                    "application/json"),
                        400, "code");
    // The limits are bytes, and the longest allowed still signs in as ever.
    testing::CheckError(SignIn(client, std::string(64, 'u'), std::string(256, 'p')), 401);

    // A username that would forge a log line is logged escaped, on one line.
    testing::CheckError(SignIn(client, "eve\nauth: forged line", "wrong"), 401);
    server.Kill(SIGTERM);
    const std::string written = ReadFile(office.log);
    CHECK(written.size() < 64 * 1024);
    CHECK(written.find("\nauth: forged line") == std::string::npos);
    CHECK(written.find("\"eve\\x0Aauth: forged line\"") != std::string::npos);
}

TEST_CASE("issue 11: the failed-login table forgets the username that failed longest ago") {
    testing::TempDir dir("lockout-table");
    const std::string db = dir.File("office.db");
    REQUIRE(testing::RunOffice({"init", "--db", db, "--demo"}) == 0);
    auto writer = office::LedgerWriter::Start(db, store::Durability::kNormal);
    REQUIRE(writer);
    ids::ManualClock clock(1'800'000'000'000);
    office::LockedIdSource ids(clock);
    office::OfficeContext context{db, **writer, clock, ids};
    office::AuthSettings settings;
    settings.free_failures = 1;
    settings.max_tracked_usernames = 2;
    office::AuthService auth(context, settings);

    const auto fails = [&](const std::string& username) {
        clock.Advance(10);
        return auth.Login(username, "wrong", "127.0.0.1");
    };
    CHECK(fails("tom").error().code == ErrorCode::kUnauthorized);
    CHECK(fails("tom").error().code == ErrorCode::kUnauthorized);  // now locked for 1 s
    CHECK(fails("tom").error().code == ErrorCode::kTooManyRequests);
    CHECK(fails("mallory").error().code == ErrorCode::kUnauthorized);
    CHECK(fails("tom").error().code == ErrorCode::kTooManyRequests);  // two names: both kept
    CHECK(fails("trudy").error().code == ErrorCode::kUnauthorized);   // a third: tom goes
    CHECK(auth.Login("tom", "demo-manager-password", "127.0.0.1").has_value());
}

TEST_CASE("issue 11: failed logins from one address do not lock the user out at another") {
    testing::RealOffice office("aimed-lockout");
    const int port = office.port;

    // Someone at 127.0.0.2 guesses tom's password: three free failures, the fourth locks 1 s.
    for (int i = 0; i < 4; ++i)
        CHECK(SignInFrom(port, "127.0.0.2", "guess").status == 401);
    const testing::RawResponse slowed = SignInFrom(port, "127.0.0.2", "demo-manager-password");
    INFO(slowed.head);
    CHECK(slowed.status == 429);
    // Retry-After tells the wait that is left, not a fixed 60.
    CHECK(slowed.head.find("Retry-After: 1\r\n") != std::string::npos);

    // Tom, at his till's address, still signs in.
    CHECK(SignInFrom(port, "127.0.0.1", "demo-manager-password").status == 201);
}

TEST_CASE("issue 11: wrong pairing codes from one address are slowed there only") {
    testing::RealOffice office("pairing-throttle");
    const int port = office.port;
    const json wrong{{"code", "0000-0000-0000"}, {"name", "T9"}};

    for (int i = 0; i < 4; ++i)
        CHECK(PostFrom(port, "127.0.0.2", "/api/v1/terminals/pair", wrong).status == 401);
    const testing::RawResponse slowed =
        PostFrom(port, "127.0.0.2", "/api/v1/terminals/pair", wrong);
    INFO(slowed.head);
    CHECK(slowed.status == 429);
    CHECK(slowed.head.find("Retry-After: 1\r\n") != std::string::npos);
    CHECK(PostFrom(port, "127.0.0.1", "/api/v1/terminals/pair", wrong).status == 401);
}
