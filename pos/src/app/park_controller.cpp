#include "park_controller.hpp"

#include <fmt/format.h>

#include "parked_sales.hpp"
#include "shop_text.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/orders/gift_card_line.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::pos::app {

namespace {

std::string FirstName(const std::string& display_name) {
    return display_name.substr(0, display_name.find(' '));
}

ParkedCart ToParked(const Cart& cart, const PricedCart& priced) {
    ParkedCart parked;
    parked.order_discount = cart.order_discount;
    const auto& lines = cart.Lines();
    for (std::size_t i = 0; i < lines.size() && i < priced.lines.size(); ++i) {
        const orders::SaleItem& item = lines[i].item;
        const auto minor = [](const std::optional<money::Money>& amount) {
            return amount ? std::optional<std::int64_t>(amount->Minor()) : std::nullopt;
        };
        parked.lines.push_back({item.sku.code, priced.lines[i].line.description, item.quantity,
                                priced.lines[i].line.unit_price.Minor(), minor(item.line_price),
                                lines[i].discount, minor(item.price_override),
                                item.kind == orders::LineKind::kGiftCard});
    }
    return parked;
}

std::string Joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const std::string& part : parts)
        text += (text.empty() ? "" : ", ") + part;
    return text;
}

}  // namespace

bool ParkController::Park() {
    if (!m_context.cashier) return false;
    const Cart& cart = m_sale.GetCart();
    if (cart.Empty()) {
        Say("Nothing to park: the cart is empty");
        return false;
    }
    const auto& priced = m_sale.Priced();
    if (!priced) {
        Say("This sale cannot be priced, so it cannot be parked");
        return false;
    }
    ParkedSale sale;
    sale.parked_at = m_context.clock.Now();
    sale.staff_id = m_context.cashier->staff_id;
    sale.staff_name = m_context.cashier->display_name;
    sale.label = fmt::format(
        "{}, {}, parked {} by {}", m_context.view.sale.items_text, Amount(priced->totals.total),
        ClockTime(sale.parked_at, m_context.time_zone), FirstName(sale.staff_name));
    sale.cart = ToParked(cart, *priced);
    auto parked = InsertParkedSale(m_context.db, sale);
    if (!parked) {
        Say("The sale could not be parked: " + parked.error().message);
        return false;
    }
    m_sale.Clear();
    Refresh();
    Say("Parked: " + sale.label);
    return true;
}

bool ParkController::Recall(std::int64_t id) {
    if (!m_context.cashier) return false;
    if (!m_sale.GetCart().Empty()) {
        Say("Park or finish this sale first");
        return false;
    }
    Cart cart;
    std::vector<std::string> changed;
    std::vector<std::string> gone;
    auto taken =
        TakeParkedSale(m_context.db, id, m_context.currency, [&](const ParkedSale& sale) -> Status {
            for (const ParkedLine& line : sale.cart.lines) {
                if (line.gift_card) {
                    // Not in the catalogue: the card and its amount come back as parked.
                    if (!credit::IsCardNumber(line.sku) || line.unit_price_minor <= 0) {
                        gone.push_back(line.description);
                        continue;
                    }
                    cart.AddLine(orders::GiftCardItem(line.sku, money::Money(line.unit_price_minor,
                                                                             m_context.currency)),
                                 std::nullopt);
                    continue;
                }
                auto sku = store::FindSku(m_context.db, line.sku);
                if (!sku) return std::unexpected(sku.error());
                if (!*sku || !(*sku)->active) {
                    gone.push_back(line.description.empty() ? line.sku : line.description);
                    continue;
                }
                orders::SaleItem item{std::move(**sku), line.quantity, std::nullopt};
                if (line.line_price_minor) {
                    item.line_price = money::Money(*line.line_price_minor, m_context.currency);
                } else if (!line.price_override_minor &&
                           item.sku.price.Minor() != line.unit_price_minor) {
                    changed.push_back(fmt::format(
                        "{} {} to {}", line.description.empty() ? line.sku : line.description,
                        Amount(money::Money(line.unit_price_minor, m_context.currency)),
                        Amount(item.sku.price)));
                }
                // A price changed at the till stays as agreed, whatever the catalogue says now
                // (approved again at "Pay"), unless it is the line's own price by now.
                const money::Money own = item.line_price ? *item.line_price : item.sku.price;
                if (line.price_override_minor && *line.price_override_minor != own.Minor())
                    item.price_override =
                        money::Money(*line.price_override_minor, m_context.currency);
                cart.AddLine(std::move(item), line.discount);
            }
            cart.order_discount = sale.cart.order_discount;
            return {};
        });
    if (!taken) {
        Refresh();
        Say(taken.error().code == ErrorCode::kNotFound
                ? taken.error().message
                : "The parked sale could not be recalled: " + taken.error().message);
        return false;
    }
    if (cart.Empty()) cart.order_discount.reset();
    m_sale.Restore(std::move(cart));
    Refresh();
    std::vector<std::string> notes;
    if (!m_context.view.sale.message.empty()) notes.push_back(m_context.view.sale.message);
    if (!changed.empty()) notes.push_back("Price changed since parked: " + Joined(changed));
    if (!gone.empty()) notes.push_back("No longer sold, left out: " + Joined(gone));
    std::string message;
    for (const std::string& note : notes)
        message += (message.empty() ? "" : ". ") + note;
    Say(message.empty() ? "Sale recalled" : message);
    return true;
}

void ParkController::Refresh() {
    auto sales = ListParkedSales(m_context.db);
    m_context.view.sale.parked.clear();
    if (!sales) {
        Say("The parked sales could not be read: " + sales.error().message);
        return;
    }
    for (const ParkedSale& sale : *sales)
        m_context.view.sale.parked.push_back({sale.id, sale.label});
}

}  // namespace tillbook::pos::app
