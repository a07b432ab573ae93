#include "cash_policy.hpp"

#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::pos::app {

CashPolicy CashPolicy::Load(store::Database& db, const money::Currency& currency) {
    CashPolicy policy{false, money::Money(5 * money::MinorPerMajor(currency), currency)};
    if (auto blind = store::GetSetting(db, "till.blind_close"); blind && *blind)
        policy.blind_close = **blind == "true" || **blind == "1" || **blind == "yes";
    if (auto limit = store::GetSetting(db, "till.cash_variance_limit"); limit && *limit) {
        auto parsed = money::ParseMoney(**limit, currency);
        if (parsed && !parsed->IsNegative()) policy.variance_limit = *parsed;
    }
    return policy;
}

bool CashPolicy::NeedsManager(const money::Money& variance) const {
    const std::int64_t size = variance.IsNegative() ? -variance.Minor() : variance.Minor();
    return size > variance_limit.Minor();
}

}  // namespace tillbook::pos::app
