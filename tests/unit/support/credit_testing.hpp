#pragma once
// What the store-credit and gift-card tests of the ledger ask of it: a card's balance, the error
// an append was refused with, and that verify passes.
#include <doctest/doctest.h>

#include <string>

#include "ledger_fixture.hpp"
#include "tillbook/ledger/verify.hpp"

namespace tillbook::testing {

// The card's balance in minor units; -1 when no credit was ever put on it.
inline std::int64_t Balance(LedgerFixture& f, const std::string& card) {
    return f.Scalar(
        "SELECT coalesce((SELECT balance_minor FROM credit_cards WHERE card_number = '" + card +
        "'), -1)");
}

inline Error ErrorOf(const Result<ledger::Appended>& result) {
    REQUIRE_FALSE(result.has_value());
    return result.error();
}

inline void CheckVerifies(LedgerFixture& f) {
    auto report = ledger::VerifyDatabase(f.db, f.path.string() + ".scratch");
    REQUIRE(report);
    for (const auto& problem : report->problems)
        MESSAGE(problem);
    CHECK(report->Ok());
}

}  // namespace tillbook::testing
