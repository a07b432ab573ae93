#pragma once
// The sale screen: scans, search as you type, category quick keys, and the cart (quantities,
// line and order discounts within the cashier's limits), with its totals and VAT.
#include <functional>
#include <optional>
#include <string>

#include "cart.hpp"
#include "till_context.hpp"
#include "tillbook/pos/app/intents.hpp"

namespace tillbook::pos::app {

class SaleController {
  public:
    explicit SaleController(TillContext& context) : m_context(context) {}

    void Scan(const std::string& code);
    void Search(const std::string& text);
    void AddSku(const std::string& code);
    void ChooseCategory(const std::string& category);
    void Select(int line_no);
    void ChangeQuantity(int line_no, std::int64_t delta_units);
    void SetQuantity(int line_no, const std::string& text);
    void Remove(int line_no);
    void DiscountLine(int line_no, const std::string& text);
    void DiscountOrder(const std::string& text);
    void Clear();
    // Puts `cart` in place of the (empty) cart: a recalled sale.
    void Restore(Cart cart);
    // The catalogue in memory changed (a pull): the search and the quick keys again.
    void CatalogueChanged();

    [[nodiscard]] const Cart& GetCart() const { return m_cart; }
    // The cart priced as it stands (nullopt only when the catalogue cannot price it).
    [[nodiscard]] const std::optional<PricedCart>& Priced() const { return m_priced; }
    // Fills in the sale view (and the limit text) from the cart.
    void Refresh();

  private:
    void Add(orders::SaleItem item);
    // Sets the discount in `slot` as typed, unless the cashier's limits refuse the result.
    void ApplyDiscount(const std::string& text,
                       const std::function<std::optional<orders::Discount>&()>& slot);
    void Say(std::string message) { m_context.view.sale.message = std::move(message); }

    TillContext& m_context;
    Cart m_cart;
    std::optional<PricedCart> m_priced;
    std::optional<int> m_selected;
    std::string m_search;
};

}  // namespace tillbook::pos::app
