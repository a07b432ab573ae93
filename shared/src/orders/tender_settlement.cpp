#include "tillbook/orders/tender_settlement.hpp"

#include <fmt/format.h>

namespace tillbook::orders {

namespace {

Error Refused(std::size_t index, std::string message) {
    return MakeError(ErrorCode::kInvalidInput, std::move(message),
                     fmt::format("payments[{}]", index));
}

}  // namespace

Result<Settlement> SettleTenders(const money::Money& total,
                                 std::span<const TenderedPayment> tendered) {
    const money::Money zero(0, total.GetCurrency());
    Settlement settlement{{}, zero, total, zero};
    for (std::size_t i = 0; i < tendered.size(); ++i) {
        const TenderedPayment& payment = tendered[i];
        if (payment.given.GetCurrency() != total.GetCurrency()) {
            return std::unexpected(Refused(
                i, fmt::format("a payment in {} for a sale in {}", payment.given.GetCurrency().code,
                               total.GetCurrency().code)));
        }
        if (payment.given.Minor() <= 0)
            return std::unexpected(Refused(i, "a payment must be more than nothing"));
        if (settlement.Covered()) return std::unexpected(Refused(i, "the sale is already paid"));
        Payment kept{payment.tender, payment.given, payment.given, payment.reference, ""};
        if (payment.given.Minor() > settlement.remaining.Minor()) {
            if (payment.tender != Tender::kCash) {
                return std::unexpected(
                    Refused(i, fmt::format("a card payment can be at most the {} still due",
                                           money::FormatMoney(settlement.remaining))));
            }
            if (i + 1 != tendered.size())
                return std::unexpected(
                    Refused(i, "cash above what is due must be the last payment"));
            kept.amount = settlement.remaining;
            settlement.change = money::Money(payment.given.Minor() - settlement.remaining.Minor(),
                                             total.GetCurrency());
        }
        settlement.paid =
            money::Money(settlement.paid.Minor() + kept.amount.Minor(), total.GetCurrency());
        settlement.remaining =
            money::Money(settlement.remaining.Minor() - kept.amount.Minor(), total.GetCurrency());
        settlement.payments.push_back(std::move(kept));
    }
    return settlement;
}

}  // namespace tillbook::orders
