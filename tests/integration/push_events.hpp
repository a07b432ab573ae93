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
        : m_office(office), m_till(std::move(till)) {
        auto db = store::Database::Open(office.db_path, {store::Durability::kNormal, 5000, false});
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
        order.id = m_office.ids.NextString();
        order.number = m_till.origin.substr(9) + "-" + std::to_string(origin_seq);
        order.channel = "store:S01";
        order.location_id = m_store;
        order.currency = "GBP";
        order.placed_at = m_office.clock.Now();
        order.lines = {orders::OrderLine{1, orders::LineKind::kGoods, "TEA-EARL-125G",
                                         "Earl Grey loose leaf tea 125 g", 1000,
                                         money::Money(650, gbp), money::Money(0, gbp), 0,
                                         money::TaxMode::kInclusive, std::nullopt}};
        return order;
    }

    // Any event of this till, by `actor` (a staff id or username).
    nlohmann::json Of(std::int64_t origin_seq, ledger::EventPayload payload,
                      const std::string& actor = "zoe") {
        return ledger::EventToJson({m_office.ids.NextString(), m_till.origin, origin_seq, actor,
                                    m_office.clock.Now(), std::move(payload)});
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
        return m_office.Client(m_till.token)
            ->Post("/api/v1/sync/push", nlohmann::json{{"protocol", 1}, {"events", events}}.dump(),
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
    OfficeUnderTest& m_office;
    OfficeUnderTest::Terminal m_till;
    std::string m_store;
};

}  // namespace tillbook::testing
