// The returns desk's search terms, as the office and the till both read them: an e-mail checked
// and put in lower case, a day of the calendar, and the instants a day covers in a zone (23 and
// 25 hours on the days London's clocks change).
#include <doctest/doctest.h>

#include "tillbook/orders/local_time.hpp"
#include "tillbook/queries/order_search.hpp"

using namespace tillbook;
using queries::CalendarDay;

namespace {

constexpr ids::UtcMillis kHour = 3'600'000;

ids::UtcMillis Utc(int year, int month, int day, int hour) {
    auto at = orders::FromLocal({year, month, day, hour, 0, 0, 1}, "UTC");
    REQUIRE(at);
    return *at;
}

}  // namespace

TEST_CASE("an e-mail to search by is trimmed and put in lower case, and a malformed one refused") {
    CHECK(*queries::CheckSearchEmail(" Ada.Lovelace+shop@Example.CO.UK\t") ==
          "ada.lovelace+shop@example.co.uk");
    for (const char* bad :
         {"", "ada", "ada@", "@example.com", "ada@example", "ada@.com", "ada@example.",
          "a@b@example.com", "ada @example.com", "ada@exa\nmple.com"}) {
        INFO(bad);
        auto checked = queries::CheckSearchEmail(bad);
        REQUIRE_FALSE(checked);
        CHECK(checked.error().code == ErrorCode::kInvalidInput);
        CHECK(checked.error().field == "email");
    }
    CHECK_FALSE(queries::CheckSearchEmail(std::string(250, 'a') + "@example.com"));
}

TEST_CASE("a day is read as ISO 8601 and must be in the calendar") {
    CHECK(*queries::ParseIsoDay("2024-02-29") == CalendarDay{2024, 2, 29});
    for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "06/12/2026",
                            "2026-12-06T00:00", "", "abcd-ef-gh", "0000-01-01"}) {
        INFO(bad);
        auto day = queries::ParseIsoDay(bad);
        REQUIRE_FALSE(day);
        CHECK(day.error().field == "date");
    }
    CHECK(queries::NextDay({2026, 12, 31}) == CalendarDay{2027, 1, 1});
    CHECK(queries::PreviousDay({2024, 3, 1}) == CalendarDay{2024, 2, 29});
}

TEST_CASE("a day covers its own hours in the store's zone, 23 or 25 when the clocks change") {
    // Summer in London: the day starts at 23:00 UTC the day before.
    auto summer = queries::DayInZone({2026, 7, 2}, "Europe/London");
    REQUIRE(summer);
    CHECK(summer->from == Utc(2026, 7, 1, 23));
    CHECK(summer->to == Utc(2026, 7, 2, 23));
    CHECK(summer->email.empty());
    auto spring = queries::DayInZone({2026, 3, 29}, "Europe/London");
    REQUIRE(spring);
    CHECK(spring->to - spring->from == 23 * kHour);
    auto autumn = queries::DayInZone({2026, 10, 25}, "Europe/London");
    REQUIRE(autumn);
    CHECK(autumn->to - autumn->from == 25 * kHour);
    auto utc = queries::DayInZone({2026, 7, 2}, "UTC");
    REQUIRE(utc);
    CHECK(utc->from == Utc(2026, 7, 2, 0));
    CHECK(queries::DayAt(Utc(2026, 7, 1, 23) + 30 * 60'000, "Europe/London") ==
          CalendarDay{2026, 7, 2});
    CHECK(queries::DayAt(Utc(2026, 7, 1, 23) + 30 * 60'000, "UTC") == CalendarDay{2026, 7, 1});
    CHECK_FALSE(queries::DayInZone({2026, 7, 2}, "Mars/Olympus"));
    CHECK_FALSE(queries::DayInZone({2026, 2, 30}, "UTC"));
}
