// Integration tests: the server over HTTPS, against the real tillbook-office binary on loopback
// with a certificate the test makes.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "https_office.hpp"
#include "office_fixture.hpp"
#include "raw_http.hpp"
#include "server_process.hpp"

using namespace tillbook;
using nlohmann::json;

namespace {

// A client that trusts exactly the test's certificate.
std::unique_ptr<httplib::SSLClient> TrustingClient(int port, const std::string& cert_path) {
    auto client = std::make_unique<httplib::SSLClient>("127.0.0.1", port);
    client->set_ca_cert_path(cert_path.c_str());
    client->enable_server_certificate_verification(true);
    client->set_connection_timeout(2);
    client->set_read_timeout(5);
    return client;
}

}  // namespace

TEST_CASE("serve with --tls-cert and --tls-key speaks HTTPS: staff sign in and read over it") {
    testing::HttpsOffice office;
    const int port = office.port;
    const std::string cert = office.cert;
    testing::ServerProcess server(office.db, port, office.dir.File("server.log"),
                                  {"--tls-cert", office.cert, "--tls-key", office.key}, [&] {
                                      auto res = TrustingClient(port, cert)->Get("/api/v1/health");
                                      return res && res->status == 200;
                                  });
    auto client = TrustingClient(port, cert);
    auto login = client->Post(
        "/api/v1/session", json{{"username", "tom"}, {"password", "demo-manager-password"}}.dump(),
        "application/json");
    REQUIRE(login);
    REQUIRE(login->status == 201);
    const std::string token = json::parse(login->body)["token"];
    client->set_bearer_token_auth(token);
    auto locations = client->Get("/api/v1/locations");
    REQUIRE(locations);
    CHECK(locations->status == 200);
    CHECK(json::parse(locations->body)["locations"].size() == 3);
    auto refused = TrustingClient(port, cert)->Get("/api/v1/locations");  // no token
    REQUIRE(refused);
    CHECK(refused->status == 401);
}

TEST_CASE(
    "over HTTPS a client that does not trust the certificate, or speaks plain HTTP, gets "
    "nothing") {
    testing::HttpsOffice office;
    const int port = office.port;
    const std::string cert = office.cert;
    testing::ServerProcess server(office.db, port, office.dir.File("server.log"),
                                  {"--tls-cert", office.cert, "--tls-key", office.key}, [&] {
                                      auto res = TrustingClient(port, cert)->Get("/api/v1/health");
                                      return res && res->status == 200;
                                  });
    httplib::SSLClient stranger("127.0.0.1", port);  // the system's CAs only
    stranger.enable_server_certificate_verification(true);
    stranger.set_connection_timeout(2);
    auto untrusted = stranger.Get("/api/v1/health");
    CHECK_FALSE(untrusted);
    CHECK(untrusted.error() == httplib::Error::SSLServerVerification);

    httplib::Client plain("127.0.0.1", port);
    plain.set_connection_timeout(2);
    plain.set_read_timeout(2);
    auto answer = plain.Post(
        "/api/v1/session", json{{"username", "tom"}, {"password", "demo-manager-password"}}.dump(),
        "application/json");
    CHECK_FALSE((answer && answer->status == 201));
}

TEST_CASE(
    "issue 11: over HTTPS a handshake never finished is closed at the header deadline, a 33rd "
    "connection from one address at once, and other clients are served meanwhile") {
    using namespace std::chrono_literals;
    using Clock = std::chrono::steady_clock;
    testing::HttpsOffice office;
    const int port = office.port;
    const std::string cert = office.cert;
    testing::ServerProcess server(
        office.db, port, office.dir.File("server.log"),
        {"--tls-cert", office.cert, "--tls-key", office.key, "--header-timeout-ms", "2000"}, [&] {
            auto res = TrustingClient(port, cert)->Get("/api/v1/health");
            return res && res->status == 200;
        });
    const auto start = Clock::now();
    std::vector<std::unique_ptr<testing::RawConnection>> silent;
    for (int i = 0; i < 33; ++i)
        silent.push_back(std::make_unique<testing::RawConnection>(port, "127.0.0.2"));
    // Which of the 33 is refused depends on which worker counts its connection last.
    const auto count_closed = [&] {
        int closed = 0;
        for (auto& connection : silent)
            closed += connection->ClosedNow() ? 1 : 0;
        return closed;
    };
    int closed = 0;
    while (closed == 0 && Clock::now() - start < 1500ms) {
        std::this_thread::sleep_for(100ms);
        closed = count_closed();
    }
    CHECK(closed == 1);
    std::erase_if(silent, [](const auto& connection) { return connection->ClosedNow(); });

    const auto asked = Clock::now();
    auto res = TrustingClient(port, cert)->Get("/api/v1/health");
    CHECK(res);
    CHECK((res && res->status == 200));
    CHECK(Clock::now() - asked < 1s);

    CHECK(silent.front()->ClosedWithin(3s));
    const auto took = Clock::now() - start;
    CHECK(took > 1800ms);
    CHECK(took < 3500ms);
}

TEST_CASE("serve refuses half a TLS configuration, a missing file and a key that is not PEM") {
    testing::HttpsOffice office;
    const std::string port = std::to_string(office.port);
    CHECK(testing::RunOffice(
              {"serve", "--db", office.db, "--port", port, "--tls-cert", office.cert}) == 1);
    CHECK(testing::RunOffice(
              {"serve", "--db", office.db, "--port", port, "--tls-key", office.key}) == 1);
    CHECK(testing::RunOffice({"serve", "--db", office.db, "--port", port, "--tls-cert",
                              office.dir.File("missing.pem"), "--tls-key", office.key}) == 1);
    CHECK(testing::RunOffice({"serve", "--db", office.db, "--port", port, "--tls-cert", office.cert,
                              "--tls-key", office.db}) == 1);
}
