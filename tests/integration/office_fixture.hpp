#pragma once
// The back office as a till or a channel meets it: a demo database, the real server on a free
// loopback port, HTTP clients, and a fake channel that records the stock updates it receives.
#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "temp_dir.hpp"
#include "tillbook/ledger/ledger.hpp"
#include "tillbook/ledger/verify.hpp"
#include "tillbook/office/auth/auth_service.hpp"
#include "tillbook/office/channels/outbox_delivery.hpp"
#include "tillbook/office/http/office_server.hpp"
#include "tillbook/office/ledger_writer.hpp"
#include "tillbook/office/office_commands.hpp"
#include "tillbook/office/routes/routes.hpp"
#include "tillbook/store/schema.hpp"

namespace tillbook::testing {

inline int RunOffice(std::vector<std::string> words) {
    std::vector<const char*> argv{"tillbook-office"};
    for (const auto& w : words)
        argv.push_back(w.c_str());
    auto args = cli::ParseArgs(static_cast<int>(argv.size()), argv.data(), {"demo"});
    std::ostringstream out, err;
    return args ? office::RunOfficeCommand(*args, out, err) : 2;
}

// An answer's body as JSON (a discarded value when it is not JSON).
inline nlohmann::json Body(const httplib::Result& res) {
    REQUIRE(res);
    return nlohmann::json::parse(res->body, nullptr, false);
}

// A refusal: `status`, and the one error shape {"error":{"code","message","field"}}. With `field`,
// the field it names ("" for none).
inline void CheckError(const httplib::Result& res, int status,
                       const std::optional<std::string>& field = std::nullopt) {
    REQUIRE(res);
    INFO(res->body);
    CHECK(res->status == status);
    const nlohmann::json body = Body(res);
    REQUIRE(body.contains("error"));
    CHECK(body["error"]["code"].is_string());
    CHECK(body["error"]["message"].is_string());
    CHECK(body["error"].contains("field"));
    if (field) {
        CHECK(body["error"]["field"] ==
              (field->empty() ? nlohmann::json(nullptr) : nlohmann::json(*field)));
    }
}

// A POST that must be answered 201 Created, and a GET that must be answered 200: the answer's
// body as JSON.
inline nlohmann::json PostCreated(httplib::Client& client, const std::string& path,
                                  const nlohmann::json& body) {
    auto res = client.Post(path, body.dump(), "application/json");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 201);
    return nlohmann::json::parse(res->body);
}

inline nlohmann::json GetOk(httplib::Client& client, const std::string& path) {
    auto res = client.Get(path);
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    return nlohmann::json::parse(res->body);
}

// Records what a channel's API receives.
class FakeChannel {
  public:
    FakeChannel() {
        m_server.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(m_mutex);
            m_received.push_back({req.path, req.body});
            res.status = m_fail_next > 0 ? (--m_fail_next, 503) : 200;
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
    }
    ~FakeChannel() {
        m_server.stop();
        m_thread.join();
    }
    std::string BaseUrl() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    std::vector<std::pair<std::string, std::string>> Received() {
        std::lock_guard lock(m_mutex);
        return m_received;
    }
    void FailNext(int count) {
        std::lock_guard lock(m_mutex);
        m_fail_next = count;
    }

  private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    std::mutex m_mutex;
    std::vector<std::pair<std::string, std::string>> m_received;
    int m_fail_next = 0;
};

class OfficeUnderTest {
  public:
    explicit OfficeUnderTest(const std::string& name) : dir(name), db_path(dir.File("office.db")) {
        REQUIRE(RunOffice({"init", "--db", db_path, "--demo"}) == 0);
        auto started = office::LedgerWriter::Start(db_path, store::Durability::kFull);
        REQUIRE(started);
        writer = std::move(*started);
        context = std::make_unique<office::OfficeContext>(
            office::OfficeContext{db_path, *writer, clock, ids});
        auth = std::make_unique<office::AuthService>(*context);
        office::http::ServerConfig config;
        config.port = 0;
        config.threads = 48;
        config.log_requests = false;
        server = std::make_unique<office::http::OfficeServer>(
            config, *auth, office::routes::AllRoutes(*context, *auth));
        REQUIRE(server->Start());
    }
    ~OfficeUnderTest() {
        if (outbox) outbox->Stop();
        server->Stop();
        writer.reset();
    }

    void StartOutbox() {
        outbox = std::make_unique<office::channels::OutboxDelivery>(*context);
        outbox->Start();
    }

    std::unique_ptr<httplib::Client> Client(const std::string& token = {}) const {
        auto client = std::make_unique<httplib::Client>("127.0.0.1", server->Port());
        client->set_tcp_nodelay(true);
        client->set_read_timeout(30);
        if (!token.empty()) client->set_bearer_token_auth(token);
        return client;
    }

    std::string Login(const std::string& username, const std::string& password) {
        auto res =
            Client()->Post("/api/v1/session",
                           nlohmann::json{{"username", username}, {"password", password}}.dump(),
                           "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 201);
        return nlohmann::json::parse(res->body)["token"];
    }
    std::string Manager() { return Login("tom", "demo-manager-password"); }

    struct Terminal {
        std::string token;
        std::string origin;
    };
    Terminal Pair(const std::string& store, const std::string& name) {
        auto code = auth->CreatePairingCode(store, 60'000);
        REQUIRE(code);
        auto res = Client()->Post("/api/v1/terminals/pair",
                                  nlohmann::json{{"code", *code}, {"name", name}}.dump(),
                                  "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 201);
        const auto body = nlohmann::json::parse(res->body);
        return {body["token"], body["origin"]};
    }

    // Every table's rows, for "nothing changed" checks.
    std::map<std::string, std::vector<std::string>> AllRows() {
        auto db = store::Database::Open(db_path, {store::Durability::kNormal, 5000, false});
        REQUIRE(db);
        std::map<std::string, std::vector<std::string>> rows;
        std::vector<std::string> tables;
        {
            auto q =
                db->Prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
            REQUIRE(q);
            while (*q->Step())
                tables.push_back(q->Text(0));
        }
        for (const auto& table : tables)
            rows[table] = *ledger::DumpTable(*db, table);
        return rows;
    }

    // An event the back office itself records (a despatch desk's dispatch), through its writer.
    void AppendAsOffice(ledger::EventPayload payload) {
        REQUIRE(writer->Run([&](office::WriteContext& w) -> Status {
            auto seq = w.ledger.NextOriginSeq("office");
            if (!seq) return std::unexpected(seq.error());
            auto appended = w.ledger.AppendInCurrentTransaction(ledger::Event{
                ids.NextString(), "office", *seq, "staff-test", clock.Now(), std::move(payload)});
            if (!appended) return std::unexpected(appended.error());
            return {};
        }));
    }

    std::int64_t Scalar(const std::string& sql) {
        auto db = store::Database::Open(db_path, {store::Durability::kNormal, 5000, false});
        REQUIRE(db);
        return *db->QueryInt64(sql);
    }

    bool Verifies() {
        auto db = store::Database::Open(db_path, {store::Durability::kNormal, 5000, false});
        REQUIRE(db);
        auto report = ledger::VerifyDatabase(*db, db_path + ".scratch");
        REQUIRE(report);
        for (const auto& p : report->problems)
            MESSAGE(p);
        return report->Ok();
    }

    TempDir dir;
    std::string db_path;
    ids::SystemClock clock;
    office::LockedIdSource ids{clock};
    std::unique_ptr<office::LedgerWriter> writer;
    std::unique_ptr<office::OfficeContext> context;
    std::unique_ptr<office::AuthService> auth;
    std::unique_ptr<office::http::OfficeServer> server;
    std::unique_ptr<office::channels::OutboxDelivery> outbox;
};

}  // namespace tillbook::testing
