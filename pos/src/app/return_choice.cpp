#include "return_choice.hpp"

#include <algorithm>

namespace tillbook::pos::app {

const queries::OrderDetailLine* ReturnChoice::Line(int line_no) const {
    const auto found = std::find_if(m_order.lines.begin(), m_order.lines.end(),
                                    [&](const auto& line) { return line.line_no == line_no; });
    return found == m_order.lines.end() ? nullptr : &*found;
}

std::int64_t ReturnChoice::Returnable(int line_no) const {
    const queries::OrderDetailLine* line = Line(line_no);
    if (!line || line->kind != orders::LineKind::kGoods) return 0;
    return std::max<std::int64_t>(0, line->quantity - line->returned_quantity);
}

bool ReturnChoice::Change(int line_no, std::int64_t delta_units) {
    const std::int64_t most = Returnable(line_no);
    if (most <= 0 || delta_units == 0) return false;
    const std::int64_t now = m_chosen.contains(line_no) ? m_chosen[line_no].quantity : 0;
    std::int64_t next = now + delta_units * orders::kMilliPerUnit;
    // Weighed goods (or what is left of a line in part units) come back whole or not at all.
    if (most % orders::kMilliPerUnit != 0) next = delta_units > 0 ? most : 0;
    next = std::clamp<std::int64_t>(next, 0, most);
    if (next == now) return false;
    if (next == 0) {
        m_chosen.erase(line_no);
    } else {
        m_chosen[line_no].quantity = next;
    }
    return true;
}

void ReturnChoice::SetReason(int line_no, orders::ReturnReason reason) {
    if (auto found = m_chosen.find(line_no); found != m_chosen.end()) found->second.reason = reason;
}

void ReturnChoice::SetCondition(int line_no, orders::ItemCondition condition) {
    if (auto found = m_chosen.find(line_no); found != m_chosen.end())
        found->second.condition = condition;
}

const ChosenLine* ReturnChoice::Chosen(int line_no) const {
    const auto found = m_chosen.find(line_no);
    return found == m_chosen.end() ? nullptr : &found->second;
}

bool ReturnChoice::Empty() const {
    return m_chosen.empty();
}

Result<money::Money> ReturnChoice::LineValue(int line_no) const {
    auto currency = money::FindCurrency(m_order.currency);
    if (!currency) return std::unexpected(currency.error());
    const queries::OrderDetailLine* line = Line(line_no);
    const ChosenLine* chosen = Chosen(line_no);
    if (!line || !chosen) return money::Money(0, *currency);
    return orders::ReturnValue(money::Money(line->total_minor, *currency), line->quantity,
                               line->returned_quantity, chosen->quantity);
}

Result<money::Money> ReturnChoice::Value() const {
    auto currency = money::FindCurrency(m_order.currency);
    if (!currency) return std::unexpected(currency.error());
    money::Money sum(0, *currency);
    for (const auto& [line_no, chosen] : m_chosen) {
        auto value = LineValue(line_no);
        if (!value) return std::unexpected(value.error());
        auto added = sum.Plus(*value);
        if (!added) return std::unexpected(added.error());
        sum = *added;
    }
    return sum;
}

orders::Return ReturnChoice::ToReturn(std::string id, std::string location_id) const {
    orders::Return ret{std::move(id), m_order.id,       std::move(location_id),
                       false,         m_order.currency, {}};
    auto currency = money::FindCurrency(m_order.currency);
    const money::Money none = currency ? money::Money(0, *currency) : money::Money();
    for (const auto& [line_no, chosen] : m_chosen) {
        const queries::OrderDetailLine* line = Line(line_no);
        ret.lines.push_back({line_no, line ? line->sku : "", chosen.quantity, none, chosen.reason,
                             chosen.condition});
    }
    return ret;
}

}  // namespace tillbook::pos::app
