#pragma once
// The sale in progress: its lines as scanned or picked, the discounts as the cashier typed them,
// and its prices, totals and VAT worked out by the shared order rules (orders::ComputeTotals), an
// order discount spread over the lines exactly (orders::SpreadDiscount). Plain values; no I/O.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "tillbook/catalogue/catalogue.hpp"
#include "tillbook/core/error.hpp"
#include "tillbook/orders/discount.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/orders/till_sale.hpp"
#include "tillbook/services/till_sales.hpp"

namespace tillbook::pos::app {

struct CartLine {
    int line_no = 0;  // stable while the line is in the cart
    orders::SaleItem item;
    std::optional<orders::Discount> discount;
};

struct PricedLine {
    int line_no = 0;
    orders::OrderLine line;     // discount: the line's own plus its share of the order discount
    money::Money gross;         // unit price x quantity, before any discount
    money::Money own_discount;  // the line's own discount
    orders::LineAmounts amounts;
};

struct PricedCart {
    std::vector<PricedLine> lines;
    money::Money subtotal;        // the total before the order discount
    money::Money order_discount;  // spread over the lines
    orders::OrderTotals totals;   // what the customer pays
    [[nodiscard]] money::Money AllDiscounts() const;
};

// A quantity typed for a line: whole units ("3"), or kilograms with up to three decimals for
// goods sold by weight ("0.250"); in milli-units.
[[nodiscard]] Result<std::int64_t> ParseQuantity(std::string_view text, catalogue::SoldBy sold_by);

// Whether `milli` fits on one line: up to 9,999 units, or 99.999 kg.
[[nodiscard]] bool QuantityFits(std::int64_t milli, catalogue::SoldBy sold_by);

class Cart {
  public:
    // Adds an item; one more of an item sold by the unit already in the cart (without a label
    // price, at the same price: not onto a line whose price was changed) goes onto its line. The
    // line's number.
    int Add(orders::SaleItem item);
    // Adds a line as it stands, never onto another (a recalled sale's lines come back as they
    // were).
    int AddLine(orders::SaleItem item, std::optional<orders::Discount> discount);
    [[nodiscard]] CartLine* Find(int line_no);
    bool Remove(int line_no);
    void Clear();
    [[nodiscard]] bool Empty() const { return m_lines.empty(); }
    [[nodiscard]] const std::vector<CartLine>& Lines() const { return m_lines; }

    std::optional<orders::Discount> order_discount;

    // Prices the cart with the tax classes given. Discounts larger than their line or the sale
    // are capped at it.
    [[nodiscard]] Result<PricedCart> Price(std::span<const catalogue::TaxClass> tax_classes,
                                           const money::Currency& currency) const;
    // The lines as the shared sale use case takes them.
    [[nodiscard]] static std::vector<services::CartSaleLine> SaleLines(const Cart& cart,
                                                                       const PricedCart& priced);

  private:
    std::vector<CartLine> m_lines;
    int m_next_line_no = 1;
};

}  // namespace tillbook::pos::app
