#pragma once
// Stock changed by hand: an adjustment with a reason, a transfer between two locations, and a
// count that turns what was on the shelf into corrections. Quantities are milli-units.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tillbook/ledger/event.hpp"
#include "tillbook/services/ledger_session.hpp"

namespace tillbook::services {

// Answers the adjustment's ledger sequence number.
[[nodiscard]] Result<std::int64_t> AdjustStock(EventSink& sink, const ledger::Actor& actor,
                                               const ledger::StockAdjusted& adjustment);

// Never more than is available where the stock leaves (the ledger's rule). Answers the sequence.
[[nodiscard]] Result<std::int64_t> TransferStock(EventSink& sink, const ledger::Actor& actor,
                                                 const ledger::StockTransferred& transfer);

struct CountedSku {
    std::string sku;
    std::int64_t counted = 0;  // what is on the shelf
};

struct CountResult {
    std::string sku;
    std::int64_t expected = 0;  // on hand before the count
    std::int64_t counted = 0;
    std::int64_t difference = 0;      // counted - expected
    std::optional<std::int64_t> seq;  // the correction's, when there was a difference
};

// Each SKU counted at `location_id` becomes a count correction of counted - on hand, read and
// written in one transaction so that no sale slips in between. A SKU counted twice is refused.
[[nodiscard]] Result<std::vector<CountResult>> CountStock(EventSink& sink,
                                                          const ledger::Actor& actor,
                                                          const std::string& location_id,
                                                          std::span<const CountedSku> counted,
                                                          const std::string& note);

}  // namespace tillbook::services
