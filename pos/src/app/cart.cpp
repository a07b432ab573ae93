#include "cart.hpp"

#include <algorithm>

namespace tillbook::pos::app {

namespace {

constexpr std::int64_t kMostUnits = 9999;
constexpr std::int64_t kMostGrams = 99'999;

Error BadQuantity(std::string message) {
    return MakeError(ErrorCode::kInvalidInput, std::move(message), "quantity");
}

money::Money Capped(const Result<money::Money>& off, const money::Money& base) {
    if (off && off->Minor() <= base.Minor()) return *off;
    return base;
}

}  // namespace

money::Money PricedCart::AllDiscounts() const {
    std::int64_t sum = order_discount.Minor();
    for (const PricedLine& line : lines)
        sum += line.own_discount.Minor();
    return money::Money(sum, order_discount.GetCurrency());
}

Result<std::int64_t> ParseQuantity(std::string_view text, catalogue::SoldBy sold_by) {
    const bool weighed = sold_by == catalogue::SoldBy::kWeight;
    const auto dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
    const auto digits = [](std::string_view part) {
        return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (whole.empty() || whole.size() > 6 || !digits(whole) || !digits(fraction) ||
        (dot != std::string_view::npos && (fraction.empty() || !weighed)) || fraction.size() > 3) {
        return std::unexpected(BadQuantity(weighed ? "Type the weight in kg, like 0.250"
                                                   : "Type a whole number of items, like 3"));
    }
    std::int64_t milli = 0;
    for (const char c : whole)
        milli = milli * 10 + (c - '0');
    milli *= orders::kMilliPerUnit;
    std::int64_t scale = 100;
    for (const char c : fraction) {
        milli += (c - '0') * scale;
        scale /= 10;
    }
    if (milli <= 0) return std::unexpected(BadQuantity("A quantity must be more than nothing"));
    if (!QuantityFits(milli, sold_by))
        return std::unexpected(BadQuantity("That quantity is too large for one line"));
    return milli;
}

bool QuantityFits(std::int64_t milli, catalogue::SoldBy sold_by) {
    return milli <= (sold_by == catalogue::SoldBy::kWeight ? kMostGrams
                                                           : kMostUnits * orders::kMilliPerUnit);
}

int Cart::Add(orders::SaleItem item) {
    if (item.sku.sold_by == catalogue::SoldBy::kUnit && !item.line_price &&
        item.kind == orders::LineKind::kGoods) {
        for (CartLine& line : m_lines) {
            if (line.item.kind == orders::LineKind::kGoods && line.item.sku.code == item.sku.code &&
                !line.item.line_price && line.item.price_override == item.price_override &&
                line.item.quantity + item.quantity <= kMostUnits * orders::kMilliPerUnit) {
                line.item.quantity += item.quantity;
                return line.line_no;
            }
        }
    }
    m_lines.push_back({m_next_line_no++, std::move(item), std::nullopt});
    return m_lines.back().line_no;
}

int Cart::AddLine(orders::SaleItem item, std::optional<orders::Discount> discount) {
    m_lines.push_back({m_next_line_no++, std::move(item), std::move(discount)});
    return m_lines.back().line_no;
}

CartLine* Cart::Find(int line_no) {
    const auto it = std::find_if(m_lines.begin(), m_lines.end(),
                                 [&](const CartLine& line) { return line.line_no == line_no; });
    return it == m_lines.end() ? nullptr : &*it;
}

bool Cart::Remove(int line_no) {
    return std::erase_if(m_lines, [&](const CartLine& line) { return line.line_no == line_no; }) >
           0;
}

void Cart::Clear() {
    m_lines.clear();
    order_discount.reset();
}

Result<PricedCart> Cart::Price(std::span<const catalogue::TaxClass> tax_classes,
                               const money::Currency& currency) const {
    PricedCart priced;
    const money::Money zero(0, currency);
    priced.subtotal = zero;
    priced.order_discount = zero;
    priced.totals.total = zero;
    priced.totals.tax = zero;
    if (m_lines.empty()) return priced;
    std::vector<orders::SaleItem> items;
    items.reserve(m_lines.size());
    for (const CartLine& line : m_lines)
        items.push_back(line.item);
    auto lines = orders::PriceSaleItems(items, tax_classes);
    if (!lines) return std::unexpected(lines.error());
    orders::Order order;
    order.currency = currency.code;
    std::vector<money::Money> after_own;
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        PricedLine line{m_lines[i].line_no, std::move((*lines)[i]), zero, zero, {}};
        auto gross =
            line.line.unit_price.TimesMilli(line.line.quantity, money::Rounding::kHalfAwayFromZero);
        if (!gross) return std::unexpected(gross.error());
        line.gross = *gross;
        // A gift card takes no discount, its own or a share of the order's (spread over 0).
        const bool gift_card = m_lines[i].item.kind == orders::LineKind::kGiftCard;
        if (m_lines[i].discount && !gift_card)
            line.own_discount = Capped(orders::DiscountOff(*m_lines[i].discount, *gross), *gross);
        line.line.discount = line.own_discount;
        after_own.push_back(
            money::Money(gift_card ? 0 : gross->Minor() - line.own_discount.Minor(), currency));
        order.lines.push_back(line.line);
        priced.lines.push_back(std::move(line));
    }
    auto before = orders::ComputeTotals(order);
    if (!before) return std::unexpected(before.error());
    priced.subtotal = before->total;
    if (order_discount) {
        std::int64_t base = 0;
        for (const money::Money& amount : after_own)
            base += amount.Minor();
        const money::Money whole(base, currency);
        priced.order_discount = Capped(orders::DiscountOff(*order_discount, whole), whole);
        auto shares = orders::SpreadDiscount(priced.order_discount, after_own);
        if (!shares) return std::unexpected(shares.error());
        for (std::size_t i = 0; i < priced.lines.size(); ++i) {
            priced.lines[i].line.discount =
                money::Money(priced.lines[i].own_discount.Minor() + (*shares)[i].Minor(), currency);
            order.lines[i].discount = priced.lines[i].line.discount;
        }
    }
    auto totals = orders::ComputeTotals(order);
    if (!totals) return std::unexpected(totals.error());
    for (std::size_t i = 0; i < priced.lines.size(); ++i)
        priced.lines[i].amounts = totals->lines[i];
    priced.totals = std::move(*totals);
    return priced;
}

std::vector<services::CartSaleLine> Cart::SaleLines(const Cart& cart, const PricedCart& priced) {
    std::vector<services::CartSaleLine> lines;
    for (std::size_t i = 0; i < cart.m_lines.size() && i < priced.lines.size(); ++i)
        lines.push_back({cart.m_lines[i].item, priced.lines[i].line.discount});
    return lines;
}

}  // namespace tillbook::pos::app
