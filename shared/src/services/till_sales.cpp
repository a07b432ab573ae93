#include "tillbook/services/till_sales.hpp"

#include <fmt/format.h>

#include "tillbook/orders/till_sale.hpp"
#include "tillbook/services/returns_desk.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::services {

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

Result<SaleReceipt> RingUpTillSale(EventSink& sink, std::string_view actor, const Till& till,
                                   std::span<const ScannedLine> lines, orders::Tender tender,
                                   const std::optional<money::Money>& tendered) {
    std::optional<SaleReceipt> receipt;
    auto ok = sink.Run(actor, [&](LedgerSession& session) -> Status {
        std::vector<orders::SaleItem> items;
        for (const ScannedLine& line : lines) {
            auto found = store::FindByScan(session.Db(), line.code);
            if (!found) return std::unexpected(found.error());
            orders::SaleItem item{found->sku, line.quantity_units * orders::kMilliPerUnit,
                                  std::nullopt};
            if (found->embedded_quantity) item.quantity = *found->embedded_quantity;
            if (found->embedded_price_minor)
                item.line_price =
                    money::Money(*found->embedded_price_minor, found->sku.price.GetCurrency());
            items.push_back(std::move(item));
        }
        auto tax_classes = TaxClassesFor(session.Db(), items);
        if (!tax_classes) return std::unexpected(tax_classes.error());
        auto number = NextTillSaleNumber(session, till);
        if (!number) return std::unexpected(number.error());
        const orders::TillSaleContext context{session.NewId(), till.store_location_id,
                                              till.store_code, till.terminal,
                                              *number,         session.Now()};
        auto order = orders::BuildTillSale(context, items, *tax_classes);
        if (!order) return std::unexpected(order.error());
        auto totals = orders::ComputeTotals(*order);
        if (!totals) return std::unexpected(totals.error());

        orders::Payment payment{tender, totals->total, totals->total, "", ""};
        if (tender == orders::Tender::kCash) {
            auto shift = session.State().OpenShiftOf(till.Origin());
            if (!shift) return std::unexpected(shift.error());
            if (*shift) payment.shift_id = (*shift)->id;
            if (tendered) {
                if (tendered->Minor() < totals->total.Minor()) {
                    return std::unexpected(
                        MakeError(ErrorCode::kInvalidInput,
                                  fmt::format("{} tendered is less than the total {}",
                                              money::FormatMoney(*tendered),
                                              money::FormatMoney(totals->total)),
                                  "tendered"));
                }
                payment.tendered = *tendered;
            }
        }
        auto change = payment.tendered.Minus(payment.amount);
        if (!change) return std::unexpected(change.error());
        // One event: the sale and its payment are accepted together or not at all.
        auto appended = session.Append(ledger::OrderPlaced{*order, true, {payment}});
        if (!appended) return std::unexpected(appended.error());
        receipt = SaleReceipt{std::move(*order), totals->total, *change, appended->seq};
        return {};
    });
    if (!ok) return std::unexpected(ok.error());
    return std::move(*receipt);
}

}  // namespace tillbook::services
