#pragma once
// The notes and coins of a currency, and a drawer counted by them: the opening float and the
// close are counted note by note and coin by coin, and the total is what the till journals.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tillbook/drivers/receipt_renderer.hpp"
#include "tillbook/money/money.hpp"
#include "tillbook/pos/app/cash_view.hpp"

namespace tillbook::pos::app {

struct Denomination {
    money::Money value;  // one note or coin
    std::string label;   // "£20", "50p": as the cashier reads it on the note or coin
};

// Largest first; empty for a currency the till has no table for (the total is typed then).
[[nodiscard]] std::vector<Denomination> DenominationsOf(const money::Currency& currency);

// How many of each denomination are in the drawer.
class DenominationCount {
  public:
    explicit DenominationCount(const money::Currency& currency)
        : m_currency(currency),
          m_denominations(DenominationsOf(currency)),
          m_counts(m_denominations.size(), 0) {}

    // The count typed for row `row`: whole notes or coins, "" for none. Refused with the
    // cashier's words ("Type how many £20 there are, like 3").
    [[nodiscard]] Status Set(std::size_t row, const std::string& count_text);
    void Clear() { m_counts.assign(m_denominations.size(), 0); }

    [[nodiscard]] const std::vector<Denomination>& Denominations() const { return m_denominations; }
    [[nodiscard]] std::int64_t CountOf(std::size_t row) const { return m_counts.at(row); }
    [[nodiscard]] money::Money AmountOf(std::size_t row) const;
    [[nodiscard]] money::Money Total() const;
    [[nodiscard]] bool Empty() const;
    // The rows counted, for the Z report: "£20 x 3  £60.00".
    [[nodiscard]] std::vector<drivers::CountedDenomination> Counted() const;

  private:
    money::Currency m_currency;
    std::vector<Denomination> m_denominations;
    std::vector<std::int64_t> m_counts;
};

// The count as the screen shows it: each row's amount and the total, with `message`.
[[nodiscard]] CashCountView CountView(const DenominationCount& count, std::string message);

}  // namespace tillbook::pos::app
