#pragma once
// Events a paired till pushes, built as the till's journal would, for the push tests: sales of one
// TEA-EARL-125G at S01, the shift of the till's drawer, and any other event of the till.
#include <string>

#include "office_fixture.hpp"
#include "tillbook/ledger/event_json.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::testing {

class PushEvents {
  public:
    PushEvents(OfficeUnderTest& office, OfficeUnderTest::Terminal till)
        : PushEvents(office.db_path, office.ids, office.clock, std::move(till),
                     office.server->Port()) {}
    // For a server in another process (RealOffice): its database, and the port it serves on.
    PushEvents(const std::string& db_path, ids::IdSource& ids, const ids::Clock& clock,
               OfficeUnderTest::Terminal till, int port)
        : m_ids(ids), m_clock(clock), m_till(std::move(till)), m_port(port) {
        auto db = store::Database::Open(db_path, {store::Durability::kNormal, 5000, false});
        REQUIRE(db);
        auto s01 = store::FindLocationByCode(*db, "S01");
        REQUIRE(s01);
        REQUIRE(*s01);
        m_store = (**s01).id;
    }

    // A sale of one tea for 6.50, paid with `tender` (cash through `shift_id`).
    nlohmann::json Sale(std::int64_t origin_seq, orders::Tender tender,
                        const std::string& shift_id = "") {
        const orders::Order order = Tea(origin_seq);
        const money::Money total(650, money::Currency{"GBP", 2});
        return Of(origin_seq,
                  ledger::OrderPlaced{
                      order, true, {orders::Payment{tender, total, total, "", shift_id}}});
    }

    // The till's order for one tea at 6.50 at S01, not yet placed: numbered by `origin_seq`.
    orders::Order Tea(std::int64_t origin_seq) {
        const money::Currency gbp{"GBP", 2};
        orders::Order order;
        order.id = m_ids.NextString();
        order.number = m_till.origin.substr(9) + "-" + std::to_string(origin_seq);
        order.channel = "store:S01";
        order.location_id = m_store;
        order.currency = "GBP";
        order.placed_at = m_clock.Now();
        order.lines = {orders::OrderLine{1, orders::LineKind::kGoods, "TEA-EARL-125G",
                                         "Earl Grey loose leaf tea 125 g", 1000,
                                         money::Money(650, gbp), money::Money(0, gbp), 0,
                                         money::TaxMode::kInclusive, std::nullopt}};
        return order;
    }

    // Any event of this till, by `actor` (a staff id or username).
    nlohmann::json Of(std::int64_t origin_seq, ledger::EventPayload payload,
                      const std::string& actor = "zoe") {
        return ledger::EventToJson({m_ids.NextString(), m_till.origin, origin_seq, actor,
                                    m_clock.Now(), std::move(payload)});
    }

    // The id of S01, the till's store.
    const std::string& Store() const { return m_store; }

    nlohmann::json ShiftOpened(std::int64_t origin_seq, const std::string& shift_id,
                               std::int64_t float_minor) {
        return Of(origin_seq,
                  ledger::ShiftOpened{shift_id, m_store, m_till.origin,
                                      money::Money(float_minor, money::Currency{"GBP", 2})});
    }

    httplib::Result Push(const nlohmann::json& events) {
        httplib::Client client("127.0.0.1", m_port);
        client.set_tcp_nodelay(true);
        client.set_read_timeout(30);
        client.set_bearer_token_auth(m_till.token);
        return client.Post("/api/v1/sync/push",
                           nlohmann::json{{"protocol", 1}, {"events", events}}.dump(),
                           "application/json");
    }

    // The push's answer, one result per event, after a 200.
    nlohmann::json Results(const nlohmann::json& events) {
        auto res = Push(events);
        REQUIRE(res);
        INFO(res->body);
        REQUIRE(res->status == 200);
        nlohmann::json results = Body(res)["results"];
        REQUIRE(results.size() == events.size());
        return results;
    }

  private:
    ids::IdSource& m_ids;
    const ids::Clock& m_clock;
    OfficeUnderTest::Terminal m_till;
    int m_port = 0;
    std::string m_store;
};

}  // namespace tillbook::testing
