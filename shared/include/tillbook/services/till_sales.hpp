#pragma once
// Ringing up a sale at a till: the codes scanned or typed, priced from the till's catalogue, paid
// with one tender, journalled as one OrderPlaced event with its payment.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "tillbook/orders/order.hpp"
#include "tillbook/orders/tender_settlement.hpp"
#include "tillbook/orders/till_sale.hpp"
#include "tillbook/services/ledger_session.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::services {

// Which till this is: its store and its name there.
struct Till {
    std::string store_code;  // "S01"
    std::string store_location_id;
    std::string terminal;  // "T1"
    [[nodiscard]] std::string Origin() const {
        return ledger::TerminalOrigin(store_code, terminal);
    }
};

struct ScannedLine {
    std::string code;                 // barcode (EAN/UPC, a deli-scale label) or SKU
    std::int64_t quantity_units = 1;  // how many of it
};

struct SaleReceipt {
    orders::Order order;
    money::Money total;
    money::Money change;
    std::int64_t seq = 0;
};

// The sale item a scan stands for: `quantity_units` of the SKU, or what a weighed label's weight
// or a priced label's price says.
[[nodiscard]] orders::SaleItem ScannedSaleItem(store::ScannedItem found,
                                               std::int64_t quantity_units);

// The till's next sale number: one above the orders it has made (sales and exchanges).
[[nodiscard]] Result<std::int64_t> NextTillSaleNumber(LedgerSession& session, const Till& till);

// Cash goes into the open shift's drawer (with none open the ledger refuses it); `tendered` is the
// cash handed over, at least the total (change = tendered - total). Card takes exactly the total.
[[nodiscard]] Result<SaleReceipt> RingUpTillSale(EventSink& sink, const ledger::Actor& actor,
                                                 const Till& till,
                                                 std::span<const ScannedLine> lines,
                                                 orders::Tender tender,
                                                 const std::optional<money::Money>& tendered);

// A line of the till's cart as the cashier agreed it: the item priced as the cart showed it (the
// SKU as it was when scanned) and the discount the line carries, an order discount's share
// included.
struct CartSaleLine {
    orders::SaleItem item;
    money::Money discount;  // >= 0, at most the line's amount
};

// Places a till sale paid with one or more tenders (orders::SettleTenders' rules) as ONE
// OrderPlaced event with all its payments, handed over: the payments must cover the total. Cash
// goes into the open shift's drawer (with none open the ledger refuses it).
[[nodiscard]] Result<SaleReceipt> PlaceTillSale(EventSink& sink, const ledger::Actor& actor,
                                                const Till& till,
                                                std::span<const CartSaleLine> lines,
                                                std::span<const orders::TenderedPayment> tendered);

}  // namespace tillbook::services
