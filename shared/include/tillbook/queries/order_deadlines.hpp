#pragma once
// Whose clock an order's despatch deadline is read on, and its traffic light: the time zone of the
// order's location; for an order without one yet, the zone of its channel's despatch rule (the
// setting channel.CODE.despatch_rule starts with a zone), else the first warehouse's (by code),
// else UTC.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::queries {

enum class DeadlineLight : int {
    kNone = 0,      // no despatch-by date, or no longer open for despatch
    kOnTime = 1,    // open, due after today
    kDueToday = 2,  // open, due by the end of today (local) and not yet passed
    kOverdue = 3,   // open, and its despatch-by has passed
};

// "none", "on_time", "due_today", "overdue".
[[nodiscard]] std::string_view ToString(DeadlineLight light);

// The instant the local day of `now` ends in `time_zone` (the next local midnight).
// Errors: as orders::UtcOffsetMinutes.
[[nodiscard]] Result<ids::UtcMillis> EndOfLocalDay(std::string_view time_zone, ids::UtcMillis now);

// The zones of one database's locations and channels, and the end of today in each, read once.
class DeadlineZones {
  public:
    // Reads the locations, the channels' despatch rules and the first warehouse with a known
    // zone. A location or rule whose zone is not known keeps to the fallback (the first such
    // warehouse's zone, else UTC). Errors: storage.
    [[nodiscard]] static Result<DeadlineZones> Load(store::Database& db, ids::UtcMillis now);

    // The end of today in the zone of an order at `location_id` ("" when none) of `channel`.
    [[nodiscard]] ids::UtcMillis EndOfToday(const std::string& location_id,
                                            const std::string& channel) const;
    // The location's code, or "" for none or one not known.
    [[nodiscard]] std::string LocationCode(const std::string& location_id) const;

    [[nodiscard]] DeadlineLight Light(const std::string& location_id, const std::string& channel,
                                      orders::OrderStatus status,
                                      std::optional<ids::UtcMillis> despatch_by) const;

    [[nodiscard]] ids::UtcMillis Now() const { return m_now; }
    // End of today per location id and per channel code (for orders without a location), and
    // for the rest.
    [[nodiscard]] const std::map<std::string, ids::UtcMillis>& ByLocation() const {
        return m_location_end;
    }
    [[nodiscard]] const std::map<std::string, ids::UtcMillis>& ByChannel() const {
        return m_channel_end;
    }
    [[nodiscard]] ids::UtcMillis Fallback() const { return m_fallback_end; }

  private:
    ids::UtcMillis m_now = 0;
    std::map<std::string, ids::UtcMillis> m_location_end;
    std::map<std::string, std::string> m_location_code;
    std::map<std::string, ids::UtcMillis> m_channel_end;
    ids::UtcMillis m_fallback_end = 0;
};

}  // namespace tillbook::queries
