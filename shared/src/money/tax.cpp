// The tax rounding rule, in one place:
//   - Tax is computed per line amount (after discounts), rate r in basis points (2000 = 20%).
//   - It is rounded to the currency's minor unit, half away from zero (0.5 -> 1, -0.5 -> -1).
//   - Tax-inclusive (kInclusive): the gross is kept exactly;
//       tax = RoundedDivide(gross x r, 10000 + r), net = gross - tax.
//   - Tax-exclusive (kExclusive): the net is kept exactly;
//       tax = RoundedDivide(net x r, 10000), gross = net + tax.
//   - So gross == net + tax always holds to the minor unit. Refunds (negative amounts) give the
//     exact mirror image of the sale, because the rounding is symmetric about zero.
//   - Intermediates are 128-bit; every result must fit int64 minor units, or kOverflow.
#include "tillbook/money/tax.hpp"

#include <limits>
#include <string>

namespace tillbook::money {
namespace {

constexpr TaxRateBasisPoints kMaxRate = 100000;  // 1000%
constexpr Int128 kBasisPointsPerUnit = 10000;

bool FitsMinor(Int128 value) {
    return value >= std::numeric_limits<std::int64_t>::min() &&
           value <= std::numeric_limits<std::int64_t>::max();
}

}  // namespace

Result<TaxAmounts> ComputeTax(const Money& amount, TaxRateBasisPoints rate, TaxMode mode) {
    if (rate < 0 || rate > kMaxRate) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      "tax rate " + std::to_string(rate) + " bp is outside 0..100000 bp", "rate"));
    }
    const Currency& currency = amount.GetCurrency();
    const Int128 value = amount.Minor();
    switch (mode) {
        case TaxMode::kInclusive: {
            // |tax| <= |gross| and tax has the gross's sign, so tax and net always fit.
            const Int128 tax = RoundedDivide(value * rate, kBasisPointsPerUnit + rate,
                                             Rounding::kHalfAwayFromZero);
            const Int128 net = value - tax;
            return TaxAmounts{Money(static_cast<std::int64_t>(net), currency),
                              Money(static_cast<std::int64_t>(tax), currency), amount};
        }
        case TaxMode::kExclusive: {
            const Int128 tax =
                RoundedDivide(value * rate, kBasisPointsPerUnit, Rounding::kHalfAwayFromZero);
            const Int128 gross = value + tax;
            if (!FitsMinor(tax) || !FitsMinor(gross)) {
                return std::unexpected(
                    MakeError(ErrorCode::kOverflow, "tax at " + std::to_string(rate) + " bp on " +
                                                        FormatMoney(amount) + " " + currency.code +
                                                        ": gross overflows 64-bit minor units"));
            }
            return TaxAmounts{amount, Money(static_cast<std::int64_t>(tax), currency),
                              Money(static_cast<std::int64_t>(gross), currency)};
        }
    }
    return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                     "unknown tax mode " + std::to_string(static_cast<int>(mode)),
                                     "mode"));
}

bool IsKnown(TaxMode mode) {
    switch (mode) {
        case TaxMode::kInclusive:
        case TaxMode::kExclusive:
            return true;
    }
    return false;
}

}  // namespace tillbook::money
