#include "sale_controller.hpp"

#include <fmt/format.h>

#include "shop_text.hpp"
#include "tillbook/orders/quantity.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::pos::app {

namespace {

constexpr std::size_t kMostQuickKeys = 48;

bool IsDigits(std::string_view text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string QuantityText(const CartLine& line) {
    if (line.item.line_price) return "1";
    if (line.item.sku.sold_by == catalogue::SoldBy::kWeight)
        return fmt::format("{}.{:03} kg", line.item.quantity / 1000, line.item.quantity % 1000);
    return orders::FormatQuantity(line.item.quantity);
}

std::string DiscountText(const PricedLine& priced, const CartLine& line) {
    if (priced.own_discount.IsZero()) return "";
    std::string text = "-" + Amount(priced.own_discount);
    if (line.discount && line.discount->kind == orders::DiscountKind::kPercent)
        text += " (" + orders::FormatPercent(line.discount->basis_points) + ")";
    return text;
}

// "was £6.50": the line's price before it was changed at the till (without "/kg", which the
// price above it says, so that it fits the price column).
std::string OverrideText(const PricedLine& priced) {
    if (!priced.line.price_overridden_from) return "";
    return "was " + Amount(*priced.line.price_overridden_from);
}

std::string ItemsText(const Cart& cart) {
    std::int64_t items = 0;
    for (const CartLine& line : cart.Lines()) {
        const auto units = orders::ExactUnits(line.item.quantity);
        items += line.item.sku.sold_by == catalogue::SoldBy::kUnit && units && !line.item.line_price
                     ? *units
                     : 1;
    }
    return fmt::format("{} item{}", items, items == 1 ? "" : "s");
}

}  // namespace

void SaleController::Scan(const std::string& code) {
    if (m_context.view.sale.gift_card_open) {
        // A pre-printed gift card scanned into its form: the amount is typed next.
        ShowGiftCardForm(true, code);
        Say("Type the amount to load on the card");
        return;
    }
    auto found = store::FindByScan(m_context.db, code);
    if (!found) {
        const bool barcode = IsDigits(code);
        if (found.error().code == ErrorCode::kInvalidInput) {
            Say(fmt::format("Barcode {} did not read right: scan it again", code));
        } else if (found.error().code == ErrorCode::kNotFound) {
            Say(barcode ? fmt::format("No product with barcode {}", code)
                        : fmt::format("No product with the code {}", code));
        } else {
            Say("The catalogue could not be read: " + found.error().message);
        }
        return;
    }
    if (!found->sku.active) {
        Say(fmt::format("{} is no longer sold", found->sku.product_name));
        return;
    }
    Add(services::ScannedSaleItem(std::move(*found), 1));
}

void SaleController::AddSku(const std::string& code) {
    auto sku = store::FindSku(m_context.db, code);
    if (!sku || !*sku || !(*sku)->active) {
        Say(fmt::format("No product with the code {}", code));
        return;
    }
    const bool weighed = (*sku)->sold_by == catalogue::SoldBy::kWeight;
    const std::string name = (*sku)->product_name;
    Add(orders::SaleItem{std::move(**sku), orders::kMilliPerUnit, std::nullopt});
    if (weighed) Say(fmt::format("Set the weight of {} in kg", name));
}

void SaleController::Add(orders::SaleItem item) {
    const int line_no = m_cart.Add(std::move(item));
    m_selected = line_no;
    Say("");
    Refresh();
}

void SaleController::Search(const std::string& text) {
    m_search = text;
    m_context.view.sale.hits.clear();
    for (const IndexedSku* sku : m_context.catalogue.Search(text)) {
        const std::string price = Amount(money::Money(sku->price_minor, m_context.currency));
        m_context.view.sale.hits.push_back(
            {std::string(sku->code), std::string(sku->name),
             sku->sold_by == catalogue::SoldBy::kWeight ? price + "/kg" : price,
             std::string(sku->barcode)});
    }
}

void SaleController::ChooseCategory(const std::string& category) {
    SaleView& view = m_context.view.sale;
    view.category = category;
    view.quick_keys.clear();
    if (category.empty()) return;
    for (const IndexedSku* sku : m_context.catalogue.InCategory(category, kMostQuickKeys))
        view.quick_keys.push_back({std::string(sku->name), std::string(sku->code)});
}

void SaleController::CatalogueChanged() {
    m_context.view.sale.categories.clear();
    for (const std::string& category : m_context.catalogue.Categories())
        m_context.view.sale.categories.push_back({category, ""});
    Search(m_search);
    ChooseCategory(m_context.view.sale.category);
    Refresh();
}

void SaleController::Select(int line_no) {
    if (m_cart.Find(line_no)) m_selected = line_no;
    Refresh();
}

void SaleController::ChangeQuantity(int line_no, std::int64_t delta_units) {
    CartLine* line = m_cart.Find(line_no);
    if (!line || RefusedForGiftCard(*line, "is one card")) return;
    if (line->item.line_price || line->item.sku.sold_by == catalogue::SoldBy::kWeight) {
        Say(line->item.line_price ? "A priced label is one item: scan another"
                                  : "Weighed goods: set the weight in kg");
        return;
    }
    const std::int64_t quantity = line->item.quantity + delta_units * orders::kMilliPerUnit;
    if (quantity <= 0) {
        Remove(line_no);
        return;
    }
    if (!QuantityFits(quantity, catalogue::SoldBy::kUnit)) {
        Say("That quantity is too large for one line");
        return;
    }
    line->item.quantity = quantity;
    Say("");
    Refresh();
}

void SaleController::SetQuantity(int line_no, const std::string& text) {
    CartLine* line = m_cart.Find(line_no);
    if (!line || RefusedForGiftCard(*line, "is one card")) return;
    if (line->item.line_price) {
        Say("A priced label is one item: scan another");
        return;
    }
    auto quantity = ParseQuantity(text, line->item.sku.sold_by);
    if (!quantity) {
        Say(quantity.error().message);
        return;
    }
    line->item.quantity = *quantity;
    Say("");
    Refresh();
}

void SaleController::Remove(int line_no) {
    if (!m_cart.Remove(line_no)) return;
    if (m_selected == line_no) m_selected.reset();
    Say("");
    Refresh();
}

void SaleController::DiscountLine(int line_no, const std::string& text) {
    const CartLine* line = m_cart.Find(line_no);
    if (!line || RefusedForGiftCard(*line, "is not discounted")) return;
    ApplyDiscount(text, [this, line_no]() -> std::optional<orders::Discount>& {
        return m_cart.Find(line_no)->discount;
    });
}

void SaleController::DiscountOrder(const std::string& text) {
    ApplyDiscount(text,
                  [this]() -> std::optional<orders::Discount>& { return m_cart.order_discount; });
}

void SaleController::ApplyDiscount(const std::string& text,
                                   const std::function<std::optional<orders::Discount>&()>& slot) {
    std::optional<orders::Discount> typed;
    if (!text.empty()) {
        auto parsed = orders::ParseDiscount(text, m_context.currency);
        if (!parsed) {
            Say("Type a discount like 1.50 or 10%");
            return;
        }
        typed = *parsed;
    }
    const auto before = slot();
    slot() = typed;
    Refresh();
    const auto refusal = LimitRefusal();
    if (!refusal || !m_approver.empty()) {
        Say("");
        return;
    }
    // Beyond the cashier's limits: the discount waits for a manager's PIN (the prompt blocks
    // everything else, so the line is still there when it comes).
    const std::string what = "Discount " + text;
    slot() = before;
    Refresh();
    m_approval.Ask(what, *refusal, [this, slot, typed](const app::Approver& approver) {
        slot() = typed;
        m_approver = approver.staff_id;
        Refresh();
        Say(approver.display_name.empty() ? "" : "Discount approved by " + approver.display_name);
    });
}

std::optional<std::string> SaleController::LimitRefusal() const {
    if (!m_priced || !m_context.cashier) return std::nullopt;
    return m_context.discount_limits.Refusal(m_cart, *m_priced, m_context.cashier->role);
}

void SaleController::BeforePay(const std::function<void()>& pay) {
    const auto refusal = LimitRefusal();
    const bool discounts = refusal && m_approver.empty();
    const bool prices = PriceAwaitsApproval();
    if (!m_priced || (!discounts && !prices)) {
        pay();
        return;
    }
    std::string why = prices ? std::string(kPriceNeedsManager) : "";
    if (discounts) why += (why.empty() ? "" : "; ") + *refusal;
    const std::string with = prices && discounts ? "these prices and discounts"
                             : prices            ? "prices changed at the till"
                                                 : "these discounts";
    m_approval.Ask("Pay " + Amount(m_priced->totals.total) + " with " + with, why,
                   [this, pay, discounts, prices](const app::Approver& approver) {
                       if (discounts) m_approver = approver.staff_id;
                       if (prices) m_price_approver = approver.staff_id;
                       pay();
                   });
}

std::string SaleController::Approver() const {
    if (HasPriceOverride() && !m_price_approver.empty()) return m_price_approver;
    return LimitRefusal() ? m_approver : m_void_approver;
}

void SaleController::Clear() {
    if (m_context.view.sale.gift_card_open) ShowGiftCardForm(false, "");
    m_cart.Clear();
    m_approver.clear();
    m_void_approver.clear();
    m_price_approver.clear();
    m_selected.reset();
    Say("");
    Refresh();
}

void SaleController::Restore(Cart cart) {
    m_cart = std::move(cart);
    m_approver.clear();
    m_void_approver.clear();
    m_price_approver.clear();
    m_selected.reset();
    Say("");
    Refresh();
}

void SaleController::Refresh() {
    SaleView& view = m_context.view.sale;
    view.lines.clear();
    view.selected_line = m_selected;
    view.items_text = ItemsText(m_cart);
    view.discount_limit_text = m_context.cashier && m_context.cashier->role != staff::Role::kCashier
                                   ? ""
                                   : m_context.discount_limits.Text();
    auto priced = m_cart.Price(m_context.tax_classes, m_context.currency);
    if (!priced) {
        m_priced.reset();
        view.can_pay = false;
        view.can_park = !m_cart.Empty();
        Say("This sale cannot be priced: " + priced.error().message);
        return;
    }
    m_priced = std::move(*priced);
    const auto& lines = m_cart.Lines();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const PricedLine& priced_line = m_priced->lines[i];
        orders::OrderLine own = priced_line.line;
        own.discount = priced_line.own_discount;
        auto shown = orders::ComputeLineAmounts(own);
        view.lines.push_back({lines[i].line_no, priced_line.line.description,
                              QuantityText(lines[i]),
                              ItemPriceText(lines[i].item, priced_line.line.unit_price),
                              DiscountText(priced_line, lines[i]),
                              shown ? Amount(shown->total) : Amount(priced_line.amounts.total),
                              m_selected == lines[i].line_no, OverrideText(priced_line)});
    }
    view.subtotal_text = Amount(m_priced->subtotal);
    view.order_discount_text =
        m_priced->order_discount.IsZero() ? "" : "-" + Amount(m_priced->order_discount);
    view.vat_text = "VAT " + Amount(m_priced->totals.tax);
    view.total_text = Amount(m_priced->totals.total);
    view.can_pay = !m_cart.Empty();
    view.can_park = !m_cart.Empty();
}

}  // namespace tillbook::pos::app
