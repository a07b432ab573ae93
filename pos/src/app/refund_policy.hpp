#pragma once
// The store's policy for the returns desk, from the office's settings (README, "The till's
// settings"): which tenders a refund may go to and in which order (`till.refund_tenders`,
// default "original,cash,card"), whether this till's own sales may come back while the office is
// offline (`till.offline_own_returns`, default true), the refund above which a manager approves
// (`till.refund_approval_above`, default "100.00") and the most a return without a receipt may
// refund (`till.no_receipt_limit`, default "50.00").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/money/money.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::pos::app {

// A way the refund can go back, as the cashier is offered it.
struct RefundTender {
    orders::Tender tender = orders::Tender::kCash;
    std::string label;  // "Cash", "Card (original)", "Original: refunded on Shopify"
};

// What the policy needs to know of the order coming back.
struct OrderPaidWith {
    std::string channel;                  // "store:S01", "shopify"
    std::vector<orders::Tender> tenders;  // a till sale's payments; empty when not known
};

struct RefundPolicy {
    // The policy's words, in order: "original", "cash", "card". (Store credit joins here.)
    std::vector<std::string> tenders{"original", "cash", "card"};
    bool offline_own_returns = true;
    money::Money approval_above{10000, money::Currency{"GBP", 2}};
    money::Money no_receipt_limit{5000, money::Currency{"GBP", 2}};

    // The settings as pulled; a missing or unreadable one keeps its default.
    [[nodiscard]] static RefundPolicy Load(store::Database& db, const money::Currency& currency);

    // The tenders a refund of `order` may go to, in the policy's order, each once: "original" is
    // the channel for an online order (refunded there, no money at the till) and what a till sale
    // was paid with (when it was cash or card).
    [[nodiscard]] std::vector<RefundTender> RefundTenders(const OrderPaidWith& order) const;
    // Without a receipt: cash only (store credit once the office holds it).
    [[nodiscard]] std::vector<RefundTender> NoReceiptTenders() const;
    // What the customer may pay an exchange's difference with.
    [[nodiscard]] std::vector<RefundTender> PayTenders() const;
};

// "Cash", "Card", "Store credit" as receipts print them; a channel by its name: "Shopify".
[[nodiscard]] std::string TenderWord(orders::Tender tender, std::string_view channel = {});

}  // namespace tillbook::pos::app
