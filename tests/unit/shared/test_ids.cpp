#include <doctest/doctest.h>

#include <set>

#include "tillbook/ids/clock.hpp"
#include "tillbook/ids/uuid.hpp"

using namespace tillbook;

TEST_CASE("UUIDv7 ids carry version 7, the RFC variant and the clock's milliseconds") {
    ids::ManualClock clock(1'763'800'000'123);
    ids::UuidV7Source source(clock, 1);
    const ids::Uuid id = source.Next();
    CHECK(id.Version() == 7);
    CHECK((id.bytes[8] & 0xc0) == 0x80);
    std::int64_t millis = 0;
    for (int i = 0; i < 6; ++i)
        millis = (millis << 8) | id.bytes[static_cast<std::size_t>(i)];
    CHECK(millis == 1'763'800'000'123);
}

TEST_CASE(
    "ids from one source increase strictly, within a millisecond and when the clock steps back") {
    ids::ManualClock clock(1'763'800'000'000);
    ids::UuidV7Source source(clock, 2);
    std::string last = source.NextString();
    for (int i = 0; i < 10'000; ++i) {
        if (i == 5000) clock.Advance(-60'000);  // NTP step backwards
        if (i % 1000 == 0) clock.Advance(1);
        const std::string next = source.NextString();
        CHECK(next > last);
        last = next;
    }
}

TEST_CASE("the same seed and clock give the same ids, so tests are deterministic") {
    ids::ManualClock a(1000), b(1000);
    ids::UuidV7Source first(a, 99), second(b, 99);
    for (int i = 0; i < 10; ++i)
        CHECK(first.NextString() == second.NextString());
}

TEST_CASE("a UUID round-trips through its text and malformed text is rejected") {
    ids::ManualClock clock(5);
    ids::UuidV7Source source(clock, 3);
    const ids::Uuid id = source.Next();
    auto parsed = ids::ParseUuid(id.ToString());
    REQUIRE(parsed);
    CHECK(*parsed == id);
    CHECK(ids::ParseUuid("0190A1B2-0000-7000-8000-000000000001").has_value());
    for (const char* bad :
         {"", "not-a-uuid", "0190a1b2-0000-7000-8000-00000000000",
          "0190a1b2-0000-7000-8000-0000000000012", "0190a1b2+0000-7000-8000-000000000001",
          "0190a1b2-0000-7000-8000-00000000000g"}) {
        CAPTURE(bad);
        CHECK_FALSE(ids::ParseUuid(bad).has_value());
    }
}

TEST_CASE("ISO 8601 times are formatted in UTC with milliseconds and parsed with any offset") {
    CHECK(ids::FormatIso8601(0) == "1970-01-01T00:00:00.000Z");
    CHECK(ids::FormatIso8601(1'763'800'000'123) == "2025-11-22T08:26:40.123Z");
    CHECK(*ids::ParseIso8601("2025-11-22T08:26:40.123Z") == 1'763'800'000'123);
    CHECK(*ids::ParseIso8601("2025-03-14T09:21:07-04:00") ==
          *ids::ParseIso8601("2025-03-14T13:21:07Z"));
    CHECK(*ids::ParseIso8601("2024-02-29T23:59:59+01:00") ==
          *ids::ParseIso8601("2024-02-29T22:59:59Z"));
    CHECK(*ids::ParseIso8601("2017-03-22T16:28:02", true) ==
          *ids::ParseIso8601("2017-03-22T16:28:02Z"));
}

TEST_CASE("times without a zone, impossible dates and trailing junk are rejected") {
    for (const char* bad : {"2017-03-22T16:28:02", "2023-02-29T00:00:00Z", "2025-13-01T00:00:00Z",
                            "2025-01-01T24:00:00Z", "2025-01-01T00:00:00Zjunk", "2025-01-01",
                            "2025-01-01T00:00:00.Z", "2025-01-01T00:00:00+5:00", ""}) {
        CAPTURE(bad);
        CHECK_FALSE(ids::ParseIso8601(bad).has_value());
    }
}
