#include "tillbook/services/till_sales.hpp"

#include <fmt/format.h>

#include <functional>

#include "tillbook/orders/till_sale.hpp"
#include "tillbook/services/returns_desk.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::services {

orders::SaleItem ScannedSaleItem(store::ScannedItem found, std::int64_t quantity_units) {
    orders::SaleItem item{std::move(found.sku), quantity_units * orders::kMilliPerUnit,
                          std::nullopt};
    if (found.embedded_quantity) item.quantity = *found.embedded_quantity;
    if (found.embedded_price_minor)
        item.line_price = money::Money(*found.embedded_price_minor, item.sku.price.GetCurrency());
    return item;
}

Result<std::int64_t> NextTillSaleNumber(LedgerSession& session, const Till& till) {
    auto made =
        session.Db().Prepare("SELECT count(*) + 1 FROM ledger WHERE origin = ? AND kind IN (?, ?)");
    if (!made) return std::unexpected(made.error());
    made->Bind(1, till.Origin())
        .Bind(2, static_cast<std::int64_t>(ledger::EventKind::kOrderPlaced))
        .Bind(3, static_cast<std::int64_t>(ledger::EventKind::kExchangeCompleted));
    if (auto row = made->Step(); !row) return std::unexpected(row.error());
    return made->Int64(0);
}

namespace {

struct PricedSale {
    orders::Order order;
    orders::OrderTotals totals;
};

// The order of a till sale: the items priced as given, each line with its discount, numbered by
// the till.
Result<PricedSale> PriceTillOrder(LedgerSession& session, const Till& till,
                                  std::span<const orders::SaleItem> items,
                                  std::span<const money::Money> discounts) {
    auto tax_classes = TaxClassesFor(session.Db(), items);
    if (!tax_classes) return std::unexpected(tax_classes.error());
    auto number = NextTillSaleNumber(session, till);
    if (!number) return std::unexpected(number.error());
    const orders::TillSaleContext context{session.NewId(), till.store_location_id,
                                          till.store_code, till.terminal,
                                          *number,         session.Now()};
    auto order = orders::BuildTillSale(context, items, *tax_classes);
    if (!order) return std::unexpected(order.error());
    for (std::size_t i = 0; i < discounts.size() && i < order->lines.size(); ++i)
        order->lines[i].discount = discounts[i];
    auto totals = orders::ComputeTotals(*order);
    if (!totals) return std::unexpected(totals.error());
    return PricedSale{std::move(*order), std::move(*totals)};
}

// Appends the sale and its payments as one event: accepted together or not at all.
Result<SaleReceipt> AppendTillSale(LedgerSession& session, const Till& till, PricedSale sale,
                                   orders::Settlement settlement) {
    if (!settlement.Covered()) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      fmt::format("{} is still due of {}", money::FormatMoney(settlement.remaining),
                                  money::FormatMoney(sale.totals.total)),
                      "payments"));
    }
    for (orders::Payment& payment : settlement.payments) {
        if (payment.tender != orders::Tender::kCash) continue;
        auto shift = session.State().OpenShiftOf(till.Origin());
        if (!shift) return std::unexpected(shift.error());
        if (*shift) payment.shift_id = (*shift)->id;
    }
    auto appended =
        session.Append(ledger::OrderPlaced{sale.order, true, std::move(settlement.payments)});
    if (!appended) return std::unexpected(appended.error());
    return SaleReceipt{std::move(sale.order), sale.totals.total, settlement.change, appended->seq};
}

// What a sale's use case works out inside its transaction: the order, priced, and its tenders.
struct PricedTenders {
    PricedSale sale;
    std::vector<orders::TenderedPayment> tendered;
};
using PriceWork = std::function<Result<PricedTenders>(LedgerSession&)>;

// Prices the sale, settles its tenders and appends it, in one transaction of `sink`.
Result<SaleReceipt> RunTillSale(EventSink& sink, const ledger::Actor& actor, const Till& till,
                                const PriceWork& price) {
    std::optional<SaleReceipt> receipt;
    auto ok = sink.Run(actor, [&](LedgerSession& session) -> Status {
        auto priced = price(session);
        if (!priced) return std::unexpected(priced.error());
        auto settlement = orders::SettleTenders(priced->sale.totals.total, priced->tendered);
        if (!settlement) return std::unexpected(settlement.error());
        auto placed =
            AppendTillSale(session, till, std::move(priced->sale), std::move(*settlement));
        if (!placed) return std::unexpected(placed.error());
        receipt = std::move(*placed);
        return {};
    });
    if (!ok) return std::unexpected(ok.error());
    return std::move(*receipt);
}

}  // namespace

Result<SaleReceipt> RingUpTillSale(EventSink& sink, const ledger::Actor& actor, const Till& till,
                                   std::span<const ScannedLine> lines, orders::Tender tender,
                                   const std::optional<money::Money>& tendered) {
    return RunTillSale(sink, actor, till, [&](LedgerSession& session) -> Result<PricedTenders> {
        std::vector<orders::SaleItem> items;
        for (const ScannedLine& line : lines) {
            auto found = store::FindByScan(session.Db(), line.code);
            if (!found) return std::unexpected(found.error());
            items.push_back(ScannedSaleItem(std::move(*found), line.quantity_units));
        }
        auto sale = PriceTillOrder(session, till, items, {});
        if (!sale) return std::unexpected(sale.error());
        const money::Money total = sale->totals.total;
        orders::TenderedPayment payment{tender, total, ""};
        if (tender == orders::Tender::kCash && tendered) {
            if (tendered->Minor() < total.Minor()) {
                return std::unexpected(
                    MakeError(ErrorCode::kInvalidInput,
                              fmt::format("{} tendered is less than the total {}",
                                          money::FormatMoney(*tendered), money::FormatMoney(total)),
                              "tendered"));
            }
            payment.given = *tendered;
        }
        return PricedTenders{std::move(*sale), {payment}};
    });
}

Result<SaleReceipt> PlaceTillSale(EventSink& sink, const ledger::Actor& actor, const Till& till,
                                  std::span<const CartSaleLine> lines,
                                  std::span<const orders::TenderedPayment> tendered) {
    return RunTillSale(sink, actor, till, [&](LedgerSession& session) -> Result<PricedTenders> {
        std::vector<orders::SaleItem> items;
        std::vector<money::Money> discounts;
        for (const CartSaleLine& line : lines) {
            items.push_back(line.item);
            discounts.push_back(line.discount);
        }
        auto sale = PriceTillOrder(session, till, items, discounts);
        if (!sale) return std::unexpected(sale.error());
        return PricedTenders{std::move(*sale), {tendered.begin(), tendered.end()}};
    });
}

}  // namespace tillbook::services
