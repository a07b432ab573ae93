// Issue 11, finding 12: a till that signed itself out could never pair again under its name (409
// for good). With a manager's new code it pairs again as the same terminal and origin and counts
// on from the last origin_seq the office holds, so its events never meet the earlier ones; a till
// still signed in keeps its name, and a revoked one comes back only with a new code.
#include <doctest/doctest.h>

#include "push_events.hpp"
#include "real_office.hpp"

using namespace tillbook;
using nlohmann::json;

namespace {

class Shop {
  public:
    explicit Shop(testing::RealOffice& office) : m_port(office.port) {
        m_manager = SignIn("tom", "demo-manager-password");
        m_admin = SignIn("admin", "demo-admin-password");
    }

    std::unique_ptr<httplib::Client> Client(const std::string& token = {}) const {
        auto client = std::make_unique<httplib::Client>("127.0.0.1", m_port);
        client->set_read_timeout(30);
        if (!token.empty()) client->set_bearer_token_auth(token);
        return client;
    }

    // A manager's new one-time code for S01, sent with `name`.
    httplib::Result Pair(const std::string& name) const {
        auto code = Client(m_manager)->Post("/api/v1/terminals/pairing-codes",
                                            json{{"store", "S01"}}.dump(), "application/json");
        REQUIRE(code);
        REQUIRE(code->status == 201);
        return Client()->Post(
            "/api/v1/terminals/pair",
            json{{"code", json::parse(code->body)["code"]}, {"name", name}}.dump(),
            "application/json");
    }

    json Terminals() const {
        auto res = Client(m_manager)->Get("/api/v1/terminals");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        return json::parse(res->body)["terminals"];
    }

    const std::string& Admin() const { return m_admin; }

  private:
    std::string SignIn(const std::string& username, const std::string& password) const {
        auto res = Client()->Post("/api/v1/session",
                                  json{{"username", username}, {"password", password}}.dump(),
                                  "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 201);
        return json::parse(res->body)["token"];
    }

    int m_port = 0;
    std::string m_manager;
    std::string m_admin;
};

json Paired(const httplib::Result& res) {
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 201);
    return json::parse(res->body);
}

json ResultsOf(const httplib::Result& res) {
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    return json::parse(res->body)["results"];
}

}  // namespace

TEST_CASE(
    "issue 11: a till that signed itself out pairs again under its name with a new code and "
    "counts on from its last origin_seq") {
    testing::RealOffice office("pair-again");
    const Shop shop(office);
    ids::SystemClock clock;
    office::LockedIdSource ids(clock);

    const json first = Paired(shop.Pair("T1"));
    CHECK(first["origin"] == "terminal:S01-T1");
    CHECK(first["last_origin_seq"] == 0);
    testing::PushEvents before(office.db, ids, clock, {first["token"], first["origin"]},
                               office.port);
    const json sales =
        json::array({before.Sale(1, orders::Tender::kCard), before.Sale(2, orders::Tender::kCard)});
    CHECK(ResultsOf(before.Push(sales))[1]["status"] == "accepted");

    // While it is signed in, nobody else pairs under its name.
    testing::CheckError(shop.Pair("T1"), 409, "name");

    // It signs itself out; its token stops working.
    auto signed_out = shop.Client(first["token"])->Delete("/api/v1/session");
    REQUIRE(signed_out);
    CHECK(signed_out->status == 204);
    testing::CheckError(shop.Client(first["token"])->Get("/api/v1/session"), 401);

    // A new code pairs it again: the same terminal and origin, counting on from 2.
    const json again = Paired(shop.Pair("T1"));
    CHECK(again["terminal_id"] == first["terminal_id"]);
    CHECK(again["origin"] == first["origin"]);
    CHECK(again["last_origin_seq"] == 2);
    testing::PushEvents after(office.db, ids, clock, {again["token"], again["origin"]},
                              office.port);
    CHECK(ResultsOf(after.Push(json::array({after.Sale(3, orders::Tender::kCard)})))[0]["status"] ==
          "accepted");
    // An event under an origin_seq the till used before is still a conflict.
    const json reused = ResultsOf(after.Push(json::array({after.Sale(2, orders::Tender::kCard)})));
    CHECK(reused[0]["status"] == "rejected");
    CHECK(reused[0]["code"] == "conflict");

    const json terminals = shop.Terminals();
    REQUIRE(terminals.size() == 1);
    CHECK(terminals[0]["revoked"] == false);
    CHECK(terminals[0]["last_event"]["origin_seq"] == 3);
}

TEST_CASE("issue 11: a revoked till stays out until a manager's new code pairs it again") {
    testing::RealOffice office("pair-after-revoke");
    const Shop shop(office);
    ids::SystemClock clock;
    office::LockedIdSource ids(clock);
    const json first = Paired(shop.Pair("T1"));
    testing::PushEvents before(office.db, ids, clock, {first["token"], first["origin"]},
                               office.port);
    CHECK(ResultsOf(before.Push(
              json::array({before.Sale(1, orders::Tender::kCard)})))[0]["status"] == "accepted");
    auto revoked =
        shop.Client(shop.Admin())
            ->Post("/api/v1/terminals/" + first["terminal_id"].get<std::string>() + "/revoke", "",
                   "application/json");
    REQUIRE(revoked);
    REQUIRE(revoked->status == 200);
    // Its own token does not bring it back.
    testing::CheckError(before.Push(json::array({before.Sale(2, orders::Tender::kCard)})), 401);

    const json again = Paired(shop.Pair("T1"));
    CHECK(again["terminal_id"] == first["terminal_id"]);
    CHECK(again["last_origin_seq"] == 1);
    testing::CheckError(before.Push(json::array({before.Sale(2, orders::Tender::kCard)})), 401);
    const json terminals = shop.Terminals();
    REQUIRE(terminals.size() == 1);
    CHECK(terminals[0]["revoked"] == false);
}
