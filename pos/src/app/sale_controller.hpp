#pragma once
// The sale screen: scans, search as you type, category quick keys, and the cart (quantities,
// line and order discounts within the cashier's limits, or beyond them with a manager's approval),
// with its totals and VAT.
#include <functional>
#include <optional>
#include <string>

#include "approval_controller.hpp"
#include "cart.hpp"
#include "till_context.hpp"
#include "tillbook/pos/app/intents.hpp"

namespace tillbook::pos::app {

// Why a price changed at the till waits for a manager (a cashier's, or one recalled).
inline constexpr std::string_view kPriceNeedsManager =
    "A price changed at the till needs a manager";

// An item's unit price as the cart shows it: "£6.50", "£12.00/kg" for weighed goods.
[[nodiscard]] std::string ItemPriceText(const orders::SaleItem& item, const money::Money& price);

class SaleController {
  public:
    SaleController(TillContext& context, ApprovalController& approval)
        : m_context(context), m_approval(approval) {}

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
    // A new unit price typed for a line ("4.50"; per kg for weighed goods): a cashier's needs a
    // manager's approval, a manager signed in changes it at once. The line's own price again, or
    // nothing typed, takes the change back (no approval needed).
    void OverridePrice(int line_no, const std::string& text);
    void Clear();
    // Puts `cart` in place of the (empty) cart: a recalled sale.
    void Restore(Cart cart);
    // The catalogue in memory changed (a pull): the search and the quick keys again.
    void CatalogueChanged();

    // Selling a gift card (sale_gift_card.cpp): the form opens; a card scanned while it is open
    // goes into its number field; "Add gift card" puts the card (typed or scanned, or a new
    // number when none) in the cart loaded with the amount typed.
    void OpenGiftCard();
    void AddGiftCard(const std::string& card_text, const std::string& amount_text);
    void CancelGiftCard();
    // Whether the cart sells a gift card (store credit cannot pay for it).
    [[nodiscard]] bool SellsGiftCard() const;

    [[nodiscard]] const Cart& GetCart() const { return m_cart; }
    // The cart priced as it stands (nullopt only when the catalogue cannot price it).
    [[nodiscard]] const std::optional<PricedCart>& Priced() const { return m_priced; }
    // Fills in the sale view (and the limit text) from the cart.
    void Refresh();
    // The event has one approver: the manager who approved a price changed at the till while
    // the cart has one (the latest, when several managers approved prices); else the one who
    // approved the cart's discounts beyond the cashier's limits, while the cart still needs that
    // approval; else the one who approved a void after payment started; empty when none did.
    // The office asks for an approver only for a changed price (and no-receipt returns), so the
    // price's approver is the one kept when different managers approved different things.
    [[nodiscard]] std::string Approver() const;
    // A manager approved voiding goods after payment started: the sale records them as approver.
    void VoidApproved(const std::string& approver) { m_void_approver = approver; }
    // Runs `pay` at once, or after a manager's approval when the cart's discounts are beyond the
    // cashier's limits, or it has a price changed at the till, and nobody approved them yet (a
    // recalled sale, say).
    void BeforePay(const std::function<void()>& pay);

  private:
    void Add(orders::SaleItem item);
    // The gift card's form, open or shut; a new generation empties it with `prefill`.
    void ShowGiftCardForm(bool open, const std::string& prefill);
    // A gift card's line is one card at its amount: nothing to change, said when tried.
    [[nodiscard]] bool RefusedForGiftCard(const CartLine& line, std::string_view what);
    // Sets the discount in `slot` as typed, unless the cashier's limits refuse the result.
    void ApplyDiscount(const std::string& text,
                       const std::function<std::optional<orders::Discount>&()>& slot);
    void Say(std::string message) { m_context.view.sale.message = std::move(message); }

    [[nodiscard]] std::optional<std::string> LimitRefusal() const;
    // The line's description as priced ("" when the cart cannot be priced).
    [[nodiscard]] std::string LineName(int line_no) const;
    // Whether a line's price was changed at the till.
    [[nodiscard]] bool HasPriceOverride() const;
    // Whether a price changed at the till still waits for a manager: a cashier is signed in and
    // no manager approved one (a recalled sale, or one a manager started).
    [[nodiscard]] bool PriceAwaitsApproval() const;

    TillContext& m_context;
    ApprovalController& m_approval;
    Cart m_cart;
    std::string m_approver;        // approved the discounts beyond the cashier's limits
    std::string m_void_approver;   // approved voiding goods after payment started
    std::string m_price_approver;  // approved the latest price changed at the till
    std::optional<PricedCart> m_priced;
    std::optional<int> m_selected;
    std::string m_search;
};

}  // namespace tillbook::pos::app
