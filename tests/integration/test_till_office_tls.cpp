// The till's link to the real back office over HTTPS (pos/office/office_client.hpp): trusted by a
// CA file or by its certificate's pinned SHA-256, and refused when the pin does not match.
#include <doctest/doctest.h>

#include "https_office.hpp"
#include "office_fixture.hpp"
#include "server_process.hpp"
#include "till_office.hpp"
#include "tillbook/pos/office/sync_round.hpp"
#include "tillbook/pos/office/till_pairing.hpp"
#include "tillbook/pos/till_journal.hpp"
#include "tillbook/pos/till_schema.hpp"

using namespace tillbook;

namespace {

struct HttpsOfficeAndTills : testing::HttpsOffice {
    HttpsOfficeAndTills() : testing::HttpsOffice("till-tls") {
        server = std::make_unique<testing::ServerProcess>(
            db, port, dir.File("server.log"),
            std::vector<std::string>{"--tls-cert", cert, "--tls-key", key},
            [this] { return static_cast<bool>(Trusting()->Get("/api/v1/health")); });
    }
    std::unique_ptr<httplib::SSLClient> Trusting() const {
        auto client = std::make_unique<httplib::SSLClient>("127.0.0.1", port);
        client->set_ca_cert_path(cert.c_str());
        client->enable_server_certificate_verification(true);
        client->set_connection_timeout(2);
        return client;
    }
    std::string Url() const { return "https://127.0.0.1:" + std::to_string(port); }
    std::string Code() const {
        auto client = Trusting();
        return testing::PairingCodeFor(*client);
    }
    Result<pos::office::PairedTill> Pair(const std::string& name,
                                         const pos::office::OfficeTrust& trust) {
        auto till = pos::OpenTillDatabase(dir.File("till-" + name + ".db"));
        REQUIRE(till);
        return pos::office::PairTill(*till, {Url(), trust, Code(), name}, clock);
    }

    std::unique_ptr<testing::ServerProcess> server;
    ids::SystemClock clock;
};

}  // namespace

TEST_CASE("a till pairs over HTTPS trusting the office's CA file, and its sales go over it") {
    HttpsOfficeAndTills office;
    auto paired = office.Pair("T1", {office.cert, ""});
    REQUIRE_MESSAGE(paired, paired.error().message);
    CHECK(paired->skus > 0);

    auto till = pos::OpenTillDatabase(office.dir.File("till-T1.db"));
    REQUIRE(till);
    ids::UuidV7Source ids(office.clock);
    auto journal = pos::TillJournal::Open(*till, office.clock, ids);
    REQUIRE(journal);
    const std::vector<pos::ScannedLine> tea{{"5060123450019", 1}};
    REQUIRE(journal->Sell(tea, orders::Tender::kCard, std::nullopt, "zoe"));
    auto client = pos::office::OfficeClient::Connect(office.Url(), {office.cert, ""});
    REQUIRE(client);
    auto round = pos::office::RunSyncRound(*till, *client, office.clock);
    REQUIRE(round);
    CHECK_FALSE(round->failure.has_value());
    CHECK(round->pushed.accepted == 1);
    CHECK(round->backlog.unsent == 0);
}

TEST_CASE(
    "a till pairs over HTTPS with the office's certificate pinned (colons and capitals allowed), "
    "and "
    "another pin, or the system's CAs alone, is refused with the reason") {
    HttpsOfficeAndTills office;
    const std::string pin = testing::CertificateSha256(office.cert);
    std::string with_colons;
    for (std::size_t i = 0; i < pin.size(); i += 2)
        with_colons += (i == 0 ? "" : ":") + pin.substr(i, 2);
    for (char& c : with_colons)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto paired = office.Pair("T1", {"", with_colons});
    REQUIRE_MESSAGE(paired, paired.error().message);

    std::string wrong_pin = pin;
    wrong_pin[0] = wrong_pin[0] == '0' ? '1' : '0';
    auto refused = office.Pair("T2", {"", wrong_pin});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("cannot reach the office at " + office.Url()) !=
          std::string::npos);
    CHECK(refused.error().message.find("its certificate's SHA-256 is " + pin) != std::string::npos);

    auto untrusted = office.Pair("T3", {});
    REQUIRE_FALSE(untrusted);
    CHECK(untrusted.error().message.find("not one this till trusts") != std::string::npos);

    auto not_a_pin = office.Pair("T4", {"", "abc"});
    REQUIRE_FALSE(not_a_pin);
    CHECK(not_a_pin.error().message.find("64 hex digits") != std::string::npos);
}
