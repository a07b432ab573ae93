// The sale screen's price override: a new unit price for a line, a cashier's always with a
// manager's approval (ApprovalController), kept on the sale item so that the journalled line
// carries the price it replaced (OrderLine::price_overridden_from) and a parked sale keeps it.
#include <fmt/format.h>

#include <algorithm>

#include "sale_controller.hpp"
#include "shop_text.hpp"

namespace tillbook::pos::app {

namespace {

constexpr std::int64_t kMostPriceMinor = 9'999'999;  // £99,999.99, or as much in another currency

// The line's own price: the label's for a price-embedded label, else the catalogue's (per kg for
// weighed goods).
money::Money OwnPrice(const orders::SaleItem& item) {
    return item.line_price ? *item.line_price : item.sku.price;
}

}  // namespace

void SaleController::OverridePrice(int line_no, const std::string& text) {
    CartLine* line = m_cart.Find(line_no);
    if (!line) return;
    const money::Money own = OwnPrice(line->item);
    const auto take_back = [&](std::string unchanged) {
        if (!line->item.price_override) {
            Say(std::move(unchanged));
            return;
        }
        line->item.price_override.reset();
        Refresh();
        Say("Price back to " + ItemPriceText(line->item, own));
    };
    if (text.empty()) {
        take_back("Type the new price on the keypad, then Price");
        return;
    }
    auto price = money::ParseMoney(text, m_context.currency);
    if (!price || price->Minor() <= 0) {
        Say("Type a price above nothing, like 4.50");
        return;
    }
    if (price->Minor() > kMostPriceMinor) {
        Say("That price is too large for one line");
        return;
    }
    if (*price == own) {
        take_back("That is its price already: " + ItemPriceText(line->item, own));
        return;
    }
    const money::Money was = line->item.price_override.value_or(own);
    if (*price == was) {
        Say("");
        return;
    }
    const std::string what =
        fmt::format("Price of {}: {} to {}", LineName(line_no), ItemPriceText(line->item, was),
                    ItemPriceText(line->item, *price));
    // The prompt blocks everything else, so the line is still there when the PIN comes.
    m_approval.Ask(what, std::string(kPriceNeedsManager),
                   [this, line_no, price = *price](const app::Approver& approver) {
                       CartLine* approved = m_cart.Find(line_no);
                       if (!approved) return;
                       approved->item.price_override = price;
                       if (!approver.staff_id.empty()) m_price_approver = approver.staff_id;
                       Refresh();
                       // Short enough for the message line at 1024x768; the line itself
                       // shows the price it was.
                       Say(approver.display_name.empty()
                               ? "Price changed from " +
                                     ItemPriceText(approved->item, OwnPrice(approved->item))
                               : "Price changed, approved by " + approver.display_name);
                   });
}

std::string ItemPriceText(const orders::SaleItem& item, const money::Money& price) {
    return item.sku.sold_by == catalogue::SoldBy::kWeight && !item.line_price
               ? Amount(price) + "/kg"
               : Amount(price);
}

std::string SaleController::LineName(int line_no) const {
    if (!m_priced) return "";
    for (const PricedLine& line : m_priced->lines) {
        if (line.line_no == line_no) return line.line.description;
    }
    return "";
}

bool SaleController::HasPriceOverride() const {
    return std::any_of(m_cart.Lines().begin(), m_cart.Lines().end(),
                       [](const CartLine& line) { return line.item.price_override.has_value(); });
}

bool SaleController::PriceAwaitsApproval() const {
    return HasPriceOverride() && m_price_approver.empty() && m_context.cashier &&
           m_context.cashier->role != staff::Role::kManager;
}

}  // namespace tillbook::pos::app
