#include "tillbook/services/returns_desk.hpp"

#include <fmt/format.h>

#include "tillbook/credit/card_number.hpp"
#include "tillbook/ledger/validate.hpp"
#include "tillbook/services/cash_shifts.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::services {

namespace {

// Store credit goes onto the card named, or a new one; the ledger checks the number.
orders::Refund RefundTo(const DeskTender& to, const money::Money& amount) {
    std::string card;
    if (to.tender == orders::Tender::kStoreCredit) {
        auto named = credit::ValidCardNumber(to.card_number);
        card = to.card_number.empty() ? credit::NewCardNumber() : (named ? *named : to.card_number);
    }
    return orders::Refund{to.tender, amount, std::move(card),
                          to.tender == orders::Tender::kCash ? to.shift_id : ""};
}

}  // namespace

Result<std::vector<catalogue::TaxClass>> TaxClassesFor(store::Database& db,
                                                       std::span<const orders::SaleItem> items) {
    std::vector<catalogue::TaxClass> tax_classes;
    for (const orders::SaleItem& item : items) {
        if (item.kind == orders::LineKind::kGiftCard) continue;  // untaxed when sold
        auto tax = store::FindTaxClass(db, item.sku.tax_class);
        if (!tax) return std::unexpected(tax.error());
        if (*tax) tax_classes.push_back(**tax);
    }
    return tax_classes;
}

Result<ReturnReceipt> ReceiveReturn(EventSink& sink, const ledger::Actor& actor,
                                    const orders::Return& ret,
                                    const std::optional<DeskTender>& refund_to) {
    auto currency = money::FindCurrency(ret.currency);
    if (!currency) return std::unexpected(currency.error());
    std::optional<ReturnReceipt> receipt;
    auto ok = sink.Run(actor, [&](LedgerSession& session) -> Status {
        auto received = session.Append(ledger::ReturnReceived{ret});
        if (!received) return std::unexpected(received.error());
        // The projection valued the goods when it stored the return.
        auto stored = session.State().FindReturn(ret.id);
        if (!stored) return std::unexpected(stored.error());
        if (!*stored)
            return std::unexpected(MakeError(ErrorCode::kStorage, "the return was not stored"));
        receipt = ReturnReceipt{ret.id, received->seq,
                                money::Money((*stored)->value_minor, *currency), std::nullopt, ""};
        if (refund_to && (*stored)->value_minor > 0) {
            const orders::Refund refund = RefundTo(*refund_to, receipt->value);
            auto refunded = session.Append(ledger::RefundIssued{ret.order_id, ret.id, refund});
            if (!refunded) return std::unexpected(refunded.error().WithContext("refund"));
            receipt->refund = receipt->value;
            if (refund.tender == orders::Tender::kStoreCredit)
                receipt->credit_card = refund.reference;
        }
        return {};
    });
    if (!ok) return std::unexpected(ok.error());
    return *receipt;
}

Result<std::int64_t> RefundReturn(EventSink& sink, const ledger::Actor& actor,
                                  const std::string& return_id, const money::Money& amount,
                                  const DeskTender& to) {
    std::int64_t seq = 0;
    auto ok = sink.Run(actor, [&](LedgerSession& session) -> Status {
        auto ret = session.State().FindReturn(return_id);
        if (!ret) return std::unexpected(ret.error());
        if (!*ret) {
            return std::unexpected(
                MakeError(ErrorCode::kNotFound, fmt::format("no return {}", return_id)));
        }
        auto refunded =
            session.Append(ledger::RefundIssued{(*ret)->order_id, return_id, RefundTo(to, amount)});
        if (!refunded) return std::unexpected(refunded.error());
        seq = refunded->seq;
        return {};
    });
    if (!ok) return std::unexpected(ok.error());
    return seq;
}

Result<std::int64_t> RefundReturnReceivedAtOffice(EventSink& sink, const ledger::Actor& actor,
                                                  std::string_view terminal,
                                                  const std::string& order_id,
                                                  const std::string& return_id,
                                                  orders::Refund refund) {
    std::int64_t seq = 0;
    auto ok = sink.Run(actor, [&](LedgerSession& session) -> Status {
        refund.shift_id.clear();
        if (refund.tender == orders::Tender::kCash) {
            auto shift = NeedOpenShift(session, terminal);
            if (!shift) return std::unexpected(shift.error());
            refund.shift_id = shift->id;
        }
        auto refunded = session.Append(ledger::RefundIssued{order_id, return_id, refund});
        if (!refunded) return std::unexpected(refunded.error());
        seq = refunded->seq;
        return {};
    });
    if (!ok) return std::unexpected(ok.error());
    return seq;
}

Result<ExchangeReceipt> CompleteExchange(EventSink& sink, const ledger::Actor& actor,
                                         const orders::Return& ret,
                                         std::span<const orders::SaleItem> new_goods,
                                         const std::optional<DeskTender>& tender,
                                         const NewSaleNumbering& number_new_sale) {
    std::optional<ExchangeReceipt> receipt;
    auto ok = sink.Run(actor, [&](LedgerSession& session) -> Status {
        // The return on its own first: an over-return is refused with the ledger's own words
        // before anything is priced or settled.
        if (auto valid = ledger::ValidatePayload(ledger::ReturnReceived{ret}, session.State());
            !valid)
            return valid;
        auto credit = ledger::ValueOfReturn(ret, session.State());
        if (!credit) return std::unexpected(credit.error());
        auto sale = number_new_sale(session);
        if (!sale) return std::unexpected(sale.error());
        // Priced from the catalogue as it is now, inside the transaction.
        std::vector<orders::SaleItem> items(new_goods.begin(), new_goods.end());
        for (std::size_t i = 0; i < items.size(); ++i) {
            auto sku = store::FindSku(session.Db(), items[i].sku.code);
            if (!sku) return std::unexpected(sku.error());
            if (!*sku) {
                return std::unexpected(MakeError(ErrorCode::kNotFound,
                                                 fmt::format("no SKU {}", items[i].sku.code),
                                                 fmt::format("new_goods[{}].sku", i)));
            }
            items[i].sku = std::move(**sku);
        }
        auto tax_classes = TaxClassesFor(session.Db(), items);
        if (!tax_classes) return std::unexpected(tax_classes.error());
        auto new_order = orders::BuildStoreSale(*sale, items, *tax_classes);
        if (!new_order) return std::unexpected(new_order.error().WithContext("new_goods"));
        auto totals = orders::ComputeTotals(*new_order);
        if (!totals) return std::unexpected(totals.error());
        auto difference = totals->total.Minus(*credit);
        if (!difference) return std::unexpected(difference.error());
        ledger::ExchangeCompleted exchange{ret, *new_order, {}, {}};
        const money::Money zero(0, credit->GetCurrency());
        money::Money paid = zero, refunded = zero;
        std::string credit_card;
        if (!difference->IsZero() && !tender) {
            return std::unexpected(MakeError(
                ErrorCode::kInvalidInput,
                fmt::format("tender: the customer {} {}; say how (cash, card, store_credit{})",
                            difference->IsNegative() ? "is refunded" : "pays",
                            money::FormatMoney(difference->IsNegative() ? *difference->Negated()
                                                                        : *difference),
                            difference->IsNegative() ? ", original" : ""),
                "tender"));
        }
        if (!difference->IsZero() && !difference->IsNegative()) {
            if (tender->tender == orders::Tender::kChannel) {
                return std::unexpected(
                    MakeError(ErrorCode::kInvalidInput,
                              "tender: the customer pays the difference at the desk: cash, card or "
                              "store_credit",
                              "tender"));
            }
            paid = *difference;
            exchange.payments.push_back(
                {tender->tender, paid, paid, "",
                 tender->tender == orders::Tender::kCash ? tender->shift_id : ""});
        } else if (difference->IsNegative()) {
            refunded = *difference->Negated();
            exchange.refunds.push_back(RefundTo(*tender, refunded));
            if (tender->tender == orders::Tender::kStoreCredit)
                credit_card = exchange.refunds.back().reference;
        }
        auto appended = session.Append(exchange);
        if (!appended) return std::unexpected(appended.error());
        receipt = ExchangeReceipt{
            appended->seq, ret.id,          *new_order,          *credit,
            totals->total, std::move(paid), std::move(refunded), std::move(credit_card)};
        return {};
    });
    if (!ok) return std::unexpected(ok.error());
    return *receipt;
}

}  // namespace tillbook::services
