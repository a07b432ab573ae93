#pragma once
// A channel's despatch promise: orders in by the cut-off on a business day leave that day (plus any
// handling days) and arrive within the transit days. Business days are Monday-Friday except the
// rule's holidays, all in the rule's local time zone.
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"

namespace tillbook::orders {

struct DespatchRule {
    std::string time_zone = "Europe/London";  // one UtcOffsetMinutes knows
    int cutoff_hour = 14;                     // 0-23, local
    int cutoff_minute = 0;                    // 0-59
    int handling_business_days = 0;           // 0-30; 0 = despatched on the day it is received
    int transit_business_days = 2;            // 0-30
    std::vector<std::string> holidays;        // "YYYY-MM-DD" local dates that are not business days

    bool operator==(const DespatchRule&) const = default;
};

struct Deadlines {
    ids::UtcMillis despatch_by = 0;  // the cut-off time on the despatch day
    ids::UtcMillis deliver_by = 0;   // 23:59:59.000 local on the delivery day

    bool operator==(const Deadlines&) const = default;
};

// Errors: kUnsupported for an unknown time zone; kInvalidInput naming the field for an hour,
// minute or day count out of range or a holiday that is not a real "YYYY-MM-DD" date.
[[nodiscard]] Status ValidateDespatchRule(const DespatchRule& rule);

// The order is received on its local date if that is a business day and it was placed before the
// cut-off (14:00:00.000 exactly is too late), otherwise on the next business day. It is despatched
// by the cut-off on the business day `handling_business_days` after that, and delivered by
// 23:59:59.000 local on the business day `transit_business_days` after the despatch day.
// Errors: as ValidateDespatchRule; kInvalidInput if `placed_at` is outside the years 0001-9999.
[[nodiscard]] Result<Deadlines> ComputeDeadlines(ids::UtcMillis placed_at,
                                                 const DespatchRule& rule);

// The settings-table form: "<zone> <hh:mm> +<handling> +<transit> [<date>,<date>,...]", e.g.
// "Europe/London 14:00 +0 +2 2026-12-25,2026-12-28". Fields are separated by single spaces.
// The parsed rule is validated (errors as ValidateDespatchRule, plus kInvalidInput for a string
// that does not have that shape).
[[nodiscard]] Result<DespatchRule> ParseDespatchRule(std::string_view text);

// The inverse of ParseDespatchRule for a valid rule: ParseDespatchRule(FormatDespatchRule(r)) == r.
[[nodiscard]] std::string FormatDespatchRule(const DespatchRule& rule);

}  // namespace tillbook::orders
