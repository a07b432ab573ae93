#include "till_journal.hpp"

#include <fmt/format.h>

#include "till_sync.hpp"
#include "tillbook/orders/till_sale.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::pos {

namespace {
constexpr std::string_view kStoreKey = "till.store_code";
constexpr std::string_view kTerminalKey = "till.terminal";

Result<std::string> NeedSetting(store::Database& db, std::string_view key) {
    auto value = store::GetSetting(db, key);
    if (!value) return std::unexpected(value.error());
    if (!*value) {
        return std::unexpected(MakeError(
            ErrorCode::kNotFound,
            fmt::format("this till is not set up ({} missing); run tillbook-pos init", key)));
    }
    return **value;
}
}  // namespace

Status TillJournal::Setup(store::Database& db, std::string_view store_code,
                          std::string_view terminal) {
    if (terminal.empty() || terminal.size() > 16) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "a terminal name is 1 to 16 characters", "terminal"));
    }
    auto location = store::FindLocationByCode(db, store_code);
    if (!location) return std::unexpected(location.error());
    if (!*location || (*location)->kind != stock::LocationKind::kStore) {
        return std::unexpected(MakeError(
            ErrorCode::kNotFound, fmt::format("no store with the code {}", store_code), "store"));
    }
    if (auto ok = store::PutSetting(db, kStoreKey, store_code); !ok) return ok;
    return store::PutSetting(db, kTerminalKey, terminal);
}

Result<TillJournal> TillJournal::Open(store::Database& db, const ids::Clock& clock,
                                      ids::IdSource& ids) {
    auto store_code = NeedSetting(db, kStoreKey);
    if (!store_code) return std::unexpected(store_code.error());
    auto terminal = NeedSetting(db, kTerminalKey);
    if (!terminal) return std::unexpected(terminal.error());
    auto location = store::FindLocationByCode(db, *store_code);
    if (!location) return std::unexpected(location.error());
    if (!*location)
        return std::unexpected(
            MakeError(ErrorCode::kNotFound, fmt::format("store {} is unknown", *store_code)));
    return TillJournal(db, clock, ids, TillIdentity{*store_code, (*location)->id, *terminal});
}

Result<ledger::Appended> TillJournal::Record(ledger::EventPayload payload, std::string_view actor) {
    auto event = m_origin.Next(m_ledger, actor, std::move(payload));
    if (!event) return std::unexpected(event.error());
    return m_ledger.Append(*event);
}

Result<std::optional<std::string>> TillJournal::OpenShiftId() {
    auto q = m_db.Prepare("SELECT id FROM shifts WHERE terminal = ? AND closed_seq IS NULL");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, m_identity.Origin());
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<std::string>{};
    return std::optional<std::string>{q->Text(0)};
}

Result<std::string> TillJournal::OpenShift(const money::Money& opening_float,
                                           std::string_view actor) {
    const std::string shift_id = m_ids.NextString();
    auto appended = Record(ledger::ShiftOpened{shift_id, m_identity.store_location_id,
                                               m_identity.Origin(), opening_float},
                           actor);
    if (!appended) return std::unexpected(appended.error());
    return shift_id;
}

Result<money::Money> TillJournal::CloseShift(const money::Money& counted, std::string_view actor) {
    auto shift = OpenShiftId();
    if (!shift) return std::unexpected(shift.error());
    if (!*shift)
        return std::unexpected(MakeError(ErrorCode::kNotFound, "no shift is open on this till"));
    auto appended = Record(ledger::ShiftClosed{**shift, counted}, actor);
    if (!appended) return std::unexpected(appended.error());
    auto q = m_db.Prepare("SELECT counted_minor - expected_cash_minor FROM shifts WHERE id = ?");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, **shift);
    auto row = q->Step();
    if (!row) return std::unexpected(row.error());
    return money::Money(q->Int64(0), counted.GetCurrency());  // variance: + over, - short
}

Result<SaleResult> TillJournal::Sell(std::span<const ScannedLine> lines, orders::Tender tender,
                                     std::optional<money::Money> tendered, std::string_view actor) {
    std::vector<orders::SaleItem> items;
    for (const ScannedLine& line : lines) {
        auto found = store::FindByScan(m_db, line.code);
        if (!found) return std::unexpected(found.error());
        orders::SaleItem item{found->sku, line.quantity_units * orders::kMilliPerUnit,
                              std::nullopt};
        if (found->embedded_quantity) item.quantity = *found->embedded_quantity;
        if (found->embedded_price_minor)
            item.line_price =
                money::Money(*found->embedded_price_minor, found->sku.price.GetCurrency());
        items.push_back(std::move(item));
    }
    std::vector<catalogue::TaxClass> tax_classes;
    for (const orders::SaleItem& item : items) {
        auto tax = store::FindTaxClass(m_db, item.sku.tax_class);
        if (!tax) return std::unexpected(tax.error());
        if (*tax) tax_classes.push_back(**tax);
    }
    auto sale_number =
        m_db.Prepare("SELECT count(*) + 1 FROM ledger WHERE origin = ? AND kind = ?");
    if (!sale_number) return std::unexpected(sale_number.error());
    sale_number->Bind(1, m_identity.Origin())
        .Bind(2, static_cast<std::int64_t>(ledger::EventKind::kOrderPlaced));
    if (auto row = sale_number->Step(); !row) return std::unexpected(row.error());
    const orders::TillSaleContext context{m_ids.NextString(),    m_identity.store_location_id,
                                          m_identity.store_code, m_identity.terminal,
                                          sale_number->Int64(0), m_clock.Now()};
    auto order = orders::BuildTillSale(context, items, tax_classes);
    if (!order) return std::unexpected(order.error());
    auto totals = orders::ComputeTotals(*order);
    if (!totals) return std::unexpected(totals.error());

    orders::Payment payment{tender, totals->total, totals->total, "", ""};
    if (tender == orders::Tender::kCash) {
        // With no shift open the ledger refuses the cash, as the back office does.
        auto shift = OpenShiftId();
        if (!shift) return std::unexpected(shift.error());
        payment.shift_id = shift->value_or("");
        if (tendered) {
            if (tendered->Minor() < totals->total.Minor()) {
                return std::unexpected(MakeError(
                    ErrorCode::kInvalidInput,
                    fmt::format("{} tendered is less than the total {}",
                                money::FormatMoney(*tendered), money::FormatMoney(totals->total)),
                    "tendered"));
            }
            payment.tendered = *tendered;
        }
    }
    auto change = payment.tendered.Minus(payment.amount);
    if (!change) return std::unexpected(change.error());

    // One event: the sale and its payment are accepted together or not at all.
    auto appended = Record(ledger::OrderPlaced{*order, true, {payment}}, actor);
    if (!appended) return std::unexpected(appended.error());
    return SaleResult{std::move(*order), totals->total, *change, appended->seq};
}

Result<TillStatus> TillJournal::ReadStatus() {
    TillStatus status;
    status.identity = m_identity;
    auto events = m_db.QueryInt64("SELECT count(*) FROM ledger");
    if (!events) return std::unexpected(events.error());
    status.events = *events;
    auto backlog = TillSync(m_db, m_identity.Origin(), m_clock).ReadBacklog();
    if (!backlog) return std::unexpected(backlog.error());
    status.unsent_events = backlog->unsent;
    status.oldest_unsent_at = backlog->oldest_unsent_at;
    status.rejected_events = backlog->rejected;
    auto sales = m_db.Prepare("SELECT count(*) FROM orders WHERE channel = ?");
    if (!sales) return std::unexpected(sales.error());
    sales->Bind(1, orders::StoreChannel(m_identity.store_code));
    if (auto row = sales->Step(); !row) return std::unexpected(row.error());
    status.sales = sales->Int64(0);
    auto shift = m_db.Prepare(
        "SELECT id, expected_cash_minor, currency FROM shifts WHERE terminal = ? AND closed_seq IS "
        "NULL");
    if (!shift) return std::unexpected(shift.error());
    shift->Bind(1, m_identity.Origin());
    auto row = shift->Step();
    if (!row) return std::unexpected(row.error());
    if (*row) {
        status.open_shift = shift->Text(0);
        auto currency = money::FindCurrency(shift->Text(2));
        if (!currency) return std::unexpected(currency.error());
        status.expected_cash = money::Money(shift->Int64(1), *currency);
    }
    return status;
}

}  // namespace tillbook::pos
