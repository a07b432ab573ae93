#include "shop_text.hpp"

#include <fmt/format.h>

#include "tillbook/orders/local_time.hpp"

namespace tillbook::pos::app {

namespace {

orders::LocalDateTime Local(ids::UtcMillis at, std::string_view time_zone) {
    auto offset = orders::UtcOffsetMinutes(time_zone, at);
    return orders::ToLocal(at, offset ? *offset : 0);
}

}  // namespace

std::string Amount(const money::Money& amount) {
    const std::string& code = amount.GetCurrency().code;
    const std::string sign = code == "GBP"   ? "£"
                             : code == "EUR" ? "€"
                             : code == "USD" ? "$"
                                             : code + " ";
    const std::string digits = money::FormatMoney(amount);
    if (amount.IsNegative()) return "-" + sign + digits.substr(1);
    return sign + digits;
}

std::string ClockTime(ids::UtcMillis at, std::string_view time_zone) {
    const orders::LocalDateTime local = Local(at, time_zone);
    return fmt::format("{:02}:{:02}", local.hour, local.minute);
}

std::string DateTime(ids::UtcMillis at, std::string_view time_zone) {
    const orders::LocalDateTime local = Local(at, time_zone);
    return fmt::format("{:02}/{:02}/{:04} {:02}:{:02}", local.day, local.month, local.year,
                       local.hour, local.minute);
}

std::string Age(std::int64_t millis) {
    const std::int64_t seconds = millis < 0 ? 0 : millis / 1000;
    if (seconds < 60) return fmt::format("{} s", seconds);
    if (seconds < 3600) return fmt::format("{} min", seconds / 60);
    if (seconds < 2 * 86400) return fmt::format("{} h", seconds / 3600);
    return fmt::format("{} days", seconds / 86400);
}

}  // namespace tillbook::pos::app
