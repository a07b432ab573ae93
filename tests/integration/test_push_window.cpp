// Issue 11, finding 11: what a push may carry of a till's counter and clock, and an event id sent
// again with other content. Against the real server on loopback.
#include <doctest/doctest.h>

#include <limits>

#include "office_fixture.hpp"
#include "push_events.hpp"
#include "tillbook/sync/push_window.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::OfficeUnderTest;

namespace {

void CheckRefused(const json& result, std::string_view naming) {
    INFO(result.dump());
    CHECK(result["status"] == "rejected");
    CHECK(result["code"] == "invalid_input");
    CHECK(result.value("reason", "").find(naming) != std::string::npos);
}

}  // namespace

TEST_CASE(
    "issue 11: an event id sent again with other content is answered as a conflict and the first "
    "content stays") {
    OfficeUnderTest office("push-same-id");
    const auto till = office.Pair("S01", "T1");
    testing::PushEvents make(office, till);
    const json sale = make.Sale(1, orders::Tender::kCard);
    CHECK(make.Results(json::array({sale}))[0]["status"] == "accepted");
    const auto before = office.AllRows();

    json changed = sale;
    changed["payload"]["order"]["lines"][0]["quantity"] = 5000;
    json later = sale;
    later["occurred_at"] = sale["occurred_at"].get<std::int64_t>() + 1;
    json other_actor = sale;
    other_actor["actor"] = "tom";
    const json results = make.Results(json::array({changed, later, other_actor, sale}));
    for (std::size_t i = 0; i < 3; ++i) {
        INFO(results[i].dump());
        CHECK(results[i]["status"] == "rejected");
        CHECK(results[i]["code"] == "conflict");
    }
    CHECK(results[3]["status"] == "accepted");  // the same content is still a duplicate
    CHECK(results[3]["duplicate"] == true);
    CHECK(office.AllRows() == before);
}

TEST_CASE(
    "issue 11: an origin_seq more than 10,000 past the till's highest is refused, and so is a time "
    "before 2020 or more than a day ahead of the office's clock") {
    OfficeUnderTest office("push-window");
    const auto till = office.Pair("S01", "T1");
    testing::PushEvents make(office, till);
    const std::int64_t now = office.clock.Now();
    const std::int64_t day = sync::kMostAheadMillis;

    json seq_max = make.Sale(std::numeric_limits<std::int64_t>::max(), orders::Tender::kCard);
    json past_window = make.Sale(sync::kOriginSeqWindow + 1, orders::Tender::kCard);
    json at_window = make.Sale(sync::kOriginSeqWindow, orders::Tender::kCard);
    const json first = make.Results(json::array({seq_max, past_window, at_window}));
    CheckRefused(first[0], "origin_seq");
    CheckRefused(first[1], "origin_seq");
    CHECK(first[2]["status"] == "accepted");
    // The window moves with what is recorded.
    json next_window = make.Sale(2 * sync::kOriginSeqWindow, orders::Tender::kCard);
    CHECK(make.Results(json::array({next_window}))[0]["status"] == "accepted");

    std::vector<json> times;
    for (std::int64_t when : {std::int64_t{-1'000'000'000'000'000}, std::int64_t{1} << 62,
                              sync::kEarliestOccurredAt - 1, now + 2 * day, now + day / 24}) {
        json sale = make.Sale(static_cast<std::int64_t>(times.size()) + 1, orders::Tender::kCard);
        sale["occurred_at"] = when;
        times.push_back(sale);
    }
    const json second = make.Results(json(times));
    for (std::size_t i = 0; i < 4; ++i)
        CheckRefused(second[i], "occurred_at");
    CHECK(second[4]["status"] == "accepted");  // a till's clock a little ahead is fine
    CHECK(office.Scalar("SELECT max(origin_seq) FROM ledger WHERE origin = 'terminal:S01-T1'") ==
          2 * sync::kOriginSeqWindow);
    CHECK(office.Verifies());
}
