#pragma once
// Finding orders of every channel by what a customer at the returns desk can say: the e-mail the
// order was placed with, or the day it was placed (a calendar day in a given time zone). A short
// list, newest first, with whether anything on each order can still come back. A read model over
// the ledger's projections (the office's for every channel; a till's for its own sales).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::queries {

inline constexpr std::size_t kOrderSearchLimit = 20;

// A calendar day, as the shop's staff mean it ("06/12/2026"): no time, no zone.
struct CalendarDay {
    int year = 1970;
    int month = 1;
    int day = 1;

    bool operator==(const CalendarDay&) const = default;
};

// One of the two: orders placed with `email` (compared without regard to case), or placed in
// [from, to) (a day in the shop's zone, from DayInZone).
struct OrderSearch {
    std::string email;  // lower case (from CheckSearchEmail); empty: search by time
    ids::UtcMillis from = 0;
    ids::UtcMillis to = 0;
};

struct OrderSearchHit {
    std::string id;
    std::string number;
    std::string channel;  // "shopify", "store:S01"
    orders::OrderStatus status = orders::OrderStatus::kPlaced;
    ids::UtcMillis placed_at = 0;
    std::string customer_email;  // as the channel gave it; "" for a shop sale
    std::int64_t total_minor = 0;
    std::string currency;
    bool returnable = false;  // reached the customer and some goods have not come back
};

// At most kOrderSearchLimit orders matching `search`, newest first.
[[nodiscard]] Result<std::vector<OrderSearchHit>> SearchOrders(store::Database& db,
                                                               const OrderSearch& search);

// An e-mail address as typed, trimmed and in lower case; kInvalidInput (field "email") when it is
// not one: one '@' with something before it, a domain with a dot after it, no spaces.
[[nodiscard]] Result<std::string> CheckSearchEmail(std::string_view typed);

// "2026-12-06" (ISO 8601, as the API carries a day); kInvalidInput (field "date") otherwise, and
// for a day that is not in the calendar (2026-02-30).
[[nodiscard]] Result<CalendarDay> ParseIsoDay(std::string_view text);
// A valid day of the calendar (years 1-9999); kInvalidInput when it is not.
[[nodiscard]] Status CheckCalendarDay(const CalendarDay& day);
[[nodiscard]] CalendarDay NextDay(const CalendarDay& day);
[[nodiscard]] CalendarDay PreviousDay(const CalendarDay& day);
// The day `at` falls on in `time_zone` (UTC for a zone unknown).
[[nodiscard]] CalendarDay DayAt(ids::UtcMillis at, std::string_view time_zone);

// The instants [from, to) the day covers in `time_zone` (23 or 25 hours on the days the clocks
// change). Errors: kInvalidInput for a day not in the calendar; kUnsupported for an unknown zone.
[[nodiscard]] Result<OrderSearch> DayInZone(const CalendarDay& day, std::string_view time_zone);

}  // namespace tillbook::queries
