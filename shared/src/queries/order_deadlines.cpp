#include "tillbook/queries/order_deadlines.hpp"

#include "tillbook/orders/local_time.hpp"

namespace tillbook::queries {

std::string_view ToString(DeadlineLight light) {
    switch (light) {
        case DeadlineLight::kNone:
            return "none";
        case DeadlineLight::kOnTime:
            return "on_time";
        case DeadlineLight::kDueToday:
            return "due_today";
        case DeadlineLight::kOverdue:
            return "overdue";
    }
    return "none";
}

Result<ids::UtcMillis> EndOfLocalDay(std::string_view time_zone, ids::UtcMillis now) {
    auto offset = orders::UtcOffsetMinutes(time_zone, now);
    if (!offset) return std::unexpected(offset.error());
    const orders::LocalDateTime today = orders::ToLocal(now, *offset);
    orders::LocalDateTime tomorrow{.year = today.year, .month = today.month, .day = today.day + 1};
    if (tomorrow.day > orders::DaysInMonth(today.year, today.month)) {
        tomorrow.day = 1;
        if (++tomorrow.month > 12) {
            tomorrow.month = 1;
            ++tomorrow.year;
        }
    }
    return orders::FromLocal(tomorrow, time_zone);
}

namespace {

// The zone a despatch rule's setting starts with ("Europe/London 14:00 +0 +2").
std::string RuleZone(const std::string& rule) {
    return rule.substr(0, rule.find(' '));
}

}  // namespace

Result<DeadlineZones> DeadlineZones::Load(store::Database& db, ids::UtcMillis now) {
    DeadlineZones zones;
    zones.m_now = now;
    std::map<std::string, ids::UtcMillis> end_by_zone;
    const auto end_of = [&](const std::string& zone) -> Result<ids::UtcMillis> {
        if (auto found = end_by_zone.find(zone); found != end_by_zone.end()) return found->second;
        auto end = EndOfLocalDay(zone, now);
        if (!end) return std::unexpected(end.error());
        end_by_zone.emplace(zone, *end);
        return *end;
    };
    std::string fallback_zone = "UTC";
    auto locations = db.Prepare("SELECT id, code, time_zone, kind FROM locations ORDER BY code");
    if (!locations) return std::unexpected(locations.error());
    bool warehouse_seen = false;
    while (true) {
        auto row = locations->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        const std::string zone = locations->Text(2);
        zones.m_location_code[locations->Text(0)] = locations->Text(1);
        // A zone the office does not know leaves the location on the fallback's clock: the list
        // still answers, rather than failing for every order because of one location.
        auto end = end_of(zone);
        if (!end) continue;
        zones.m_location_end[locations->Text(0)] = *end;
        if (!warehouse_seen && locations->Int64(3) == 2) {
            warehouse_seen = true;
            fallback_zone = zone;
        }
    }
    auto fallback = end_of(fallback_zone);
    if (!fallback) return std::unexpected(fallback.error());
    zones.m_fallback_end = *fallback;
    auto rules = db.Prepare(
        "SELECT substr(key, 9, length(key) - 22), value FROM settings "
        "WHERE key LIKE 'channel.%.despatch_rule'");
    if (!rules) return std::unexpected(rules.error());
    while (true) {
        auto row = rules->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        // A rule whose zone is not known leaves its channel on the fallback's clock.
        if (auto end = end_of(RuleZone(rules->Text(1)))) zones.m_channel_end[rules->Text(0)] = *end;
    }
    return zones;
}

ids::UtcMillis DeadlineZones::EndOfToday(const std::string& location_id,
                                         const std::string& channel) const {
    if (!location_id.empty()) {
        if (auto found = m_location_end.find(location_id); found != m_location_end.end())
            return found->second;
    }
    if (auto found = m_channel_end.find(channel); found != m_channel_end.end())
        return found->second;
    return m_fallback_end;
}

std::string DeadlineZones::LocationCode(const std::string& location_id) const {
    const auto found = m_location_code.find(location_id);
    return found == m_location_code.end() ? std::string() : found->second;
}

DeadlineLight DeadlineZones::Light(const std::string& location_id, const std::string& channel,
                                   orders::OrderStatus status,
                                   std::optional<ids::UtcMillis> despatch_by) const {
    if (!despatch_by || !orders::IsOpenForDespatch(status)) return DeadlineLight::kNone;
    if (*despatch_by < m_now) return DeadlineLight::kOverdue;
    if (*despatch_by < EndOfToday(location_id, channel)) return DeadlineLight::kDueToday;
    return DeadlineLight::kOnTime;
}

}  // namespace tillbook::queries
