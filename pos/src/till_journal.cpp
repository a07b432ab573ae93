#include "tillbook/pos/till_journal.hpp"

#include <fmt/format.h>

#include "tillbook/orders/till_sale.hpp"
#include "tillbook/pos/till_sync.hpp"
#include "tillbook/queries/shift_summary.hpp"
#include "tillbook/services/cash_shifts.hpp"
#include "tillbook/services/returns_desk.hpp"
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

Result<std::string> TillJournal::OpenShift(const money::Money& opening_float,
                                           const ledger::Actor& actor) {
    return services::OpenShift(m_sink, actor,
                               {m_identity.store_location_id, m_identity.Origin(), opening_float});
}

Status TillJournal::MoveCash(ledger::CashMovementKind kind, const money::Money& amount,
                             const std::string& reason, const ledger::Actor& actor) {
    auto moved = services::MoveCash(m_sink, actor, m_identity.Origin(), kind, amount, reason);
    if (!moved) return std::unexpected(moved.error());
    return {};
}

Status TillJournal::RecordNoSale(const ledger::Actor& actor) {
    auto recorded = services::RecordDrawerOpened(m_sink, actor, m_identity.Origin(), "No sale");
    if (!recorded) return std::unexpected(recorded.error());
    return {};
}

Result<money::Money> TillJournal::CloseShift(const money::Money& counted,
                                             const ledger::Actor& actor) {
    auto cash_up = services::CloseShift(m_sink, actor, m_identity.Origin(), counted);
    if (!cash_up) return std::unexpected(cash_up.error());
    return cash_up->variance;
}

Result<SaleResult> TillJournal::Sell(std::span<const ScannedLine> lines, orders::Tender tender,
                                     std::optional<money::Money> tendered,
                                     const ledger::Actor& actor) {
    return services::RingUpTillSale(m_sink, actor, m_identity, lines, tender, tendered);
}

Result<SaleResult> TillJournal::PlaceSale(std::span<const services::CartSaleLine> lines,
                                          std::span<const orders::TenderedPayment> tendered,
                                          const ledger::Actor& actor) {
    return services::PlaceTillSale(m_sink, actor, m_identity, lines, tendered);
}

Result<std::int64_t> TillJournal::RefundReturnReceivedAtOffice(const std::string& order_id,
                                                               const std::string& return_id,
                                                               const orders::Refund& refund,
                                                               const ledger::Actor& actor) {
    return services::RefundReturnReceivedAtOffice(m_sink, actor, m_identity.Origin(), order_id,
                                                  return_id, refund);
}

Result<std::optional<services::DeskTender>> TillJournal::AtThisTill(
    const std::optional<services::DeskTender>& tender) {
    if (!tender || tender->tender != orders::Tender::kCash || !tender->shift_id.empty())
        return tender;
    auto shift = queries::OpenShiftSummary(m_db, m_identity.Origin());
    if (!shift) return std::unexpected(shift.error());
    if (!*shift)
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "no shift is open on this till: cash cannot go out"));
    return services::DeskTender{orders::Tender::kCash, (*shift)->shift_id};
}

Result<services::ReturnReceipt> TillJournal::ReceiveReturn(
    const orders::Return& ret, const std::optional<services::DeskTender>& refund_to,
    const ledger::Actor& actor) {
    auto tender = AtThisTill(refund_to);
    if (!tender) return std::unexpected(tender.error());
    return services::ReceiveReturn(m_sink, actor, ret, *tender);
}

Result<services::ExchangeReceipt> TillJournal::CompleteExchange(
    const orders::Return& ret, std::span<const orders::SaleItem> new_goods,
    const std::optional<services::DeskTender>& tender, const ledger::Actor& actor) {
    auto to = AtThisTill(tender);
    if (!to) return std::unexpected(to.error());
    const TillIdentity till = m_identity;
    return services::CompleteExchange(
        m_sink, actor, ret, new_goods, *to,
        [till](services::LedgerSession& session) -> Result<orders::StoreSale> {
            auto number = services::NextTillSaleNumber(session, till);
            if (!number) return std::unexpected(number.error());
            return orders::StoreSale{
                session.NewId(), orders::TillOrderNumber(till.store_code, till.terminal, *number),
                till.store_code, till.store_location_id, session.Now()};
        });
}

Result<std::vector<orders::Tender>> TillJournal::TendersOf(std::string_view order_id) {
    auto q = m_db.Prepare(
        "SELECT tender FROM payments WHERE order_id = ? GROUP BY tender "
        "ORDER BY min(seq), min(position)");
    if (!q) return std::unexpected(q.error());
    q->Bind(1, order_id);
    std::vector<orders::Tender> tenders;
    while (true) {
        auto row = q->Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        tenders.push_back(static_cast<orders::Tender>(q->Int64(0)));
    }
    return tenders;
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
    auto shift = queries::OpenShiftSummary(m_db, m_identity.Origin());
    if (!shift) return std::unexpected(shift.error());
    if (*shift) {
        status.open_shift = (*shift)->shift_id;
        status.expected_cash = (*shift)->expected;
    }
    return status;
}

}  // namespace tillbook::pos
