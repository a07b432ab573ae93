// The returns desk without a receipt: SKUs scanned or searched, each at a value agreed at the desk
// (the price now, or less), in all at most `till.no_receipt_limit`; refunded to cash only, and
// always approved by a manager (a manager signed in approves their own).
#include <fmt/format.h>

#include "returns_controller.hpp"
#include "shop_text.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::pos::app {

void ReturnsController::StartNoReceipt() {
    if (m_step != ReturnsStep::kFind || m_lookup != 0) return;
    m_step = ReturnsStep::kNoReceipt;
    m_no_receipt.clear();
    m_no_receipt_selected.reset();
    Say("Scan or search the items coming back", false);
    Refresh();
}

void ReturnsController::AddSku(const std::string& code) {
    if (m_step == ReturnsStep::kExchange) {
        m_sale.AddSku(code);
        Refresh();
        return;
    }
    if (m_step != ReturnsStep::kNoReceipt) return;
    auto found = store::FindByScan(m_context.db, code);
    if (!found) {
        Say(found.error().code == ErrorCode::kInvalidInput
                ? fmt::format("Barcode {} did not read right: scan it again", code)
                : fmt::format("No product with the code {}", code));
        Refresh();
        return;
    }
    if (found->sku.sold_by == catalogue::SoldBy::kWeight || found->embedded_price_minor ||
        found->embedded_quantity) {
        Say("Weighed and priced-label goods cannot come back without a receipt");
        Refresh();
        return;
    }
    int index = 0;
    for (NoReceiptLine& line : m_no_receipt) {
        if (line.sku.code == found->sku.code) {
            line.quantity += orders::kMilliPerUnit;
            m_no_receipt_selected = index;
            ++m_value_generation;
            Say("", false);
            Refresh();
            return;
        }
        ++index;
    }
    const money::Money price = found->sku.price;
    m_no_receipt.push_back(
        {std::move(found->sku), orders::kMilliPerUnit, price, orders::ItemCondition::kRestock});
    m_no_receipt_selected = static_cast<int>(m_no_receipt.size()) - 1;
    ++m_value_generation;
    Say("", false);
    Refresh();
}

void ReturnsController::SelectNoReceipt(int index) {
    if (m_step != ReturnsStep::kNoReceipt || index < 0 ||
        static_cast<std::size_t>(index) >= m_no_receipt.size())
        return;
    m_no_receipt_selected = index;
    ++m_value_generation;
    Refresh();
}

void ReturnsController::SetNoReceiptValue(int index, const std::string& text) {
    if (m_step != ReturnsStep::kNoReceipt || index < 0 ||
        static_cast<std::size_t>(index) >= m_no_receipt.size())
        return;
    NoReceiptLine& line = m_no_receipt[static_cast<std::size_t>(index)];
    auto value = money::ParseMoney(text, m_context.currency);
    if (!value || value->IsNegative()) {
        Say("Type the value agreed for each, like " + money::FormatMoney(line.sku.price));
    } else if (value->Minor() > line.sku.price.Minor()) {
        Say("The value can only be lowered from the price, " + Amount(line.sku.price));
    } else {
        line.unit_value = *value;
        Say("", false);
    }
    ++m_value_generation;
    Refresh();
}

void ReturnsController::ChangeNoReceiptQuantity(int index, std::int64_t delta_units) {
    if (m_step != ReturnsStep::kNoReceipt || index < 0 ||
        static_cast<std::size_t>(index) >= m_no_receipt.size())
        return;
    NoReceiptLine& line = m_no_receipt[static_cast<std::size_t>(index)];
    const std::int64_t quantity = line.quantity + delta_units * orders::kMilliPerUnit;
    if (quantity <= 0) {
        m_no_receipt.erase(m_no_receipt.begin() + index);
        m_no_receipt_selected.reset();
    } else if (quantity <= 99 * orders::kMilliPerUnit) {
        line.quantity = quantity;
    }
    Say("", false);
    Refresh();
}

money::Money ReturnsController::NoReceiptTotal() const {
    money::Money total(0, m_context.currency);
    for (const NoReceiptLine& line : m_no_receipt) {
        auto value = line.unit_value.TimesMilli(line.quantity, money::Rounding::kHalfAwayFromZero);
        if (!value) continue;
        if (auto sum = total.Plus(*value)) total = *sum;
    }
    return total;
}

void ReturnsController::ConfirmNoReceipt() {
    if (m_step != ReturnsStep::kNoReceipt || m_no_receipt.empty()) return;
    const money::Money total = NoReceiptTotal();
    if (total.Minor() > m_policy.no_receipt_limit.Minor()) {
        Say("Without a receipt at most " + Amount(m_policy.no_receipt_limit) + " can be refunded");
        Refresh();
        return;
    }
    if (total.IsZero()) {
        Say("Nothing to refund: agree a value first");
        Refresh();
        return;
    }
    m_approval.Ask("Refund " + Amount(total) + " without a receipt",
                   "Refunds without a receipt need a manager",
                   [this](const Approver& approver) { RefundNoReceipt(approver.staff_id); });
}

void ReturnsController::RefundNoReceipt(const std::string& approver) {
    if (!m_context.journal || !m_context.cashier || m_no_receipt.empty()) return;
    orders::Return ret{
        m_context.ids.NextString(), "", m_context.journal->Identity().store_location_id, true,
        m_context.currency.code,    {}};
    for (const NoReceiptLine& line : m_no_receipt) {
        ret.lines.push_back({0, line.sku.code, line.quantity, line.unit_value,
                             orders::ReturnReason::kOther, line.condition});
    }
    const services::DeskTender cash{m_policy.NoReceiptTenders().front().tender, ""};
    auto received = m_context.journal->ReceiveReturn(
        ret, cash, ledger::Actor(m_context.cashier->staff_id, approver));
    if (!received) {
        Say("The return was not saved: " + received.error().message);
        Refresh();
        return;
    }
    const money::Money refunded = received->refund.value_or(received->value);
    drivers::RefundReceipt slip{"", {}, {{cash.tender, refunded, "", ""}}};
    for (const NoReceiptLine& line : m_no_receipt) {
        auto value = line.unit_value.TimesMilli(line.quantity, money::Rounding::kHalfAwayFromZero);
        std::string name = line.sku.product_name;
        if (!line.sku.variant_name.empty()) name += " " + line.sku.variant_name;
        slip.lines.push_back({std::move(name), line.quantity, value ? *value : money::Money()});
    }
    Finish({"Refunded " + Amount(refunded) + " in cash, without a receipt",
            cash.tender == orders::Tender::kCash, RefundPaper(std::move(slip))});
}

}  // namespace tillbook::pos::app
