#pragma once
// How the store wants its drawers closed, from the office's settings as pulled:
// `till.blind_close` ("true" or "false", default false): the cashier counts the drawer without
// seeing what it should hold, and sees the expected amount and the variance once the count is in;
// `till.cash_variance_limit` (an amount, default "5.00"): a close whose count is further than this
// from what is expected, over or short, needs a manager's approval. `store.CODE.blind_close` and
// `store.CODE.cash_variance_limit` at the office override them for one store (the pull merges).
#include <string>

#include "tillbook/money/money.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::pos::app {

struct CashPolicy {
    bool blind_close = false;
    money::Money variance_limit{500, money::Currency{"GBP", 2}};

    // The settings as pulled; a missing or unreadable one keeps its default.
    [[nodiscard]] static CashPolicy Load(store::Database& db, const money::Currency& currency);
    // Whether a close with this variance (counted - expected) needs a manager.
    [[nodiscard]] bool NeedsManager(const money::Money& variance) const;
};

}  // namespace tillbook::pos::app
