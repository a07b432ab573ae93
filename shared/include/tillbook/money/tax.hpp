#pragma once
// Tax: the one place where tax is computed and rounded.
//
// Rounding rule: tax is computed per line amount (after discounts) and rounded half away from zero
// to the currency's minor unit. For tax-inclusive prices (UK VAT on shelf prices) the gross amount
// is kept exactly and tax = gross x rate / (1 + rate); for tax-exclusive prices the net amount is
// kept exactly and tax = net x rate. So gross = net + tax always holds to the minor unit.
#include <cstdint>

#include "tillbook/core/error.hpp"
#include "tillbook/money/money.hpp"

namespace tillbook::money {

// Rates in basis points: 2000 = 20%, 500 = 5%, 0 = zero-rated.
using TaxRateBasisPoints = std::int32_t;

enum class TaxMode : int {
    kInclusive = 1,  // the price includes tax
    kExclusive = 2,  // tax is added on top of the price
};

// Whether `mode` is a value this build defines (one read from JSON or a file may not be).
[[nodiscard]] bool IsKnown(TaxMode mode);

struct TaxAmounts {
    Money net;
    Money tax;
    Money gross;
    friend bool operator==(const TaxAmounts&, const TaxAmounts&) = default;
};

// amount is the gross price (kInclusive) or the net price (kExclusive). Rate must be 0..100000 bp.
[[nodiscard]] Result<TaxAmounts> ComputeTax(const Money& amount, TaxRateBasisPoints rate,
                                            TaxMode mode);

}  // namespace tillbook::money
