#include "ledger/running_totals.hpp"

#include <fmt/format.h>

#include <map>
#include <string>

namespace tillbook::ledger {

namespace {

std::unexpected<Error> TooMuch(std::string message, std::string field) {
    return std::unexpected(MakeError(ErrorCode::kOverflow, std::move(message), std::move(field)));
}

}  // namespace

Status CheckDrawersTake(std::span<const orders::Payment> payments, LedgerState& state) {
    std::map<std::string, std::int64_t> cash_in;
    for (const orders::Payment& payment : payments) {
        if (payment.tender != orders::Tender::kCash || payment.shift_id.empty()) continue;
        std::int64_t& sum = cash_in[payment.shift_id];
        if (__builtin_add_overflow(sum, payment.amount.Minor(), &sum))
            return TooMuch("the cash paid is more than the drawer can count", "payments");
    }
    for (const auto& [shift_id, sum] : cash_in) {
        auto shift = state.FindShift(shift_id);
        if (!shift) return std::unexpected(shift.error());
        std::int64_t after = 0;
        if (*shift && __builtin_add_overflow((*shift)->expected_cash_minor, sum, &after)) {
            return TooMuch(fmt::format("the drawer of shift {} holds {} minor units; {} more is "
                                       "more than it can count",
                                       shift_id, (*shift)->expected_cash_minor, sum),
                           "payments");
        }
    }
    return {};
}

Status CheckDrawerTakes(std::string_view shift_id, const money::Money& amount, LedgerState& state) {
    const orders::Payment cash{orders::Tender::kCash, amount, amount, "", std::string(shift_id)};
    auto ok = CheckDrawersTake(std::span(&cash, 1), state);
    if (!ok) {
        Error error = ok.error();
        error.field = "amount";
        return std::unexpected(error);
    }
    return {};
}

Status CheckStockMoves(std::string_view location_id, std::string_view sku, std::int64_t delta,
                       std::string_view field, LedgerState& state) {
    auto stock = state.Stock(location_id, sku);
    if (!stock) return std::unexpected(stock.error());
    std::int64_t after = 0;
    if (__builtin_add_overflow(stock->on_hand, delta, &after)) {
        return TooMuch(fmt::format("{} at {}: {} on hand; moving it by {} is more than the stock "
                                   "level can count",
                                   sku, location_id, stock->on_hand, delta),
                       std::string(field));
    }
    return {};
}

}  // namespace tillbook::ledger
