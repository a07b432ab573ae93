#pragma once
// Time comes in through a Clock so that domain code and tests are deterministic.
#include <cstdint>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"

namespace tillbook::ids {

// Milliseconds since the Unix epoch, UTC. Stored as INTEGER in SQLite.
using UtcMillis = std::int64_t;

class Clock {
  public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual UtcMillis Now() const = 0;
};

class SystemClock final : public Clock {
  public:
    [[nodiscard]] UtcMillis Now() const override;
};

// A clock tests move by hand.
class ManualClock final : public Clock {
  public:
    explicit ManualClock(UtcMillis start) : m_now(start) {}
    [[nodiscard]] UtcMillis Now() const override { return m_now; }
    void Advance(std::int64_t millis) { m_now += millis; }
    void Set(UtcMillis now) { m_now = now; }

  private:
    UtcMillis m_now;
};

// "2026-11-22T09:15:00.123Z" (milliseconds always shown).
[[nodiscard]] std::string FormatIso8601(UtcMillis at);

// Parses "YYYY-MM-DDThh:mm:ss[.fff…](Z|±hh:mm)". A missing zone is an error unless
// `assume_utc_without_zone` (WooCommerce *_gmt fields carry no 'Z').
[[nodiscard]] Result<UtcMillis> ParseIso8601(std::string_view text,
                                             bool assume_utc_without_zone = false);

}  // namespace tillbook::ids
