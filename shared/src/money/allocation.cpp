#include "tillbook/money/allocation.hpp"

#include <algorithm>
#include <cstddef>
#include <string>

namespace tillbook::money {
namespace {

std::string WeightField(std::size_t index) {
    return "weights[" + std::to_string(index) + "]";
}

}  // namespace

Result<std::vector<Money>> SplitProportionally(const Money& total, std::span<const Money> weights) {
    if (weights.empty()) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "no weights to split over", "weights"));
    }
    Int128 weight_sum = 0;  // at most n x 2^63: cannot overflow 128 bits
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const Money& weight = weights[i];
        if (weight.GetCurrency() != total.GetCurrency()) {
            return std::unexpected(MakeError(ErrorCode::kCurrencyMismatch,
                                             WeightField(i) + " is in " +
                                                 weight.GetCurrency().code + ", the total in " +
                                                 total.GetCurrency().code,
                                             WeightField(i)));
        }
        if (weight.IsNegative()) {
            return std::unexpected(MakeError(
                ErrorCode::kInvalidInput,
                WeightField(i) + " is negative (" + FormatMoney(weight) + ")", WeightField(i)));
        }
        weight_sum += weight.Minor();
    }
    if (weight_sum == 0) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "all weights are zero", "weights"));
    }

    // Split the magnitude, then give the parts the total's sign. Each part's magnitude is at most
    // |total|, so no part can overflow int64 (-2^63 included).
    const Int128 magnitude =
        total.IsNegative() ? -static_cast<Int128>(total.Minor()) : total.Minor();
    std::vector<Int128> parts(weights.size());
    std::vector<Int128> remainders(weights.size());
    Int128 leftover = magnitude;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const Int128 share = magnitude * weights[i].Minor();  // <= 2^63 x 2^63 = 2^126
        parts[i] = share / weight_sum;
        remainders[i] = share % weight_sum;
        leftover -= parts[i];
    }

    // leftover < the number of non-zero remainders, so each unit goes to a different part and
    // zero-weight parts never receive one.
    std::vector<std::size_t> order(weights.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (remainders[a] != remainders[b]) return remainders[a] > remainders[b];
        return a < b;  // ties go to the earlier index
    });
    for (std::size_t k = 0; leftover > 0; ++k, --leftover)
        parts[order[k]] += 1;

    std::vector<Money> out;
    out.reserve(parts.size());
    for (const Int128 part : parts) {
        out.emplace_back(static_cast<std::int64_t>(total.IsNegative() ? -part : part),
                         total.GetCurrency());
    }
    return out;
}

}  // namespace tillbook::money
