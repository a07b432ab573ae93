#pragma once
// Ids made where things happen (till, office, channel import): UUIDv7, time-ordered.
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"

namespace tillbook::ids {

struct Uuid {
    std::array<std::uint8_t, 16> bytes{};

    [[nodiscard]] std::string ToString() const;  // lower-case 8-4-4-4-12
    [[nodiscard]] int Version() const { return bytes[6] >> 4; }
    friend auto operator<=>(const Uuid&, const Uuid&) = default;
};

// Accepts the canonical 36-character form, either case.
[[nodiscard]] Result<Uuid> ParseUuid(std::string_view text);

class IdSource {
  public:
    virtual ~IdSource() = default;
    [[nodiscard]] virtual Uuid Next() = 0;
    [[nodiscard]] std::string NextString() { return Next().ToString(); }
};

// RFC 9562 UUIDv7: 48-bit Unix milliseconds, then a 12-bit counter that keeps ids from one source
// strictly increasing within a millisecond (and across a clock step backwards), then 62 random
// bits.
class UuidV7Source final : public IdSource {
  public:
    // A fixed seed gives a reproducible sequence for tests; production seeds from
    // std::random_device.
    UuidV7Source(const Clock& clock, std::uint64_t seed);
    explicit UuidV7Source(const Clock& clock);
    [[nodiscard]] Uuid Next() override;

  private:
    const Clock& m_clock;
    std::mt19937_64 m_random;
    std::int64_t m_last_millis = -1;
    std::uint32_t m_counter = 0;
};

}  // namespace tillbook::ids
