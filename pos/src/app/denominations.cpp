#include "denominations.hpp"

#include <algorithm>
#include <string_view>

#include "shop_text.hpp"

namespace tillbook::pos::app {

namespace {

// The notes and coins in circulation, in minor units, largest first; the suffix names the minor
// unit on coins below one major unit ("p", "c").
struct CurrencyTable {
    std::string_view code;
    std::vector<std::int64_t> minor_values;
    std::string_view minor_suffix;
};

const std::vector<CurrencyTable>& Tables() {
    static const std::vector<CurrencyTable> tables{
        {"GBP", {5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1}, "p"},
        {"EUR", {20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1}, "c"},
        {"USD", {10000, 5000, 2000, 1000, 500, 100, 25, 10, 5, 1}, "¢"},
    };
    return tables;
}

// Counts above this are a typing slip, not a drawer (and keep the totals far from overflow).
constexpr std::int64_t kMostOfOne = 100'000;

// "£20" for a note, "50p" for a coin below one pound.
std::string LabelOf(const money::Money& value, std::string_view minor_suffix) {
    const long long per_major = money::MinorPerMajor(value.GetCurrency());
    if (value.Minor() < per_major) return std::to_string(value.Minor()) + std::string(minor_suffix);
    std::string text = Amount(value);
    const std::string zeros =
        "." + std::string(static_cast<std::size_t>(value.GetCurrency().exponent), '0');
    if (value.Minor() % per_major == 0 && text.ends_with(zeros))
        text.erase(text.size() - zeros.size());
    return text;
}

}  // namespace

std::vector<Denomination> DenominationsOf(const money::Currency& currency) {
    std::vector<Denomination> found;
    for (const CurrencyTable& table : Tables()) {
        if (table.code != currency.code) continue;
        for (std::int64_t minor : table.minor_values) {
            money::Money value(minor, currency);
            found.push_back({value, LabelOf(value, table.minor_suffix)});
        }
    }
    return found;
}

Status DenominationCount::Set(std::size_t row, const std::string& count_text) {
    if (row >= m_counts.size())
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "No such note or coin"));
    if (count_text.empty()) {
        m_counts[row] = 0;
        return {};
    }
    const bool digits =
        count_text.size() <= 6 && std::all_of(count_text.begin(), count_text.end(),
                                              [](char c) { return c >= '0' && c <= '9'; });
    const std::int64_t count = digits ? std::stoll(count_text) : -1;
    if (count < 0 || count > kMostOfOne) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      "Type how many " + m_denominations[row].label + " there are, like 3"));
    }
    m_counts[row] = count;
    return {};
}

money::Money DenominationCount::AmountOf(std::size_t row) const {
    return money::Money(m_denominations.at(row).value.Minor() * m_counts.at(row), m_currency);
}

money::Money DenominationCount::Total() const {
    std::int64_t total = 0;
    for (std::size_t row = 0; row < m_counts.size(); ++row)
        total += AmountOf(row).Minor();
    return money::Money(total, m_currency);
}

bool DenominationCount::Empty() const {
    return std::all_of(m_counts.begin(), m_counts.end(), [](std::int64_t n) { return n == 0; });
}

std::vector<drivers::CountedDenomination> DenominationCount::Counted() const {
    std::vector<drivers::CountedDenomination> rows;
    for (std::size_t row = 0; row < m_counts.size(); ++row) {
        if (m_counts[row] > 0)
            rows.push_back({m_denominations[row].label, m_counts[row], AmountOf(row)});
    }
    return rows;
}

CashCountView CountView(const DenominationCount& count, std::string message) {
    CashCountView view;
    for (std::size_t row = 0; row < count.Denominations().size(); ++row) {
        view.rows.push_back({count.Denominations()[row].label,
                             count.CountOf(row) > 0 ? Amount(count.AmountOf(row)) : ""});
    }
    view.total_text = Amount(count.Total());
    view.message = std::move(message);
    return view;
}

}  // namespace tillbook::pos::app
