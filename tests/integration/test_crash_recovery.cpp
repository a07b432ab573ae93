// kill -9 of the real tillbook-office during a till's push, a restart, and the till's retry of
// the same push: every acknowledged event is in the ledger exactly once and verify passes. Rounds
// alternate between two moments of the kill: at a random point of the push (before, during or
// after its commit), and just after its commit, seen by a reader of the database, before the till
// has its answer; the retry then meets the events already accepted and must answer them accepted as
// duplicates, with the sequence numbers they were first given.
//
// TILLBOOK_CRASH_ROUNDS sets the number of rounds (10 by default; run 100 or more by hand) and
// TILLBOOK_CRASH_SEED the random seed (printed, to repeat a run).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdlib>
#include <map>
#include <random>
#include <thread>

#include "office_fixture.hpp"
#include "server_process.hpp"
#include "tillbook/ledger/event_json.hpp"

using namespace tillbook;
using nlohmann::json;

namespace {

// `sales` card sales of the till, origin_seq first_seq, first_seq + 1, ...
std::string SaleBatch(const std::string& origin, std::int64_t first_seq, int sales,
                      ids::IdSource& ids) {
    const money::Currency gbp{"GBP", 2};
    json events = json::array();
    for (std::int64_t i = first_seq; i < first_seq + sales; ++i) {
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

int EnvironmentNumber(const char* name, int fallback) {
    const char* text = std::getenv(name);
    return text != nullptr && *text != '\0' ? std::atoi(text) : fallback;
}

// Every event of the ledger by id, with its sequence number.
std::map<std::string, std::int64_t> LedgerSeqs(const std::string& db_path) {
    auto db = store::Database::Open(db_path, {store::Durability::kNormal, 5000, false});
    REQUIRE(db);
    std::map<std::string, std::int64_t> seqs;
    auto q = db->Prepare("SELECT event_id, seq FROM ledger");
    REQUIRE(q);
    while (*q->Step())
        seqs.emplace(q->Text(0), q->Int64(1));
    return seqs;
}

// Waits until the ledger holds more than `count` events (a push committed), for up to 10 s.
bool WaitForCommit(const std::string& db_path, std::int64_t count) {
    auto db = store::Database::Open(db_path, {store::Durability::kNormal, 5000, false});
    REQUIRE(db);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        auto now = db->QueryInt64("SELECT count(*) FROM ledger");
        if (now && *now > count) return true;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return false;
}

}  // namespace

TEST_CASE(
    "kill -9 during a push or just after its commit, restart, retry: every event is in the ledger "
    "exactly once and the retry answers what was committed as duplicates with their first "
    "numbers") {
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

    const int rounds = EnvironmentNumber("TILLBOOK_CRASH_ROUNDS", 10);
    const auto seed = static_cast<unsigned>(
        EnvironmentNumber("TILLBOOK_CRASH_SEED", static_cast<int>(std::random_device{}() >> 1)));
    MESSAGE("crash rounds: " << rounds << ", TILLBOOK_CRASH_SEED=" << seed);
    std::mt19937 random(seed);
    const std::string origin = "terminal:S01-T1";
    std::int64_t next_seq = 1;
    int rounds_with_duplicates = 0;
    int duplicates_seen = 0;
    for (int round = 1; round <= rounds; ++round) {
        const bool after_commit = round % 2 == 0;
        const int sales = std::uniform_int_distribution<int>(20, 400)(random);
        const int delay_ms = std::uniform_int_distribution<int>(0, 20)(random);
        CAPTURE(round);
        CAPTURE(after_commit);
        CAPTURE(sales);
        CAPTURE(delay_ms);
        // Each round is a new stretch of the till's journal: origin_seq continues.
        const std::string body = SaleBatch(origin, next_seq, sales, ids);
        next_seq += sales;
        const std::int64_t before = static_cast<std::int64_t>(LedgerSeqs(db).size());
        {
            testing::ServerProcess server(db, port, log);
            std::thread push([&] {
                httplib::Client client("127.0.0.1", port);
                client.set_bearer_token_auth(token);
                client.set_read_timeout(10);
                // The till never learns the answer, whether or not one came before the kill.
                (void)client.Post("/api/v1/sync/push", body, "application/json");
            });
            if (after_commit)
                REQUIRE(WaitForCommit(db, before));
            else
                std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
            server.Kill(SIGKILL);
            push.join();
        }
        // What the dead server had committed, and the numbers it gave.
        const std::map<std::string, std::int64_t> committed = LedgerSeqs(db);
        // Back up; the till retries the whole push, as it would.
        testing::ServerProcess server(db, port, log);
        httplib::Client client("127.0.0.1", port);
        client.set_bearer_token_auth(token);
        client.set_read_timeout(30);
        auto retried = client.Post("/api/v1/sync/push", body, "application/json");
        REQUIRE(retried);
        REQUIRE(retried->status == 200);
        const json answer = json::parse(retried->body);
        REQUIRE(answer["results"].size() == static_cast<std::size_t>(sales));
        int duplicates = 0;
        for (const auto& result : answer["results"]) {
            CHECK(result["status"] == "accepted");
            const auto first = committed.find(result["id"].get<std::string>());
            const bool was_committed = first != committed.end();
            CHECK(result["duplicate"] == was_committed);
            if (was_committed) {
                CHECK(result["seq"] == first->second);
                ++duplicates;
            }
        }
        // A push is committed whole or not at all.
        CHECK((duplicates == 0 || duplicates == sales));
        if (after_commit) CHECK(duplicates == sales);
        if (duplicates > 0) ++rounds_with_duplicates;
        duplicates_seen += duplicates;
    }
    MESSAGE("rounds whose retry met the push already committed: "
            << rounds_with_duplicates << " of " << rounds << " (" << duplicates_seen
            << " events answered duplicate)");
    CHECK(rounds_with_duplicates >= rounds / 2);
    {
        auto check = store::Database::Open(db, {store::Durability::kNormal, 5000, false});
        REQUIRE(check);
        // Every event of every push exactly once: one ledger row and one order per sale.
        const std::int64_t sent = next_seq - 1;
        CHECK(*check->QueryInt64("SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1'") ==
              sent);
        CHECK(
            *check->QueryInt64(
                "SELECT count(DISTINCT origin_seq) FROM ledger WHERE origin = 'terminal:S01-T1'") ==
            sent);
        CHECK(*check->QueryInt64("SELECT count(*) FROM orders WHERE channel = 'store:S01'") ==
              sent);
    }
    CHECK(testing::RunOffice({"verify", "--db", db}) == 0);
}
