// kill -9 of the real tillbook-office in the middle of a push batch, a restart, and the till's
// retry: every event is in the ledger exactly once and verify passes.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "office_fixture.hpp"
#include "tillbook/ledger/event_json.hpp"

extern char** environ;

using namespace tillbook;
using nlohmann::json;

namespace {

int FreePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    ::close(fd);
    return ntohs(address.sin_port);
}

// The real server as a child process.
class ServerProcess {
  public:
    ServerProcess(const std::string& db, int port, const std::string& log) : m_port(port) {
        const std::string port_text = std::to_string(port);
        std::vector<std::string> words{
            TILLBOOK_OFFICE_EXE, "serve", "--db", db, "--port", port_text};
        std::vector<char*> argv;
        for (auto& w : words)
            argv.push_back(w.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                         0644);
        posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                         0644);
        REQUIRE(posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ) == 0);
        posix_spawn_file_actions_destroy(&actions);
        for (int i = 0; i < 200; ++i) {
            httplib::Client client("127.0.0.1", port);
            if (auto res = client.Get("/api/v1/health"); res && res->status == 200) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        FAIL("the server did not come up");
    }
    ~ServerProcess() {
        if (m_pid > 0) Kill(SIGTERM);
    }
    void Kill(int signal_number) {
        ::kill(m_pid, signal_number);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
    }

  private:
    pid_t m_pid = -1;
    int m_port;
};

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
            {ids.NextString(), origin, i, "zoe", 1,
             ledger::OrderPlaced{
                 order, true, {orders::Payment{orders::Tender::kCash, total, total, "", ""}}}}));
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
    const int port = FreePort();
    ids::SystemClock clock;
    ids::UuidV7Source ids(clock);

    std::string token;
    {
        ServerProcess server(db, port, log);
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
            ServerProcess server(db, port, log);
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
        ServerProcess server(db, port, log);
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
