#include "tillbook/services/stock_changes.hpp"

#include <fmt/format.h>

#include <map>

namespace tillbook::services {

namespace {

Result<std::int64_t> AppendOne(EventSink& sink, const ledger::Actor& actor,
                               ledger::EventPayload payload) {
    std::int64_t seq = 0;
    auto ok = sink.Run(actor, [&](LedgerSession& session) -> Status {
        auto appended = session.Append(std::move(payload));
        if (!appended) return std::unexpected(appended.error());
        seq = appended->seq;
        return {};
    });
    if (!ok) return std::unexpected(ok.error());
    return seq;
}

}  // namespace

Result<std::int64_t> AdjustStock(EventSink& sink, const ledger::Actor& actor,
                                 const ledger::StockAdjusted& adjustment) {
    return AppendOne(sink, actor, adjustment);
}

Result<std::int64_t> TransferStock(EventSink& sink, const ledger::Actor& actor,
                                   const ledger::StockTransferred& transfer) {
    return AppendOne(sink, actor, transfer);
}

Result<std::vector<CountResult>> CountStock(EventSink& sink, const ledger::Actor& actor,
                                            const std::string& location_id,
                                            std::span<const CountedSku> counted,
                                            const std::string& note) {
    std::map<std::string_view, std::size_t> seen;
    for (std::size_t i = 0; i < counted.size(); ++i) {
        const auto [before, first] = seen.emplace(counted[i].sku, i);
        if (!first) {
            return std::unexpected(
                MakeError(ErrorCode::kInvalidInput,
                          fmt::format("lines[{}].sku: {} is already counted in lines[{}]; count it "
                                      "once",
                                      i, counted[i].sku, before->second),
                          fmt::format("lines[{}].sku", i)));
        }
    }
    std::vector<CountResult> results;
    auto ok = sink.Run(actor, [&](LedgerSession& session) -> Status {
        results.clear();
        for (const CountedSku& line : counted) {
            auto stock = session.State().Stock(location_id, line.sku);
            if (!stock) return std::unexpected(stock.error());
            CountResult result{line.sku, stock->on_hand, line.counted,
                               line.counted - stock->on_hand, std::nullopt};
            if (result.difference != 0) {
                auto appended = session.Append(
                    ledger::StockAdjusted{location_id, line.sku, result.difference,
                                          ledger::AdjustmentReason::kCountCorrection, note});
                if (!appended) return std::unexpected(appended.error().WithContext(line.sku));
                result.seq = appended->seq;
            }
            results.push_back(std::move(result));
        }
        return {};
    });
    if (!ok) return std::unexpected(ok.error());
    return results;
}

}  // namespace tillbook::services
