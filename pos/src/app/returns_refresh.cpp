// The returns desk's view: everything the screens show, in the cashier's words.
#include <fmt/format.h>

#include "returns_controller.hpp"
#include "shop_text.hpp"
#include "tillbook/orders/quantity.hpp"

namespace tillbook::pos::app {

namespace {

constexpr std::string_view kReasons[] = {
    "Changed mind", "Faulty", "Wrong item sent", "Damaged in transit", "Not as described", "Other"};
constexpr std::string_view kConditions[] = {"Back to stock", "Damaged", "Write-off"};

std::string QuantityText(std::int64_t milli) {
    if (milli % orders::kMilliPerUnit == 0) return orders::FormatQuantity(milli);
    return fmt::format("{}.{:03} kg", milli / 1000, milli % 1000);
}

std::string ChannelText(const std::string& channel) {
    if (channel.starts_with("store:")) return "Shop " + channel.substr(6);
    return TenderWord(orders::Tender::kChannel, channel) + " order";
}

std::vector<ReturnsChoiceView> Conditions(orders::ItemCondition chosen) {
    std::vector<ReturnsChoiceView> out;
    for (int i = 0; i < 3; ++i)
        out.push_back({i + 1, std::string(kConditions[i]), static_cast<int>(chosen) == i + 1});
    return out;
}

std::vector<ReturnsChoiceView> Tenders(const std::vector<RefundTender>& offered,
                                       std::optional<orders::Tender> chosen) {
    std::vector<ReturnsChoiceView> out;
    for (const RefundTender& one : offered)
        out.push_back({static_cast<int>(one.tender), one.label, chosen == one.tender});
    return out;
}

}  // namespace

void ReturnsController::Refresh() {
    ReturnsView& view = m_context.view.returns;
    const std::int64_t generation = view.no_receipt_generation;
    view = ReturnsView{};
    view.step = m_step;
    view.message = m_message;
    view.message_is_problem = m_problem;
    view.busy = m_lookup != 0 || m_office != 0 || m_search != 0;
    view.online = m_online;
    view.find_hint =
        "Scan the receipt or packing slip, or type the order number (S01-T1-000042, a web "
        "order's #1042, an eBay or Amazon order id), the customer's e-mail, or the day it was "
        "bought: 06/12/2026, today, yesterday";
    view.find_limits =
        view.online ? "E-mail and date search every channel's orders at the office; the newest " +
                          std::to_string(queries::kOrderSearchLimit) + " are listed"
                    : "The office is offline: only this till's own sales can be found (by number "
                      "or date) and returned now; e-mail search needs the office";
    view.no_receipt_generation = generation;
    if (m_step == ReturnsStep::kOrder || m_step == ReturnsStep::kExchange) RefreshOrder();
    if (m_step == ReturnsStep::kExchange) RefreshExchange();
    if (m_step == ReturnsStep::kNoReceipt) RefreshNoReceipt();
    if (m_step == ReturnsStep::kMatches) RefreshMatches();
    view.back_to_matches = m_step == ReturnsStep::kOrder && m_matches.size() > 1;
    if (m_step == ReturnsStep::kDone) view.done_title = m_done_title;
    if (m_step == ReturnsStep::kDone) view.done_text = m_receipts.LastText();
}

void ReturnsController::RefreshOrder() {
    if (!m_choice) return;
    ReturnsView& view = m_context.view.returns;
    const queries::OrderDetail& order = m_choice->Order();
    auto currency = money::FindCurrency(order.currency);
    const money::Currency money_of = currency ? *currency : m_context.currency;
    view.order_number = order.number;
    // When it was placed: its first event in the journal, or as the office's lookup says.
    const ids::UtcMillis placed =
        order.history.empty() ? order.placed_at : order.history.front().occurred_at;
    std::string when = placed > 0 ? ", " + DateTime(placed, m_context.time_zone) : std::string();
    view.order_text = ChannelText(order.channel) + when + ", " +
                      Amount(money::Money(order.total_minor, money_of)) +
                      (m_own ? "" : " (from the office)");
    view.own_sale = m_own;
    view.selected_line = m_selected;
    for (const queries::OrderDetailLine& line : order.lines) {
        if (line.kind != orders::LineKind::kGoods) continue;
        ReturnLineView shown;
        shown.line_no = line.line_no;
        shown.description = line.description.empty() ? line.sku : line.description;
        shown.sold_text = QuantityText(line.quantity);
        shown.returned_text =
            line.returned_quantity > 0 ? QuantityText(line.returned_quantity) : "";
        shown.returnable = m_choice->Returnable(line.line_no) > 0;
        shown.selected = m_selected == line.line_no;
        if (const ChosenLine* chosen = m_choice->Chosen(line.line_no)) {
            shown.back_text = QuantityText(chosen->quantity);
            if (auto value = m_choice->LineValue(line.line_no)) shown.value_text = Amount(*value);
            shown.reason_text = std::string(kReasons[static_cast<int>(chosen->reason) - 1]);
            shown.condition_text =
                std::string(kConditions[static_cast<int>(chosen->condition) - 1]);
        }
        view.lines.push_back(std::move(shown));
    }
    if (m_selected) {
        const ChosenLine* chosen = m_choice->Chosen(*m_selected);
        const std::int64_t most = m_choice->Returnable(*m_selected);
        view.can_less = chosen != nullptr;
        view.can_more = !chosen || chosen->quantity < most;
        for (const ReturnLineView& line : view.lines) {
            if (line.line_no != *m_selected) continue;
            view.selected_text =
                fmt::format("{}: {} of {} back", line.description,
                            chosen ? QuantityText(chosen->quantity) : "0", QuantityText(most));
        }
        if (chosen) {
            for (int i = 0; i < 6; ++i)
                view.reasons.push_back(
                    {i + 1, std::string(kReasons[i]), static_cast<int>(chosen->reason) == i + 1});
            view.conditions = Conditions(chosen->condition);
        }
    }
    auto value = m_choice->Value();
    view.value_text = value ? Amount(*value) : "";
    const auto offered = m_policy.RefundTenders({order.channel, m_paid_with});
    view.tenders = Tenders(offered, m_tender);
    const bool chosen_any = !m_choice->Empty() && value && !value->IsZero();
    view.refund_label = "Refund " + view.value_text;
    view.can_refund = chosen_any && Chosen(offered).has_value() && m_office == 0;
    view.can_exchange = chosen_any && m_office == 0 && m_own;
    if (!m_own) view.exchange_note = "Exchanges: this till's own sales only; refund this order";
    view.approval_note = "Refunds above " + Amount(m_policy.approval_above) + " need a manager";
}

void ReturnsController::RefreshExchange() {
    ReturnsView& view = m_context.view.returns;
    auto credit = m_choice ? m_choice->Value() : Result<money::Money>(money::Money());
    view.credit_text = "Goods back " + (credit ? Amount(*credit) : std::string("?"));
    const bool empty = m_sale.GetCart().Empty();
    view.new_goods_text = "New goods " + (empty ? Amount(money::Money(0, m_context.currency))
                                          : m_sale.Priced() ? Amount(m_sale.Priced()->totals.total)
                                                            : "?");
    const auto difference = ExchangeDifference();
    if (empty) {
        view.difference_text = "Scan the new goods";
    } else if (!difference) {
        view.difference_text = "This exchange cannot be priced";
    } else if (difference->IsZero()) {
        view.difference_text = "Even exchange: nothing to pay";
    } else if (difference->IsNegative()) {
        view.difference_text = "Refund " + Amount(*difference->Negated());
    } else {
        view.difference_text = "Customer pays " + Amount(*difference);
    }
    const auto offered = ExchangeTenders();
    // The first tender offered is chosen until the cashier picks another.
    if (!offered.empty() && !Chosen(offered)) m_tender = offered.front().tender;
    view.exchange_tenders = Tenders(offered, m_tender);
    view.can_complete_exchange = !empty && difference &&
                                 (difference->IsZero() || Chosen(offered).has_value()) &&
                                 m_office == 0;
}

void ReturnsController::RefreshNoReceipt() {
    ReturnsView& view = m_context.view.returns;
    int index = 0;
    for (const NoReceiptLine& line : m_no_receipt) {
        auto total = line.unit_value.TimesMilli(line.quantity, money::Rounding::kHalfAwayFromZero);
        std::string name = line.sku.product_name;
        if (!line.sku.variant_name.empty()) name += " " + line.sku.variant_name;
        view.no_receipt_lines.push_back({index, std::move(name), QuantityText(line.quantity),
                                         Amount(line.unit_value), total ? Amount(*total) : "?",
                                         m_no_receipt_selected == index});
        ++index;
    }
    view.no_receipt_selected = m_no_receipt_selected;
    if (m_no_receipt_selected) {
        const NoReceiptLine& line = m_no_receipt[static_cast<std::size_t>(*m_no_receipt_selected)];
        view.no_receipt_value_prefill = money::FormatMoney(line.unit_value);
        view.conditions = Conditions(line.condition);
    }
    view.no_receipt_generation = m_value_generation;
    const money::Money total = NoReceiptTotal();
    view.no_receipt_total_text = Amount(total);
    view.no_receipt_limit_text =
        "Up to " + Amount(m_policy.no_receipt_limit) + " without a receipt, refunded in cash";
    view.can_refund_no_receipt = !m_no_receipt.empty() && !total.IsZero() &&
                                 total.Minor() <= m_policy.no_receipt_limit.Minor();
}

void ReturnsController::RefreshMatches() {
    ReturnsView& view = m_context.view.returns;
    view.matches_title = fmt::format("{} orders {}", m_matches.size(), m_searched);
    if (m_own_only) {
        view.matches_note = "The office was not asked: only this till's own sales are listed";
    } else if (m_matches.size() >= queries::kOrderSearchLimit) {
        view.matches_note = fmt::format("The newest {} are listed", queries::kOrderSearchLimit);
    }
    for (const Match& match : m_matches) {
        const queries::OrderSearchHit& hit = match.hit;
        auto currency = money::FindCurrency(hit.currency);
        ReturnsMatchView shown;
        shown.order_id = hit.id;
        shown.number = hit.number;
        shown.channel_text = ChannelText(hit.channel);
        shown.placed_text = DateTime(hit.placed_at, m_context.time_zone);
        shown.email = hit.customer_email;
        shown.total_text =
            Amount(money::Money(hit.total_minor, currency ? *currency : m_context.currency));
        shown.returnable = hit.returnable;
        shown.own_sale = match.own;
        shown.state_text =
            hit.returnable ? "Can come back"
            : orders::HasReachedCustomer(hit.status)
                ? "All returned"
                : fmt::format("Not yet with the customer ({})", orders::ToString(hit.status));
        view.matches.push_back(std::move(shown));
    }
}

}  // namespace tillbook::pos::app
