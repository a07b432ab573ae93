#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tillbook/ids/clock.hpp"
#include "tillbook/orders/despatch_rules.hpp"
#include "tillbook/orders/local_time.hpp"

using namespace tillbook;

namespace {

ids::UtcMillis At(std::string_view iso) {
    const auto at = ids::ParseIso8601(iso);
    REQUIRE(at.has_value());
    return *at;
}

std::int64_t Offset(std::string_view zone, std::string_view iso) {
    const auto offset = orders::UtcOffsetMinutes(zone, At(iso));
    REQUIRE(offset.has_value());
    return *offset;
}

orders::Deadlines Deadlines(std::string_view placed_at,
                            const orders::DespatchRule& rule = orders::DespatchRule{}) {
    const auto deadlines = orders::ComputeDeadlines(At(placed_at), rule);
    REQUIRE(deadlines.has_value());
    return *deadlines;
}

std::string Iso(ids::UtcMillis at) {
    return ids::FormatIso8601(at);
}

}  // namespace

TEST_CASE("london is on gmt in winter and an hour ahead in summer") {
    CHECK(Offset("Europe/London", "2026-01-15T12:00:00Z") == 0);
    CHECK(Offset("Europe/London", "2026-07-15T12:00:00Z") == 60);
    CHECK(Offset("UTC", "2026-07-15T12:00:00Z") == 0);
}

TEST_CASE("london changes its clocks at 01:00 utc on the last sundays of march and october 2026") {
    CHECK(Offset("Europe/London", "2026-03-29T00:59:59.999Z") == 0);
    CHECK(Offset("Europe/London", "2026-03-29T01:00:00.000Z") == 60);
    CHECK(Offset("Europe/London", "2026-10-25T00:59:59.999Z") == 60);
    CHECK(Offset("Europe/London", "2026-10-25T01:00:00.000Z") == 0);
    // A week earlier is not the last Sunday.
    CHECK(Offset("Europe/London", "2026-03-22T12:00:00Z") == 0);
    CHECK(Offset("Europe/London", "2026-10-18T12:00:00Z") == 60);
}

TEST_CASE("london changes its clocks on 31 march and 27 october in 2024") {
    CHECK(Offset("Europe/London", "2024-03-31T00:59:59.999Z") == 0);
    CHECK(Offset("Europe/London", "2024-03-31T01:00:00.000Z") == 60);
    CHECK(Offset("Europe/London", "2024-10-27T00:59:59.999Z") == 60);
    CHECK(Offset("Europe/London", "2024-10-27T01:00:00.000Z") == 0);
}

TEST_CASE("berlin and helsinki switch at the same instant as london") {
    CHECK(Offset("Europe/Berlin", "2026-01-15T12:00:00Z") == 60);
    CHECK(Offset("Europe/Berlin", "2026-03-29T00:59:59.999Z") == 60);
    CHECK(Offset("Europe/Berlin", "2026-03-29T01:00:00Z") == 120);
    CHECK(Offset("Europe/Berlin", "2026-10-25T01:00:00Z") == 60);
    CHECK(Offset("Europe/Helsinki", "2026-01-15T12:00:00Z") == 120);
    CHECK(Offset("Europe/Helsinki", "2026-07-15T12:00:00Z") == 180);
    CHECK(Offset("Europe/Helsinki", "2026-10-25T00:59:59.999Z") == 180);
    CHECK(Offset("Europe/Helsinki", "2026-10-25T01:00:00Z") == 120);
}

TEST_CASE("an unknown time zone is unsupported and the message lists the known ones") {
    const auto offset = orders::UtcOffsetMinutes("America/New_York", At("2026-01-15T12:00:00Z"));
    REQUIRE_FALSE(offset.has_value());
    CHECK(offset.error().code == ErrorCode::kUnsupported);
    CHECK(offset.error().message.find("America/New_York") != std::string::npos);
    CHECK(offset.error().message.find("Europe/London") != std::string::npos);
    CHECK(offset.error().message.find("Europe/Athens") != std::string::npos);
    CHECK(offset.error().field == "time_zone");
}

TEST_CASE("to local splits an instant into local fields with an iso weekday") {
    const orders::LocalDateTime local = orders::ToLocal(At("2026-07-15T23:30:05.999Z"), 60);
    CHECK(local == orders::LocalDateTime{2026, 7, 16, 0, 30, 5, 4});
    CHECK(orders::ToLocal(At("2026-03-29T12:00:00Z"), 0).weekday == 7);
    CHECK(orders::ToLocal(At("1969-12-31T23:00:00Z"), 0) ==
          orders::LocalDateTime{1969, 12, 31, 23, 0, 0, 3});
}

TEST_CASE("from local moves a time in the skipped spring hour forward by an hour") {
    const auto at = orders::FromLocal({2026, 3, 29, 1, 30, 0, 0}, "Europe/London");
    REQUIRE(at.has_value());
    CHECK(Iso(*at) == "2026-03-29T01:30:00.000Z");  // 02:30 BST
}

TEST_CASE("from local takes the first occurrence of a time in the repeated autumn hour") {
    const auto at = orders::FromLocal({2026, 10, 25, 1, 30, 0, 0}, "Europe/London");
    REQUIRE(at.has_value());
    CHECK(Iso(*at) == "2026-10-25T00:30:00.000Z");  // 01:30 BST, not 01:30 GMT
    const auto after = orders::FromLocal({2026, 10, 25, 2, 0, 0, 0}, "Europe/London");
    REQUIRE(after.has_value());
    CHECK(Iso(*after) == "2026-10-25T02:00:00.000Z");
}

TEST_CASE("from local rejects a date that does not exist") {
    const auto at = orders::FromLocal({2026, 2, 29, 12, 0, 0, 0}, "Europe/London");
    REQUIRE_FALSE(at.has_value());
    CHECK(at.error().code == ErrorCode::kInvalidInput);
    CHECK(at.error().field == "day");
}

TEST_CASE("an order at 13:59 london time on a wednesday is despatched by 14:00 that day") {
    // 15 July 2026 is a Wednesday in BST: 13:59 local is 12:59 UTC.
    const orders::Deadlines deadlines = Deadlines("2026-07-15T12:59:59.999Z");
    CHECK(Iso(deadlines.despatch_by) == "2026-07-15T13:00:00.000Z");
    CHECK(Iso(deadlines.deliver_by) == "2026-07-17T22:59:59.000Z");
}

TEST_CASE("an order at exactly the cut-off is despatched the next business day") {
    const orders::Deadlines deadlines = Deadlines("2026-07-15T13:00:00.000Z");
    CHECK(Iso(deadlines.despatch_by) == "2026-07-16T13:00:00.000Z");
}

TEST_CASE("an order on a friday after the cut-off is despatched on monday") {
    const orders::Deadlines deadlines = Deadlines("2026-01-09T15:00:00Z");
    CHECK(Iso(deadlines.despatch_by) == "2026-01-12T14:00:00.000Z");
}

TEST_CASE("an order on a saturday morning is despatched on monday") {
    const orders::Deadlines deadlines = Deadlines("2026-01-10T09:00:00Z");
    CHECK(Iso(deadlines.despatch_by) == "2026-01-12T14:00:00.000Z");
}

TEST_CASE("an order over christmas skips the holidays to the next real business day") {
    orders::DespatchRule rule;
    rule.holidays = {"2026-12-25", "2026-12-28"};  // a Friday and a Monday
    const orders::Deadlines deadlines = Deadlines("2026-12-24T15:00:00Z", rule);
    CHECK(Iso(deadlines.despatch_by) == "2026-12-29T14:00:00.000Z");
    CHECK(Iso(deadlines.deliver_by) == "2026-12-31T23:59:59.000Z");
    // On the holiday itself, before the cut-off: still not received until Tuesday.
    CHECK(Iso(Deadlines("2026-12-25T09:00:00Z", rule).despatch_by) == "2026-12-29T14:00:00.000Z");
}

TEST_CASE("one handling day despatches on the business day after the order is received") {
    orders::DespatchRule rule;
    rule.handling_business_days = 1;
    CHECK(Iso(Deadlines("2026-01-07T10:00:00Z", rule).despatch_by) == "2026-01-08T14:00:00.000Z");
    // Received Friday, handled over the weekend: despatched Monday.
    CHECK(Iso(Deadlines("2026-01-08T15:00:00Z", rule).despatch_by) == "2026-01-12T14:00:00.000Z");
}

TEST_CASE("delivery counts business days across a weekend") {
    const orders::Deadlines deadlines = Deadlines("2026-01-08T10:00:00Z");  // Thursday
    CHECK(Iso(deadlines.despatch_by) == "2026-01-08T14:00:00.000Z");
    CHECK(Iso(deadlines.deliver_by) == "2026-01-12T23:59:59.000Z");  // Monday
}

TEST_CASE("an order placed in bst and despatched after the october switch gets gmt deadlines") {
    // Friday 23 October 2026, 15:00 BST: after the cut-off; Monday 26 October is on GMT.
    const orders::Deadlines deadlines = Deadlines("2026-10-23T14:00:00Z");
    CHECK(Iso(deadlines.despatch_by) == "2026-10-26T14:00:00.000Z");
    CHECK(Iso(deadlines.deliver_by) == "2026-10-28T23:59:59.000Z");
}

TEST_CASE("an order placed in gmt and despatched after the march switch gets bst deadlines") {
    const orders::Deadlines deadlines = Deadlines("2026-03-27T15:00:00Z");
    CHECK(Iso(deadlines.despatch_by) == "2026-03-30T13:00:00.000Z");
    CHECK(Iso(deadlines.deliver_by) == "2026-04-01T22:59:59.000Z");
}

TEST_CASE("the cut-off and business days follow the rule's own time zone") {
    orders::DespatchRule rule;
    rule.time_zone = "Europe/Berlin";
    rule.cutoff_hour = 12;
    rule.cutoff_minute = 30;
    rule.transit_business_days = 0;
    // Friday 23:30 UTC is already Saturday 00:30 in Berlin (winter): Monday.
    const orders::Deadlines deadlines = Deadlines("2026-01-09T23:30:00Z", rule);
    CHECK(Iso(deadlines.despatch_by) == "2026-01-12T11:30:00.000Z");
    CHECK(Iso(deadlines.deliver_by) == "2026-01-12T22:59:59.000Z");
}

TEST_CASE("a rule string round trips through parse and format") {
    const std::string text = "Europe/London 14:00 +0 +2 2026-12-25,2026-12-28";
    const auto rule = orders::ParseDespatchRule(text);
    REQUIRE(rule.has_value());
    CHECK(rule->time_zone == "Europe/London");
    CHECK(rule->cutoff_hour == 14);
    CHECK(rule->cutoff_minute == 0);
    CHECK(rule->handling_business_days == 0);
    CHECK(rule->transit_business_days == 2);
    CHECK(rule->holidays == std::vector<std::string>{"2026-12-25", "2026-12-28"});
    CHECK(orders::FormatDespatchRule(*rule) == text);

    orders::DespatchRule other;
    other.time_zone = "Europe/Helsinki";
    other.cutoff_hour = 9;
    other.cutoff_minute = 5;
    other.handling_business_days = 3;
    other.transit_business_days = 10;
    CHECK(orders::FormatDespatchRule(other) == "Europe/Helsinki 09:05 +3 +10");
    const auto parsed = orders::ParseDespatchRule(orders::FormatDespatchRule(other));
    REQUIRE(parsed.has_value());
    CHECK(*parsed == other);
}

TEST_CASE("bad rule strings are rejected naming what is wrong") {
    const auto unknown_zone = orders::ParseDespatchRule("Mars/Base 14:00 +0 +2");
    REQUIRE_FALSE(unknown_zone.has_value());
    CHECK(unknown_zone.error().code == ErrorCode::kUnsupported);
    CHECK(unknown_zone.error().message.find("Mars/Base") != std::string::npos);

    const auto hour = orders::ParseDespatchRule("Europe/London 25:00 +0 +2");
    REQUIRE_FALSE(hour.has_value());
    CHECK(hour.error().code == ErrorCode::kInvalidInput);
    CHECK(hour.error().field == "cutoff_hour");

    const auto handling = orders::ParseDespatchRule("Europe/London 14:00 -1 +2");
    REQUIRE_FALSE(handling.has_value());
    CHECK(handling.error().code == ErrorCode::kInvalidInput);
    CHECK(handling.error().field == "handling_business_days");

    const auto holiday = orders::ParseDespatchRule("Europe/London 14:00 +0 +2 2026-13-01");
    REQUIRE_FALSE(holiday.has_value());
    CHECK(holiday.error().code == ErrorCode::kInvalidInput);
    CHECK(holiday.error().field == "holidays[0]");
    CHECK(holiday.error().message.find("2026-13-01") != std::string::npos);
}

TEST_CASE("rule strings of the wrong shape are rejected") {
    for (const char* text :
         {"", "Europe/London", "Europe/London 14:00 +0",
          "Europe/London 14:00 +0 +2 2026-12-25 extra", "Europe/London  14:00 +0 +2",
          "Europe/London 14:00 +0 +2 ", "Europe/London 1400 +0 +2", "Europe/London 14:0 +0 +2",
          "Europe/London 14:00 0x1 +2", "Europe/London 14:00 +0 +31",
          "Europe/London 14:00 +0 +2 2026-12-25,", "Europe/London 14:00 +0 +2 2026-02-29"}) {
        CAPTURE(text);
        const auto rule = orders::ParseDespatchRule(text);
        REQUIRE_FALSE(rule.has_value());
        CHECK(rule.error().code == ErrorCode::kInvalidInput);
    }
}

TEST_CASE("a rule with values out of range is rejected naming the field") {
    orders::DespatchRule rule;
    rule.cutoff_minute = 60;
    CHECK(orders::ValidateDespatchRule(rule).error().field == "cutoff_minute");
    rule = {};
    rule.transit_business_days = 31;
    CHECK(orders::ValidateDespatchRule(rule).error().field == "transit_business_days");
    rule = {};
    rule.holidays = {"2026-12-25", "25/12/2026"};
    const auto deadlines = orders::ComputeDeadlines(At("2026-12-24T09:00:00Z"), rule);
    REQUIRE_FALSE(deadlines.has_value());
    CHECK(deadlines.error().field == "holidays[1]");
}
