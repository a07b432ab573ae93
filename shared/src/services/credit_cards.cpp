#include "tillbook/services/credit_cards.hpp"

#include <fmt/format.h>

#include "tillbook/credit/card_number.hpp"

namespace tillbook::services {

namespace {

// The card's balance after the event just appended, in `session`'s transaction.
Result<money::Money> BalanceOf(LedgerSession& session, const std::string& card_number,
                               const money::Currency& currency) {
    auto card = session.State().FindCreditCard(card_number);
    if (!card) return std::unexpected(card.error());
    if (!*card) return std::unexpected(MakeError(ErrorCode::kStorage, "the card was not stored"));
    return money::Money((*card)->balance_minor, currency);
}

// Appends `payload`, which moves `amount` on `move.card_number`, and fills in the rest of `move`.
Status AppendMove(LedgerSession& session, ledger::EventPayload payload, CreditMove& move) {
    auto appended = session.Append(std::move(payload));
    if (!appended) return std::unexpected(appended.error());
    auto balance = BalanceOf(session, move.card_number, move.amount.GetCurrency());
    if (!balance) return std::unexpected(balance.error());
    move.balance = *balance;
    move.seq = appended->seq;
    return {};
}

}  // namespace

Result<CreditMove> RedeemCredit(EventSink& sink, const ledger::Actor& actor,
                                const std::string& card_number, const money::Money& amount,
                                const std::string& note) {
    CreditMove move{card_number, "", amount, amount, 0};
    auto ok = sink.Run(actor, [&](LedgerSession& session) -> Status {
        move.redemption_id = session.NewId();
        return AppendMove(
            session, ledger::CreditRedeemed{move.redemption_id, card_number, amount, note}, move);
    });
    if (!ok) return std::unexpected(ok.error());
    return move;
}

Result<CreditMove> CancelRedemption(EventSink& sink, const ledger::Actor& actor,
                                    const std::string& redemption_id) {
    CreditMove move;
    auto ok = sink.Run(actor, [&](LedgerSession& session) -> Status {
        auto found = session.State().FindRedemption(redemption_id);
        if (!found) return std::unexpected(found.error());
        if (!*found) {
            return std::unexpected(
                MakeError(ErrorCode::kNotFound, fmt::format("no redemption {}", redemption_id)));
        }
        auto currency = money::FindCurrency((*found)->currency);
        if (!currency) return std::unexpected(currency.error());
        const money::Money amount((*found)->amount_minor, *currency);
        move = CreditMove{(*found)->card_number, redemption_id, amount, amount, 0};
        return AppendMove(
            session,
            ledger::CreditIssued{move.card_number, amount, "", redemption_id,
                                 fmt::format("redemption {} cancelled", redemption_id)},
            move);
    });
    if (!ok) return std::unexpected(ok.error());
    return move;
}

Result<CreditMove> IssueCredit(EventSink& sink, const ledger::Actor& actor,
                               const money::Money& amount, const std::string& order_id,
                               const std::string& note) {
    CreditMove move{"", "", amount, amount, 0};
    auto ok = sink.Run(actor, [&](LedgerSession& session) -> Status {
        // A new card, never one that holds credit already (one in 10^15, but bearer value).
        for (bool taken = true; taken;) {
            move.card_number = credit::NewCardNumber();
            auto card = session.State().FindCreditCard(move.card_number);
            if (!card) return std::unexpected(card.error());
            taken = card->has_value();
        }
        return AppendMove(session,
                          ledger::CreditIssued{move.card_number, amount, order_id, "", note}, move);
    });
    if (!ok) return std::unexpected(ok.error());
    return move;
}

}  // namespace tillbook::services
