#pragma once
// Locations and what a channel may sell. Quantities are milli-units.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace tillbook::stock {

enum class LocationKind : int {
    kStore = 1,
    kWarehouse = 2,
};

struct Location {
    std::string id;
    std::string code;  // "S01"
    std::string name;
    LocationKind kind = LocationKind::kStore;
    std::string time_zone;  // IANA, "Europe/London": business days are counted there
    friend bool operator==(const Location&, const Location&) = default;
};

struct StockLevel {
    std::string location_id;
    std::int64_t on_hand = 0;   // may be below zero after an offline sale of goods that had gone
    std::int64_t reserved = 0;  // never below zero
};

// How much of a SKU a channel may offer: a buffer held back, or a fixed quantity that overrides.
struct ChannelStockRule {
    std::int64_t buffer = 0;                     // milli-units held back from the channel
    std::optional<std::int64_t> fixed_quantity;  // milli-units; overrides the computed figure
};

// Sum over the locations serving the channel of max(0, on hand - reserved), less the buffer,
// never below zero; a fixed quantity overrides. A location that is oversold takes nothing away
// from the others.
[[nodiscard]] std::int64_t AvailableToChannel(std::span<const StockLevel> serving_locations,
                                              const ChannelStockRule& rule);

// Whole units a channel can list (rounded down): 2999 milli-units -> 2.
[[nodiscard]] std::int64_t WholeUnits(std::int64_t milli_units);

}  // namespace tillbook::stock
