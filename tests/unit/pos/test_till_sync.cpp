// The till's side of a push on a real till database: the next batch of unsent events, and the
// office's answers taken in. The answers here are written as the office would send them; the real
// office answers in tests/integration/test_till_push.cpp.
#include <doctest/doctest.h>

#include "demo_till.hpp"
#include "tillbook/pos/till_sync.hpp"

using namespace tillbook;
using testing::DemoTill;

namespace {

money::Money Gbp(std::int64_t minor) {
    return money::Money(minor, money::Currency{"GBP", 2});
}

constexpr const char* kOrigin = "terminal:S01-T1";

void SellTea(pos::TillJournal& journal) {
    const std::vector<pos::ScannedLine> tea{{"5060123450019", 1}};
    auto sale = journal.Sell(tea, orders::Tender::kCard, std::nullopt, "zoe");
    REQUIRE_MESSAGE(sale, sale.error().message);
}

// `sales` card sales a minute apart, and the push that sends them.
sync::PushRequest SellAndPush(DemoTill& till, pos::TillSync& sync, int sales) {
    auto journal = till.Journal();
    for (int i = 0; i < sales; ++i) {
        SellTea(journal);
        till.clock.Advance(60'000);
    }
    auto push = sync.NextPush();
    REQUIRE(push);
    REQUIRE(push->events.size() == static_cast<std::size_t>(sales));
    return *push;
}

// The office's answer accepting every event, at office seqs from `first_seq`.
sync::PushResults AcceptAll(const sync::PushRequest& sent, std::int64_t first_seq,
                            bool duplicate = false) {
    sync::PushResults answer;
    for (const ledger::Event& event : sent.events)
        answer.results.push_back({event.id, sync::Accepted{first_seq++, duplicate}});
    return answer;
}

std::vector<std::int64_t> OriginSeqs(const sync::PushRequest& request) {
    std::vector<std::int64_t> seqs;
    for (const ledger::Event& event : request.events)
        seqs.push_back(event.origin_seq);
    return seqs;
}

}  // namespace

TEST_CASE("a till pushes its own events in origin_seq order, and once accepted none is unsent") {
    DemoTill till("sync-accept");
    auto journal = till.Journal();
    REQUIRE(journal.OpenShift(Gbp(10000), "zoe"));
    SellTea(journal);
    till.clock.Advance(60'000);
    SellTea(journal);
    pos::TillSync sync(till.db, kOrigin, till.clock);

    auto push = sync.NextPush();
    REQUIRE(push);
    CHECK(push->protocol == 1);
    CHECK(OriginSeqs(*push) == std::vector<std::int64_t>{1, 2, 3});
    // The events as journalled, not the demo's stock events of the office.
    std::vector<ledger::Event> journalled;
    REQUIRE(ledger::Ledger(till.db).ForEach([&](std::int64_t, const ledger::Event& event) {
        if (event.origin == kOrigin) journalled.push_back(event);
        return Status{};
    }));
    CHECK(push->events == journalled);
    auto before = sync.ReadBacklog();
    REQUIRE(before);
    CHECK(before->unsent == 3);
    CHECK(before->oldest_unsent_at == journalled.front().occurred_at);

    auto tally = sync.Apply(*push, AcceptAll(*push, 700));
    REQUIRE_MESSAGE(tally, tally.error().message);
    CHECK(*tally == pos::PushTally{3, 0, 0});
    auto after = sync.ReadBacklog();
    REQUIRE(after);
    CHECK(after->unsent == 0);
    CHECK_FALSE(after->oldest_unsent_at.has_value());
    CHECK(sync.NextPush()->events.empty());
    auto status = journal.ReadStatus();
    REQUIRE(status);
    CHECK(status->unsent_events == 0);
    CHECK(status->events == *till.db.QueryInt64("SELECT count(*) FROM ledger"));  // all kept
    CHECK(*till.db.QueryInt64("SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1'") == 3);

    // A sale after the push is the only one unsent.
    till.clock.Advance(60'000);
    SellTea(journal);
    auto next = sync.NextPush();
    REQUIRE(next);
    CHECK(OriginSeqs(*next) == std::vector<std::int64_t>{4});
    CHECK(journal.ReadStatus()->unsent_events == 1);
    CHECK(journal.ReadStatus()->oldest_unsent_at == till.clock.Now());
}

TEST_CASE("a push holds at most 500 events, the oldest first") {
    DemoTill till("sync-500");
    auto journal = till.Journal();
    const std::string s01 = "0190a1b2-0000-7000-8000-000000000001";
    std::vector<ledger::Event> counts;
    for (std::int64_t seq = 1; seq <= 501; ++seq) {
        counts.push_back(ledger::Event{
            till.ids.NextString(), kOrigin, seq, "zoe", till.clock.Now(),
            ledger::StockAdjusted{s01, "TEA-EARL-125G", seq % 2 ? 1 : -1,
                                  ledger::AdjustmentReason::kCountCorrection, "shelf count"}});
    }
    auto appended = ledger::Ledger(till.db).AppendBatch(counts);
    REQUIRE(appended);
    pos::TillSync sync(till.db, kOrigin, till.clock);
    auto first = sync.NextPush();
    REQUIRE(first);
    REQUIRE(first->events.size() == 500);
    CHECK(first->events.front().origin_seq == 1);
    CHECK(first->events.back().origin_seq == 500);
    REQUIRE(sync.Apply(*first, AcceptAll(*first, 1000)));
    auto rest = sync.NextPush();
    REQUIRE(rest);
    CHECK(OriginSeqs(*rest) == std::vector<std::int64_t>{501});
    CHECK(sync.NextPush(0)->events.empty());
}

TEST_CASE(
    "a rejected event stays in the journal with its code and reason, counts as unsent and "
    "rejected, and is not pushed again") {
    DemoTill till("sync-reject");
    pos::TillSync sync(till.db, kOrigin, till.clock);
    const sync::PushRequest push = SellAndPush(till, sync, 2);
    sync::PushResults answer = AcceptAll(push, 700);
    answer.results[1].outcome = sync::Rejected{
        "conflict", "terminal:S01-T1 #2 is already event 01a2…, not " + push.events[1].id};
    auto tally = sync.Apply(push, answer);
    REQUIRE(tally);
    CHECK(*tally == pos::PushTally{1, 0, 1});

    auto backlog = sync.ReadBacklog();
    REQUIRE(backlog);
    CHECK(backlog->unsent == 1);
    CHECK(backlog->rejected == 1);
    CHECK(backlog->oldest_unsent_at == push.events[1].occurred_at);
    auto rejected = sync.ListRejected();
    REQUIRE(rejected);
    REQUIRE(rejected->size() == 1);
    CHECK((*rejected)[0].origin_seq == 2);
    CHECK((*rejected)[0].event_id == push.events[1].id);
    CHECK((*rejected)[0].kind == ledger::EventKind::kOrderPlaced);
    CHECK((*rejected)[0].code == "conflict");
    CHECK((*rejected)[0].reason.starts_with("terminal:S01-T1 #2 is already event"));
    CHECK(sync.NextPush()->events.empty());
    CHECK(*till.db.QueryInt64("SELECT count(*) FROM orders") == 2);  // the sale is still here
    auto status = till.Journal().ReadStatus();
    REQUIRE(status);
    CHECK(status->unsent_events == 1);
    CHECK(status->rejected_events == 1);
}

TEST_CASE("an acceptance is never undone by a later rejection, and a rejection may turn accepted") {
    DemoTill till("sync-turns");
    pos::TillSync sync(till.db, kOrigin, till.clock);
    const sync::PushRequest push = SellAndPush(till, sync, 1);
    sync::PushResults rejected = AcceptAll(push, 0);
    rejected.results[0].outcome = sync::Rejected{"invariant_violated", "closed shift"};

    REQUIRE(sync.Apply(push, rejected));
    CHECK(sync.ReadBacklog()->rejected == 1);
    REQUIRE(sync.Apply(push, AcceptAll(push, 812)));
    CHECK(sync.ReadBacklog()->unsent == 0);
    CHECK(sync.ReadBacklog()->rejected == 0);
    REQUIRE(sync.Apply(push, rejected));
    CHECK(sync.ReadBacklog()->unsent == 0);
    // A lost answer: the same push again is a duplicate, and keeps the office's first seq.
    auto again = sync.Apply(push, AcceptAll(push, 812, true));
    REQUIRE(again);
    CHECK(*again == pos::PushTally{0, 1, 0});
    CHECK(*till.db.QueryInt64("SELECT office_seq FROM push_answers") == 812);
}

TEST_CASE("an answer that does not fit what was sent changes nothing") {
    DemoTill till("sync-misfit");
    pos::TillSync sync(till.db, kOrigin, till.clock);
    const sync::PushRequest push = SellAndPush(till, sync, 2);
    sync::PushResults short_answer = AcceptAll(push, 700);
    short_answer.results.pop_back();
    auto shorter = sync.Apply(push, short_answer);
    REQUIRE_FALSE(shorter);
    CHECK(shorter.error().code == ErrorCode::kInvalidInput);
    CHECK(shorter.error().message == "the back office answered for 1 events; 2 were sent");
    sync::PushResults swapped = AcceptAll(push, 700);
    std::swap(swapped.results[0], swapped.results[1]);
    auto misplaced = sync.Apply(push, swapped);
    REQUIRE_FALSE(misplaced);
    CHECK(misplaced.error().field == "results[0].id");
    CHECK(sync.ReadBacklog()->unsent == 2);
    CHECK(*till.db.QueryInt64("SELECT count(*) FROM push_answers") == 0);
}
