// A till's journal pushed to the real back office on loopback: the till builds the push with
// pos::TillSync and the codec, the test carries the bytes over HTTP (the till's own client comes
// with its own issue), and the till takes the office's answers in.
#include <doctest/doctest.h>

#include "demo_till.hpp"
#include "office_fixture.hpp"
#include "push_events.hpp"
#include "tillbook/pos/till_sync.hpp"
#include "tillbook/sync/push_json.hpp"

using namespace tillbook;
using testing::OfficeUnderTest;

namespace {

sync::PushResults Send(httplib::Client& client, const sync::PushRequest& push) {
    auto res = client.Post("/api/v1/sync/push", sync::ToJson(push).dump(), "application/json");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    auto answer = sync::ParsePushResults(res->body);
    REQUIRE_MESSAGE(answer, answer.error().message);
    return *answer;
}

void Sell(pos::TillJournal& journal, orders::Tender tender) {
    const std::vector<pos::ScannedLine> tea{{"5060123450019", 1}};
    auto sale = journal.Sell(tea, tender, std::nullopt, "zoe");
    REQUIRE_MESSAGE(sale, sale.error().message);
}

pos::TillStatus TillStatusOf(pos::TillJournal& journal) {
    auto status = journal.ReadStatus();
    REQUIRE(status);
    return *status;
}

}  // namespace

TEST_CASE(
    "a till's events pushed to the real office are no longer unsent, a push whose answer was lost "
    "is answered as duplicates, and an event the office rejects stays on the till") {
    OfficeUnderTest office("till-push");
    const auto paired = office.Pair("S01", "T1");
    testing::DemoTill till("till-push-till");
    auto journal = till.Journal();
    REQUIRE(paired.origin == "terminal:S01-T1");
    pos::TillSync sync(till.db, paired.origin, till.clock);
    auto client = office.Client(paired.token);

    REQUIRE(journal.OpenShift(money::Money(10000, money::Currency{"GBP", 2}), "zoe"));
    Sell(journal, orders::Tender::kCash);
    CHECK(TillStatusOf(journal).unsent_events == 2);
    auto first = sync.NextPush();
    REQUIRE(first);
    const sync::PushResults answer = Send(*client, *first);
    auto taken = sync.Apply(*first, answer);
    REQUIRE_MESSAGE(taken, taken.error().message);
    CHECK(*taken == pos::PushTally{2, 0, 0});
    CHECK(TillStatusOf(journal).unsent_events == 0);
    const auto& sale = std::get<sync::Accepted>(answer.results[1].outcome);
    CHECK(office.Scalar("SELECT seq FROM ledger WHERE event_id = '" + first->events[1].id + "'") ==
          sale.seq);
    CHECK(office.Scalar("SELECT count(*) FROM orders WHERE channel = 'store:S01'") == 1);

    // A second sale; its push arrives but the answer is lost, so the till sends it again.
    till.clock.Advance(60'000);
    Sell(journal, orders::Tender::kCard);
    CHECK(TillStatusOf(journal).unsent_events == 1);
    auto second = sync.NextPush();
    REQUIRE(second);
    REQUIRE(second->events.size() == 1);
    (void)Send(*client, *second);  // lost on the way back
    CHECK(TillStatusOf(journal).unsent_events == 1);
    auto resent = sync.NextPush();
    REQUIRE(resent);
    CHECK(*resent == *second);
    auto again = sync.Apply(*resent, Send(*client, *resent));
    REQUIRE(again);
    CHECK(*again == pos::PushTally{0, 1, 0});
    CHECK(TillStatusOf(journal).unsent_events == 0);
    CHECK(office.Scalar("SELECT count(*) FROM orders WHERE channel = 'store:S01'") == 2);

    // The office already holds an event #4 of T1 (a till set up again under the same name sent
    // it), so this till's #4, a third sale, is rejected as a conflict.
    testing::PushEvents elsewhere(office, paired);
    const nlohmann::json other = elsewhere.Sale(4, orders::Tender::kCard);
    REQUIRE(elsewhere.Results(nlohmann::json::array({other}))[0]["status"] == "accepted");
    const std::string other_id = other["id"];
    till.clock.Advance(60'000);
    Sell(journal, orders::Tender::kCard);
    auto third = sync.NextPush();
    REQUIRE(third);
    REQUIRE(third->events.size() == 1);
    CHECK(third->events[0].origin_seq == 4);
    auto refused = sync.Apply(*third, Send(*client, *third));
    REQUIRE(refused);
    CHECK(*refused == pos::PushTally{0, 0, 1});
    const pos::TillStatus status = TillStatusOf(journal);
    CHECK(status.unsent_events == 1);
    CHECK(status.rejected_events == 1);
    CHECK(status.oldest_unsent_at == third->events[0].occurred_at);
    CHECK(status.sales == 3);  // the rejected sale is still in the till's journal
    auto rejected = sync.ListRejected();
    REQUIRE(rejected);
    REQUIRE(rejected->size() == 1);
    CHECK((*rejected)[0].code == "conflict");
    CHECK((*rejected)[0].reason.find(other_id) != std::string::npos);
    CHECK(sync.NextPush()->events.empty());  // not sent again
    CHECK(office.Verifies());
}
