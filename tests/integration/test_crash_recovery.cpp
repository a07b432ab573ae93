// kill -9 of the real tillbook-office in the middle of a push batch, a restart, and the till's
// retry: every event is in the ledger exactly once and verify passes.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <thread>

#include "office_fixture.hpp"
#include "server_process.hpp"
#include "tillbook/ledger/event_json.hpp"

using namespace tillbook;
using nlohmann::json;

namespace {

std::string SaleBatch(const std::string& origin, int sales, ids::IdSource& ids) {
    const money::Currency gbp{"GBP", 2};
    json events = json::array();
    for (int i = 1; i <= sales; ++i) {
        orders::Order order;
        order.id = ids.NextString();
        order.number = fmt::format("S01-T1-{:06}", i);
        order.channel = "store:S01";
        order.location_id = "0190a1b2-0000-7000-8000-000000000001";
        order.currency = "GBP";
        order.lines = {orders::OrderLine{1, orders::LineKind::kGoods, "TEA-EARL-125G", "Earl Grey",
                                         1000, money::Money(650, gbp), money::Money(0, gbp), 0,
                                         money::TaxMode::kInclusive}};
        const money::Money total(650, gbp);
        events.push_back(ledger::EventToJson(
            {ids.NextString(), origin, i, "zoe", 1'763'800'000'000,
             ledger::OrderPlaced{
                 order, true, {orders::Payment{orders::Tender::kCard, total, total, "", ""}}}}));
    }
    return json{{"protocol", 1}, {"events", events}}.dump();
}

}  // namespace

TEST_CASE(
    "kill -9 in the middle of a push, restart, retry: every event is in the ledger exactly once") {
    testing::TempDir dir("crash");
    const std::string db = dir.File("office.db");
    const std::string log = dir.File("server.log");
    REQUIRE(testing::RunOffice({"init", "--db", db, "--demo"}) == 0);
    const int port = testing::FreePort();
    ids::SystemClock clock;
    ids::UuidV7Source ids(clock);

    std::string token;
    {
        testing::ServerProcess server(db, port, log);
        // Pair a till through the real binary's API, with a code from the command line's store.
        auto writer = office::LedgerWriter::Start(db, store::Durability::kFull);
        REQUIRE(writer);
        office::LockedIdSource locked(clock);
        office::OfficeContext context{db, **writer, clock, locked};
        office::AuthService auth(context);
        auto code = auth.CreatePairingCode("S01", 60'000);
        REQUIRE(code);
        httplib::Client client("127.0.0.1", port);
        auto paired = client.Post("/api/v1/terminals/pair",
                                  json{{"code", *code}, {"name", "T1"}}.dump(), "application/json");
        REQUIRE(paired);
        REQUIRE(paired->status == 201);
        token = json::parse(paired->body)["token"];
    }

    int round = 0;
    for (const int delay_ms : {0, 3, 8, 15}) {
        ++round;
        CAPTURE(delay_ms);
        const std::string origin = "terminal:S01-T1";
        // Each round is a new stretch of the till's journal: origin_seq continues.
        json batch = json::parse(SaleBatch(origin, 400, ids));
        for (auto& event : batch["events"])
            event["origin_seq"] = event["origin_seq"].get<std::int64_t>() + (round - 1) * 400;
        const std::string body = batch.dump();
        {
            testing::ServerProcess server(db, port, log);
            std::thread push([&] {
                httplib::Client client("127.0.0.1", port);
                client.set_bearer_token_auth(token);
                client.set_read_timeout(10);
                (void)client.Post("/api/v1/sync/push", body,
                                  "application/json");  // may never answer
            });
            std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
            server.Kill(SIGKILL);
            push.join();
        }
        // Back up; the till retries the whole batch, as it would.
        testing::ServerProcess server(db, port, log);
        httplib::Client client("127.0.0.1", port);
        client.set_bearer_token_auth(token);
        client.set_read_timeout(30);
        auto retried = client.Post("/api/v1/sync/push", body, "application/json");
        REQUIRE(retried);
        REQUIRE(retried->status == 200);
        const json answer = json::parse(retried->body);
        for (const auto& result : answer["results"])
            CHECK(result["status"] == "accepted");
    }
    {
        auto check = store::Database::Open(db, {store::Durability::kNormal, 5000, false});
        REQUIRE(check);
        CHECK(*check->QueryInt64("SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1'") ==
              1600);
        CHECK(
            *check->QueryInt64(
                "SELECT count(DISTINCT origin_seq) FROM ledger WHERE origin = 'terminal:S01-T1'") ==
            1600);
        CHECK(*check->QueryInt64("SELECT count(*) FROM orders WHERE channel = 'store:S01'") ==
              1600);
    }
    CHECK(testing::RunOffice({"verify", "--db", db}) == 0);
}
